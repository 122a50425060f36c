"""The data safety policy (design guide section 5) as seen from outside: pragmas, permissions, durable reopen."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gutpain_desktop.domain.entries import FoodItem, MealEntry, MealType
from gutpain_desktop.storage import DB_FILENAME, Store, open_store
from gutpain_desktop.storage.backup import backup_database
from gutpain_desktop.storage.migrate import HEAD_REVISION
from tests.samples import every_kind, table_counts

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask, so the test shows that storage itself locks files down."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_every_pooled_connection_has_the_durable_pragmas(store: Store) -> None:
    with store.engine.connect() as first, store.engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_the_file_itself_is_in_wal_mode(store: Store) -> None:
    raw = sqlite3.connect(store.path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent, seen by any connection
    finally:
        raw.close()


@posix_only
def test_folder_and_files_are_private(data_dir: Path, now: datetime, open_umask: None) -> None:
    store = open_store(data_dir)
    try:
        store.entries.add_many(every_kind(now))
        assert mode(data_dir) == 0o700
        assert mode(store.path) == 0o600
        for companion in (data_dir / f"{DB_FILENAME}-wal", data_dir / f"{DB_FILENAME}-shm"):
            if companion.exists():
                assert mode(companion) == 0o600
        backup = backup_database(store.path, data_dir / "backups")
        assert mode(data_dir / "backups") == 0o700
        assert mode(backup) == 0o600
    finally:
        store.close()
    assert mode(store.path) == 0o600


@posix_only
def test_an_existing_open_folder_is_locked_down(data_dir: Path, open_umask: None) -> None:
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    open_store(data_dir).close()
    assert mode(data_dir) == 0o700


def test_closing_and_reopening_keeps_everything(data_dir: Path, now: datetime) -> None:
    store = open_store(data_dir)
    saved = store.entries.add_many(every_kind(now))
    caffeine = store.catalog.add_category("Caffeine")
    tea = store.entries.add(
        MealEntry(
            occurred_at=now - timedelta(seconds=30),
            meal_type=MealType.DRINK,
            foods=(FoodItem("Black tea", ("caffeine",)),),
        )
    )
    store.catalog.set_setting("first_day_of_week", "monday")
    journal = store.entries.journal()
    categories = store.catalog.categories()
    store.close()
    # After close the main file alone holds everything (the WAL was checkpointed into it).
    wal = data_dir / f"{DB_FILENAME}-wal"
    assert not wal.exists() or wal.stat().st_size == 0

    again = open_store(data_dir)
    try:
        assert again.migration.before == again.migration.after == HEAD_REVISION
        assert again.migration.backup is None  # nothing to migrate, nothing backed up
        assert again.entries.entries() == [*saved[:-1], tea, saved[-1]]  # oldest first
        assert again.entries.journal() == journal
        assert again.catalog.categories() == categories and caffeine in categories
        assert again.catalog.remembered_categories("black tea") == ("caffeine",)
        assert again.catalog.setting("first_day_of_week") == "monday"
        assert again.catalog.setting("missing", "default") == "default"
    finally:
        again.close()
    assert not (data_dir / "backups").exists()


def test_builtins_are_added_once(data_dir: Path) -> None:
    open_store(data_dir).close()
    open_store(data_dir).close()
    counts = table_counts(data_dir / DB_FILENAME)
    assert (counts["category"], counts["symptom"]) == (5, 12)


def test_a_folder_name_with_url_characters_keeps_the_database_inside_it(tmp_path: Path, now: datetime) -> None:
    # '?' and '#' once made the database land beside the folder (read as URL syntax) and the backup read an
    # empty file named after the part before '#'.
    folder = tmp_path / "my journal #2 ?draft %41"
    store = open_store(folder)
    try:
        store.entries.add_many(every_kind(now))
        backup = backup_database(store.path, folder / "backups")
    finally:
        store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]
    assert table_counts(folder / DB_FILENAME)["entry"] == 10
    assert table_counts(backup)["entry"] == 10


def test_a_backup_is_a_complete_checked_copy_of_the_live_database(store: Store, now: datetime) -> None:
    store.entries.add_many(every_kind(now))  # still in the WAL: a plain file copy could miss it
    backup = backup_database(store.path, store.path.parent / "backups", label="manual")
    assert backup.name.startswith("manual-") and backup.suffix == ".sqlite"
    assert [p.name for p in backup.parent.iterdir()] == [backup.name]  # no .partial left behind
    raw = sqlite3.connect(backup)
    try:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        raw.close()
    assert table_counts(backup) == table_counts(store.path)
