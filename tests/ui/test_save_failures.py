"""A save that the disk refuses: the person sees why, keeps what they typed, and the retry saves it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gutpain_desktop.domain.entries import EntryKind
from tests.samples import table_counts
from tests.write_faults import disk_full, read_only

from .conftest import click, flush, type_into


def test_a_full_disk_keeps_the_meal_dialog_open_with_what_was_typed(qtbot, window, ui_store):
    dialog = window.today.open_entry_dialog(EntryKind.MEAL)
    qtbot.keyClicks(dialog.form.rows[0].name, "Porridge with honey")
    dialog.note.setPlainText("a long note " * 800)  # the save needs room the disk does not have
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    before = table_counts(ui_store.path)
    with disk_full(ui_store):
        qtbot.keyClick(dialog.form.rows[0].name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        flush()
        assert dialog.isVisible()
        assert dialog.error.isVisible() and "disk that holds your journal is full" in dialog.error.text()
        assert dialog.form.rows[0].name.text() == "Porridge with honey"
        assert table_counts(ui_store.path) == before
    qtbot.keyClick(dialog.form.rows[0].name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    flush()
    assert closed  # saved and closed
    assert [e.kind for e in ui_store.entries.entries()] == [EntryKind.MEAL]


def test_a_read_only_journal_keeps_the_checkin_form_filled(qtbot, window, ui_store):
    form = window.today.checkin
    type_into(qtbot, form.pain, "6")
    type_into(qtbot, form.stress, "4")
    with read_only(ui_store):
        click(qtbot, form.save_button)
        assert form.error.isVisible() and "read-only" in form.error.text() and "still here" in form.error.text()
        assert form.pain.value() == 6 and form.stress.value() == 4
        assert ui_store.entries.count() == 0
    click(qtbot, form.save_button)
    assert ui_store.entries.count() == 2
    assert not form.error.isVisible()


def test_a_read_only_journal_keeps_the_challenge_wizard_open_with_why(qtbot, window, ui_store):
    from gutpain_desktop.ui.dialogs.challenge_wizard import open_challenge_wizard

    wizard = open_challenge_wizard(window.services, window)
    qtbot.addWidget(wizard)
    qtbot.keyClicks(wizard.food_page.food, "Milk")
    wizard.next()
    targets = wizard.targets_page.targets
    for i in range(targets.count()):
        if targets.item(i).data(Qt.ItemDataRole.UserRole) == "bloating":
            targets.item(i).setCheckState(Qt.CheckState.Checked)
    wizard.next()
    with read_only(ui_store):
        wizard.accept()  # what Finish does
        assert wizard.isVisible() and wizard.saved is None
        error = wizard.plan_page.error
        assert error.isVisible() and "read-only" in error.text(), error.text()
        assert ui_store.entries.count() == 0
    wizard.accept()
    assert wizard.saved is not None and ui_store.entries.count() == 1
