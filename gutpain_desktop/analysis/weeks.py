"""Laying days out in weeks that start on the day the person chose (0 = Monday .. 6 = Sunday, as in
:mod:`gutpain_desktop.domain.weeks`). Numpy, no Qt."""

from __future__ import annotations

from calendar import MONDAY
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray


def week_grid_day(year: int, week: int, position: int, week_start: int = MONDAY) -> date | None:
    """The day in a cell of :func:`~gutpain_desktop.analysis.daily.calendar_grid`: week-year ``year``, ``week``
    (0 = the first week) and ``position`` (days after the week's first day). None for a week the year does not
    have (week 53 of most years)."""
    jan_1 = date(year, 1, 1)
    middle_weekday = (week_start + 3) % 7  # the week's fourth day decides its year
    first_middle = jan_1 + timedelta(days=(middle_weekday - jan_1.weekday()) % 7)
    middle = first_middle + timedelta(weeks=week)
    if middle.year != year:
        return None
    return middle + timedelta(days=position - 3)


def weekly_share(
    matrix: NDArray[np.bool_], start: date, week_start: int = MONDAY
) -> tuple[list[date], NDArray[np.float64]]:
    """Per row, the share of days in each week on which it was true: ``matrix[row, day]`` covers the days from
    ``start``. Weeks start on ``week_start``; the first and the last week count only the days inside the range.
    Returns the first day of each week (the first may be before ``start``) and ``share[row, week]``."""
    rows, n_days = matrix.shape
    if n_days == 0:
        return [], np.zeros((rows, 0))
    lead = (start.weekday() - week_start) % 7  # days of the first week before ``start``
    weeks = -(-(lead + n_days) // 7)
    padded = np.zeros((rows, weeks * 7), dtype=np.float64)
    inside = np.zeros(weeks * 7, dtype=np.float64)
    padded[:, lead : lead + n_days] = matrix
    inside[lead : lead + n_days] = 1.0
    counted = padded.reshape(rows, weeks, 7).sum(axis=2)
    days = inside.reshape(weeks, 7).sum(axis=1)
    first = start - timedelta(days=lead)
    return [first + timedelta(weeks=w) for w in range(weeks)], counted / days
