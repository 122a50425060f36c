"""SQLite storage. Only repositories and domain dataclasses leave this package.

The names below are imported on first use (PEP 562), so that ``storage.health``, ``storage.lock`` and the other
modules without SQLAlchemy can be used at start-up before SQLAlchemy (about 0.3 s to import) is loaded.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalog import CatalogRepository
    from .errors import StorageWriteError
    from .migrate import DatabaseTooNewError, MigrationError
    from .repository import EntryNotFoundError, EntryRepository
    from .store import DB_FILENAME, Store, open_store

_WHERE = {
    "StorageWriteError": ".errors",
    "DatabaseTooNewError": ".migrate",
    "MigrationError": ".migrate",
    "CatalogRepository": ".catalog",
    "EntryNotFoundError": ".repository",
    "EntryRepository": ".repository",
    "DB_FILENAME": ".health",
    "Store": ".store",
    "open_store": ".store",
}

__all__ = [
    "DB_FILENAME",
    "CatalogRepository",
    "DatabaseTooNewError",
    "EntryNotFoundError",
    "EntryRepository",
    "MigrationError",
    "StorageWriteError",
    "Store",
    "open_store",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
