"""Consistent copies of the live database through SQLite's backup API (never a plain file copy)."""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path

from .cipher import connect, error_types, is_encrypted_file


class BackupError(RuntimeError):
    pass


def backup_database(db_path: Path, dest_dir: Path, label: str = "backup", *, key: str | None = None) -> Path:
    """Copy ``db_path`` into ``dest_dir`` as ``<label>-<UTC time>.sqlite``.

    Written to a temp file, checked with ``quick_check``, fsynced, then renamed, so a half-written backup never
    carries a backup's name. The backup of an encrypted journal is encrypted with the same ``key`` (SQLite's backup
    API between two SQLCipher connections keyed alike): it is never written out in the clear.
    """
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = dest_dir / f"{label}-{stamp}.sqlite"
    temp = dest_dir / f".{final.name}.partial"
    encrypted = is_encrypted_file(db_path)
    source = connect(db_path, key, read_only=True)
    try:
        target = connect(temp, key, encrypted=encrypted)
        try:
            source.backup(target)
            # A plain rollback-journal file: reading a backup (even read-only) then leaves no -wal/-shm beside it.
            target.execute("PRAGMA journal_mode=DELETE")
            result = target.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise BackupError(f"the backup copy failed its check: {result}")
        finally:
            target.close()
    except error_types() as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise BackupError(f"the journal could not be copied ({exc})") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    finally:
        source.close()
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(temp, 0o600)
    os.replace(temp, final)
    _fsync_dir(dest_dir)
    return final


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
