"""The first-start welcome (choices kept across a restart, example data removable in one step) and
File ▸ What you track (hide trackers, add your own symptoms and categories, reorder the check-in)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from gutpain_desktop.demo import DEMO_SOURCE
from gutpain_desktop.domain.entries import EntryKind, SymptomEntry
from gutpain_desktop.domain.preferences import Tracker
from gutpain_desktop.storage import open_store
from gutpain_desktop.ui.main_window import MainWindow

from .conftest import click, type_into


def _open_window(qtbot, store) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _tick(check_list, key: str, ticked: bool) -> None:  # type: ignore[no-untyped-def]
    check_list.set_checked(key, ticked)


def test_welcome_choices_are_kept_after_a_restart(qtbot, tmp_path: Path):
    data = tmp_path / "data"
    store = open_store(data)
    window = _open_window(qtbot, store)
    welcome = window.offer_welcome()
    assert welcome is not None and welcome.isVisible()
    assert not welcome.isModal()  # shown beside the window, never exec(): the window stays usable
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.journal
    (privacy,) = [w for w in welcome.findChildren(QLabel) if w.accessibleName() == "What stays private"]
    assert "stays on this computer" in privacy.text() and "never goes online" in privacy.text()
    choices = welcome.choices
    # What would you like to track: nausea yes, headache no, a symptom of their own; no stress; a diet; weekly.
    _tick(choices.symptoms, "nausea", True)
    _tick(choices.symptoms, "headache", False)
    qtbot.keyClicks(choices.symptoms.new_name, "Jaw clicking")
    QTest.keyClick(choices.symptoms.new_name, Qt.Key.Key_Return)
    _tick(choices.sections, Tracker.STRESS.value, False)
    assert not choices.others[Tracker.DIET].isChecked() and not choices.others[Tracker.WEEKLY].isChecked()
    click(qtbot, choices.others[Tracker.DIET])
    click(qtbot, choices.others[Tracker.WEEKLY])
    click(qtbot, welcome.start_button)
    assert not welcome.isVisible()

    # Applied at once: the check-in asks what was chosen, the Diet view is there.
    form = window.today.checkin
    assert "nausea" in form.symptoms and "headache" not in form.symptoms and "jaw_clicking" in form.symptoms
    assert form.sections[Tracker.STRESS].isHidden()
    window.close()
    store.close()

    # A restart: the same choices, and no welcome again.
    store = open_store(data)
    try:
        again = _open_window(qtbot, store)
        assert again.offer_welcome() is None
        form = again.today.checkin
        assert list(form.symptoms) == ["fatigue", "brain_fog", "bloating", "abdominal_pain", "nausea", "jaw_clicking"]
        assert form.sections[Tracker.STRESS].isHidden() and not form.sections[Tracker.PAIN].isHidden()
        diet_row = [name for name, _v, _s in again.views].index("Diet")
        assert not again.nav.item(diet_row).isHidden()
        assert again.today.quick_buttons[EntryKind.WEEKLY_CHECKIN].isVisibleTo(again)
        assert again.today.weekly_due.isVisibleTo(again)  # asked for, none done yet: due
        prefs = store.catalog.preferences()
        assert prefs.welcomed and Tracker.STRESS in prefs.hidden and Tracker.DIET not in prefs.hidden
        again.close()
    finally:
        store.close()


def test_skipping_the_welcome_keeps_the_usual_choices_and_hides_the_optional_ones(qtbot, window, ui_store):
    welcome = window.offer_welcome()
    click(qtbot, welcome.skip_button)
    prefs = ui_store.catalog.preferences()
    assert prefs.welcomed and prefs.hidden == {Tracker.DIET, Tracker.WEEKLY}
    diet_row = [name for name, _v, _s in window.views].index("Diet")
    assert window.nav.item(diet_row).isHidden()
    assert not window.today.quick_buttons[EntryKind.DIET_PHASE].isVisibleTo(window)
    assert window.offer_welcome() is None


def test_no_welcome_for_a_journal_that_already_has_entries(qtbot, window, ui_store, now):
    ui_store.entries.add(SymptomEntry(occurred_at=now, symptom="fatigue", severity=3))
    assert window.offer_welcome() is None


def test_example_data_is_marked_and_removed_in_one_step(qtbot, window, ui_store, now):
    own = ui_store.entries.add(SymptomEntry(occurred_at=now - timedelta(days=400), symptom="fatigue", severity=3))
    assert not window.demo_notice.isVisible()
    window.add_demo()
    qtbot.waitUntil(window.demo_notice.isVisible, timeout=20_000)
    demo = ui_store.entries.count(source=DEMO_SOURCE)
    assert demo > 500
    assert "example entries" in window.demo_notice.label.text() and "demo" in window.demo_notice.label.text()
    assert "Added" in window.status_label.text()
    remembered = ui_store.catalog.known_foods()
    assert remembered  # the example meals' foods are offered while they are there

    click(qtbot, window.demo_notice.remove_button)
    qtbot.waitUntil(lambda: not window.demo_notice.isVisible(), timeout=20_000)
    assert ui_store.entries.count(source=DEMO_SOURCE) == 0
    assert [e.id for e in ui_store.entries.entries()] == [own.id]  # the person's own entry stays
    assert ui_store.catalog.known_foods() == []  # and nothing of the example foods is offered any more
    assert "Removed" in window.status_label.text()


def test_welcome_with_example_data_fills_the_journal(qtbot, window, ui_store):
    welcome = window.offer_welcome()
    click(qtbot, welcome.demo)
    click(qtbot, welcome.start_button)
    qtbot.waitUntil(window.demo_notice.isVisible, timeout=20_000)
    assert ui_store.entries.count(source=DEMO_SOURCE) > 500
    assert window.stack.currentWidget() is window.today


def test_what_you_track_hides_adds_and_reorders(qtbot, window, ui_store):
    dialog = window.open_tracking()
    dialog.activateWindow()  # offscreen, a dialog shown with open() is not made active by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    choices = dialog.choices
    # Order: symptoms first, then pain; where it hurts hidden; bowel movements not tracked.
    sections = choices.sections
    sections.list.setCurrentRow([k for k, _l, _t in sections.items()].index(Tracker.SYMPTOMS.value))
    for _ in range(4):
        QTest.keyClick(sections.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [k for k, _l, _t in sections.items()][:2] == ["symptoms", "pain"]
    _tick(sections, Tracker.SITES.value, False)
    click(qtbot, choices.others[Tracker.BOWEL])
    # A symptom of their own, moved to the top; a category of their own; seed oils not offered.
    qtbot.keyClicks(choices.symptoms.new_name, "Jaw pain")
    click(qtbot, next(b for b in choices.symptoms.findChildren(type(dialog.save_button)) if b.text() == "Add"))
    for _ in range(20):
        QTest.keyClick(choices.symptoms.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert choices.symptoms.items()[0] == ("", "Jaw pain", True)
    assert choices.categories is not None
    qtbot.keyClicks(choices.categories.new_name, "Caffeine")
    QTest.keyClick(choices.categories.new_name, Qt.Key.Key_Return)
    _tick(choices.categories, "seed_oils", False)
    # A name already in the list is refused with a reason.
    qtbot.keyClicks(choices.symptoms.new_name, "fatigue")
    QTest.keyClick(choices.symptoms.new_name, Qt.Key.Key_Return)
    assert "already in the list" in choices.symptoms.error.text()
    choices.symptoms.new_name.clear()
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()

    form = window.today.checkin
    order = [form.sections_layout.itemAt(i).widget() for i in range(form.sections_layout.count())]
    visible = [w for w in order if not w.isHidden()]
    assert visible[0] is form.symptom_box and visible[1] is form.sections[Tracker.PAIN]
    assert form.sites.isHidden()
    assert next(iter(form.symptoms)) == "jaw_pain"
    assert not window.today.quick_buttons[EntryKind.BOWEL].isVisibleTo(window)
    bowel_action, _tracker = window.log_actions[EntryKind.BOWEL]
    assert not bowel_action.isVisible()  # and so Ctrl+B does nothing
    # Tab follows the new order: from the last symptom on to pain (and not to the hidden body map after it).
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    last_symptom = list(form.symptoms.values())[-1]
    last_symptom.setFocus()
    QTest.keyClick(last_symptom, Qt.Key.Key_Tab)
    assert form.focusWidget() is form.pain
    QTest.keyClick(form.pain, Qt.Key.Key_Tab)
    QTest.keyClick(form.recall, Qt.Key.Key_Tab)
    assert form.focusWidget() is form.stress

    # The check-in saves the new symptom; a meal offers the new category and not the hidden one.
    type_into(qtbot, form.symptoms["jaw_pain"], "4")
    click(qtbot, form.save_button)
    (saved,) = ui_store.entries.entries()
    assert isinstance(saved, SymptomEntry) and saved.symptom == "jaw_pain" and saved.severity == 4
    meal = window.new_entry(EntryKind.MEAL)
    boxes = meal.form.rows[0].category_boxes
    assert "caffeine" in boxes and "seed_oils" not in boxes
    meal.reject()

    # Kept in the journal: a new window on the same store shows the same.
    other = _open_window(qtbot, ui_store)
    assert next(iter(other.today.checkin.symptoms)) == "jaw_pain"
    assert other.today.checkin.sites.isHidden()
    other.close()


def test_the_check_in_skips_hidden_sleep(qtbot, window, ui_store):
    form = window.today.checkin
    form.sleep_box.setChecked(True)
    type_into(qtbot, form.stress, "2")
    prefs = ui_store.catalog.preferences().with_shown(Tracker.SLEEP, False)
    ui_store.catalog.apply_tracking(preferences=prefs)
    window.events.preferences_changed.emit()
    assert form.sleep_box.isHidden() and not form.sleep_box.isChecked()
    click(qtbot, form.save_button)
    assert [e.kind for e in ui_store.entries.entries()] == [EntryKind.STRESS]
