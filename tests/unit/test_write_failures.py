"""Disk full, read-only, permission denied: a clear message, nothing half-written, and the next try works."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

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


# Root ignores file permissions (CAP_DAC_OVERRIDE). As root, the attempt runs in a child process whose capability
# bounding set has lost the permission overrides (util-linux's setpriv), so it meets the permissions like anyone else.
DROP_OVERRIDES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
ATTEMPT = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from gutpain_desktop.domain.entries import StressEntry
from gutpain_desktop.storage import open_store
from gutpain_desktop.storage.errors import StorageOpenError, StorageWriteError
try:
    store = open_store(Path(sys.argv[1]))
    try:
        store.entries.add(StressEntry(occurred_at=datetime.now(timezone.utc), level=5))
    finally:
        store.close()
except (StorageOpenError, StorageWriteError) as error:
    print("REFUSED", error)
else:
    print("WRITTEN")
"""


def _attempt_without_permission(data_dir: Path) -> str:
    """Open the journal and save one entry where permissions forbid it; what a person would be told."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: file permissions cannot be enforced")
        prefix = DROP_OVERRIDES
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [*prefix, sys.executable, "-c", ATTEMPT, str(data_dir)], capture_output=True, text=True, env=env, timeout=60
    )
    if os.geteuid() == 0 and "setpriv" in done.stderr:
        pytest.skip(f"setpriv cannot drop capabilities here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(os.name != "posix", reason="POSIX file permissions")
def test_a_journal_without_write_permission_is_refused_with_a_clear_message(data_dir: Path, now: datetime) -> None:
    store = open_store(data_dir)
    store.entries.add(StressEntry(occurred_at=now, level=3))
    store.close()
    os.chmod(data_dir / DB_FILENAME, 0o400)
    os.chmod(data_dir, 0o500)
    try:
        said = _attempt_without_permission(data_dir)
    finally:
        os.chmod(data_dir, 0o700)
        os.chmod(data_dir / DB_FILENAME, 0o600)
    assert said.startswith("REFUSED"), said
    assert re.search(r"could not be opened|Not saved", said), said
    assert table_counts(data_dir / DB_FILENAME)["entry"] == 1


def test_a_journal_that_cannot_be_opened_gives_a_clear_message(data_dir: Path) -> None:
    (data_dir / DB_FILENAME).mkdir(parents=True)  # something that is not a file where the journal should be
    with pytest.raises(StorageOpenError, match="could not be opened") as caught:
        open_store(data_dir)
    assert isinstance(caught.value, OSError)  # the app's start-up shows OSErrors as a message, never a traceback
