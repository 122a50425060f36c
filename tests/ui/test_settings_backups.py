"""Settings ▸ Backups: the list a person sees, back up now, choose a folder, restore one after confirming."""

from __future__ import annotations

from pathlib import Path

from gutpain_desktop.storage.backups import backup_files, take_backup
from gutpain_desktop.storage.local_settings import load_settings
from tests.samples import every_kind

from .conftest import click, flush


def open_backups(qtbot, window):  # type: ignore[no-untyped-def]
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    page = dialog.backups
    qtbot.waitUntil(lambda: page.message.text() != "Reading the backups…", timeout=5000)
    return dialog, page


def test_backups_are_listed_and_one_is_restored_after_confirming(qtbot, window, ui_store, now, tmp_path: Path):
    folder = window.safety.folder
    day = every_kind(now)
    ui_store.entries.add_many(day[:4])
    take_backup(ui_store.path, folder, "manual")
    ui_store.entries.add_many(day[4:])
    assert ui_store.entries.count() == 10

    dialog, page = open_backups(qtbot, window)
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "made by you" and page.table.item(0, 3).text() == "4"
    assert page.folder.text() == str(folder)

    click(qtbot, page.backup_button)  # back up now: a second row, with 10 entries
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=5000)
    assert page.table.item(0, 3).text() == "10"

    asked: list[str] = []
    page.confirm = lambda text: asked.append(text) is not None and False  # the person says no: nothing happens
    page.table.selectRow(1)
    click(qtbot, page.restore_button)
    assert asked and "backed up first" in asked[0] and "(4 entries)" in asked[0]
    assert ui_store.entries.count() == 10

    page.confirm = lambda text: True
    page.table.selectRow(1)
    click(qtbot, page.restore_button)
    qtbot.waitUntil(lambda: "Restored" in page.message.text(), timeout=10_000)
    assert ui_store.entries.count() == 4
    assert "4 entries" in window.status_label.text()
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=5000)
    assert page.table.item(0, 1).text() == "before a restore" and page.table.item(0, 3).text() == "10"
    flush()
    window.show_view("Journal")
    assert window.journal.model.rowCount() == 4  # the views show the restored journal
    dialog.grab().save(str(tmp_path / "settings-backups.png"))
    if (out := Path(__file__).resolve().parents[2] / "benchmarks" / "out").is_dir():
        dialog.grab().save(str(out / "settings-backups.png"))


def test_a_new_backup_folder_is_used_and_remembered(qtbot, window, ui_store, tmp_path: Path):
    _dialog, page = open_backups(qtbot, window)
    usb = tmp_path / "usb stick" / "gutpain backups"
    page.choose_folder = lambda start: usb
    click(qtbot, page.choose_button)
    assert page.folder.text() == str(usb)
    assert load_settings(ui_store.path.parent).settings.backup_dir == usb
    click(qtbot, page.backup_button)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert len(backup_files(usb)) == 1
    click(qtbot, page.default_button)
    assert load_settings(ui_store.path.parent).settings.backup_dir is None
    assert page.folder.text() == str(ui_store.path.parent / "backups")


def test_a_damaged_backup_cannot_be_restored_and_says_why(qtbot, window, ui_store, now):
    ui_store.entries.add_many(every_kind(now))
    bad = take_backup(ui_store.path, window.safety.folder, "manual").path
    bad.write_bytes(b"not a journal at all" * 300)
    _dialog, page = open_backups(qtbot, window)
    page.confirm = lambda text: True
    page.table.selectRow(0)
    click(qtbot, page.restore_button)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=5000)
    assert "cannot be used" in page.error.text()
    assert ui_store.entries.count() == 10
    assert page.table.selectionModel().selectedRows() and page.restore_button.isEnabled()  # selected, so offered again
    page.refresh()
    qtbot.waitUntil(lambda: "Reading" not in page.message.text(), timeout=5000)
    assert not page.table.selectionModel().selectedRows() and not page.restore_button.isEnabled()
