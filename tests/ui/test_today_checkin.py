"""The daily check-in, typed and clicked as a person would, checked against what the database holds."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt

from gutpain_desktop.domain.entries import EntryKind, PainEntry, PainRecall, SleepEntry, StressEntry, SymptomEntry
from gutpain_desktop.domain.scales import BodySite

from .conftest import click, type_into


def test_checkin_is_saved_and_shows_in_the_day_list_and_journal(qtbot, window, ui_store):
    today = window.today
    form = today.checkin
    type_into(qtbot, form.pain, "6")
    click(qtbot, form.sites.boxes[BodySite.NECK])
    click(qtbot, form.sites.boxes[BodySite.LOWER_BACK])
    type_into(qtbot, form.stress, "4")
    form.sleep_box.setChecked(True)
    type_into(qtbot, form.sleep.bed_time, "23:30")
    type_into(qtbot, form.sleep.wake_time, "06:45")
    type_into(qtbot, form.sleep.quality, "3")
    type_into(qtbot, form.symptoms["fatigue"], "7")
    type_into(qtbot, form.symptoms["bloating"], "2")
    qtbot.keyClicks(form.note, "long day")
    click(qtbot, form.save_button)

    entries = ui_store.entries.entries()
    by_kind = {e.kind: e for e in entries}
    assert len(entries) == 5
    pain = by_kind[EntryKind.PAIN]
    assert isinstance(pain, PainEntry)
    assert pain.intensity == 6
    assert pain.recall is PainRecall.AVERAGE_24H
    assert pain.sites == {BodySite.NECK, BodySite.LOWER_BACK}
    assert pain.note == "long day"
    assert pain.local_date == date.today()
    stress = by_kind[EntryKind.STRESS]
    assert isinstance(stress, StressEntry) and stress.level == 4
    sleep = by_kind[EntryKind.SLEEP]
    assert isinstance(sleep, SleepEntry)
    assert sleep.quality == 3
    assert sleep.bed_time is not None and sleep.wake_time is not None
    assert (sleep.bed_time.hour, sleep.bed_time.minute) == (23, 30)
    assert sleep.bed_time.date() == date.today() - timedelta(days=1)
    assert (sleep.wake_time.hour, sleep.wake_time.minute) == (6, 45)
    assert sleep.total_hours == 7.25
    symptoms = {e.symptom: e.severity for e in entries if isinstance(e, SymptomEntry)}
    assert symptoms == {"fatigue": 7, "bloating": 2}

    # What the person sees: the form is cleared, the day list and status bar say what happened.
    assert form.pain.score() is None
    assert not form.sleep_box.isChecked()
    assert today.day_list.count() == 5
    assert "5 entries" in today.day_title.text()
    assert "Check-in saved" in window.status_label.text()
    texts = [today.day_list.item(i).text() for i in range(today.day_list.count())]
    assert any("Pain: 6/10" in t and "Neck" in t for t in texts)
    assert any(t.endswith("  Sleep: 7.25 h, quality 3/10") for t in texts), texts  # the kind once, then details
    assert not any(f"{kind}: {kind}" in t for t in texts for kind in ("Pain", "Stress", "Sleep")), texts

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.journal
    assert window.journal.model.rowCount() == 5
    assert "5 entries" in window.journal.count_label.text()


def test_empty_checkin_explains_and_saves_nothing(qtbot, window, ui_store):
    click(qtbot, window.today.checkin.save_button)
    error = window.today.checkin.error
    assert error.isVisible()
    assert "Check-in is empty" in error.text()
    assert ui_store.entries.count() == 0


def test_body_sites_without_a_pain_rating_are_refused(qtbot, window, ui_store):
    form = window.today.checkin
    click(qtbot, form.sites.boxes[BodySite.ABDOMEN])
    type_into(qtbot, form.stress, "5")
    click(qtbot, form.save_button)
    assert "Pain give a pain rating" in form.error.text()
    assert ui_store.entries.count() == 0
    # The person's input is kept so they can fix it.
    assert form.sites.sites() == {BodySite.ABDOMEN}
    assert form.stress.score() == 5


def test_typing_past_ten_cannot_make_an_invalid_score(qtbot, window, ui_store):
    form = window.today.checkin
    type_into(qtbot, form.pain, "11")
    assert form.pain.value() <= 10
    type_into(qtbot, form.stress, "abc")
    assert form.stress.score() is None  # letters are not accepted into a number field


def test_a_past_day_can_be_filled_in(qtbot, window, ui_store):
    today = window.today
    click(qtbot, today.prev_button)
    assert today.day() == date.today() - timedelta(days=1)
    type_into(qtbot, today.checkin.stress, "2")
    qtbot.keyClick(today.checkin.stress, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = ui_store.entries.entries()
    assert len(saved) == 1
    assert saved[0].local_date == date.today() - timedelta(days=1)
    assert today.day_list.count() == 1
    # Going forward again shows today's (empty) list; the future is out of reach.
    click(qtbot, today.next_button)
    assert today.day_list.count() == 0
    assert not today.next_button.isEnabled()
    today.date_edit.setDate(QDate.currentDate().addDays(3))
    assert today.day() == date.today()


def test_undo_removes_a_saved_checkin_and_redo_brings_it_back(qtbot, window, ui_store):
    form = window.today.checkin
    type_into(qtbot, form.pain, "3")
    type_into(qtbot, form.stress, "1")
    click(qtbot, form.save_button)
    assert ui_store.entries.count() == 2
    window.undo_action.trigger()
    assert ui_store.entries.count() == 0
    assert window.today.day_list.count() == 0
    window.redo_action.trigger()
    assert ui_store.entries.count() == 2
    assert window.today.day_list.count() == 2
