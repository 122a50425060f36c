"""The time format and the first day of the week chosen in Settings ▸ General reach every view at once (journal rows,
the Today list, calendars, the Trends charts' weeks, the weekly check-in's week) and are kept for the next start."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np
import pytest
from matplotlib import dates as mdates
from PySide6.QtCore import QLocale, Qt, QTime

from gutpain_desktop.domain.entries import (
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    PainRecall,
    StressEntry,
    WeeklyCheckinEntry,
)
from gutpain_desktop.storage.app_settings import load_app_settings
from gutpain_desktop.ui.main_window import MainWindow

from .conftest import flush

#: A fixed evening long past: nothing here depends on the time of day the tests run.
EVENING = datetime.combine(date(2025, 3, 12), time(18, 30)).astimezone()
TWELVE_HOUR = QLocale().toString(QTime(18, 30), "h:mm AP")  # "6:30 PM" here; the locale's AM/PM words elsewhere


def _general(qtbot, window):  # type: ignore[no-untyped-def]
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.general)
    return dialog, dialog.general


def _choose(combo, key: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(key))


def _journal_time(window) -> str:  # type: ignore[no-untyped-def]
    model = window.journal.model
    return str(model.index(0, 1).data())


def test_twelve_or_24_hour_times_in_the_journal_and_today_at_once_and_after_a_restart(qtbot, window, ui_store):
    ui_store.entries.add(StressEntry(occurred_at=EVENING, level=4))
    window.show_view("Journal")
    flush()
    dialog, page = _general(qtbot, window)

    _choose(page.time_format, "12h")
    assert TWELVE_HOUR.startswith("6:30") and _journal_time(window) == TWELVE_HOUR
    window.today.set_day(EVENING.date())
    assert window.today.day_list.item(0).text().startswith(f"{TWELVE_HOUR}  Stress")

    _choose(page.time_format, "24h")  # the open views change without a restart
    assert _journal_time(window) == "18:30"
    assert window.today.day_list.item(0).text().startswith("18:30  Stress")
    assert window.today.checkin.time_edit.displayFormat() == "HH:mm"

    _choose(page.time_format, "12h")
    dialog.reject()
    assert load_app_settings(ui_store.path.parent).time_format == "12h"
    window.close()

    again = MainWindow(ui_store)  # the next start reads the settings file
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.show_view("Journal")
    flush()
    assert _journal_time(again) == TWELVE_HOUR
    assert again.today.checkin.time_edit.displayFormat() == "h:mm AP"
    again.close()


def test_the_first_day_of_the_week_reaches_the_calendar_popups(qtbot, window):
    dialog, page = _general(qtbot, window)
    popups = [window.journal.from_date.edit, window.today.date_edit]
    _choose(page.week_start, "sunday")
    assert [p.calendarWidget().firstDayOfWeek() for p in popups] == [Qt.DayOfWeek.Sunday] * 2
    _choose(page.week_start, "monday")
    assert [p.calendarWidget().firstDayOfWeek() for p in popups] == [Qt.DayOfWeek.Monday] * 2
    dialog.reject()
    entry = window.today.open_entry_dialog(next(iter(window.today.quick_buttons)))
    qtbot.waitExposed(entry)
    flush()
    assert entry.date_edit.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Monday
    entry.reject()


def _seed_trends(store, now) -> None:  # type: ignore[no-untyped-def]
    entries: list[object] = []
    for d in range(200):
        when = now - timedelta(days=d)
        if d < 60:
            entries.append(PainEntry(occurred_at=when, intensity=d % 11, recall=PainRecall.AVERAGE_24H))
        if d % 3 == 0:
            foods = (FoodItem("Cheese", ("dairy",)),)
            entries.append(MealEntry(occurred_at=when, meal_type=MealType.LUNCH, foods=foods))
    store.entries.add_many(entries)


def _redrawn(qtbot, view, change) -> None:  # type: ignore[no-untyped-def]
    view.data = None
    change()
    qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
    for chart in view.charts:
        chart.ensure_drawn()


def _tick_days(axes) -> list[date]:  # type: ignore[no-untyped-def]
    return [mdates.num2date(t).date() for t in axes.get_xticks()]


def test_weeks_in_the_trends_charts_start_on_the_chosen_day(qtbot, window, ui_store, now):
    _seed_trends(ui_store, now)
    dialog, page = _general(qtbot, window)
    _choose(page.week_start, "monday")
    window.show_view("Trends")
    view = window.trends
    three_months = view.range.findData(91)
    _redrawn(qtbot, view, lambda: view.range.setCurrentIndex(three_months))
    mondays = _tick_days(view.pain.axes)
    assert len(mondays) >= 4 and {d.weekday() for d in mondays} == {0}
    assert view.calendar.axes.get_yticklabels(minor=True)[0].get_text() == QLocale().dayName(1, QLocale.ShortFormat)

    _redrawn(qtbot, view, lambda: _choose(page.week_start, "sunday"))  # redrawn at once, weeks laid out anew
    sundays = _tick_days(view.pain.axes)
    assert len(sundays) >= 4 and {d.weekday() for d in sundays} == {6}
    assert view.calendar.axes.get_yticklabels(minor=True)[0].get_text() == QLocale().dayName(7, QLocale.ShortFormat)
    today = view.data.days[-1].item()
    found = view.calendar.cell(*_calendar_xy(view, today))
    assert found is not None and found[0] == today

    # A year of meals is shown week by week: each column starts on a Sunday, then on a Monday
    year = view.range.findData(365)
    _redrawn(qtbot, view, lambda: view.range.setCurrentIndex(year))
    assert view.meals.bin_days == 7
    assert {d.weekday() for d in view.data.week_starts} == {6}
    assert view.meals.image.get_extent()[0] == mdates.date2num(np.datetime64(view.data.week_starts[0], "D"))
    _redrawn(qtbot, view, lambda: _choose(page.week_start, "monday"))
    assert {d.weekday() for d in view.data.week_starts} == {0}
    dialog.reject()


def _calendar_xy(view, day: date) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Where ``day`` sits in the calendar image (week across, day of the week down)."""
    chart = view.calendar
    for y in range(len(chart.stacked)):
        for x in range(53):
            found = chart.cell(x, y)
            if found is not None and found[0] == day:
                return float(x), float(y)
    raise AssertionError(f"{day} not in the calendar")


def test_the_weekly_check_in_is_due_once_per_chosen_week(qtbot, window, ui_store):
    today = date.today()
    sunday = today - timedelta(days=(today.weekday() + 1) % 7 + 14)  # a Sunday two or three weeks ago
    saturday = sunday + timedelta(days=6)
    ui_store.entries.add(
        WeeklyCheckinEntry(occurred_at=datetime.combine(sunday, time(19, 0)).astimezone(), fatigue=1, unrefreshed=1)
    )
    dialog, page = _general(qtbot, window)
    _choose(page.week_start, "monday")
    window.today.set_day(saturday)
    assert window.today.weekly_due.isVisibleTo(window)  # Sunday's check-in belonged to the week before
    _choose(page.week_start, "sunday")
    assert not window.today.weekly_due.isVisibleTo(window)  # the same Sunday began this week
    _choose(page.week_start, "monday")
    window.today.set_day(sunday + timedelta(days=1))
    # A new week (from Monday), but the check-in of the day before still covers most of the past week: not yet.
    assert not window.today.weekly_due.isVisibleTo(window)
    dialog.reject()


@pytest.mark.parametrize(
    ("locale", "short", "day_month"),
    [
        ("en_US", "Dec 2, 2026", "Dec 2"),
        ("de_DE", "2. Dez. 2026", "2. Dez."),
        ("ja_JP", "2026年12月2日", "12月2日"),
        ("ko_KR", "2026년 12월 2일", "12월 2일"),
        ("es_CO", "2 de dic de 2026", "2 de dic"),
        ("ar_EG", "٢ ديسمبر ٢٠٢٦", "٢ ديسمبر"),
        ("ru_RU", "2 дек. 2026\u202fг.", "2 дек."),
    ],
)
def test_dates_without_the_year_or_weekday_read_well_in_every_script(qapp, locale, short, day_month) -> None:  # type: ignore[no-untyped-def]
    """The year and the weekday are taken out of the locale's pattern with their own separators and words, not out of
    the written date: 'yyyy年' and "'de' yyyy" go whole, and a year in Arabic digits goes too."""
    from PySide6.QtCore import QLocale

    from gutpain_desktop.ui.formats import DisplayFormats

    before = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        day = date(2026, 12, 2)
        assert DisplayFormats.short_date(day) == short
        assert DisplayFormats.day_month(day) == day_month
    finally:
        QLocale.setDefault(before)
