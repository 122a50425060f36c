"""Logging fast: shortcuts for every common action, remembered sleep times, food autocomplete with categories,
"same as yesterday" for a meal, and a full daily check-in by keyboard alone with its keystrokes counted."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget

from gutpain_desktop.domain.entries import (
    EntryKind,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    SleepEntry,
    StressEntry,
    SymptomEntry,
)
from gutpain_desktop.domain.scales import BodySite
from gutpain_desktop.ui.dialogs.entry_dialog import EntryDialog
from gutpain_desktop.ui.views.today import NEW_CHECKIN_SHORTCUT, QUICK_ADD

from .conftest import click

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class Keyboard:
    """Presses keys where the focus is, as a person at the keyboard does, and counts every press."""

    def __init__(self, window: QWidget):
        self.window = window
        self.count = 0

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifier)
        self.count += 1
        QApplication.processEvents()

    def type(self, text: str) -> None:
        for char in text:
            self.press(Qt.Key(ord(char.upper())) if char.isalnum() else Qt.Key.Key_Space)


def _open_dialogs(window) -> list[EntryDialog]:  # type: ignore[no-untyped-def]
    return [d for d in window.findChildren(EntryDialog) if d.isVisible()]


def _yesterday_at(hour: int, minute: int = 0) -> datetime:
    return datetime.combine(date.today() - timedelta(days=1), time(hour, minute)).astimezone()


def test_every_common_action_shows_its_shortcut_in_the_menu_and_tooltips(window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    log_menu = menus["Log"]
    shown = {a.text().replace("&", ""): a.shortcut().toString() for a in log_menu.actions() if not a.isSeparator()}
    assert shown["New daily check-in"] == NEW_CHECKIN_SHORTCUT
    assert shown["Save the check-in"] == "Ctrl+S"
    for kind, text, shortcut, _tracker in QUICK_ADD:
        assert shown[text.replace("&", "")] == shortcut
        # The button beside the check-in says the same in its tooltip.
        assert f"({shortcut})" in window.today.quick_buttons[kind].toolTip()
    views = {a.text(): a.shortcut().toString() for a in menus["View"].actions() if not a.isSeparator()}
    assert views["Today"] == "Ctrl+1" and views["Journal"] == "Ctrl+2"
    assert [window.nav.item(i).toolTip() for i in range(2)] == ["Today (Ctrl+1)", "Journal (Ctrl+2)"]
    undo = next(a for a in menus["Edit"].actions() if a.text().replace("&", "").startswith("Undo"))
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+S" in window.today.checkin.save_button.toolTip()


def test_shortcuts_work_from_another_view(qtbot, window, ui_store):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.stack.currentWidget() is window.journal
    # A new meal from the Journal: the Today view comes forward with the meal dialog.
    QTest.keyClick(window.journal, Qt.Key.Key_M, CTRL)
    (meal,) = _open_dialogs(window)
    assert window.stack.currentWidget() is window.today
    assert meal.windowTitle() == "Add meal"
    qtbot.keyClicks(meal.form.rows[0].name, "Rice")
    QTest.keyClick(meal.form.rows[0].name, Qt.Key.Key_Return, CTRL)
    assert ui_store.entries.count(kinds=[EntryKind.MEAL]) == 1

    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    QTest.keyClick(window, Qt.Key.Key_B, CTRL)
    (bowel,) = _open_dialogs(window)
    assert bowel.windowTitle() == "Add bowel movement"
    bowel.reject()

    # Ctrl+Z takes the meal back, from anywhere.
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    QTest.keyClick(window.journal, Qt.Key.Key_Z, CTRL)
    assert ui_store.entries.count() == 0

    # Ctrl+N puts the cursor in the check-in's first field.
    QTest.keyClick(window.journal, Qt.Key.Key_N, CTRL)
    assert window.stack.currentWidget() is window.today
    assert QApplication.focusWidget() is window.today.checkin.pain


def test_sleep_times_start_as_the_last_night_logged(qtbot, window, ui_store):
    ui_store.entries.add(
        SleepEntry(
            occurred_at=_yesterday_at(6, 40),
            bed_time=datetime.combine(date.today() - timedelta(days=2), time(22, 50)).astimezone(),
            wake_time=_yesterday_at(6, 40),
            quality=6,
        )
    )
    today = window.today
    click(qtbot, today.prev_button)  # to yesterday: no night logged before it, so the usual times
    assert today.checkin.sleep.bed_time.time().toString("HH:mm") == "23:00"
    click(qtbot, today.today_button)
    assert today.checkin.sleep.bed_time.time().toString("HH:mm") == "22:50"
    assert today.checkin.sleep.wake_time.time().toString("HH:mm") == "06:40"
    assert today.checkin.sleep.quality.score() is None  # the rating is asked afresh


def _type_a_full_checkin(window, *, body_sites: bool) -> int:  # type: ignore[no-untyped-def]
    """Pain, (two body sites,) stress, last night's sleep with its quality, the five symptoms the check-in asks
    about by default, saved: by keyboard alone, from another view. Returns the number of key presses."""
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)  # start somewhere else: the journal
    keys = Keyboard(window)
    keys.press(Qt.Key.Key_N, CTRL)  # new check-in: Today, cursor in Pain
    keys.type("4")
    if body_sites:
        keys.press(Qt.Key.Key_U, ALT)  # Where it h&urts: the first site (jaw, right)
        keys.press(Qt.Key.Key_Right)  # neck, beside it in the middle column
        keys.type(" ")
        keys.press(Qt.Key.Key_Down)
        keys.press(Qt.Key.Key_Down)  # lower back
        keys.type(" ")
    keys.press(Qt.Key.Key_S, ALT)  # Stress
    keys.type("3")
    keys.press(Qt.Key.Key_G, ALT)  # Sleep last ni&ght: ticks the box
    keys.press(Qt.Key.Key_Q, ALT)  # Quality
    keys.type("6")
    keys.press(Qt.Key.Key_Y, ALT)  # Symptoms: the first one
    for value in "52634":
        keys.type(value)
        if value != "4":
            keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_S, CTRL)  # save
    return keys.count


def _check_the_saved_checkin(window, store, sites: frozenset[BodySite]) -> None:  # type: ignore[no-untyped-def]
    entries = store.entries.entries(start=date.today(), end=date.today())
    pain = [e for e in entries if isinstance(e, PainEntry)]
    stress = [e for e in entries if isinstance(e, StressEntry)]
    sleep = [e for e in entries if isinstance(e, SleepEntry)]
    symptoms = {e.symptom: e.severity for e in entries if isinstance(e, SymptomEntry)}
    assert [(p.intensity, p.sites) for p in pain] == [(4, sites)]
    assert [s.level for s in stress] == [3]
    assert len(sleep) == 1 and sleep[0].quality == 6
    assert sleep[0].bed_time is not None and sleep[0].bed_time.time() == time(23, 20)
    assert sleep[0].wake_time is not None and sleep[0].wake_time.time() == time(7, 15)
    assert symptoms == {"fatigue": 5, "brain_fog": 2, "bloating": 6, "abdominal_pain": 3, "headache": 4}
    assert "Check-in saved" in window.status_label.text()


def _log_last_night(window, store) -> None:  # type: ignore[no-untyped-def]
    store.entries.add(
        SleepEntry(
            occurred_at=_yesterday_at(7, 15),
            bed_time=datetime.combine(date.today() - timedelta(days=2), time(23, 20)).astimezone(),
            wake_time=_yesterday_at(7, 15),
        )
    )
    window.today._on_day_changed()  # the view was built before that night was logged


def test_full_daily_checkin_by_keyboard_alone(qtbot, window, ui_store):
    """The count is what the issue note reports."""
    _log_last_night(window, ui_store)
    count = _type_a_full_checkin(window, body_sites=False)
    _check_the_saved_checkin(window, ui_store, frozenset())
    print(f"\nFull daily check-in by keyboard: {count} key presses")
    assert count == 18


def test_full_daily_checkin_with_body_sites_by_keyboard(qtbot, window, ui_store):
    _log_last_night(window, ui_store)
    count = _type_a_full_checkin(window, body_sites=True)
    _check_the_saved_checkin(window, ui_store, frozenset({BodySite.NECK, BodySite.LOWER_BACK}))
    print(f"\nFull daily check-in with two body sites by keyboard: {count} key presses")
    assert count == 24


def test_food_names_autocomplete_from_history_with_their_categories(qtbot, window, ui_store):
    ui_store.entries.add(
        MealEntry(
            occurred_at=_yesterday_at(8),
            meal_type=MealType.BREAKFAST,
            foods=(FoodItem("Greek yogurt", ("dairy",)), FoodItem("Granola", ("gluten", "refined_sugar"))),
        )
    )
    dialog = window.new_entry(EntryKind.MEAL)
    form = dialog.form
    row = form.rows[0]
    row.name.setFocus()
    QTest.keyClicks(row.name, "gre")
    popup = form.completer.popup()
    assert popup.isVisible()
    shown = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert shown == ["Greek yogurt  —  Dairy"]  # the popup says what the food contained last time
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert row.name.text() == "Greek yogurt"
    assert {k for k, box in row.category_boxes.items() if box.isChecked()} == {"dairy"}
    assert "as last time" in row.memory_hint.text()
    QTest.keyClick(row.name, Qt.Key.Key_Return, CTRL)
    saved = [e for e in ui_store.entries.entries(start=date.today()) if isinstance(e, MealEntry)]
    assert [f.categories for f in saved[0].foods] == [("dairy",)]


def test_same_as_yesterday_repeats_a_meal(qtbot, window, ui_store):
    foods = (FoodItem("Porridge", ("gluten",), "1 bowl"), FoodItem("Blueberries"))
    ui_store.entries.add(MealEntry(occurred_at=_yesterday_at(7, 30), meal_type=MealType.BREAKFAST, foods=foods))
    dialog = window.new_entry(EntryKind.MEAL)
    form = dialog.form
    form.meal_type.setCurrentIndex(form.meal_type.findData(MealType.LUNCH))
    assert not form.repeat_button.isEnabled()  # no lunch yesterday
    assert "No lunch" in form.repeat_button.toolTip()
    form.meal_type.setCurrentIndex(form.meal_type.findData(MealType.BREAKFAST))
    assert form.repeat_button.isEnabled()
    assert form.repeat_button.text().replace("&", "") == "Same as yesterday's breakfast"
    assert "Porridge, Blueberries" in form.repeat_button.toolTip()
    dialog.activateWindow()  # offscreen, a dialog shown with open() is not made active by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, ALT)  # the button's mnemonic (it clicks after ~100 ms)
    qtbot.waitUntil(lambda: len(form.rows) == 2)
    assert [r.name.text() for r in form.rows] == ["Porridge", "Blueberries"]
    assert form.rows[0].portion.text() == "1 bowl"
    QTest.keyClick(form.rows[-1].name, Qt.Key.Key_Return, CTRL)
    today = [e for e in ui_store.entries.entries(start=date.today()) if isinstance(e, MealEntry)]
    assert len(today) == 1 and today[0].foods == foods and today[0].meal_type is MealType.BREAKFAST

    # A meal for a past day looks at the day before that one.
    again = window.new_entry(EntryKind.MEAL)
    again.date_edit.setDate(QDate.currentDate().addDays(-1))
    again.form.meal_type.setCurrentIndex(again.form.meal_type.findData(MealType.BREAKFAST))
    assert not again.form.repeat_button.isEnabled()


def _mnemonics(root: QWidget) -> list[str]:
    """The Alt+letter of every visible label (with a buddy), button and group box under ``root``."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        match = re.search(r"(?<!&)&([^&\s])", text)
        if match:
            found.append(match.group(1).lower())
    return found


def test_alt_letters_on_the_today_view_and_meal_dialog_are_unambiguous(window):
    """Two controls with the same Alt+letter make Qt cycle between them instead of acting: never on these screens."""
    menu_letters = [a.text()[a.text().index("&") + 1].lower() for a in window.menuBar().actions()]
    window.today.checkin.sleep_box.setChecked(True)
    today = _mnemonics(window.today) + menu_letters
    assert sorted(today) == sorted(set(today)), today
    assert {"n", "s", "g", "q", "y", "u", "p"} <= set(today)
    dialog = window.new_entry(EntryKind.MEAL)
    letters = _mnemonics(dialog)
    assert sorted(letters) == sorted(set(letters)), letters
    assert "y" in letters
