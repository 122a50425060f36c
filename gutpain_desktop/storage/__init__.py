"""SQLite storage. Only repositories and domain dataclasses leave this package."""

from .errors import StorageWriteError
from .migrate import DatabaseTooNewError, MigrationError
from .repository import CatalogRepository, EntryNotFoundError, EntryRepository
from .store import DB_FILENAME, Store, open_store

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
