"""Weeks that start on the day the person chose. Pure Python: no Qt.

A first day of the week is a weekday as Python counts them: 0 = Monday .. 6 = Sunday (``calendar.MONDAY``,
``calendar.SUNDAY``, ``date.weekday()``). The UI turns the person's setting into this number.
"""

from __future__ import annotations

from calendar import MONDAY
from datetime import date, timedelta


def week_start_of(day: date, week_start: int = MONDAY) -> date:
    """The first day of the week ``day`` is in."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)
