"""Disk full, read-only, permission denied: a clear message, nothing half-written, and the next try works."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest

from gutpain_desktop.domain.entries import FoodItem, MealEntry, MealType, StressEntry
from gutpain_desktop.storage import DB_FILENAME, StorageWriteError, Store, open_store
from gutpain_desktop.storage.errors import StorageOpenError
from tests.samples import every_kind, table_counts
from tests.write_faults import disk_full, read_only


def big_day(now: datetime, n: int = 60) -> list[MealEntry]:
    return [
        MealEntry(
            occurred_at=now - timedelta(minutes=i),
            meal_type=MealType.SNACK,
            foods=(FoodItem(f"Food number {i}", ("dairy",)),),
            note="x" * 5000,
        )
        for i in range(n)
    ]


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as raw:
        found = raw.execute("PRAGMA integrity_check").fetchone()[0]
    raw.close()
    return str(found)


def test_a_full_disk_gives_a_clear_message_and_writes_nothing(store: Store, now: datetime) -> None:
    store.entries.add_many(every_kind(now))
    before = table_counts(store.path)
    with disk_full(store), pytest.raises(StorageWriteError) as caught:
        store.entries.add_many(big_day(now))  # one transaction that needs more room than there is
    message = str(caught.value)
    assert message.startswith("Not saved.") and "disk" in message and "full" in message
    assert "still here" in message
    assert table_counts(store.path) == before  # not one of the 60 meals, no food memory
    assert integrity(store.path) == "ok"
    saved = store.entries.add_many(big_day(now))  # room again: the same save now works
    assert len(saved) == 60 and store.entries.count() == 70


def test_a_read_only_journal_gives_a_clear_message_for_every_kind_of_write(store: Store, now: datetime) -> None:
    first = store.entries.add(StressEntry(occurred_at=now, level=3))
    before = table_counts(store.path)
    with read_only(store):
        for attempt in (
            lambda: store.entries.add(StressEntry(occurred_at=now, level=4)),
            lambda: store.entries.update(dataclasses.replace(first, level=9)),
            lambda: store.entries.delete(first.id),
            lambda: store.catalog.add_category("Caffeine"),
            lambda: store.catalog.set_setting("x", "y"),
        ):
            with pytest.raises(StorageWriteError, match="read-only"):
                attempt()
    assert table_counts(store.path) == before
    assert store.entries.get(first.id) == first


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_journal_without_write_permission_is_refused_with_a_clear_message(data_dir: Path, now: datetime) -> None:
    store = open_store(data_dir)
    store.entries.add(StressEntry(occurred_at=now, level=3))
    store.close()
    os.chmod(data_dir / DB_FILENAME, 0o400)
    os.chmod(data_dir, 0o500)
    try:
        with pytest.raises((StorageOpenError, StorageWriteError), match=r"could not be opened|Not saved"):
            reopened = open_store(data_dir)
            try:
                reopened.entries.add(StressEntry(occurred_at=now, level=5, id=uuid4()))
            finally:
                reopened.close()
    finally:
        os.chmod(data_dir, 0o700)
        os.chmod(data_dir / DB_FILENAME, 0o600)
    assert table_counts(data_dir / DB_FILENAME)["entry"] == 1


def test_a_journal_that_cannot_be_opened_gives_a_clear_message(data_dir: Path) -> None:
    (data_dir / DB_FILENAME).mkdir(parents=True)  # something that is not a file where the journal should be
    with pytest.raises(StorageOpenError, match="could not be opened") as caught:
        open_store(data_dir)
    assert isinstance(caught.value, OSError)  # the app's start-up shows OSErrors as a message, never a traceback
