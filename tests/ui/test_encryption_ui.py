"""Settings ▸ Security (encrypt, change the passphrase, turn it off), the unlock dialog, and the recovery dialog:
real widgets driven as a person would, never exec(); what is in the database is checked with raw drivers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel

from gutpain_desktop.storage import Store, open_store
from gutpain_desktop.storage.backups import backup_files, take_backup
from gutpain_desktop.storage.cipher import SQLITE_HEADER, is_encrypted_file
from gutpain_desktop.storage.encryption import encrypt_journal
from gutpain_desktop.storage.local_settings import load_settings
from gutpain_desktop.storage.safety import check_at_start
from gutpain_desktop.ui.dialogs.recovery_dialog import RESTORE, START_EMPTY, RecoveryDialog
from gutpain_desktop.ui.dialogs.unlock_dialog import NOT_ENCRYPTED, UNLOCKED, UnlockDialog
from tests.samples import every_kind, table_counts
from tests.unit.test_encryption import raw_counts

from .conftest import click, flush, type_into

PASS = "my long passphrase"
NEXT = "another long passphrase"


def open_security(qtbot, window):  # type: ignore[no-untyped-def]
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    return dialog, dialog.security


def test_encryption_is_turned_on_changed_and_off_from_settings(qtbot, window, ui_store: Store, now, tmp_path: Path):
    ui_store.entries.add_many(every_kind(now))
    dialog, page = open_security(qtbot, window)
    dialog.tabs.setCurrentWidget(page)
    assert "not encrypted" in page.state.text()
    assert "cannot be recovered" in page.forgotten.text() and page.forgotten.isVisible()
    assert not page.remember_box.isEnabled()  # no keyring backend here: the passphrase is typed at each start
    assert page.encrypt_button.isVisible() and not page.decrypt_button.isVisible()

    type_into(qtbot, page.new_field, "short")
    type_into(qtbot, page.repeat_field, "short")
    click(qtbot, page.encrypt_button)
    assert page.error.isVisible() and "at least 8" in page.error.text()
    type_into(qtbot, page.new_field, PASS)
    type_into(qtbot, page.repeat_field, PASS + "!")
    click(qtbot, page.encrypt_button)
    assert "not the same" in page.error.text() and not is_encrypted_file(ui_store.path)

    type_into(qtbot, page.repeat_field, PASS)
    click(qtbot, page.encrypt_button)
    qtbot.waitUntil(lambda: page.message.text().startswith("Done"), timeout=20_000)
    assert "10 entries" in page.message.text() and "asks for the passphrase" in page.message.text()
    assert not page.error.isVisible()
    assert ui_store.path.read_bytes()[:16] != SQLITE_HEADER and raw_counts(ui_store.path, PASS)["entry"] == 10
    assert load_settings(ui_store.path.parent).settings.encrypted and page.new_field.text() == ""
    assert "is encrypted" in page.state.text() and page.change_button.isVisible()
    dialog.grab().save(str(tmp_path / "settings-security.png"))
    if (out := Path(__file__).resolve().parents[2] / "benchmarks" / "out").is_dir():
        dialog.grab().save(str(out / "settings-security.png"))

    ui_store.entries.add_many(every_kind(now.replace(hour=0, minute=3)))  # the app keeps saving, encrypted
    assert raw_counts(ui_store.path, PASS)["entry"] == 20

    backups = dialog.backups  # Back up now: encrypted, and its entries are counted with the key
    click(qtbot, backups.backup_button)
    qtbot.waitUntil(lambda: backups.table.rowCount() == 2 and backups.table.item(0, 1).text() == "made by you",
                    timeout=10_000)  # fmt: skip
    assert backups.table.item(0, 3).text() == "20"
    newest = backup_files(window.safety.folder)[0].path
    assert newest.read_bytes()[:16] != SQLITE_HEADER and raw_counts(newest, PASS)["entry"] == 20

    type_into(qtbot, page.new_field, NEXT)
    type_into(qtbot, page.repeat_field, NEXT)
    click(qtbot, page.change_button)
    qtbot.waitUntil(lambda: page.message.text().startswith("Done"), timeout=20_000)
    assert raw_counts(ui_store.path, NEXT)["entry"] == 20 and ui_store.entries.count() == 20

    asked: list[str] = []
    page.confirm = lambda text: asked.append(text) is not None and False  # the person says no
    click(qtbot, page.decrypt_button)
    assert asked and "backed up first" in asked[0] and is_encrypted_file(ui_store.path)
    page.confirm = lambda text: True
    page.message.clear()
    click(qtbot, page.decrypt_button)
    qtbot.waitUntil(lambda: page.message.text().startswith("Done"), timeout=20_000)
    assert "no longer encrypted (20 entries" in page.message.text()
    assert ui_store.path.read_bytes()[:16] == SQLITE_HEADER and table_counts(ui_store.path)["entry"] == 20
    assert not load_settings(ui_store.path.parent).settings.encrypted
    assert "not encrypted" in page.state.text()
    ui_store.entries.add_many(every_kind(now.replace(hour=0, minute=5)))
    assert table_counts(ui_store.path)["entry"] == 30
    flush()


def test_the_unlock_dialog_refuses_a_wrong_passphrase_and_opens_with_the_right_one(qtbot, tmp_path: Path, now):
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    store.entries.add_many(every_kind(now))
    store.close()
    encrypt_journal(data_dir, store.path, PASS, data_dir / "backups")

    dialog = UnlockDialog(store.path, keyring_available=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "cannot be recovered" in dialog.forgotten.text()
    assert not dialog.remember_box.isEnabled()
    click(qtbot, dialog.unlock_button)
    assert "type your passphrase" in dialog.error.text()
    type_into(qtbot, dialog.field, "not my passphrase")
    click(qtbot, dialog.unlock_button)
    # The key derivation (slow on purpose) runs off the UI thread; meanwhile the button says so and waits.
    assert dialog.checking and not dialog.unlock_button.isEnabled() and dialog.unlock_button.text() == "Checking…"
    qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)
    assert dialog.unlock_button.isEnabled()
    assert dialog.error.isVisible() and "does not open this journal" in dialog.error.text()
    assert "hmac" not in dialog.error.text().lower()
    assert dialog.field.text() == "" and dialog.isVisible() and dialog.passphrase is None
    dialog.grab().save(str(tmp_path / "unlock-wrong.png"))
    if (out := Path(__file__).resolve().parents[2] / "benchmarks" / "out").is_dir():
        dialog.grab().save(str(out / "unlock-wrong.png"))

    type_into(qtbot, dialog.field, PASS)
    click(qtbot, dialog.unlock_button)
    qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.passphrase == PASS and not dialog.remember
    assert dialog.choice == UNLOCKED and dialog.never_button is None
    reopened = open_store(data_dir, key=dialog.passphrase)
    try:
        assert reopened.entries.count() == 10
    finally:
        reopened.close()

    # The settings file lost track (it says nothing about encryption): the person may say it was never encrypted.
    unsure = UnlockDialog(store.path, keyring_available=False, maybe_damaged=True)
    qtbot.addWidget(unsure)
    unsure.show()
    shown = " ".join(label.text() for label in unsure.findChildren(QLabel))
    assert "either you encrypted it, or it is damaged" in shown
    assert unsure.never_button is not None
    click(qtbot, unsure.never_button)
    assert unsure.choice == NOT_ENCRYPTED and unsure.passphrase is None and not unsure.isVisible()


def test_the_recovery_dialog_offers_the_newest_good_backup_or_an_empty_journal(qtbot, tmp_path: Path, now):
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    store.entries.add_many(every_kind(now))
    folder = data_dir / "backups"
    take_backup(store.path, folder, "auto")
    store.close()
    store.path.write_bytes(b"this is no longer a journal" * 200)
    found = check_at_start(store.path, folder)
    assert found.damaged and found.offer is not None

    dialog = RecoveryDialog(found)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "could not be read safely" in shown and "Nothing was deleted" in shown
    assert "holds 10 entries" in shown and "Automatic backups are paused" in shown
    assert dialog.restore_button is not None and dialog.restore_button.isDefault()
    assert dialog.empty_button.text().replace("&", "") == "Start an empty journal"
    dialog.grab().save(str(tmp_path / "recovery.png"))
    click(qtbot, dialog.restore_button)
    assert dialog.choice == RESTORE and dialog.result() == QDialog.DialogCode.Accepted

    nothing = check_at_start(store.path, tmp_path / "no backups")  # the damaged file was moved aside: nothing to check
    assert not nothing.damaged
    (data_dir / "gutpain.sqlite").write_bytes(b"again not a journal" * 200)
    bare = check_at_start(store.path, tmp_path / "no backups")
    empty = RecoveryDialog(bare)
    qtbot.addWidget(empty)
    empty.show()
    assert "No backup that passes its check was found" in " ".join(label.text() for label in empty.findChildren(QLabel))
    assert empty.restore_button is None and empty.empty_button.text().replace("&", "") == "Continue"
    click(qtbot, empty.empty_button)
    assert empty.choice == START_EMPTY and empty.result() == QDialog.DialogCode.Rejected
