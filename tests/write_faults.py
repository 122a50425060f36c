"""Real SQLite write failures for tests (not a test module): a full disk and a read-only journal.

``disk_full`` caps the file at its current size with ``PRAGMA max_page_count`` on every connection: SQLite then
fails exactly as on a full disk (SQLITE_FULL, "database or disk is full"). ``read_only`` sets ``query_only``: writes
fail with SQLITE_READONLY, the code a read-only file or folder gives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from gutpain_desktop.storage import Store


@contextmanager
def _on_every_connection(store: Store, pragma: str) -> Iterator[None]:
    def apply(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute(pragma)

    store.engine.dispose()  # pooled connections are reopened, each with the pragma
    event.listen(store.engine, "connect", apply)
    try:
        yield
    finally:
        event.remove(store.engine, "connect", apply)
        store.engine.dispose()


@contextmanager
def disk_full(store: Store) -> Iterator[None]:
    raw = sqlite3.connect(store.path)
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
    finally:
        raw.close()
    with _on_every_connection(store, f"PRAGMA max_page_count = {pages}"):
        yield


@contextmanager
def read_only(store: Store) -> Iterator[None]:
    with _on_every_connection(store, "PRAGMA query_only = 1"):
        yield
