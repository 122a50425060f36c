"""Daily summaries, trends and decimation against values worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from gutpain_desktop.analysis import (
    PhaseBand,
    calendar_grid,
    counts_by_key,
    daily_count,
    daily_max,
    daily_mean,
    day_range,
    enough_data,
    exposure_matrix,
    minmax_decimate,
    phase_bands,
    rolling_mean,
    to_days,
)
from gutpain_desktop.domain.measurements import PhaseSpan

NAN = np.nan


def d64(text: str) -> np.datetime64:
    return np.datetime64(text, "D")


def assert_same(actual: np.ndarray, expected: list[float]) -> None:
    """Equal values and NaN in exactly the same places (NaN is a gap, it must never turn into 0)."""
    np.testing.assert_array_equal(np.isnan(actual), np.isnan(np.array(expected)))
    np.testing.assert_allclose(actual, expected, equal_nan=True)


# --- days ----------------------------------------------------------------------------------------------------


def test_day_range_includes_both_ends_and_accepts_any_day_type() -> None:
    days = day_range(date(2024, 2, 27), "2024-03-01")
    assert days.dtype == np.dtype("datetime64[D]")
    assert [str(d) for d in days] == ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]
    assert day_range(d64("2024-03-01"), d64("2024-03-01")).tolist() == [date(2024, 3, 1)]
    assert day_range("2024-03-02", "2024-03-01").size == 0


def test_to_days_converts_dates_lists_and_arrays() -> None:
    days = to_days([date(1970, 1, 1), date(2024, 2, 29), date(1969, 12, 31)])
    assert days.tolist() == [date(1970, 1, 1), date(2024, 2, 29), date(1969, 12, 31)]
    assert days.astype(np.int64).tolist() == [0, 19782, -1]
    assert to_days([]).size == 0
    assert to_days(np.array(["2024-01-01"], dtype="datetime64[D]")).tolist() == [date(2024, 1, 1)]


# --- daily mean / max / count --------------------------------------------------------------------------------

DATES = [
    date(2023, 12, 31),  # before the range
    date(2024, 1, 1),
    date(2024, 1, 1),
    date(2024, 1, 3),  # only a missing value
    date(2024, 1, 4),
    date(2024, 1, 5),  # a real 0
    date(2024, 1, 6),  # after the range
]
VALUES = [9, 2, 4, None, 7, 0, 9]


def test_daily_mean_leaves_gaps_as_nan_and_keeps_real_zeros() -> None:
    means = daily_mean(DATES, VALUES, date(2024, 1, 1), date(2024, 1, 5))
    # Jan 1: (2 + 4) / 2 = 3; Jan 2: nothing; Jan 3: only None; Jan 4: 7; Jan 5: a real 0.
    assert_same(means, [3.0, NAN, NAN, 7.0, 0.0])


def test_daily_max_takes_the_highest_value_of_each_day() -> None:
    highest = daily_max(DATES, VALUES, "2024-01-01", "2024-01-05")
    assert_same(highest, [4.0, NAN, NAN, 7.0, 0.0])
    assert_same(daily_max([date(2024, 1, 1)] * 2, [-3.0, -5.0], "2024-01-01", "2024-01-01"), [-3.0])


def test_daily_mean_of_nothing_is_all_gaps() -> None:
    assert_same(daily_mean([], [], "2024-01-01", "2024-01-03"), [NAN, NAN, NAN])
    assert daily_mean([], [], "2024-01-02", "2024-01-01").size == 0


def test_daily_count_counts_rows_per_day() -> None:
    assert daily_count(DATES, "2024-01-01", "2024-01-05").tolist() == [2, 0, 1, 1, 1]


def test_daily_mean_refuses_mismatched_columns() -> None:
    with pytest.raises(ValueError):
        daily_mean([date(2024, 1, 1)], [1, 2], "2024-01-01", "2024-01-02")


# --- rolling mean --------------------------------------------------------------------------------------------


def test_rolling_mean_at_the_start_waits_for_min_periods() -> None:
    means = rolling_mean([1, 2, 3, 4, 5, 6, 7, 8], window=7, min_periods=4)
    # 1..3 have fewer than 4 values; then (1+2+3+4)/4, (1..5)/5, (1..6)/6, (1..7)/7, (2..8)/7.
    assert_same(means, [NAN, NAN, NAN, 2.5, 3.0, 3.5, 4.0, 5.0])


def test_rolling_mean_ignores_gaps_but_needs_enough_values() -> None:
    values = [1, NAN, 3, NAN, 5, NAN, 7, NAN, NAN, 10, 11, 12]
    means = rolling_mean(values, window=7, min_periods=4)
    # Index 6: window 1, -, 3, -, 5, -, 7 -> 4 values, mean 4. Index 7: -, 3, -, 5, -, 7, - -> 3 values: NaN.
    # Index 9: -, 5, -, 7, -, -, 10 -> 3 values. Index 10: 5, -, 7, -, -, 10, 11 -> (5+7+10+11)/4 = 8.25.
    # Index 11: -, 7, -, -, 10, 11, 12 -> 4 values, 40/4 = 10.
    assert_same(means, [NAN, NAN, NAN, NAN, NAN, NAN, 4.0, NAN, NAN, NAN, 8.25, 10.0])


def test_rolling_mean_of_window_one_is_the_series_itself() -> None:
    assert_same(rolling_mean([1.5, NAN, 3.0], window=1, min_periods=1), [1.5, NAN, 3.0])
    assert_same(rolling_mean([NAN, NAN], window=3, min_periods=1), [NAN, NAN])
    assert rolling_mean([], window=7, min_periods=4).size == 0


def test_rolling_mean_refuses_impossible_windows() -> None:
    with pytest.raises(ValueError):
        rolling_mean([1.0], window=0)
    with pytest.raises(ValueError):
        rolling_mean([1.0], window=3, min_periods=4)


# --- exposures and counts ------------------------------------------------------------------------------------


def test_exposure_matrix_marks_categories_eaten_per_day() -> None:
    dates = [date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 2), date(2024, 1, 3), date(2024, 1, 9)]
    keys = ["gluten", "dairy", "gluten", "caffeine", "dairy"]  # caffeine is not asked for; Jan 9 is outside
    matrix = exposure_matrix(dates, keys, ["dairy", "gluten", "seed_oils"], "2024-01-01", "2024-01-03")
    assert matrix.dtype == np.bool_
    assert matrix.tolist() == [
        [True, False, False],  # dairy
        [True, True, False],  # gluten
        [False, False, False],  # seed oils
    ]


def test_counts_by_key_puts_the_most_frequent_first() -> None:
    counted = counts_by_key(["neck", "abdomen", "neck", "chest", "abdomen", "neck"])
    assert list(counted.items()) == [("neck", 3), ("abdomen", 2), ("chest", 1)]
    assert counts_by_key([]) == {}


# --- diet phase bands ----------------------------------------------------------------------------------------

PLAN = [
    PhaseSpan(date(2024, 1, 1), "baseline", "Low FODMAP"),
    PhaseSpan(date(2024, 1, 15), "elimination", "Low FODMAP"),
    PhaseSpan(date(2024, 2, 12), "reintroduction", "Low FODMAP"),
]


def bands(found: list[PhaseBand]) -> list[tuple[str, str, str]]:
    return [(str(b.start), str(b.end), b.phase) for b in found]


def test_consecutive_phases_end_where_the_next_starts() -> None:
    found = phase_bands(PLAN, date(2023, 12, 1), date(2024, 3, 1))
    assert bands(found) == [
        ("2024-01-01", "2024-01-15", "baseline"),
        ("2024-01-15", "2024-02-12", "elimination"),
        ("2024-02-12", "2024-03-02", "reintroduction"),  # open: to the day after the range (exclusive)
    ]
    assert (found[0].end - found[0].start).astype(int) == 14


def test_phase_bands_are_clipped_to_the_range() -> None:
    assert bands(phase_bands(PLAN, "2024-01-10", "2024-01-20")) == [
        ("2024-01-10", "2024-01-15", "baseline"),
        ("2024-01-15", "2024-01-21", "elimination"),
    ]
    assert bands(phase_bands(PLAN, "2024-03-01", "2024-03-05")) == [("2024-03-01", "2024-03-06", "reintroduction")]
    assert phase_bands(PLAN, "2023-01-01", "2023-12-31") == []
    assert phase_bands([], "2024-01-01", "2024-12-31") == []


def test_stopped_ends_the_band_and_draws_nothing() -> None:
    phases = [
        PhaseSpan(date(2024, 1, 1), "baseline", "Custom"),
        PhaseSpan(date(2024, 1, 10), "stopped", "Custom"),
        PhaseSpan(date(2024, 2, 1), "elimination", "Gluten-free trial"),
    ]
    assert bands(phase_bands(phases, "2024-01-01", "2024-02-10")) == [
        ("2024-01-01", "2024-01-10", "baseline"),
        ("2024-02-01", "2024-02-11", "elimination"),
    ]


def test_ended_closes_a_phase_early_but_never_after_the_next_start() -> None:
    phases = [
        PhaseSpan(date(2024, 1, 1), "elimination", "Low FODMAP", ended=date(2024, 1, 20)),
        PhaseSpan(date(2024, 2, 1), "personalisation", "Low FODMAP", ended=date(2024, 3, 31)),
        (date(2024, 2, 20), "paused", "Low FODMAP", None),  # plain tuples work too; unsorted input is sorted
    ]
    assert bands(phase_bands(phases, "2024-01-01", "2024-03-10")) == [
        ("2024-01-01", "2024-01-21", "elimination"),  # ended is the last day, inclusive
        ("2024-02-01", "2024-02-20", "personalisation"),  # the next start comes before its end
        ("2024-02-20", "2024-03-11", "paused"),
    ]


# --- calendar grid -------------------------------------------------------------------------------------------


def test_calendar_grid_puts_known_days_in_their_iso_week_and_weekday() -> None:
    days = [date(2024, 1, 1), date(2024, 1, 7), date(2024, 2, 29), date(2024, 12, 29), date(2024, 12, 30)]
    years, grid = calendar_grid(days, [1.0, 2.0, 3.0, 4.0, 5.0])
    assert years == [2024, 2025]  # 2024-12-30 is Monday of ISO week 1 of 2025
    assert grid.shape == (2, 7, 53)
    assert grid[0, 0, 0] == 1.0  # 2024-01-01: Monday, ISO week 1
    assert grid[0, 6, 0] == 2.0  # 2024-01-07: Sunday, week 1
    assert grid[0, 3, 8] == 3.0  # 2024-02-29: Thursday, week 9
    assert grid[0, 6, 51] == 4.0  # 2024-12-29: Sunday, week 52
    assert grid[1, 0, 0] == 5.0  # 2024-12-30: Monday, 2025 week 1
    assert np.count_nonzero(~np.isnan(grid)) == 5  # everything else is empty


def test_calendar_grid_uses_week_53_and_keeps_nan_values_empty() -> None:
    years, grid = calendar_grid(
        np.array(["2026-12-31", "2027-01-01", "2026-06-01"], dtype="datetime64[D]"), [7.0, 8.0, NAN]
    )
    assert years == [2026]
    assert grid[0, 3, 52] == 7.0  # Thursday of ISO week 53
    assert grid[0, 4, 52] == 8.0  # 2027-01-01 still belongs to 2026, week 53
    assert np.count_nonzero(~np.isnan(grid)) == 2


def test_calendar_grid_agrees_with_isocalendar_for_every_day_of_a_decade() -> None:
    first = date(2019, 12, 30)
    days = [first + timedelta(days=i) for i in range(3660)]
    years, grid = calendar_grid(days, np.arange(len(days), dtype=float))
    for i, day in enumerate(days):
        iso = day.isocalendar()
        assert grid[years.index(iso.year), iso.weekday - 1, iso.week - 1] == i


def test_calendar_grid_of_nothing() -> None:
    years, grid = calendar_grid([], [])
    assert years == []
    assert grid.shape == (0, 7, 53)


def test_enough_data_counts_only_real_values() -> None:
    assert enough_data([1, 2, 3, 4, 5, 6, 0])
    assert not enough_data([1, 2, 3, None, 5, 6, NAN, 7][:7])
    assert enough_data(np.array([1.0, NAN, 2.0]), min_points=2)
    assert not enough_data([])


# --- decimation ----------------------------------------------------------------------------------------------


def test_short_series_are_returned_unchanged() -> None:
    x, y = np.arange(5), np.array([1.0, NAN, 3.0, 2.0, 0.0])
    xs, ys = minmax_decimate(x, y, max_points=5)
    np.testing.assert_array_equal(xs, x)
    assert_same(ys, [1.0, NAN, 3.0, 2.0, 0.0])


def test_each_bucket_keeps_its_min_and_max_in_x_order() -> None:
    # max_points 4 -> 2 buckets: indices 0-3 and 4-7.
    xs, ys = minmax_decimate(np.arange(8), [3, 1, 4, 1, 5, 9, 2, 6], max_points=4)
    assert xs.tolist() == [1, 2, 5, 6]  # bucket 1: min 1 (first one, index 1), max 4; bucket 2: max 9, min 2
    assert ys.tolist() == [1.0, 4.0, 9.0, 2.0]


def test_a_bucket_of_nan_keeps_one_nan_point() -> None:
    xs, ys = minmax_decimate(np.arange(6), [NAN, NAN, NAN, 1, 2, 3], max_points=4)
    assert xs.tolist() == [0, 3, 5]
    assert_same(ys, [NAN, 1.0, 3.0])


def test_long_series_stay_under_budget_with_peaks_gaps_and_order() -> None:
    x = np.arange(10_000)
    y = np.sin(x / 50.0)
    y[1234] = 50.0
    y[8765] = -50.0
    y[3000:3500] = NAN  # 50 buckets of 10 points each are nothing but gap
    xs, ys = minmax_decimate(x, y, max_points=2000)
    assert len(xs) <= 2000
    assert np.all(np.diff(xs) > 0)
    assert np.nanmax(ys) == 50.0 and xs[np.nanargmax(ys)] == 1234
    assert np.nanmin(ys) == -50.0 and xs[np.nanargmin(ys)] == 8765
    gap = xs[np.isnan(ys)]
    assert len(gap) == 50 and gap.min() >= 3000 and gap.max() < 3500
    real = ~np.isnan(ys)
    np.testing.assert_array_equal(ys[real], y[xs[real]])  # only original points, never averages


def test_decimation_works_on_dates_and_odd_budgets() -> None:
    days = day_range("2015-01-01", "2024-12-31")
    values = np.arange(days.size, dtype=float) % 11
    xs, ys = minmax_decimate(days, values, max_points=501)
    assert len(xs) <= 500
    assert xs.dtype == np.dtype("datetime64[D]")
    assert ys.min() == 0.0 and ys.max() == 10.0
    with pytest.raises(ValueError):
        minmax_decimate(np.arange(3), np.arange(4))
