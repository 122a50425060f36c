"""Consistent copies of the live database through SQLite's backup API (never a plain file copy)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path


class BackupError(RuntimeError):
    pass


def backup_database(db_path: Path, dest_dir: Path, label: str = "backup") -> Path:
    """Copy ``db_path`` into ``dest_dir`` as ``<label>-<UTC time>.sqlite``.

    Written to a temp file, checked with ``quick_check``, fsynced, then renamed, so a half-written backup never
    carries a backup's name.
    """
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = dest_dir / f"{label}-{stamp}.sqlite"
    temp = dest_dir / f".{final.name}.partial"
    # as_uri() percent-encodes the path: a raw '?', '#' or '%' in a folder name would cut the URI short.
    source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(temp)
        try:
            source.backup(target)
            # A plain rollback-journal file: reading a backup (even read-only) then leaves no -wal/-shm beside it.
            target.execute("PRAGMA journal_mode=DELETE")
            result = target.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise BackupError(f"the backup copy failed its check: {result}")
        finally:
            target.close()
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
