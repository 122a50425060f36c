"""How times of day, dates and weeks are shown: the person's choice in Settings ▸ General (24-hour, 12-hour or the
system's; the first day of the week) and the system's locale (QLocale) for the order and names of dates.

Every view reads the current choice from ``Services.formats`` and redraws on ``DataEvents.formats_changed``.
Exports never use this: they keep ISO dates and 24-hour times.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QLocale, Qt, QTime

from ..domain.weeks import week_start_of

WEEK_DAYS = {"monday": Qt.DayOfWeek.Monday, "sunday": Qt.DayOfWeek.Sunday, "saturday": Qt.DayOfWeek.Saturday}
#: A Qt date pattern's parts: a quoted literal, a run of one field letter ("yyyy", "MMM", "d"), or any other character.
_PATTERN_PART = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.DOTALL)


def _is_field(part: str) -> bool:
    return part[0].isascii() and part[0].isalpha()


def without_field(pattern: str, unwanted: Callable[[str], bool]) -> str:
    """``pattern`` without its first field that ``unwanted`` picks, and the separators and words that belong to it:
    the year in 'MMMM d, yyyy', "d 'de' MMMM 'de' yyyy" or 'yyyy年M月d日', the weekday in 'dddd, d MMMM' or
    'M月d日dddd'. Works on the pattern, not the written date, so the year goes in every script (Arabic digits too)."""
    parts = [match.group(0) for match in _PATTERN_PART.finditer(pattern)]
    found = next((i for i, part in enumerate(parts) if _is_field(part) and unwanted(part)), None)
    if found is None:
        return pattern
    fields = [i for i, part in enumerate(parts) if _is_field(part) and i != found]
    after = [i for i in fields if i > found]
    if after:  # first or in the middle: what follows it, up to the next field, goes ("yyyy年M月" -> "M月")
        return _trimmed(parts[:found] + parts[after[0] :])
    before = [i for i in fields if i < found]
    if not before:
        return ""
    # The last field: what joins it to the field before goes too ("MMMM d, yyyy" -> "MMMM d"), except a unit
    # written right after that field in its own script ("d日dddd" -> "d日").
    keep = parts[: before[-1] + 1]
    for part in parts[before[-1] + 1 : found]:
        if not (len(part) == 1 and not part.isascii() and part.isalpha()):
            break
        keep.append(part)
    return _trimmed(keep)


def _trimmed(parts: list[str]) -> str:
    """The pattern without separators left at its start ("، d MMMM" -> "d MMMM")."""
    text = "".join(parts)
    while text and not text[0].isalpha() and text[0] != "'":
        text = text[1:]
    return text


def _is_year(part: str) -> bool:
    return part[0] == "y"


def _is_weekday(part: str) -> bool:
    return part[0] == "d" and len(part) >= 3


def time_display_format(choice: str, locale: QLocale | None = None) -> str:
    """The format for times of day: the system's (``locale``), 24-hour or 12-hour."""
    if choice == "24h":
        return "HH:mm"
    if choice == "12h":
        return "h:mm AP"
    text = (locale or QLocale()).timeFormat(QLocale.FormatType.ShortFormat)
    return "h:mm AP" if "a" in text.lower() and "ap" in text.lower().replace(" ", "") else "HH:mm"


def first_day_of_week(choice: str, locale: QLocale | None = None) -> Qt.DayOfWeek:
    return WEEK_DAYS.get(choice) or (locale or QLocale()).firstDayOfWeek()


#: The types, by other names: the class's methods ``date`` and ``time`` hide them inside it.
Day = date
Time = time


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


@dataclass(frozen=True)
class DisplayFormats:
    """The chosen time format and week start (the values kept in ``app-settings.json``), with the ways to show
    them. Dates follow the system's locale; times follow the choice (with the locale's AM/PM words)."""

    time_format: str = "locale"
    week_start: str = "locale"

    # --- times of day ------------------------------------------------------------------------------------------

    def time_pattern(self) -> str:
        return time_display_format(self.time_format)

    def time(self, moment: datetime | Time) -> str:
        """'18:30' or '6:30 PM'."""
        return QLocale().toString(QTime(moment.hour, moment.minute), self.time_pattern())

    def date_time(self, moment: datetime) -> str:
        """'Wed, 2 Dec 2026, 18:30' (in the locale's order)."""
        return f"{self.date(moment.date())}, {self.time(moment)}"

    # --- dates ---------------------------------------------------------------------------------------------------

    @staticmethod
    def date_pattern() -> str:
        """The locale's long date with short names (for date edits too): 'ddd, MMM d, yyyy' in the US."""
        return QLocale().dateFormat(QLocale.FormatType.LongFormat).replace("dddd", "ddd").replace("MMMM", "MMM")

    @staticmethod
    def long_date_pattern() -> str:
        return QLocale().dateFormat(QLocale.FormatType.LongFormat)

    @staticmethod
    def date(day: Day) -> str:
        """A compact date with its weekday, in the locale's order: 'Wed, Dec 2, 2026' or 'Wed, 2 Dec 2026'."""
        return QLocale().toString(_qdate(day), DisplayFormats.date_pattern())

    @staticmethod
    def short_date(day: Day) -> str:
        """The same without the weekday: 'Dec 2, 2026' or '2 Dec 2026'."""
        return QLocale().toString(_qdate(day), DisplayFormats.short_date_pattern())

    @staticmethod
    def short_date_pattern() -> str:
        long = QLocale().dateFormat(QLocale.FormatType.LongFormat).replace("MMMM", "MMM")
        return without_field(long, _is_weekday)

    @staticmethod
    def day_month(day: Day) -> str:
        """Day and month only: 'Dec 2' or '2 Dec'."""
        pattern = without_field(DisplayFormats.short_date_pattern(), _is_year)
        return QLocale().toString(_qdate(day), pattern)

    @staticmethod
    def long_date(day: Day) -> str:
        """'Wednesday, December 2, 2026' (the locale's long form)."""
        return QLocale().toString(_qdate(day), QLocale.FormatType.LongFormat)

    @staticmethod
    def weekday(day: Day) -> str:
        """'Wed'."""
        return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)

    # --- weeks ---------------------------------------------------------------------------------------------------

    def first_day(self) -> Qt.DayOfWeek:
        """For Qt's calendars (QCalendarWidget.setFirstDayOfWeek)."""
        return first_day_of_week(self.week_start)

    def week_start_day(self) -> int:
        """For everything below the UI: 0 = Monday .. 6 = Sunday, as ``date.weekday()`` counts."""
        return self.first_day().value - 1

    def week_start_of(self, day: Day) -> Day:
        return week_start_of(day, self.week_start_day())
