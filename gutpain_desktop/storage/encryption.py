"""Turning encryption at rest on, changing the passphrase, turning it off. No Qt here.

Each change follows the same steps, so that nothing can be lost:

1. check the current passphrase (if any) and back the journal up as it is (that backup keeps its old encryption);
2. write a complete copy with SQLCipher's ``sqlcipher_export`` (``ATTACH ... KEY``) into a temp file beside it;
3. open the copy with the new passphrase, switch it to WAL, ``quick_check`` it and compare every table's row count
   with the journal's; fsync it;
4. checkpoint the journal's WAL into it and check that no connection is left, then rename the copy over it
   (atomic), fsync the folder.

The settings file records that the journal is encrypted (never the passphrase). It is marked encrypted *before* the
swap when encrypting and plain *after* the swap when decrypting, so after a crash at any moment an encrypted file is
never taken for a damaged plain one; and the file's own header always says which it is.

The caller must have closed every connection to the journal (``Store.engine.dispose()``) and hold the instance lock.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .backup import BackupError
from .backups import take_backup
from .cipher import (
    MIN_PASSPHRASE,
    PassphraseError,
    check_passphrase,
    connect,
    export_copy,
    fsync_file,
    io_error_types,
    is_encrypted_file,
    remove_quietly,
)
from .engine import BUSY_TIMEOUT_MS, secure_file
from .health import companions
from .local_settings import update_settings


class EncryptionError(RuntimeError):
    """The change could not be made; the journal was left exactly as it was."""


@dataclass(frozen=True, slots=True)
class EncryptionResult:
    #: Rows in every table, equal in the journal before and after (checked).
    counts: dict[str, int]
    #: The backup taken just before (in the journal's former encryption).
    backup: Path
    encrypted: bool

    @property
    def entries(self) -> int:
        return self.counts.get("entry", 0)


def passphrase_problem(passphrase: str, repeated: str | None = None) -> str:
    """Why a new passphrase cannot be used, in words for the person; empty when it can."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"Please choose a passphrase of at least {MIN_PASSPHRASE} characters."
    if "\x00" in passphrase:
        return "A passphrase cannot contain a NUL character."
    if repeated is not None and repeated != passphrase:
        return "The two passphrases are not the same. Please type them again."
    return ""


def encrypt_journal(data_dir: Path, db_path: Path, new_key: str, backup_dir: Path) -> EncryptionResult:
    """Encrypt the plain journal with ``new_key``."""
    if is_encrypted_file(db_path):
        raise EncryptionError("Your journal is already encrypted.")
    _refuse_weak(new_key)
    return _change(data_dir, db_path, None, new_key, backup_dir, "before-encryption")


def change_passphrase(data_dir: Path, db_path: Path, old_key: str, new_key: str, backup_dir: Path) -> EncryptionResult:
    """Re-encrypt the journal with ``new_key`` (a full new copy, not an in-place rekey)."""
    if not is_encrypted_file(db_path):
        raise EncryptionError("Your journal is not encrypted, so it has no passphrase to change.")
    _refuse_weak(new_key)
    return _change(data_dir, db_path, old_key, new_key, backup_dir, "before-new-passphrase")


def decrypt_journal(data_dir: Path, db_path: Path, old_key: str, backup_dir: Path) -> EncryptionResult:
    """Write the journal back as a plain SQLite file."""
    if not is_encrypted_file(db_path):
        raise EncryptionError("Your journal is not encrypted.")
    return _change(data_dir, db_path, old_key, None, backup_dir, "before-decryption")


def _refuse_weak(new_key: str) -> None:
    problem = passphrase_problem(new_key)
    if problem:
        raise EncryptionError(problem)


def table_counts(db_path: Path, key: str | None) -> dict[str, int]:
    """Rows in every table. Not a read-only connection: a read-only one could not remove the -wal/-shm it leaves."""
    connection = connect(db_path, key, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return _counts(connection)
    finally:
        connection.close()


def _counts(connection: Any) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names}


def _change(
    data_dir: Path, db_path: Path, old_key: str | None, new_key: str | None, backup_dir: Path, label: str
) -> EncryptionResult:
    if not db_path.is_file():
        raise EncryptionError(f"There is no journal at {db_path} yet.")
    if old_key is not None:
        check_passphrase(db_path, old_key)  # PassphraseError: a clear message, nothing changed
    try:
        backup = take_backup(db_path, backup_dir, label, key=old_key).path
        before = table_counts(db_path, old_key)
    except BackupError as exc:
        raise EncryptionError(f"Your journal could not be backed up first, so nothing was changed: {exc}") from exc
    except io_error_types() as exc:
        raise EncryptionError(f"Your journal could not be backed up first, so nothing was changed: {exc}") from exc
    temp = db_path.with_name(f".{db_path.name}.{label}.partial")
    remove_quietly(temp, *companions(temp))
    try:
        export_copy(db_path, old_key, temp, new_key)
        _prepare(temp, new_key, before)
    except BaseException as exc:
        remove_quietly(temp, *companions(temp))
        if isinstance(exc, EncryptionError | PassphraseError):
            raise
        if isinstance(exc, io_error_types()):
            raise EncryptionError(
                f"The new copy of your journal could not be written; nothing was changed: {exc}"
            ) from exc
        raise
    if new_key is not None:
        update_settings(data_dir, encrypted=True)
    try:
        _swap(db_path, old_key, temp)
    except BaseException:
        remove_quietly(temp, *companions(temp))
        if new_key is not None and old_key is None:
            with contextlib.suppress(OSError):
                update_settings(data_dir, encrypted=False)
        raise
    if new_key is None:
        update_settings(data_dir, encrypted=False, remember_passphrase=False)
    after = table_counts(db_path, new_key)
    if after != before:  # pragma: no cover - _prepare compared the copy already
        raise EncryptionError(f"The journal's contents changed during the swap: {before} before, {after} after.")
    return EncryptionResult(after, backup, new_key is not None)


def _prepare(temp: Path, key: str | None, expected: dict[str, int]) -> None:
    """WAL mode, quick_check and the same row counts in the new copy; then fsync it."""
    connection = connect(temp, key, encrypted=key is not None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        found = connection.execute("PRAGMA quick_check").fetchone()
        if found is None or found[0] != "ok":
            raise EncryptionError(f"The new copy of your journal failed its check ({found}); nothing was changed.")
        counts = _counts(connection)
    finally:
        connection.close()  # the last connection: SQLite folds the WAL back and removes it
    if counts != expected:
        raise EncryptionError(
            f"The new copy of your journal does not hold the same rows ({counts} instead of {expected}); nothing was "
            "changed."
        )
    os.chmod(temp, 0o600)
    fsync_file(temp)


def _swap(db_path: Path, old_key: str | None, temp: Path) -> None:
    """Fold the journal's WAL into it, make sure nobody else has it open, then rename ``temp`` over it."""
    connection = connect(db_path, old_key, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        busy, _log, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise EncryptionError("Your journal is in use by another program; close it and try again.")
    finally:
        connection.close()
    wal = companions(db_path)[0]
    if wal.exists() and wal.stat().st_size:
        raise EncryptionError("Your journal is still open somewhere (its write-ahead log is not empty); nothing was "
                              "changed.")  # fmt: skip
    os.replace(temp, db_path)
    # An empty -wal / stale -shm of the old file must not meet the new one.
    remove_quietly(*companions(db_path), *companions(temp))
    if os.name == "posix":
        fd = os.open(db_path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    secure_file(db_path)
