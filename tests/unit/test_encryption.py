"""Encryption at rest: on, new passphrase, off, with every row checked in the database; encrypted backups; wrong
passphrases; the keyring fallback. Real SQLCipher files, read back with raw drivers, not our storage code."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from gutpain_desktop import keychain
from gutpain_desktop.storage import Store, open_store
from gutpain_desktop.storage.backups import backup_files, list_backups, take_backup
from gutpain_desktop.storage.cipher import SQLITE_HEADER, PassphraseError, check_passphrase, driver, is_encrypted_file
from gutpain_desktop.storage.encryption import (
    EncryptionError,
    change_passphrase,
    decrypt_journal,
    encrypt_journal,
    passphrase_problem,
)
from gutpain_desktop.storage.health import count_entries, quick_check
from gutpain_desktop.storage.local_settings import load_settings, settings_path
from gutpain_desktop.storage.safety import check_at_start, restore
from tests.samples import every_kind, table_counts

FIRST = "correct horse 'battery\" é"  # quotes and accents must survive the SQL literal
SECOND = "a whole new passphrase"


def raw_counts(path: Path, key: str) -> dict[str, int]:
    """Rows per table read with the raw sqlcipher3 driver and the key."""
    conn = driver().connect(str(path))
    try:
        conn.execute("PRAGMA key = '" + key.replace("'", "''") + "'")
        query = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        names = [r[0] for r in conn.execute(query)]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def first_bytes(path: Path) -> bytes:
    return path.read_bytes()[:16]


@pytest.fixture
def filled(data_dir: Path, now: datetime) -> Path:
    store = open_store(data_dir)
    store.entries.add_many(every_kind(now))
    store.entries.add_many(every_kind(now.replace(day=1) if now.day != 1 else now.replace(day=2)))
    store.close()
    return store.path


def test_encrypt_rekey_decrypt_round_trip_keeps_every_row(filled: Path, data_dir: Path) -> None:
    folder = data_dir / "backups"
    plain = table_counts(filled)
    assert plain["entry"] == 20

    on = encrypt_journal(data_dir, filled, FIRST, folder)
    assert on.counts == plain and on.entries == 20
    assert first_bytes(filled) != SQLITE_HEADER and is_encrypted_file(filled)
    with pytest.raises(sqlite3.DatabaseError):
        table_counts(filled)  # plain sqlite3 cannot read it
    assert raw_counts(filled, FIRST) == plain
    assert load_settings(data_dir).settings.encrypted
    assert FIRST not in settings_path(data_dir).read_text()  # the passphrase is never written down
    assert first_bytes(on.backup) == SQLITE_HEADER and table_counts(on.backup) == plain  # the backup before: as it was
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".") or p.name.endswith(("-wal", "-shm"))]

    store = open_store(data_dir, key=FIRST)  # the app's own storage opens it, in WAL mode
    try:
        assert store.entries.count() == 20
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        store.close()

    new = change_passphrase(data_dir, filled, FIRST, SECOND, folder)
    assert new.counts == plain and raw_counts(filled, SECOND) == plain
    with pytest.raises(PassphraseError):
        check_passphrase(filled, FIRST)
    assert first_bytes(new.backup) != SQLITE_HEADER and raw_counts(new.backup, FIRST) == plain  # the old key's backup

    off = decrypt_journal(data_dir, filled, SECOND, folder)
    assert off.counts == plain and first_bytes(filled) == SQLITE_HEADER and table_counts(filled) == plain
    assert not load_settings(data_dir).settings.encrypted
    assert raw_counts(off.backup, SECOND) == plain  # the backup before turning it off stays encrypted
    with sqlite3.connect(filled) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    labels = [b.label for b in backup_files(folder)]
    assert labels == ["before-decryption", "before-new-passphrase", "before-encryption"]


def test_wrong_passphrase_is_refused_and_changes_nothing(filled: Path, data_dir: Path) -> None:
    folder = data_dir / "backups"
    encrypt_journal(data_dir, filled, FIRST, folder)
    before = filled.read_bytes()
    with pytest.raises(PassphraseError, match="does not open this journal"):
        change_passphrase(data_dir, filled, "not it at all", SECOND, folder)
    with pytest.raises(PassphraseError):
        decrypt_journal(data_dir, filled, "", folder)
    assert filled.read_bytes() == before and len(backup_files(folder)) == 1
    with pytest.raises(EncryptionError, match="already encrypted"):
        encrypt_journal(data_dir, filled, SECOND, folder)
    with pytest.raises(EncryptionError, match="at least 8"):
        change_passphrase(data_dir, filled, FIRST, "short", folder)
    assert passphrase_problem("long enough", "long enougH").startswith("The two passphrases are not the same")


def test_backups_of_an_encrypted_journal_are_encrypted_listed_checked_and_restored(
    filled: Path, data_dir: Path, now: datetime
) -> None:
    folder = data_dir / "backups"
    encrypt_journal(data_dir, filled, FIRST, folder)
    store = open_store(data_dir, key=FIRST)
    try:
        made = take_backup(store.path, folder, "manual", key=FIRST).path
        assert first_bytes(made) != SQLITE_HEADER
        assert raw_counts(made, FIRST)["entry"] == 20
        assert quick_check(made, FIRST).ok and not quick_check(made).ok  # without the key it is not readable
        infos = list_backups(folder, FIRST)
        assert [(i.file.label, i.entries) for i in infos] == [("manual", 20), ("before-encryption", 20)]
        assert count_entries(made) is None  # no key: unreadable, never a crash
        store.entries.add_many(every_kind(now.replace(hour=0, minute=1)))
        assert store.entries.count() == 30

        result = restore(store.path, made, folder, FIRST)  # encrypted into encrypted: the backup API, same key
        store.reload(backup_dir=folder)
        assert result.entries == 20 and store.entries.count() == 20
        assert result.safety_copy is not None and raw_counts(result.safety_copy, FIRST)["entry"] == 30
        assert is_encrypted_file(store.path)

        plain_backup = backup_files(folder)[-1].path  # "before-encryption": plain
        assert first_bytes(plain_backup) == SQLITE_HEADER
        result = restore(store.path, plain_backup, folder, FIRST)  # plain into encrypted: stays encrypted
        store.reload(backup_dir=folder)
        assert store.entries.count() == 20 and is_encrypted_file(store.path)
        assert raw_counts(store.path, FIRST)["entry"] == 20
    finally:
        store.close()
    assert check_at_start(filled, folder, FIRST).check.ok


def test_the_keyring_falls_back_to_typing_when_there_is_no_backend(tmp_path: Path) -> None:
    # This machine has the keyring package but no backend (keyring.backends.fail): nothing is stored, nothing raises.
    assert keychain.available() is False
    assert keychain.save(tmp_path, FIRST) is False
    assert keychain.load(tmp_path) is None
    keychain.forget(tmp_path)


def test_a_store_switches_engines_when_the_file_is_swapped(store: Store, now: datetime) -> None:
    store.entries.add_many(every_kind(now))
    data_dir = store.path.parent
    store.engine.dispose()
    encrypt_journal(data_dir, store.path, FIRST, data_dir / "backups")
    store.use_key(FIRST)
    store.entries.add_many(every_kind(now.replace(hour=0, minute=2)))
    assert store.entries.count() == 20 and raw_counts(store.path, FIRST)["entry"] == 20
