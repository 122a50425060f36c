"""Backups over time, restore, the start-up check, damaged files moved aside, the instance lock (real files)."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gutpain_desktop.storage import DB_FILENAME, Store, open_store
from gutpain_desktop.storage.backups import (
    DEFAULT_RULE,
    RestoreError,
    RetentionRule,
    backup_files,
    list_backups,
    parse_name,
    prune,
    take_backup,
    to_keep,
)
from gutpain_desktop.storage.health import Verdict, full_check, quick_check
from gutpain_desktop.storage.lock import AlreadyOpenError, InstanceLock
from gutpain_desktop.storage.safety import AutoBackup, check_at_start, recover_from, restore
from tests.samples import every_kind, table_counts


def stamp_name(label: str, moment: datetime) -> str:
    return f"{label}-{moment.astimezone(UTC).strftime('%Y%m%dT%H%M%S%fZ')}.sqlite"


def fake_backups(folder: Path, source: Path, moments: list[datetime]) -> list[Path]:
    """Backups dated in the past: real copies of ``source`` renamed as if taken at ``moments``."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for moment in moments:
        taken = take_backup(source, folder, "auto", rule=None).path
        target = folder / stamp_name("auto", moment)
        taken.rename(target)
        made.append(target)
    return made


# --- retention -------------------------------------------------------------------------------------------------


def test_the_rule_keeps_recent_daily_weekly_and_monthly() -> None:
    now = datetime(2025, 6, 30, 21, 0, tzinfo=UTC)
    # every 30 minutes for two days, then one a day for 400 days
    stamps = [now - timedelta(minutes=30 * i) for i in range(96)]
    stamps += [now - timedelta(days=d, hours=3) for d in range(2, 400)]
    kept = sorted((stamps[i] for i in to_keep(stamps, DEFAULT_RULE, UTC)), reverse=True)
    assert kept[:5] == sorted(stamps, reverse=True)[:5]  # the newest five
    days = {t.date() for t in kept}
    assert all((now - timedelta(days=d)).date() in days for d in range(7))  # one for each of the last 7 days
    weeks = {t.isocalendar()[:2] for t in kept}
    assert len(weeks) >= 8
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12
    assert len(kept) <= 5 + 7 + 8 + 12
    assert min(kept) >= now - timedelta(days=400)


def test_pruning_removes_only_our_files_beyond_the_rule(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    now = datetime.now(UTC)
    made = fake_backups(folder, store.path, [now - timedelta(days=d) for d in range(0, 40)])
    (folder / "my-notes.txt").write_text("mine")
    (folder / "holiday-photo.sqlite").write_text("not ours")
    removed = prune(folder, RetentionRule(recent=2, daily=3, weekly=2, monthly=1))
    left = {p.name for p in folder.iterdir()}
    assert "my-notes.txt" in left and "holiday-photo.sqlite" in left
    assert {p.name for p in removed} | left == {p.name for p in made} | {"my-notes.txt", "holiday-photo.sqlite"}
    assert 3 <= len(backup_files(folder)) <= 2 + 3 + 2 + 1
    assert made[0].name in left  # the newest always stays


def test_backups_are_listed_newest_first_with_size_and_entries(store: Store, now: datetime, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    first = take_backup(store.path, folder, "start").path
    store.entries.add_many(every_kind(now))
    second = take_backup(store.path, folder, "manual").path
    found = list_backups(folder)
    assert [i.file.path for i in found] == [second, first]
    assert [i.entries for i in found] == [10, 0]
    assert found[0].size == second.stat().st_size > 0
    assert found[0].file.label_text == "made by you" and found[1].file.label_text == "at start"
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.name, second.name])  # no -wal/-shm after reads


def test_parse_name_reads_back_what_backup_writes(store: Store, tmp_path: Path) -> None:
    path = take_backup(store.path, tmp_path, "before-migration-0001").path
    parsed = parse_name(path.name)
    assert parsed is not None and parsed[0] == "before-migration-0001"
    assert abs(parsed[1] - datetime.now(UTC)) < timedelta(minutes=1)
    assert parse_name("gutpain.sqlite") is None and parse_name("auto-20251301T000000000000Z.sqlite") is None


# --- restore ---------------------------------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_the_journal_as_it_was(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    folder = tmp_path / "b"
    store.entries.add_many(every_kind(now)[:3])
    three = take_backup(store.path, folder, "manual").path
    store.entries.add_many(every_kind(now - timedelta(hours=2)))
    assert store.entries.count() == 13

    result = restore(store.path, three, folder)  # while the store is open, as in the app
    store.reload(backup_dir=folder)
    assert store.entries.count() == 3 == result.entries
    assert result.safety_copy is not None and table_counts(result.safety_copy)["entry"] == 13
    saved = store.entries.add(every_kind(now)[5])  # and it keeps working
    assert store.entries.get(saved.id) == saved

    undo = restore(store.path, result.safety_copy, folder)  # a restore can itself be undone
    store.reload(backup_dir=folder)
    assert store.entries.count() == 13 and undo.safety_copy is not None
    raw = sqlite3.connect(store.path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        raw.close()


def test_a_damaged_or_foreign_backup_is_refused_and_nothing_changes(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    store.entries.add_many(every_kind(now))
    folder = tmp_path / "b"
    bad = tmp_path / "not-a-backup.sqlite"
    bad.write_bytes(b"hello, this is not a database" * 100)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    before = table_counts(store.path)
    for candidate, message in ((bad, "cannot be used"), (other, "not made by this version"), (tmp_path / "no", "no")):
        with pytest.raises(RestoreError, match=message):
            restore(store.path, candidate, folder)
    assert table_counts(store.path) == before
    assert not folder.exists()  # not even a safety copy was needed


# --- start-up check and quarantine -----------------------------------------------------------------------------


def make_journal(data_dir: Path, now: datetime) -> Path:
    store = open_store(data_dir)
    try:
        store.entries.add_many(every_kind(now))
    finally:
        store.close()
    return data_dir / DB_FILENAME


def corrupt_a_page(db_path: Path) -> None:
    size = db_path.stat().st_size
    with open(db_path, "r+b") as handle:  # overwrite the middle pages with noise, keeping the header
        handle.seek(4096)
        handle.write(os.urandom(size - 8192))


DAMAGE = {
    "not a database": lambda p: p.write_bytes(b"GIF89a" + os.urandom(5000)),
    "truncated": lambda p: os.truncate(p, p.stat().st_size // 2 + 100),
    "cut inside the header": lambda p: os.truncate(p, 40),
    "damaged pages": corrupt_a_page,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_journal_is_moved_aside_and_the_newest_good_backup_offered(
    damage: str, data_dir: Path, now: datetime, tmp_path: Path
) -> None:
    db_path = make_journal(data_dir, now)
    folder = tmp_path / "b"
    older = take_backup(db_path, folder, "auto").path
    newest = take_backup(db_path, folder, "auto").path
    newest.write_bytes(newest.read_bytes()[:5000])  # the newest backup is itself damaged: skipped
    # a WAL with a committed change still in it, as after a crash
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA wal_autocheckpoint=0")
    raw.execute("UPDATE entry SET note = 'in the wal'")
    raw.commit()
    wal_bytes = (data_dir / f"{DB_FILENAME}-wal").read_bytes()
    DAMAGE[damage](db_path)
    raw.close()  # (closing may checkpoint into the damaged file; the check happens after, as at a restart)
    damaged_bytes = db_path.read_bytes()

    found = check_at_start(db_path, folder)
    assert found.damaged and found.check.detail
    assert not db_path.exists()
    moved = {p.name.split(".damaged-")[0]: p for p in found.moved_aside}
    assert moved[DB_FILENAME].read_bytes() == damaged_bytes  # kept as it was, never deleted
    assert set(moved) <= {DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm"}
    if f"{DB_FILENAME}-wal" in moved and moved[f"{DB_FILENAME}-wal"].stat().st_size:
        assert moved[f"{DB_FILENAME}-wal"].read_bytes()[:32] == wal_bytes[:32]
    assert found.offer is not None and found.offer.backup.path == older
    text = found.offer.describe()
    assert "holds 10 entries" in text

    recover_from(db_path, older, folder)
    store = open_store(data_dir)
    try:
        assert store.entries.count() == 10
    finally:
        store.close()
    assert quick_check(db_path).ok and full_check(db_path).ok


def test_a_healthy_journal_passes_and_is_left_alone(data_dir: Path, now: datetime, tmp_path: Path) -> None:
    db_path = make_journal(data_dir, now)
    before = db_path.read_bytes()
    found = check_at_start(db_path, tmp_path / "b")
    assert found.check.verdict is Verdict.OK and not found.moved_aside and found.offer is None
    assert db_path.read_bytes() == before
    assert check_at_start(tmp_path / "nothing" / DB_FILENAME, tmp_path).check.verdict is Verdict.MISSING


def test_damage_without_any_backup_offers_nothing_but_keeps_the_file(data_dir: Path, now: datetime) -> None:
    db_path = make_journal(data_dir, now)
    corrupt_a_page(db_path)
    found = check_at_start(db_path, data_dir / "backups")
    assert found.damaged and found.offer is None and found.moved_aside[0].exists()


def test_full_check_finds_broken_links(data_dir: Path, now: datetime) -> None:
    db_path = make_journal(data_dir, now)
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute("DELETE FROM entry WHERE kind = 'meal'")  # its meal details now point at nothing
    raw.commit()
    raw.close()
    assert quick_check(db_path).ok  # the quick check does not look at links
    found = full_check(db_path)
    assert not found.ok and "point at nothing" in found.detail


# --- automatic backups -----------------------------------------------------------------------------------------


def test_automatic_backups_only_when_something_changed_and_never_while_paused(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    auto = AutoBackup(store.path, tmp_path / "b")
    assert auto.run("start", store.changes) is not None
    assert auto.run("auto", store.changes) is None  # nothing changed
    store.entries.add(every_kind(now)[4])
    assert auto.needed(store.changes)
    assert auto.run("auto", store.changes) is not None
    auto.paused = True
    store.entries.add(every_kind(now)[5])
    assert auto.run("auto", store.changes) is None
    assert len(backup_files(tmp_path / "b")) == 2


# --- one copy of the app per folder ----------------------------------------------------------------------------


def test_a_second_lock_on_the_same_folder_is_refused_until_the_first_is_released(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path).acquire()
    with pytest.raises(AlreadyOpenError, match="already open") as refused:
        InstanceLock(tmp_path).acquire()
    assert "tray" in str(refused.value)  # kept running in the tray, the first copy has no window to switch to
    assert InstanceLock(tmp_path / "elsewhere").acquire().held
    first.release()
    with InstanceLock(tmp_path) as again:
        assert again.held
    if os.name == "posix":
        assert stat.S_IMODE(first.path.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_the_settings_file_backups_and_their_folder_are_owner_only(store: Store, tmp_path: Path) -> None:
    from gutpain_desktop.storage.local_settings import settings_path, update_settings

    previous = os.umask(0)  # the most permissive umask: the code itself must lock things down
    try:
        update_settings(tmp_path / "data2", backup_dir=tmp_path / "usb" / "backups")
        made = take_backup(store.path, tmp_path / "usb" / "backups", "manual").path
    finally:
        os.umask(previous)
    assert stat.S_IMODE(settings_path(tmp_path / "data2").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "data2").stat().st_mode) == 0o700
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
