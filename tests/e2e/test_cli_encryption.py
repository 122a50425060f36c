"""encrypt / rekey / decrypt and the passphrase for every command, through the real entry point in child processes."""

from __future__ import annotations

from pathlib import Path

from gutpain_desktop.storage import DB_FILENAME
from gutpain_desktop.storage.backups import backup_files
from gutpain_desktop.storage.cipher import SQLITE_HEADER
from gutpain_desktop.storage.lock import InstanceLock
from tests.samples import table_counts
from tests.unit.test_encryption import raw_counts

from .test_cli_safety import cli

ONE = "first passphrase, long"
TWO = "second passphrase, longer"


def test_encrypt_use_rekey_and_decrypt_headless(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    db = data_dir / DB_FILENAME
    assert cli("demo", "--years", "0.1", data_dir=data_dir).returncode == 0
    plain = table_counts(db)
    entries = plain["entry"]
    assert entries > 20

    made = cli("encrypt", data_dir=data_dir, extra_env={"GUTPAIN_NEW_PASSPHRASE": ONE})
    assert made.returncode == 0, made.stderr
    assert f"({entries} entries, checked)" in made.stdout and "cannot be recovered" in made.stdout
    assert db.read_bytes()[:16] != SQLITE_HEADER and raw_counts(db, ONE) == plain

    # Without the passphrase: a clear message, no traceback, no SQLCipher noise, nothing changed.
    refused = cli("backup", "--list", data_dir=data_dir)
    assert refused.returncode == 1 and "GUTPAIN_PASSPHRASE" in refused.stderr
    wrong = cli("check", data_dir=data_dir, extra_env={"GUTPAIN_PASSPHRASE": "not the one"})
    assert wrong.returncode == 1 and "does not open this journal" in wrong.stderr
    assert "hmac" not in wrong.stderr.lower() and "Traceback" not in wrong.stderr

    key = {"GUTPAIN_PASSPHRASE": ONE}
    backed = cli("backup", data_dir=data_dir, extra_env=key)
    assert backed.returncode == 0 and f"Backed up {entries} entries" in backed.stdout, backed.stderr
    newest = backup_files(data_dir / "backups")[0].path
    assert newest.read_bytes()[:16] != SQLITE_HEADER and raw_counts(newest, ONE)["entry"] == entries
    listed = cli("backup", "--list", data_dir=data_dir, extra_env=key)
    assert listed.returncode == 0 and "before encryption was turned on" in listed.stdout
    assert "unreadable" not in listed.stdout
    checked = cli("check", data_dir=data_dir, extra_env=key)
    assert checked.returncode == 0 and "Journal: ok" in checked.stdout, checked.stdout + checked.stderr
    assert cli("demo", "--years", "0.2", "--replace", data_dir=data_dir, extra_env=key).returncode == 0
    more = raw_counts(db, ONE)["entry"]
    assert more > entries
    restored = cli("restore", newest.name, data_dir=data_dir, extra_env=key)
    assert restored.returncode == 0 and f"Restored {entries} entries" in restored.stdout, restored.stderr
    assert raw_counts(db, ONE)["entry"] == entries
    exported = cli("export", "--out", str(tmp_path / "out"), data_dir=data_dir, extra_env=key)
    assert exported.returncode == 0 and (tmp_path / "out" / "entries.csv").is_file()

    with InstanceLock(data_dir):  # the app is open: refused
        busy = cli("rekey", data_dir=data_dir, extra_env={**key, "GUTPAIN_NEW_PASSPHRASE": TWO})
    assert busy.returncode == 1 and "already open" in busy.stderr
    short = cli("rekey", data_dir=data_dir, extra_env={**key, "GUTPAIN_NEW_PASSPHRASE": "short"})
    assert short.returncode == 1 and "at least 8" in short.stderr
    rekeyed = cli("rekey", data_dir=data_dir, extra_env={**key, "GUTPAIN_NEW_PASSPHRASE": TWO})
    assert rekeyed.returncode == 0 and f"({entries} entries, checked)" in rekeyed.stdout, rekeyed.stderr
    assert raw_counts(db, TWO)["entry"] == entries

    assert cli("decrypt", data_dir=data_dir, extra_env=key).returncode == 1  # the old one no longer opens it
    opened = cli("decrypt", data_dir=data_dir, extra_env={"GUTPAIN_PASSPHRASE": TWO})
    assert opened.returncode == 0, opened.stderr
    assert db.read_bytes()[:16] == SQLITE_HEADER and table_counts(db)["entry"] == entries
    checked = cli("check", data_dir=data_dir)  # plain again: no passphrase needed
    assert checked.returncode == 0 and "Journal: ok" in checked.stdout, checked.stdout
    assert "encrypted (made while the journal was)" in checked.stdout  # its newest backup, "before decryption"
    listed = cli("backup", "--list", data_dir=data_dir)
    assert "encrypted" in listed.stdout and "unreadable" not in listed.stdout
