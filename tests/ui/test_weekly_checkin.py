"""The optional weekly check-in: due once a week, WPI / SSS / FS shown as numbers, followed over time, exported."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path

from gutpain_desktop.domain.entries import EntryKind, WeeklyCheckinEntry
from gutpain_desktop.domain.preferences import Tracker
from gutpain_desktop.domain.scales import BodySite, SssItem, SssYesNo
from gutpain_desktop.exchange.csv_export import export_csv

from .conftest import click


def _days_ago(days: int) -> datetime:
    return datetime.combine(date.today() - timedelta(days=days), time(19, 0)).astimezone()


def _choose(box, value: int) -> None:  # type: ignore[no-untyped-def]
    box.setCurrentIndex(box.findData(value))


def test_weekly_checkin_due_scored_tracked_and_exported(qtbot, window, ui_store, tmp_path: Path):
    ui_store.entries.add(
        WeeklyCheckinEntry(
            occurred_at=_days_ago(16),
            sites=frozenset({BodySite.NECK, BodySite.LOWER_BACK, BodySite.UPPER_BACK, BodySite.HIP_L, BodySite.HIP_R}),
            fatigue=3,
            unrefreshed=2,
            cognitive=2,
            headaches=True,
        )
    )
    ui_store.entries.add(
        WeeklyCheckinEntry(occurred_at=_days_ago(9), sites=frozenset({BodySite.NECK}), fatigue=2, unrefreshed=2)
    )
    window.events.data_changed.emit()
    today = window.today
    assert today.weekly_due.isVisibleTo(window)
    assert "due" in today.weekly_due.text() and "9 days ago" in today.weekly_due.text()

    dialog = window.new_entry(EntryKind.WEEKLY_CHECKIN)
    form = dialog.form
    # Last year's check-ins, newest first, with their numbers; the chart has them as text too.
    history = form.history
    rows = [[history.table.item(r, c).text() for c in range(1, 4)] for r in range(history.table.rowCount())]
    assert rows == [["1", "4", "5"], ["5", "8", "13"]]
    assert history.chart.isVisibleTo(dialog)
    assert "WPI 5, SSS 8, FS 13" in history.chart.accessibleDescription()

    for site in (BodySite.NECK, BodySite.SHOULDER_L, BodySite.ABDOMEN):
        click(qtbot, form.sites.boxes[site])
    _choose(form.items[SssItem.FATIGUE], 2)
    _choose(form.items[SssItem.UNREFRESHED], 1)
    click(qtbot, form.flags[SssYesNo.HEADACHES])
    assert form.scores.text() == "Widespread pain index 3/19 · Symptom severity 4/12 · Total 7/31"
    shown = " ".join(w.text() for w in dialog.findChildren(type(form.scores)))
    assert "not a diagnosis" in shown and "you have" not in shown.lower()
    click(qtbot, dialog.save_button)

    saved = ui_store.entries.latest(EntryKind.WEEKLY_CHECKIN)
    assert isinstance(saved, WeeklyCheckinEntry) and saved.local_date == date.today()
    assert (saved.wpi, saved.sss, saved.fs) == (3, 4, 7)
    assert not today.weekly_due.isVisibleTo(window)  # done for this week

    again = window.new_entry(EntryKind.WEEKLY_CHECKIN)
    assert again.form.history.table.rowCount() == 3
    assert again.form.history.table.item(0, 3).text() == "7"
    assert "the latest: FS 7" in again.form.history.summary.text()
    again.reject()

    # The export carries the numbers for a practitioner.
    export_csv(ui_store, tmp_path / "out")
    with (tmp_path / "out" / "entries.csv").open(encoding="utf-8") as handle:
        values = [(r["measure"], r["value"]) for r in csv.DictReader(handle) if r["kind"] == "weekly_checkin"]
    assert ("fs", "7") in values and ("wpi", "3") in values and ("sss", "4") in values


def test_weekly_checkin_stays_out_of_the_way_when_not_wanted(qtbot, window, ui_store):
    prefs = ui_store.catalog.preferences().with_shown(Tracker.WEEKLY, False).welcomed_now()
    ui_store.catalog.apply_tracking(preferences=prefs)
    window.events.preferences_changed.emit()
    assert not window.today.weekly_due.isVisibleTo(window)
    assert not window.today.quick_buttons[EntryKind.WEEKLY_CHECKIN].isVisibleTo(window)
    action, _tracker = window.log_actions[EntryKind.WEEKLY_CHECKIN]
    assert not action.isVisible()
