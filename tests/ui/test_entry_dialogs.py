"""Every kind of entry can be recorded, seen, edited and deleted through the app's own dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt

from gutpain_desktop.domain.entries import (
    BowelEntry,
    ChallengeEntry,
    ContextEntry,
    DietPhase,
    DietPhaseEntry,
    DietProtocol,
    EntryKind,
    MealEntry,
    PainEntry,
    Reaction,
    SleepEntry,
    StressEntry,
    SymptomEntry,
    WeeklyCheckinEntry,
)
from gutpain_desktop.domain.scales import BodySite
from gutpain_desktop.ui.dialogs.entry_dialog import EntryDialog

from .conftest import click, type_into


def _check(widget_list, key):  # type: ignore[no-untyped-def]
    for i in range(widget_list.count()):
        item = widget_list.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{key} not offered")


def fill_meal(qtbot, form):  # type: ignore[no-untyped-def]
    qtbot.keyClicks(form.rows[0].name, "Toast, buttered")
    click(qtbot, form.rows[0].category_boxes["gluten"])
    click(qtbot, form.rows[0].category_boxes["dairy"])
    qtbot.keyClick(form.rows[0].name, Qt.Key.Key_Return)  # Enter adds the next line
    qtbot.keyClicks(form.rows[1].name, 'Tea "builder\'s"')
    qtbot.keyClicks(form.rows[1].portion, "1 mug")


def check_meal(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, MealEntry)
    assert [f.name for f in entry.foods] == ["Toast, buttered", 'Tea "builder\'s"']
    assert entry.foods[0].categories == ("dairy", "gluten")
    assert entry.foods[1].portion == "1 mug"


def fill_pain(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.intensity, "8")
    click(qtbot, form.sites.boxes[BodySite.UPPER_LEG_L])


def check_pain(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, PainEntry) and entry.intensity == 8 and entry.sites == {BodySite.UPPER_LEG_L}


def fill_symptom(qtbot, form):  # type: ignore[no-untyped-def]
    form.symptom.setCurrentIndex(form.symptom.findData("nausea"))
    type_into(qtbot, form.severity, "5")


def check_symptom(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, SymptomEntry) and (entry.symptom, entry.severity) == ("nausea", 5)


def fill_stress(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.level, "9")


def check_stress(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, StressEntry) and entry.level == 9


def fill_sleep(qtbot, form):  # type: ignore[no-untyped-def]
    type_into(qtbot, form.bed_time, "22:15")
    type_into(qtbot, form.wake_time, "06:15")
    type_into(qtbot, form.quality, "8")
    form.refreshed.setCurrentIndex(1)


def check_sleep(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, SleepEntry) and entry.total_hours == 8.0 and entry.quality == 8 and entry.refreshed


def fill_bowel(qtbot, form):  # type: ignore[no-untyped-def]
    click(qtbot, form.bristol.group.button(6))
    click(qtbot, form.urgency)


def check_bowel(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, BowelEntry) and entry.bristol == 6 and entry.urgency and not entry.blood


def fill_diet(qtbot, form):  # type: ignore[no-untyped-def]
    form.protocol.setCurrentIndex(form.protocol.findData(DietProtocol.DAIRY_FREE.value))
    _check(form.eliminated, "dairy")
    qtbot.keyClicks(form.other, "whey protein")


def check_diet(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, DietPhaseEntry)
    assert entry.protocol is DietProtocol.DAIRY_FREE and entry.phase is DietPhase.ELIMINATION
    assert entry.eliminated == ("dairy", "whey protein")


def fill_challenge(qtbot, form):  # type: ignore[no-untyped-def]
    qtbot.keyClicks(form.food, "Milk")
    _check(form.targets, "bloating")
    _check(form.targets, "abdominal_pain")
    qtbot.keyClicks(form.dose_amounts[0], "50 ml")


def check_challenge(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, ChallengeEntry)
    assert entry.food == "Milk" and entry.target_symptoms == ("bloating", "abdominal_pain")
    assert [d.size.value for d in entry.doses] == ["small", "medium", "large"]
    assert entry.doses[0].amount == "50 ml"


def fill_weekly(qtbot, form):  # type: ignore[no-untyped-def]
    for site in (BodySite.NECK, BodySite.JAW_R, BodySite.LOWER_BACK):
        click(qtbot, form.sites.boxes[site])
    form.items[next(iter(form.items))].setCurrentIndex(2)
    click(qtbot, next(iter(form.flags.values())))


def check_weekly(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, WeeklyCheckinEntry) and (entry.wpi, entry.sss, entry.fs) == (3, 3, 6)


def fill_context(qtbot, form):  # type: ignore[no-untyped-def]
    click(qtbot, form.illness)
    qtbot.keyClicks(form.medication, "paracetamol 1 g")
    qtbot.keyClicks(form.reaction_food, "cashews")
    assert not form.urgent.isVisible()
    click(qtbot, form.reactions[Reaction.BREATHING_TROUBLE])
    assert form.urgent.isVisible() and "emergency" in form.urgent.text()


def check_context(entry):  # type: ignore[no-untyped-def]
    assert isinstance(entry, ContextEntry) and entry.illness and entry.medication == "paracetamol 1 g"
    assert entry.reaction_food == "cashews" and entry.reactions == {Reaction.BREATHING_TROUBLE}


CASES: dict[EntryKind, tuple[Callable, Callable]] = {  # type: ignore[type-arg]
    EntryKind.MEAL: (fill_meal, check_meal),
    EntryKind.PAIN: (fill_pain, check_pain),
    EntryKind.SYMPTOM: (fill_symptom, check_symptom),
    EntryKind.STRESS: (fill_stress, check_stress),
    EntryKind.SLEEP: (fill_sleep, check_sleep),
    EntryKind.BOWEL: (fill_bowel, check_bowel),
    EntryKind.DIET_PHASE: (fill_diet, check_diet),
    EntryKind.CHALLENGE: (fill_challenge, check_challenge),
    EntryKind.WEEKLY_CHECKIN: (fill_weekly, check_weekly),
    EntryKind.CONTEXT: (fill_context, check_context),
}


def test_every_kind_has_a_case():
    assert set(CASES) == set(EntryKind)


@pytest.mark.parametrize("kind", list(EntryKind), ids=lambda k: k.value)
def test_record_see_edit_delete_every_kind(qtbot, window, ui_store, kind):
    fill, check = CASES[kind]
    dialog = window.today.open_entry_dialog(kind)
    assert isinstance(dialog, EntryDialog) and dialog.isVisible()
    fill(qtbot, dialog.form)
    qtbot.keyClicks(dialog.note, "first version")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible(), dialog.error.text()

    # Recorded: in the database, with the note, dated today ...
    saved = ui_store.entries.entries()
    assert len(saved) == 1
    check(saved[0])
    assert saved[0].note == "first version"
    assert saved[0].local_date == date.today()
    # ... and seen: in today's list and the journal.
    assert window.today.day_list.count() == 1
    window.show_view("Journal")
    journal = window.journal
    assert journal.model.rowCount() == 1
    assert journal.model.row_at(0).kind is kind

    # Edited: the journal opens the same dialog filled in; a change is saved over the original.
    journal.table.selectRow(0)
    editor = journal.edit_selected()
    assert editor is not None and editor.windowTitle().startswith("Edit")
    check(editor.build())  # every field came back into the form
    editor.note.setPlainText("second version")
    click(qtbot, editor.save_button)
    assert not editor.isVisible(), editor.error.text()
    after = ui_store.entries.get(saved[0].id)
    assert after is not None and after.note == "second version"
    check(after)
    assert after.created_at == saved[0].created_at
    assert ui_store.entries.count() == 1

    # Deleted, and brought back by Undo.
    journal.table.selectRow(0)
    click(qtbot, journal.delete_button)
    assert ui_store.entries.count() == 0
    assert journal.model.rowCount() == 0
    window.undo_action.trigger()
    restored = ui_store.entries.get(saved[0].id)
    assert restored is not None and restored.note == "second version"
    assert journal.model.rowCount() == 1


def test_dialog_keeps_bad_input_and_saves_nothing(qtbot, window, ui_store):
    dialog = window.today.open_entry_dialog(EntryKind.MEAL)
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "Foods add at least one food" in dialog.error.text()
    qtbot.keyClicks(dialog.form.rows[0].portion, "a bowl")  # a portion without a name
    click(qtbot, dialog.save_button)
    assert "Food 1 needs a name" in dialog.error.text()
    assert dialog.form.rows[0].portion.text() == "a bowl"
    assert ui_store.entries.count() == 0

    bowel = window.today.open_entry_dialog(EntryKind.BOWEL)
    click(qtbot, bowel.save_button)
    assert "Bristol type choose the stool form" in bowel.error.text()
    assert ui_store.entries.count() == 0

    challenge = window.today.open_entry_dialog(EntryKind.CHALLENGE)
    qtbot.keyClicks(challenge.form.food, "Garlic")
    click(qtbot, challenge.save_button)
    assert "Target symptoms choose 1 to 3" in challenge.error.text()
    assert ui_store.entries.count() == 0


def test_a_food_remembers_its_categories(qtbot, window, ui_store):
    first = window.today.open_entry_dialog(EntryKind.MEAL)
    qtbot.keyClicks(first.form.rows[0].name, "Oat latte")
    click(qtbot, first.form.rows[0].category_boxes["refined_sugar"])
    click(qtbot, first.save_button)
    assert ui_store.entries.count() == 1

    second = window.today.open_entry_dialog(EntryKind.MEAL)
    row = second.form.rows[0]
    qtbot.keyClicks(row.name, "oat LATTE")
    row.name.editingFinished.emit()
    assert row.category_boxes["refined_sugar"].isChecked()
    assert not row.category_boxes["dairy"].isChecked()
    assert "as last time" in row.memory_hint.text()
    assert "Oat latte" in second.form.known_food_names()


def test_blood_in_a_bowel_entry_shows_a_gentle_notice_once_a_day(qtbot, window, ui_store):
    assert not window.notice.isVisible()
    dialog = window.today.open_entry_dialog(EntryKind.BOWEL)
    click(qtbot, dialog.form.bristol.group.button(4))
    click(qtbot, dialog.form.blood)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(window.notice.isVisible, timeout=2000)
    text = window.notice.label.text()
    assert "checked by a doctor" in text and "not a diagnosis" in text
    click(qtbot, window.notice.dismiss_button)
    assert not window.notice.isVisible()
    again = window.today.open_entry_dialog(EntryKind.BOWEL)
    click(qtbot, again.form.bristol.group.button(5))
    click(qtbot, again.form.blood)
    click(qtbot, again.save_button)
    qtbot.wait(50)
    assert not window.notice.isVisible()  # dismissed today: not repeated
    assert ui_store.entries.count() == 2


def test_gluten_elimination_shows_the_coeliac_testing_notice(qtbot, window):
    dialog = window.today.open_entry_dialog(EntryKind.DIET_PHASE)
    form = dialog.form
    assert not form.coeliac.isVisible()
    form.protocol.setCurrentIndex(form.protocol.findData(DietProtocol.GLUTEN_FREE.value))
    assert form.coeliac.isVisible()
    assert "coeliac" in form.coeliac.text()


def test_meal_by_keyboard_enter_adds_a_line_and_ctrl_enter_saves(qtbot, window, ui_store):
    dialog = window.today.open_entry_dialog(EntryKind.MEAL)
    first = dialog.form.rows[0].name
    qtbot.keyClicks(first, "Rice")
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert len(dialog.form.rows) == 2 and ui_store.entries.count() == 0
    second = dialog.form.rows[1].name
    qtbot.keyClicks(second, "Salmon")
    qtbot.keyClick(second, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    (meal,) = ui_store.entries.entries()
    assert isinstance(meal, MealEntry) and [f.name for f in meal.foods] == ["Rice", "Salmon"]
