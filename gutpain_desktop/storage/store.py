"""Opening the database: folder and file permissions, engine, migrations, built-in catalog."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from .catalog import CatalogRepository
from .engine import create_sqlite_engine, secure_file
from .errors import StorageOpenError, StorageWriteError, explain_open_failure
from .health import DB_FILENAME
from .migrate import MigrationResult, upgrade
from .repository import EntryRepository

__all__ = ["DB_FILENAME", "Store", "open_store"]


@dataclass
class Store:
    """The open database and its repositories. Create with :func:`open_store`."""

    path: Path
    engine: Engine
    entries: EntryRepository
    catalog: CatalogRepository
    migration: MigrationResult
    #: The passphrase of an encrypted journal (None: plain). Kept in memory only, never written anywhere.
    key: str | None = field(default=None, repr=False)
    #: Committed transactions since the store opened (or since :meth:`reload`): "something changed" for backups.
    changes: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        event.listen(self.engine, "commit", self._on_commit)

    def _on_commit(self, _conn: Any) -> None:
        self.changes += 1

    def reload(self, *, backup_dir: Path | None = None) -> MigrationResult:
        """After the file's contents were replaced (a restore): fresh connections, migrations, caches dropped."""
        self.engine.dispose()
        self.migration = upgrade(
            self.engine, self.path, backup_dir=backup_dir or self.path.parent / "backups", key=self.key
        )
        secure_file(self.path)
        self.catalog.ensure_builtins()
        self.entries.forget_cached()
        self.changes += 1
        return self.migration

    def use_key(self, key: str | None) -> None:
        """After the file was swapped for an encrypted, re-keyed or decrypted copy: a new engine with ``key``.

        The repositories share one sessionmaker, which is bound to the new engine; the caller must not hold sessions
        across this (the app runs it while the Settings dialog holds the window).
        """
        self.engine.dispose()
        event.remove(self.engine, "commit", self._on_commit)
        self.engine = create_sqlite_engine(self.path, key)
        event.listen(self.engine, "commit", self._on_commit)
        self.entries._sessions.configure(bind=self.engine)
        self.key = key
        self.entries.forget_cached()
        self.changes += 1

    def close(self) -> None:
        self.engine.dispose()
        secure_file(self.path)


def open_store(data_dir: Path, *, backup_dir: Path | None = None, key: str | None = None) -> Store:
    """Open (creating if needed) the database in ``data_dir``, migrated to the newest schema.

    ``key``: the passphrase of an encrypted journal (check it first with cipher.check_passphrase for a clear
    message); None for a plain one.
    """
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # file systems without permissions
        os.chmod(data_dir, 0o700)
    path = data_dir / DB_FILENAME
    engine = create_sqlite_engine(path, key)
    try:
        migration = upgrade(engine, path, backup_dir=backup_dir or data_dir / "backups", key=key)
        secure_file(path)
        sessions = sessionmaker(engine, expire_on_commit=False)
        catalog = CatalogRepository(sessions)
        catalog.ensure_builtins()
    except (DBAPIError, StorageWriteError) as exc:
        engine.dispose()
        raise StorageOpenError(explain_open_failure(path, exc.__cause__ or exc)) from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(path, engine, EntryRepository(sessions, catalog), catalog, migration, key)
