"""The SQLite engine: durable pragmas on every connection and transactional DDL for migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy is imported when an engine is made: backups and start-up checks need only sqlite3
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 5000


def create_sqlite_engine(db_path: Path, key: str | None = None) -> Engine:
    """An engine on ``db_path`` whose connections are safe for health data.

    Python's sqlite3 driver opens transactions lazily and commits before DDL, so a failed migration would stay half
    applied. Following SQLAlchemy's documented recipe we turn the driver's transaction handling off and emit BEGIN
    ourselves: then DDL and DML share one real transaction that rolls back as a whole.

    With ``key`` the journal is encrypted: SQLAlchemy's ``sqlite+pysqlcipher`` dialect (the ``sqlcipher3`` driver,
    loaded only then) keys every connection before anything reads it; the pragmas below apply the same.
    """
    from sqlalchemy import URL, create_engine, event
    from sqlalchemy.pool import QueuePool

    if key is not None:
        from .cipher import driver

        driver()  # loads sqlcipher3 with its stderr logging off, or says clearly that it is missing
    engine = create_engine(
        # URL.create, not an f-string: a folder name with '?' or '#' must not be read as URL syntax.
        URL.create("sqlite" if key is None else "sqlite+pysqlcipher", password=key, database=str(db_path)),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if sys.platform == "darwin":
                cursor.execute("PRAGMA fullfsync=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def secure_file(path: Path) -> None:
    """Owner-only permissions on the database and its WAL/SHM companions, where the OS supports it."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if candidate.exists():
            with contextlib.suppress(OSError):  # e.g. a FAT-formatted USB stick
                os.chmod(candidate, 0o600)
