"""Trends: the lines on the canvas carry exactly the computed data; range, overlays, table, saving, empty journal."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from gutpain_desktop.analysis import daily_mean, rolling_mean
from gutpain_desktop.domain.entries import (
    BowelEntry,
    DietPhase,
    DietPhaseEntry,
    DietProtocol,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    PainRecall,
    StressEntry,
)
from gutpain_desktop.domain.scales import BodySite
from gutpain_desktop.ui.formats import DisplayFormats


def _trends(qtbot, window):  # type: ignore[no-untyped-def]
    window.show_view("Trends")
    view = window.trends
    qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
    for chart in view.charts:
        chart.ensure_drawn()
    return view


def _reload(qtbot, view, change):  # type: ignore[no-untyped-def]
    view.data = None
    change()
    qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
    for chart in view.charts:
        chart.ensure_drawn()


def _seed(store, now, days=40):  # type: ignore[no-untyped-def]
    entries = []
    for d in range(days):
        when = now - timedelta(days=d)
        if d % 9 == 4:
            continue  # a day without entries: a gap, not a zero
        entries.append(
            PainEntry(
                occurred_at=when,
                intensity=(d * 3) % 11,
                recall=PainRecall.AVERAGE_24H,
                sites=frozenset({BodySite.NECK}),
            )
        )
        entries.append(StressEntry(occurred_at=when, level=d % 7))
        entries.append(BowelEntry(occurred_at=when - timedelta(hours=2), bristol=3 + d % 4))
        entries.append(
            MealEntry(
                occurred_at=when, meal_type=MealType.LUNCH, foods=(FoodItem("Cheese", ("dairy",) if d % 2 else ()),)
            )
        )
    entries.append(
        DietPhaseEntry(
            occurred_at=now - timedelta(days=20), protocol=DietProtocol.DAIRY_FREE, phase=DietPhase.ELIMINATION
        )
    )
    store.entries.add_many(entries)
    return entries


def test_an_empty_journal_says_there_is_not_enough_data(qtbot, window):
    view = _trends(qtbot, window)
    for chart in view.charts:
        assert "Not enough" in chart.message.text() or "No " in chart.message.text()
    assert view.data.pain_days == 0


def test_pain_lines_carry_exactly_the_computed_daily_values(qtbot, window, ui_store, now):
    entries = _seed(ui_store, now)
    view = _trends(qtbot, window)
    data = view.data
    start, end = data.start, data.end
    assert end == date.today() and (end - start).days == 90
    pains = [e for e in entries if isinstance(e, PainEntry)]
    expected = daily_mean([e.local_date for e in pains], [e.intensity for e in pains], start, end)
    _x, y = view.pain.drawn["mean"]
    np.testing.assert_array_equal(y, expected)  # under 2,000 points: drawn as computed, gaps as NaN
    assert np.isnan(expected).sum() > 50
    _x_roll, y_roll = view.pain.drawn["rolling"]
    np.testing.assert_allclose(y_roll, rolling_mean(expected, 7, 4), equal_nan=True)
    line = view.pain.figure.axes[0].get_lines()
    assert [ln.get_label() for ln in line] == ["Daily mean", "Daily worst", "7-day average"]
    np.testing.assert_array_equal(line[0].get_ydata(), expected)
    assert "Pain on 36 days" in view.pain.message.text()
    assert data.bands and data.bands[0].phase == "elimination"


def test_the_range_selector_changes_what_is_drawn(qtbot, window, ui_store, now):
    entries = _seed(ui_store, now)
    view = _trends(qtbot, window)
    assert len(view.pain.drawn["mean"][1]) == 91
    _reload(qtbot, view, lambda: view.range.setCurrentIndex(0))  # last 2 weeks
    assert len(view.pain.drawn["mean"][1]) == 14
    _reload(qtbot, view, lambda: view.range.setCurrentIndex(3))  # all
    assert view.data.start == min(e.local_date for e in entries)  # first day with an entry


def test_overlays_are_chosen_by_the_person(qtbot, window, ui_store, now):
    _seed(ui_store, now)
    view = _trends(qtbot, window)
    assert "stress" in view.overlay.drawn
    from PySide6.QtCore import Qt

    for i in range(view.overlays.count()):
        item = view.overlays.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "stress":
            item.setCheckState(Qt.CheckState.Unchecked)
    assert "stress" not in view.overlay.drawn
    assert "Stress" not in [ln.get_label() for ax in view.overlay.figure.axes for ln in ax.get_lines()]


def test_charts_out_of_sight_draw_when_scrolled_to(qtbot, window, ui_store, now):
    _seed(ui_store, now)
    window.show_view("Trends")
    view = window.trends
    qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
    assert view.sites._pending is not None  # below the fold: not drawn yet
    view.sites.parentWidget().parentWidget().parentWidget().ensureWidgetVisible(view.sites)
    qtbot.waitUntil(lambda: view.sites._pending is None, timeout=5000)
    assert "Neck" in view.sites.message.text()


def test_table_view_and_saving_images(qtbot, window, ui_store, now, tmp_path):
    _seed(ui_store, now)
    view = _trends(qtbot, window)
    view.pain.table_button.click()
    assert view.pain.stack.currentIndex() == 1
    model = view.pain.table.model()
    assert model.columnCount() == 4 and model.rowCount() >= 36
    view.pain.table_button.click()
    for suffix in ("png", "svg"):
        target = tmp_path / f"pain.{suffix}"
        view.pain.save_image(str(target))
        assert target.stat().st_size > 1000
    assert view.stool.drawn["stool"][1].size == 36
    assert "Neck (36)" in view.sites.message.text()


def test_hover_reads_the_value_under_the_mouse(qtbot, window, ui_store, now):
    from types import SimpleNamespace

    from matplotlib import dates as mdates

    _seed(ui_store, now)
    view = _trends(qtbot, window)
    day = view.data.days[-1]
    event = SimpleNamespace(xdata=mdates.date2num(day), ydata=5.0, inaxes=True)
    text = view.pain.hover_text(event)
    assert text is not None and "pain" in text and DisplayFormats.date(day.item()) in text
    assert view.sites.hover_text(SimpleNamespace(xdata=1.0, ydata=14.0, inaxes=True)) == "Neck: 36 times"
    stool = view.stool.hover_text(event)
    assert stool is not None and "Bristol type" in stool


def test_hover_on_the_calendar_and_the_meals(qtbot, window, ui_store, now):
    from types import SimpleNamespace

    from matplotlib import dates as mdates

    _seed(ui_store, now)
    view = _trends(qtbot, window)
    today = view.data.days[-1].item()
    iso = today.isocalendar()
    year_row = view.calendar.years.index(iso.year)
    text = view.calendar.hover_text(SimpleNamespace(xdata=iso.week - 1, ydata=year_row * 8 + iso.weekday - 1))
    assert text is not None and DisplayFormats.date(today) in text and "pain" in text
    assert view.calendar.hover_text(SimpleNamespace(xdata=iso.week - 1, ydata=7.0)) is None  # the gap between years
    x = mdates.date2num(view.data.days[-1]) + 0.5
    dairy_row = view.data.categories.index("dairy")
    meals = view.meals.hover_text(SimpleNamespace(xdata=x, ydata=dairy_row, inaxes=view.meals.axes))
    assert meals == f"{DisplayFormats.date(today)}: Dairy not logged"  # day 0 is even: cheese without dairy
    pain = view.meals.hover_text(SimpleNamespace(xdata=x, ydata=5.0, inaxes=view.meals.pain_axes))
    assert pain is not None and "pain 7-day average" in pain


def test_each_challenge_dose_has_its_own_marker(qtbot, window, ui_store, now):
    from types import SimpleNamespace

    from matplotlib import dates as mdates

    from gutpain_desktop.domain.entries import ChallengeDose, ChallengeEntry, Dose

    _seed(ui_store, now)
    day1 = now - timedelta(days=10)
    ui_store.entries.add(
        ChallengeEntry(
            occurred_at=day1,
            food="Milk",
            target_symptoms=("bloating",),
            doses=(ChallengeDose(1, Dose.SMALL), ChallengeDose(2, Dose.MEDIUM), ChallengeDose(3, Dose.LARGE)),
        )
    )
    view = _trends(qtbot, window)
    markers = view.pain.dose_markers
    first = mdates.date2num(np.datetime64(day1.date(), "D"))
    np.testing.assert_allclose(markers.get_offsets()[:, 0], [first + 0.5, first + 1.5, first + 2.5])
    assert list(markers.get_sizes()) == [16, 36, 64]  # small, medium, large
    text = view.pain.hover_text(SimpleNamespace(xdata=first + 1.2, ydata=5.0, inaxes=True))
    assert text is not None and text.endswith("challenge Milk, day 2 (medium dose)")
    washout = view.pain.hover_text(SimpleNamespace(xdata=first + 4.5, ydata=5.0, inaxes=True))
    assert washout is not None and washout.endswith("washout after Milk")
    assert "challenge dose" in view.pain.key.text()


def test_charts_follow_a_theme_change_while_the_app_runs(qtbot, window, ui_store, now):
    from matplotlib.colors import to_rgba
    from PySide6.QtGui import QColor, QPalette

    from gutpain_desktop.ui.charts.base import DARK, LIGHT

    _seed(ui_store, now)
    view = _trends(qtbot, window)
    assert view.pain.figure.get_facecolor() == to_rgba(LIGHT.background)
    dark = QPalette(view.palette())
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        dark.setColor(role, QColor("#202020"))
    view.setPalette(dark)
    qtbot.waitUntil(lambda: view.pain.colours is DARK and view.pain._pending is None, timeout=5000)
    assert view.pain.figure.get_facecolor() == to_rgba(DARK.background)
    assert view.pain.figure.axes[0].get_lines()[0].get_color() == DARK.series[0]
    assert len(view.pain.drawn["mean"][1]) == 91  # rebuilt with the same data
    view.sites.parentWidget().parentWidget().parentWidget().ensureWidgetVisible(view.sites)
    qtbot.waitUntil(lambda: view.sites.colours is DARK, timeout=5000)
