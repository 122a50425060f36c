"""Weeks that start on the person's chosen day: the calendar grid, its inverse, the weekly meals, the start of a
week. Pure functions: no Qt."""

from __future__ import annotations

from calendar import MONDAY, SATURDAY, SUNDAY
from datetime import date, timedelta

import numpy as np
import pytest

from gutpain_desktop.analysis import calendar_grid
from gutpain_desktop.analysis.weeks import week_grid_day, weekly_share
from gutpain_desktop.domain.weeks import week_start_of


def test_the_start_of_a_week_depends_on_the_chosen_first_day() -> None:
    wednesday = date(2026, 12, 2)
    assert week_start_of(wednesday, MONDAY) == date(2026, 11, 30)
    assert week_start_of(wednesday, SUNDAY) == date(2026, 11, 29)
    assert week_start_of(wednesday, SATURDAY) == date(2026, 11, 28)
    sunday = date(2026, 11, 29)
    assert week_start_of(sunday, SUNDAY) == sunday  # a week's first day starts its own week
    assert week_start_of(sunday, MONDAY) == date(2026, 11, 23)


def test_a_sunday_first_calendar_puts_sunday_at_the_top_of_its_week() -> None:
    days = [date(2026, 11, 29), date(2026, 11, 30), date(2026, 12, 5)]  # Sunday, Monday, Saturday
    years, sunday_first = calendar_grid(days, [1.0, 2.0, 3.0], SUNDAY)
    _, monday_first = calendar_grid(days, [1.0, 2.0, 3.0], MONDAY)
    assert years == [2026]
    # Sunday first: all three in one column, Sunday on row 0 and Saturday on row 6
    week = int(np.argwhere(~np.isnan(sunday_first[0, 0]))[0, 0])
    assert list(sunday_first[0, :, week][[0, 1, 6]]) == [1.0, 2.0, 3.0]
    # Monday first (ISO): Sunday closes the week before, on the bottom row
    assert monday_first[0, 6, 47] == 1.0 and monday_first[0, 0, 48] == 2.0 and monday_first[0, 5, 48] == 3.0


@pytest.mark.parametrize("first_day", range(7))
def test_every_cell_of_the_grid_gives_back_its_day(first_day: int) -> None:
    start = date(2019, 12, 20)
    days = [start + timedelta(days=i) for i in range(3700)]
    years, grid = calendar_grid(days, np.arange(len(days), dtype=float), first_day)
    found = 0
    for y, year in enumerate(years):
        for position in range(7):
            for week in range(53):
                value = grid[y, position, week]
                if np.isnan(value):
                    continue
                day = week_grid_day(year, week, position, first_day)
                assert day == days[int(value)]
                assert (day.weekday() - first_day) % 7 == position
                found += 1
    assert found == len(days)  # every day has its own cell


def test_weekly_meals_follow_the_chosen_first_day_and_count_only_days_in_range() -> None:
    start = date(2026, 11, 4)  # a Wednesday
    eaten = np.zeros((1, 14), dtype=bool)
    eaten[0, [0, 1, 4]] = True  # Wed 4, Thu 5, Sun 8 November
    mondays, by_monday = weekly_share(eaten, start, MONDAY)
    sundays, by_sunday = weekly_share(eaten, start, SUNDAY)
    assert [d.weekday() for d in mondays] == [MONDAY] * 3 and mondays[0] == date(2026, 11, 2)
    assert [d.weekday() for d in sundays] == [SUNDAY] * 3 and sundays[0] == date(2026, 11, 1)
    # Monday weeks: Wed–Sun (5 days in range) holds all three; Sunday weeks: Wed–Sat (4 days) holds two
    assert by_monday[0, 0] == pytest.approx(3 / 5) and by_monday[0, 1] == 0.0
    assert by_sunday[0, 0] == pytest.approx(2 / 4) and by_sunday[0, 1] == pytest.approx(1 / 7)
    assert by_sunday.shape == (1, 3)  # the last week holds the range's last three days, Sun 15 to Tue 17 November


def test_weekly_share_of_no_days() -> None:
    starts, share = weekly_share(np.zeros((2, 0), dtype=bool), date(2026, 1, 1), SUNDAY)
    assert starts == [] and share.shape == (2, 0)
