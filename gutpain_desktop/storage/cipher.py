"""Connections to a journal or backup that may be encrypted with SQLCipher. No Qt here.

A file whose first 16 bytes are SQLite's header is plain and opened with Python's ``sqlite3``; any other non-empty
file is taken to be SQLCipher-encrypted and opened with ``sqlcipher3`` and the passphrase. ``sqlcipher3`` is imported
only when an encrypted file is met (or made), so plain journals never load it.

SQLCipher logs "hmac check failed" to stderr when a passphrase is wrong; its log level is set to NONE once, when the
driver is loaded, so that noise never reaches the person (the wrong passphrase gets our own message instead).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from ..i18n import QT_TRANSLATE_NOOP

SQLITE_HEADER = b"SQLite format 3\x00"
#: Environment variables the commands read passphrases from (scripts and tests); a terminal is asked otherwise.
PASSPHRASE_ENV = "GUTPAIN_PASSPHRASE"
NEW_PASSPHRASE_ENV = "GUTPAIN_NEW_PASSPHRASE"
#: Shortest passphrase accepted when encryption is turned on or the passphrase changed.
MIN_PASSPHRASE = 8

FORGOTTEN = QT_TRANSLATE_NOOP(
    "Labels",
    "A forgotten passphrase cannot be recovered: without it nobody, not even the makers of this app, can open your "
    "journal or its backups. Write it down somewhere safe.",
)


class EncryptionUnavailableError(RuntimeError):
    """The SQLCipher driver (the ``sqlcipher3`` package) is not installed."""


class PassphraseError(RuntimeError):
    """The passphrase does not open the file (or none was given for an encrypted file). Nothing was changed."""


_driver: ModuleType | None = None


def driver() -> ModuleType:
    """The ``sqlcipher3`` DB-API module, loaded on first use with SQLCipher's logging turned off."""
    global _driver
    if _driver is None:
        try:
            import sqlcipher3.dbapi2 as module  # type: ignore[import-untyped]
        except ImportError as exc:  # pragma: no cover - a runtime dependency; only a broken install lacks it
            raise EncryptionUnavailableError(
                "Encryption needs the sqlcipher3 package, which is not installed with this copy of the app."
            ) from exc
        probe = module.connect(":memory:")
        try:
            probe.execute("PRAGMA cipher_log_level = NONE")  # process-wide: no "hmac check failed" on stderr
        finally:
            probe.close()
        _driver = module
    return _driver


def error_types() -> tuple[type[BaseException], ...]:
    """Database errors of both drivers (the SQLCipher one only once it is loaded)."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, loaded.Error) if loaded is not None else (sqlite3.Error,)


def open_error_types() -> tuple[type[BaseException], ...]:
    """What opening and reading a file may raise: a missing passphrase, or a database error of either driver."""
    return (PassphraseError, *error_types())


def io_error_types() -> tuple[type[BaseException], ...]:
    """The operating system's errors and the database errors of either driver."""
    return (OSError, *error_types())


def is_database_error(error: BaseException) -> bool:
    return isinstance(error, error_types())


def is_integrity_error(error: BaseException) -> bool:
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    if isinstance(error, sqlite3.IntegrityError):
        return True
    return loaded is not None and isinstance(error, loaded.IntegrityError)


def is_encrypted_file(path: Path) -> bool:
    """True for a non-empty file that does not start with SQLite's header (SQLCipher encrypts page 1 too)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return False
    return len(header) == len(SQLITE_HEADER) and header != SQLITE_HEADER


def literal(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA key cannot take a bound parameter)."""
    if "\x00" in passphrase:
        raise PassphraseError("A passphrase cannot contain a NUL character.")
    return "'" + passphrase.replace("'", "''") + "'"


def _uri(path: Path, read_only: bool) -> str:
    # as_uri() percent-encodes the path: a raw '?', '#' or '%' in a folder name would cut the URI short.
    return f"{path.resolve().as_uri()}?mode=ro" if read_only else f"{path.resolve().as_uri()}"


def connect(
    path: Path, key: str | None, *, read_only: bool = False, timeout: float = 5.0, encrypted: bool | None = None
) -> Any:
    """A DB-API connection on ``path``: ``sqlite3`` for a plain file, ``sqlcipher3`` keyed with ``key`` otherwise.

    ``encrypted`` forces the kind (for a file about to be created); by default the file's header decides. Raises
    :class:`PassphraseError` when the file is encrypted and ``key`` is None. The key itself is checked on first read.
    """
    if encrypted is None:
        encrypted = is_encrypted_file(path)
    if not encrypted:
        return sqlite3.connect(_uri(path, read_only), uri=True, timeout=timeout)
    if not key:  # None, or nothing typed (SQLCipher refuses an empty key)
        raise PassphraseError("This file is encrypted; its passphrase is needed to open it.")
    connection = driver().connect(_uri(path, read_only), uri=True, timeout=timeout)
    try:
        connection.execute(f"PRAGMA key = {literal(key)}")
    except BaseException:
        connection.close()
        raise
    return connection


def check_passphrase(path: Path, key: str | None) -> None:
    """Raise :class:`PassphraseError` unless ``key`` opens the encrypted file ``path`` (reads page 1 only)."""
    try:
        connection = connect(path, key, read_only=True)
    except sqlite3.Error as exc:  # pragma: no cover - a plain file that cannot be opened at all
        raise PassphraseError(f"The file could not be opened ({exc}).") from exc
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except error_types() as exc:
        raise PassphraseError(
            "That passphrase does not open this journal. Check the keyboard layout and Caps Lock, then try again."
        ) from exc
    finally:
        connection.close()


def export_copy(source: Path, source_key: str | None, dest: Path, dest_key: str | None) -> None:
    """Write a full copy of ``source`` to the new file ``dest``, encrypted with ``dest_key`` (None: plain).

    SQLCipher's ``sqlcipher_export`` through ``ATTACH ... KEY``: the only way between a plain and an encrypted file
    (SQLite's backup API needs both sides to share the same key). ``dest`` must not exist.
    """
    if dest.exists():
        raise FileExistsError(dest)
    module = driver()
    connection = module.connect(_uri(source, read_only=False), uri=True, timeout=5.0)
    try:
        if source_key is not None and is_encrypted_file(source):
            connection.execute(f"PRAGMA key = {literal(source_key)}")
        connection.execute("ATTACH DATABASE ? AS copy KEY ?", (str(dest), dest_key or ""))
        try:
            connection.execute("SELECT sqlcipher_export('copy')")
        finally:
            connection.execute("DETACH DATABASE copy")
    finally:
        connection.close()


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
