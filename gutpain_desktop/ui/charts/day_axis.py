"""What the Trends charts over days share: days on matplotlib's date axis, date ticks in the person's locale, the diet
phases and challenges behind the lines, and numbers written the locale's way.

Days sit on matplotlib's date axis as floats (``mdates.date2num``): a day's point is drawn at its noon, so a day
covers ``[midnight, next midnight)`` and lines up with the phase bands and the calendar of meals.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np
from matplotlib import dates as mdates
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QLocale

from ...analysis import minmax_decimate
from ...analysis.trends import TrendsData
from ...domain.entries import humanise
from ...domain.measurements import CHALLENGE_DOSE_DAYS
from ...i18n import QT_TRANSLATE_NOOP
from ..formats import DisplayFormats
from ..translate import label as translated
from ..translate import number
from .base import ChartWidget, KeyItem

PHASE_COLOURS = {
    "baseline": "#95a5a6",
    "elimination": "#5dade2",
    "reintroduction": "#f5b041",
    "personalisation": "#58d68d",
    "paused": "#d7dbdd",
}
MIN_DAYS = 5
#: Shading of a challenge day and the area of its marker, by the dose logged ("" = a day without a dose logged).
DOSE_ALPHA = {"small": 0.2, "medium": 0.32, "large": 0.45, "": 0.1}
DOSE_MARKER = {"small": 16.0, "medium": 36.0, "large": 64.0}
DOSE_WORDS = {
    "small": QT_TRANSLATE_NOOP("DayChart", "small dose"),
    "medium": QT_TRANSLATE_NOOP("DayChart", "medium dose"),
    "large": QT_TRANSLATE_NOOP("DayChart", "large dose"),
}
WASHOUT_ALPHA = 0.06
#: Ranges of this many days (from, to) get a tick at the start of every week (or every few weeks).
WEEK_TICKS_DAYS = (10, 130)


def value_text(value: float) -> str:
    """A chart's value with one decimal in the locale's way ('5.3', '5,3'), or a dash for a day without one."""
    return "—" if np.isnan(value) else number(value, 1)


def day_label(day: np.datetime64 | date) -> str:
    """A day as people read it here (the system's locale)."""
    when = day if isinstance(day, date) else day.astype("datetime64[D]").item()
    return DisplayFormats.date(when)


def day_numbers(days: NDArray[Any]) -> NDArray[np.float64]:
    """Days (datetime64) as matplotlib date numbers."""
    return np.asarray(mdates.date2num(days), dtype=np.float64)


_LOCATOR = mdates.AutoDateLocator(maxticks=8)


def week_ticks(first: date, last: date, week_start: int) -> list[date]:
    """The first days of the weeks from ``first`` to ``last``, every week or every few (at most eight ticks)."""
    day = first + timedelta(days=(week_start - first.weekday()) % 7)
    weeks = ((last - day).days // 7) + 1
    step = max(1, -(-weeks // 8))
    return [day + timedelta(weeks=w) for w in range(0, weeks, step)]


def tick_labels(days: Sequence[date]) -> list[str]:
    """Labels for ticks on long ranges, in the locale's words: ticks at the starts of months show the month's short
    name ('Dec', German 'Dez') and the year at January (or on every tick when all fall on New Year's Day); other
    ticks show the day and month ('2 Dec')."""
    locale = QLocale()
    if days and all(d.month == 1 and d.day == 1 for d in days):
        return [str(d.year) for d in days]
    if days and all(d.day == 1 for d in days):
        return [
            str(d.year) if d.month == 1 else locale.standaloneMonthName(d.month, QLocale.FormatType.ShortFormat)
            for d in days
        ]
    return [DisplayFormats.day_month(d) for d in days]


def date_ticks(axes: Any, first: float, last: float, week_start: int = 0) -> None:
    """Date ticks worked out once per range and then fixed: the automatic locator re-ran on every draw. Ranges of
    a few weeks to a few months are ticked at the start of each week (the first day the person chose); longer and
    shorter ones where matplotlib's locator puts them, labelled in the locale's words (:func:`tick_labels`)."""
    start: date = mdates.num2date(first).date()  # type: ignore[no-untyped-call]
    end: date = mdates.num2date(last).date()  # type: ignore[no-untyped-call]
    if WEEK_TICKS_DAYS[0] <= (end - start).days <= WEEK_TICKS_DAYS[1]:
        days = [d for d in week_ticks(start, end, week_start) if d < end]
    else:
        found = _LOCATOR.tick_values(mdates.num2date(first), mdates.num2date(last))
        days = [mdates.num2date(t).date() for t in found if first <= t <= last]  # type: ignore[no-untyped-call]
    axes.set_xticks(day_numbers(np.array(days, dtype="datetime64[D]")), tick_labels(days))


def points_for(axes: Any) -> int:
    """How many points a line needs: about one per pixel of the axes' width (a lowest and a highest point per two
    pixels), never more than 2,000. More would be drawn on top of each other at twice the cost."""
    return int(min(2000, max(400, axes.bbox.width)))


def pain_scale_label() -> str:
    return QCoreApplication.translate("DayChart", "Pain (0–10)")


def _rect(start: float, end: float) -> list[tuple[float, float]]:
    return [(start, 0.0), (start, 1.0), (end, 1.0), (end, 0.0)]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DayChart", text)


class DayChart(ChartWidget):
    """A chart whose x axis is one point per day, with the diet phases and challenges behind the lines; hover reads
    the day under the mouse."""

    data: TrendsData | None = None
    #: What each line drew, by name: (days, values) after decimation.
    drawn: dict[str, tuple[Any, Any]]
    #: Pain charts run from 0 to 10; challenge markers sit just above.
    marker_y = 10.45

    def add_day_axes(self, *, labels: bool = True) -> Any:
        axes = self.figure.add_subplot()
        self.band_labels = labels
        self.bands = PolyCollection([], transform=axes.get_xaxis_transform(), linewidths=0, zorder=0)
        axes.add_collection(self.bands, autolim=False)
        self.dose_markers = axes.scatter(
            [], [], marker="v", s=[], color=self.colours.marker, zorder=4, clip_on=True, label="_doses"
        )
        self.labels: list[Any] = []
        axes.grid(True, color=self.colours.grid, linewidth=0.5)
        return axes

    def set_days(self, axes: Any, data: TrendsData) -> None:
        """The x range, the phase bands and the challenges (a shade and a marker per dose day, a pale washout)."""
        first = float(day_numbers(data.days[:1])[0])
        axes.set_xlim(first, first + len(data.days))
        date_ticks(axes, first, first + len(data.days), data.week_start)
        span = max(len(data.days), 1)
        verts: list[list[tuple[float, float]]] = []
        faces: list[tuple[float, float, float, float]] = []
        for label in self.labels:
            label.remove()
        self.labels = []
        for band in data.bands:
            a, b = (float(v) for v in day_numbers(np.array([band.start, band.end])))
            verts.append(_rect(a, b))
            faces.append(to_rgba(PHASE_COLOURS.get(band.phase, "#cccccc"), 0.18))
            if self.band_labels and (b - a) >= span * 0.06:  # labels of thin bands would collide
                name = translated(humanise(band.phase))
                self.labels.append(
                    axes.text(
                        a, 10.2, f" {name}", fontsize="x-small", color=self.colours.text, va="bottom", clip_on=True
                    )
                )
        offsets: list[tuple[float, float]] = []
        sizes: list[float] = []
        for challenge in data.challenges:
            day1 = float(day_numbers(np.array([np.datetime64(challenge.start, "D")]))[0])
            for day in range(CHALLENGE_DOSE_DAYS):
                size = challenge.dose_sizes[day] if day < len(challenge.dose_sizes) else ""
                verts.append(_rect(day1 + day, day1 + day + 1))
                faces.append(to_rgba(self.colours.marker, DOSE_ALPHA.get(size, 0.1)))
                if size:
                    offsets.append((day1 + day + 0.5, self.marker_y))
                    sizes.append(DOSE_MARKER.get(size, 16.0))
            washout = day1 + CHALLENGE_DOSE_DAYS
            verts.append(_rect(washout, washout + challenge.washout_days))
            faces.append(to_rgba(self.colours.marker, WASHOUT_ALPHA))
            if self.band_labels and span <= 120:  # wider, the names collide; hover names the food
                self.labels.append(
                    axes.text(
                        day1,
                        9.55,
                        f" {challenge.food}",
                        fontsize="x-small",
                        color=self.colours.marker,
                        va="top",
                        clip_on=True,
                    )
                )
        self.bands.set_verts(verts)
        self.bands.set_facecolor(faces)
        self.dose_markers.set_offsets(np.array(offsets).reshape(-1, 2))
        self.dose_markers.set_sizes(np.array(sizes))

    def line_key(self, lines: Any) -> list[KeyItem]:
        return [
            KeyItem(ln.get_label(), ln.get_color(), ln.get_linestyle(), ln.get_linewidth(), ln.get_alpha() or 1.0)
            for ln in lines
        ]

    def challenge_key(self, data: TrendsData) -> list[KeyItem]:
        return (
            [KeyItem(QCoreApplication.translate("DayChart", "challenge dose"), self.colours.marker, "v")]
            if data.challenges
            else []
        )

    def plot_days(self, line: Line2D, name: str, days: NDArray[Any], values: NDArray[np.float64]) -> None:
        x, y = minmax_decimate(days, values, points_for(line.axes))
        line.set_data(day_numbers(x) + 0.5, y)
        self.drawn[name] = (x, y)

    def day_index(self, event: Any) -> int | None:
        if self.data is None or event.xdata is None:
            return None
        index = int(np.floor(event.xdata - float(day_numbers(self.data.days[:1])[0])))
        return index if 0 <= index < len(self.data.days) else None

    def challenge_text(self, i: int) -> str:
        """What the day ``i`` was in a reintroduction challenge (to follow a hover text), or ""."""
        if self.data is None:
            return ""
        day: date = self.data.days[i].astype("datetime64[D]").item()
        for challenge in self.data.challenges:
            number_ = (day - challenge.start).days + 1
            if 1 <= number_ <= CHALLENGE_DOSE_DAYS:
                dose = challenge.dose_on(day)
                given = (
                    _tr(DOSE_WORDS[dose])
                    if dose in DOSE_WORDS
                    else QCoreApplication.translate("DayChart", "no dose logged")
                )
                return QCoreApplication.translate("DayChart", "; challenge {0}, day {1} ({2})").format(
                    challenge.food, number_, given
                )
            if challenge.start <= day <= challenge.window_end:
                return QCoreApplication.translate("DayChart", "; washout after {0}").format(challenge.food)
        return ""

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        d = self.data
        if d is None:
            return [], []
        return (
            [
                QCoreApplication.translate("DayChart", "Date"),
                QCoreApplication.translate("DayChart", "Mean"),
                QCoreApplication.translate("DayChart", "Worst"),
                QCoreApplication.translate("DayChart", "7-day average"),
            ],
            [
                (day_label(day), value_text(a), value_text(b), value_text(c))
                for day, a, b, c in zip(d.days, d.pain_mean, d.pain_worst, d.pain_rolling, strict=True)
                if not (np.isnan(a) and np.isnan(c))
            ],
        )
