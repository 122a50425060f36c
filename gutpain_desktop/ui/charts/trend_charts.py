"""The six Trends charts. Each builds its artists once and updates them from one TrendsData (computed off the UI
thread); it keeps what it drew (``self.drawn``) so tests and the table view see exactly the plotted numbers.

Days sit on matplotlib's date axis as floats (``mdates.date2num``): a day's point is drawn at its noon, so a day
covers ``[midnight, next midnight)`` and lines up with the phase bands and the calendar of meals.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, ClassVar

import numpy as np
from matplotlib import dates as mdates
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from numpy.typing import NDArray

from ...analysis import enough_data, minmax_decimate, rolling_mean
from ...analysis.trends import TrendsData
from ...analysis.weeks import week_grid_day
from ...domain.entries import humanise
from ...domain.measurements import CHALLENGE_DOSE_DAYS
from ...domain.scales import BODY_SITES
from ...i18n import QT_TRANSLATE_NOOP
from ..formats import DisplayFormats
from .base import ChartWidget, KeyItem

PHASE_COLOURS = {
    "baseline": "#95a5a6",
    "elimination": "#5dade2",
    "reintroduction": "#f5b041",
    "personalisation": "#58d68d",
    "paused": "#d7dbdd",
}
OVERLAY_LABELS = {"stress": "Stress", "sleep_hours": "Sleep (hours)", "sleep_quality": "Sleep quality"}
MIN_DAYS = 5
#: Shading of a challenge day and the area of its marker, by the dose logged ("" = a day without a dose logged).
DOSE_ALPHA = {"small": 0.2, "medium": 0.32, "large": 0.45, "": 0.1}
DOSE_MARKER = {"small": 16.0, "medium": 36.0, "large": 64.0}
WASHOUT_ALPHA = 0.06
#: Ranges of this many days (from, to) get a tick at the start of every week (or every few weeks).
WEEK_TICKS_DAYS = (10, 130)
MONTH_STARTS = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)  # day of the year, not a leap year


def _fmt(value: float) -> str:
    return "—" if np.isnan(value) else f"{value:.1f}"


def _day_label(day: np.datetime64 | date) -> str:
    """A day as people read it here (the system's locale)."""
    when = day if isinstance(day, date) else day.astype("datetime64[D]").item()
    return DisplayFormats.date(when)


def _num(days: NDArray[Any]) -> NDArray[np.float64]:
    """Days (datetime64) as matplotlib date numbers."""
    return np.asarray(mdates.date2num(days), dtype=np.float64)


_LOCATOR = mdates.AutoDateLocator(maxticks=8)
_FORMATTER = mdates.ConciseDateFormatter(_LOCATOR)


def week_ticks(first: date, last: date, week_start: int) -> list[date]:
    """The first days of the weeks from ``first`` to ``last``, every week or every few (at most eight ticks)."""
    day = first + timedelta(days=(week_start - first.weekday()) % 7)
    weeks = ((last - day).days // 7) + 1
    step = max(1, -(-weeks // 8))
    return [day + timedelta(weeks=w) for w in range(0, weeks, step)]


def _date_ticks(axes: Any, first: float, last: float, week_start: int = 0) -> None:
    """Date ticks worked out once per range and then fixed: the automatic locator re-ran on every draw. Ranges of
    a few weeks to a few months are ticked at the start of each week (the first day the person chose)."""
    start: date = mdates.num2date(first).date()  # type: ignore[no-untyped-call]
    end: date = mdates.num2date(last).date()  # type: ignore[no-untyped-call]
    if WEEK_TICKS_DAYS[0] <= (end - start).days <= WEEK_TICKS_DAYS[1]:
        days = [d for d in week_ticks(start, end, week_start) if d < end]
        axes.set_xticks(_num(np.array(days, dtype="datetime64[D]")), [DisplayFormats.day_month(d) for d in days])
        return
    found = _LOCATOR.tick_values(mdates.num2date(first), mdates.num2date(last))
    ticks = [float(t) for t in found if first <= t <= last]
    axes.set_xticks(ticks, _FORMATTER.format_ticks(ticks) if ticks else [])


def points_for(axes: Any) -> int:
    """How many points a line needs: about one per pixel of the axes' width (a lowest and a highest point per two
    pixels), never more than 2,000. More would be drawn on top of each other at twice the cost."""
    return int(min(2000, max(400, axes.bbox.width)))


def _rect(start: float, end: float) -> list[tuple[float, float]]:
    return [(start, 0.0), (start, 1.0), (end, 1.0), (end, 0.0)]


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
        first = float(_num(data.days[:1])[0])
        axes.set_xlim(first, first + len(data.days))
        _date_ticks(axes, first, first + len(data.days), data.week_start)
        span = max(len(data.days), 1)
        verts: list[list[tuple[float, float]]] = []
        faces: list[tuple[float, float, float, float]] = []
        for label in self.labels:
            label.remove()
        self.labels = []
        for band in data.bands:
            a, b = (float(v) for v in _num(np.array([band.start, band.end])))
            verts.append(_rect(a, b))
            faces.append(to_rgba(PHASE_COLOURS.get(band.phase, "#cccccc"), 0.18))
            if self.band_labels and (b - a) >= span * 0.06:  # labels of thin bands would collide
                self.labels.append(
                    axes.text(a, 10.2, f" {band.phase}", fontsize=7, color=self.colours.text, va="bottom", clip_on=True)
                )
        offsets: list[tuple[float, float]] = []
        sizes: list[float] = []
        for challenge in data.challenges:
            day1 = float(_num(np.array([np.datetime64(challenge.start, "D")]))[0])
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
                        day1, 9.55, f" {challenge.food}", fontsize=7, color=self.colours.marker, va="top", clip_on=True
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
        return [KeyItem("challenge dose", self.colours.marker, "v")] if data.challenges else []

    def plot_days(self, line: Line2D, name: str, days: NDArray[Any], values: NDArray[np.float64]) -> None:
        x, y = minmax_decimate(days, values, points_for(line.axes))
        line.set_data(_num(x) + 0.5, y)
        self.drawn[name] = (x, y)

    def day_index(self, event: Any) -> int | None:
        if self.data is None or event.xdata is None:
            return None
        index = int(np.floor(event.xdata - float(_num(self.data.days[:1])[0])))
        return index if 0 <= index < len(self.data.days) else None

    def challenge_text(self, i: int) -> str:
        """What the day ``i`` was in a reintroduction challenge, or ""."""
        if self.data is None:
            return ""
        day: date = self.data.days[i].astype("datetime64[D]").item()
        for challenge in self.data.challenges:
            number = (day - challenge.start).days + 1
            if 1 <= number <= CHALLENGE_DOSE_DAYS:
                dose = challenge.dose_on(day)
                given = f"{dose} dose" if dose else "no dose logged"
                return f"; challenge {challenge.food}, day {number} ({given})"
            if challenge.start <= day <= challenge.window_end:
                return f"; washout after {challenge.food}"
        return ""

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        d = self.data
        if d is None:
            return [], []
        return (
            ["Date", "Mean", "Worst", "7-day average"],
            [
                (str(day), _fmt(a), _fmt(b), _fmt(c))
                for day, a, b, c in zip(d.days, d.pain_mean, d.pain_worst, d.pain_rolling, strict=True)
                if not (np.isnan(a) and np.isnan(c))
            ],
        )


class PainChart(DayChart):
    title = QT_TRANSLATE_NOOP("Labels", "Pain over time")
    panel_id = "gut-brain-axis"
    panel_text = QT_TRANSLATE_NOOP("Labels", "Gut, brain and pain")
    margins: ClassVar[dict[str, float]] = {"left": 0.06, "right": 0.98, "top": 0.88, "bottom": 0.14}

    def build(self) -> None:
        self.axes = axes = self.add_day_axes()
        self.lines: dict[str, Line2D] = {}
        styles: tuple[tuple[str, str, dict[str, Any]], ...] = (
            ("mean", "Daily mean", {"lw": 0.8, "alpha": 0.6}),
            ("worst", "Daily worst", {"lw": 0.8, "ls": ":", "alpha": 0.8}),
            ("rolling", "7-day average", {"lw": 2.2}),
        )
        for (name, label, style), colour in zip(styles, self.colours.series, strict=False):
            (self.lines[name],) = axes.plot([], [], label=label, color=colour, **style)
        axes.set_ylim(0, 11)
        axes.set_yticks(range(0, 11, 2), [str(v) for v in range(0, 11, 2)])
        axes.set_ylabel("Pain (0–10)")

    def update_chart(self, data: TrendsData) -> str:
        self.drawn = {}
        if not enough_data(data.pain_mean, MIN_DAYS):
            return self.not_enough(
                f"Not enough pain ratings in this range to show a trend yet (fewer than {MIN_DAYS} days)."
            )
        self.set_days(self.axes, data)
        self.plot_days(self.lines["mean"], "mean", data.days, data.pain_mean)
        self.plot_days(self.lines["worst"], "worst", data.days, data.pain_worst)
        self.plot_days(self.lines["rolling"], "rolling", data.days, data.pain_rolling)
        self.set_key([*self.line_key(self.lines.values()), *self.challenge_key(data)])
        average = float(np.nanmean(data.pain_mean))
        return (
            f"Pain on {data.pain_days} days from {DisplayFormats.short_date(data.start)} to "
            f"{DisplayFormats.short_date(data.end)}: average "
            f"{average:.1f} out of 10, with the 7-day average as the thick line. Shaded bands are diet phases; "
            "▼ marks a challenge dose (bigger for a bigger dose), with the washout shaded pale after it."
        )

    def hover_text(self, event: Any) -> str | None:
        i = self.day_index(event)
        if i is None or self.data is None:
            return None
        d = self.data
        return (
            f"{_day_label(d.days[i])}: pain {_fmt(d.pain_mean[i])} (worst {_fmt(d.pain_worst[i])}), "
            f"7-day average {_fmt(d.pain_rolling[i])}" + self.challenge_text(i)
        )


class OverlayChart(DayChart):
    title = QT_TRANSLATE_NOOP("Labels", "Pain with stress, sleep and symptoms")
    panel_id = "stress-and-gut"
    panel_text = QT_TRANSLATE_NOOP("Labels", "Stress and the gut")
    margins: ClassVar[dict[str, float]] = {"left": 0.06, "right": 0.93, "top": 0.88, "bottom": 0.14}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.chosen: list[str] = ["stress", "sleep_hours"]
        self.names: dict[str, str] = dict(OVERLAY_LABELS)

    def set_overlays(self, chosen: list[str]) -> None:
        self.chosen = chosen
        if self.data is not None:
            self.set_data(self.data)

    def build(self) -> None:
        self.axes = axes = self.add_day_axes(labels=False)
        (self.pain_line,) = axes.plot([], [], color=self.colours.series[0], lw=2.2, label="Pain, 7-day average")
        axes.set_ylim(0, 11)
        axes.set_yticks(range(0, 11, 2), [str(v) for v in range(0, 11, 2)])
        axes.set_ylabel("Pain (0–10)")
        self.other = other = axes.twinx()
        other.set_ylim(0, 12)
        other.set_yticks(range(0, 13, 2), [str(v) for v in range(0, 13, 2)])
        other.set_ylabel("Overlays (7-day average)")
        self.overlay_lines: dict[str, Line2D] = {}

    def _sync_lines(self, keys: list[str]) -> None:
        """One line per overlay shown, in the order chosen."""
        for key in [k for k in self.overlay_lines if k not in keys]:
            self.overlay_lines.pop(key).remove()
        for colour, key in zip(self.colours.series[1:], keys, strict=False):
            line = self.overlay_lines.get(key)
            if line is None:
                (line,) = self.other.plot([], [], lw=1.4, label=self.names.get(key, humanise(key)))
                self.overlay_lines[key] = line
            line.set_color(colour)
        self.set_key(self.line_key([self.pain_line, *(self.overlay_lines[k] for k in keys)]))

    def update_chart(self, data: TrendsData) -> str:
        self.drawn = {}
        if not enough_data(data.pain_mean, MIN_DAYS):
            self._sync_lines([])
            return self.not_enough("Not enough pain ratings in this range to compare with anything yet.")
        self.set_days(self.axes, data)
        self.plot_days(self.pain_line, "pain", data.days, data.pain_rolling)
        shown = [
            key
            for key in self.chosen[: len(self.colours.series) - 1]
            if key in data.overlays and enough_data(data.overlays[key], MIN_DAYS)
        ]
        self._sync_lines(shown)
        for key in shown:
            self.plot_days(self.overlay_lines[key], key, data.days, rolling_mean(data.overlays[key], 7, 4))
        if not shown:
            return "Pain's 7-day average. Choose stress, sleep or a symptom above to lay it alongside."
        together = ", ".join(self.names.get(k, humanise(k)).lower() for k in shown)
        return f"Pain's 7-day average alongside {together} (7-day averages). Moving together is not proof of cause."

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        d = self.data
        if d is None:
            return [], []
        keys = self.chosen
        header = ["Date", "Pain (7-day)", *[self.names.get(k, humanise(k)) for k in keys]]
        rows: list[Sequence[Any]] = [
            (str(day), _fmt(d.pain_rolling[i]), *[_fmt(d.overlays[k][i]) if k in d.overlays else "—" for k in keys])
            for i, day in enumerate(d.days)
        ]
        return header, rows

    def hover_text(self, event: Any) -> str | None:
        i = self.day_index(event)
        if i is None or self.data is None:
            return None
        parts = [f"pain {_fmt(self.data.pain_mean[i])}"]
        parts += [
            f"{self.names.get(k, k).lower()} {_fmt(self.data.overlays[k][i])}"
            for k in self.chosen
            if k in self.data.overlays
        ]
        return f"{_day_label(self.data.days[i])}: " + ", ".join(parts) + self.challenge_text(i)


class CalendarChart(ChartWidget):
    """Up to five years, one row of weeks each (the chosen first day of the week at the top; Monday: ISO weeks),
    stacked in one image with a blank row between years."""

    title = QT_TRANSLATE_NOOP("Labels", "Pain calendar")
    panel_id = "reading-your-trends"
    panel_text = QT_TRANSLATE_NOOP("Labels", "Reading your trends")
    margins: ClassVar[dict[str, float]] = {"left": 0.1, "right": 0.9, "top": 0.95, "bottom": 0.1}
    max_years = 5

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.canvas.setMinimumHeight(330)

    def build(self) -> None:
        self.axes = axes = self.figure.add_subplot()
        cmap = self._cmap()
        self.image = axes.imshow(
            np.full((7, 53), np.nan), aspect="auto", cmap=cmap, vmin=0, vmax=10, interpolation="nearest"
        )
        axes.set_xticks([d / 7 for d in MONTH_STARTS], ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"])
        axes.tick_params(axis="x", length=0, labelsize=7)
        scale_axes = self.figure.add_axes((0.92, 0.12, 0.015, 0.76))
        self.figure.colorbar(self.image, cax=scale_axes, label="Pain (0–10)")

    def _cmap(self) -> Any:
        from matplotlib import colormaps

        return colormaps["YlOrRd"].with_extremes(bad=self.colours.background)

    def update_chart(self, data: TrendsData) -> str:
        if not enough_data(data.pain_mean, MIN_DAYS) or not data.calendar_years:
            return self.not_enough("Not enough pain ratings in this range for a calendar yet.")
        self.week_start = data.week_start
        self.years = years = data.calendar_years[-self.max_years :]
        grid = data.calendar[-self.max_years :]
        stacked = np.full((len(years) * 8 - 1, 53), np.nan)
        for y, rows in enumerate(grid):
            stacked[y * 8 : y * 8 + 7] = rows
        self.stacked = stacked
        self.image.set_data(np.ma.masked_invalid(stacked))
        self.image.set_extent((-0.5, 52.5, len(stacked) - 0.5, -0.5))
        self.axes.set_ylim(len(stacked) - 0.5, -0.5)
        ticks = [y * 8 + 3 for y in range(len(years))]
        self.axes.set_yticks(ticks, [str(year) for year in years], fontsize=8)
        if len(years) <= 2:
            minor = [y * 8 + d for y in range(len(years)) for d in (0, 6)]
            ends = [self.weekday_name(0), self.weekday_name(6)]
            self.axes.set_yticks(minor, ends * len(years), minor=True, fontsize=6)
        else:
            self.axes.set_yticks([], minor=True)
        filled = np.argwhere(~np.isnan(grid).all(axis=1))[:, 1] if len(years) == 1 else np.array([0, 52])
        self.axes.set_xlim(filled.min() - 0.5, filled.max() + 0.5)  # a short range fills the width
        return (
            f"Daily pain as colour, one row of weeks per year ({years[0]}–{years[-1]}, {self.weekday_name(0, True)} at "
            "the top); darker "
            "is worse and blank days had no rating. Flare periods show as dark patches."
        )

    def weekday_name(self, position: int, long: bool = False) -> str:
        """The name of the day ``position`` days after the first day of the week ('Sun' or 'Sunday')."""
        from PySide6.QtCore import QLocale

        kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
        return QLocale().dayName((self.week_start + position) % 7 + 1, kind)

    def cell(self, x: float, y: float) -> tuple[date, float] | None:
        """The day and pain under a point of the image, or None outside the days."""
        row, week = round(y), round(x)
        if row < 0 or week < 0 or week > 52 or row >= len(self.stacked) or row % 8 == 7:
            return None
        day = week_grid_day(self.years[row // 8], week, row % 8, self.week_start)
        if day is None:  # week 53 of a year that has 52
            return None
        return day, float(self.stacked[row, week])

    def hover_text(self, event: Any) -> str | None:
        if self.data is None or self._is_empty or event.xdata is None or event.ydata is None:
            return None
        found = self.cell(event.xdata, event.ydata)
        if found is None:
            return None
        day, pain = found
        return f"{_day_label(day)}: " + ("no pain rating" if np.isnan(pain) else f"pain {pain:.1f}")

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        rows: list[tuple[str, str, str]] = []
        for y in range(len(self.years)):
            for week in range(53):
                for weekday in range(7):
                    found = self.cell(week, y * 8 + weekday)
                    if found is not None and not np.isnan(found[1]):
                        rows.append((found[0].isoformat(), DisplayFormats.weekday(found[0]), _fmt(found[1])))
        ordered: list[Sequence[Any]] = list(sorted(rows))
        return ["Date", "Weekday", "Pain"], ordered


class MealsChart(ChartWidget):
    title = QT_TRANSLATE_NOOP("Labels", "Meals: what you ate, day by day")
    panel_id = "food-reactions"
    panel_text = QT_TRANSLATE_NOOP("Labels", "What the evidence says about these foods")
    margins: ClassVar[dict[str, float]] = {"left": 0.12, "right": 0.98, "top": 0.95, "bottom": 0.14, "hspace": 0.08}

    def build(self) -> None:
        self.axes, self.pain_axes = self.figure.subplots(2, 1, sharex=True, height_ratios=[2, 1])
        self.image = self.axes.imshow(
            np.zeros((1, 1)), aspect="auto", cmap="Blues", vmin=0, vmax=1, interpolation="nearest"
        )
        (self.pain_line,) = self.pain_axes.plot([], [], color=self.colours.series[0], lw=1.6, label="Pain, 7-day")
        (self.bloating_line,) = self.pain_axes.plot(
            [], [], color=self.colours.series[1], lw=1.2, label="Bloating, 7-day"
        )
        self.pain_axes.set_ylim(0, 10)
        self.pain_axes.set_ylabel("7-day\naverage", fontsize=8)

    def update_chart(self, data: TrendsData) -> str:
        self.drawn: dict[str, tuple[Any, Any]] = {}
        if not data.categories or not data.exposure.any():
            return self.not_enough("No meals with trigger categories in this range yet.")
        n_days = len(data.days)
        self.bin_days = width = 1 if n_days <= 180 else 7
        start = float(_num(data.days[:1])[0])
        if width == 1:
            self.share = share = data.exposure.astype(float)
            first = start
        else:  # whole weeks from the chosen first day of the week
            self.share = share = data.exposure_weekly
            first = float(_num(np.array(data.week_starts[:1], dtype="datetime64[D]"))[0])
        self.image.set_data(share)
        self.image.set_extent((first, first + share.shape[1] * width, len(data.categories) - 0.5, -0.5))
        self.axes.set_ylim(len(data.categories) - 0.5, -0.5)
        self.axes.set_yticks(range(len(data.categories)), [humanise(c) for c in data.categories], fontsize=8)
        self.pain_axes.set_xlim(start, start + n_days)
        _date_ticks(self.pain_axes, start, start + n_days, data.week_start)
        x, y = minmax_decimate(data.days, data.pain_rolling, points_for(self.pain_axes))
        self.pain_line.set_data(_num(x) + 0.5, y)
        self.drawn["pain"] = (x, y)
        bloating = data.overlays.get("bloating")
        if bloating is not None and enough_data(bloating, MIN_DAYS):
            bx, by = minmax_decimate(data.days, rolling_mean(bloating, 7, 4), points_for(self.pain_axes))
            self.bloating_line.set_data(_num(bx) + 0.5, by)
            self.drawn["bloating"] = (bx, by)
        else:
            self.bloating_line.set_data([], [])
        lines = [self.pain_line, self.bloating_line] if "bloating" in self.drawn else [self.pain_line]
        eaten = KeyItem("darker = eaten on more days" if width > 1 else "eaten that day", "#2171b5", "box")
        self.set_key([eaten, *(KeyItem(ln.get_label(), ln.get_color(), "-", ln.get_linewidth()) for ln in lines)])
        unit = "day" if width == 1 else "week (share of days)"
        return f"Which trigger categories you ate, per {unit}, above the 7-day averages of pain and bloating."

    def hover_text(self, event: Any) -> str | None:
        d = self.data
        if d is None or self._is_empty or event.xdata is None or event.ydata is None:
            return None
        i = int(np.floor(event.xdata - float(_num(d.days[:1])[0])))
        if not 0 <= i < len(d.days):
            return None
        if event.inaxes is self.pain_axes:
            bloating = d.overlays.get("bloating")
            extra = f", bloating {_fmt(rolling_mean(bloating, 7, 4)[i])}" if bloating is not None else ""
            return f"{_day_label(d.days[i])}: pain 7-day average {_fmt(d.pain_rolling[i])}{extra}"
        row = round(event.ydata)
        if not 0 <= row < len(d.categories):
            return None
        name = humanise(d.categories[row])
        if self.bin_days == 1:
            return f"{_day_label(d.days[i])}: {name} " + ("eaten" if d.exposure[row, i] else "not logged")
        day: date = d.days[i].astype("datetime64[D]").item()
        week = (day - d.week_starts[0]).days // 7
        begins = max(d.week_starts[week], d.start)
        days = d.exposure[row, (begins - d.start).days : (d.week_starts[week] - d.start).days + 7]
        return f"Week from {_day_label(d.week_starts[week])}: {name} on {int(days.sum())} of {len(days)} days"

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        d = self.data
        if d is None:
            return [], []
        return (
            ["Date", *[humanise(c) for c in d.categories]],
            [
                (str(day), *["yes" if d.exposure[c, i] else "" for c in range(len(d.categories))])
                for i, day in enumerate(d.days)
            ],
        )


class StoolChart(ChartWidget):
    title = QT_TRANSLATE_NOOP("Labels", "Stool form over time")
    panel_id = "bristol-scale"
    panel_text = QT_TRANSLATE_NOOP("Labels", "About the Bristol scale")
    margins: ClassVar[dict[str, float]] = {"left": 0.1, "right": 0.98, "top": 0.95, "bottom": 0.14}

    def build(self) -> None:
        self.axes = axes = self.figure.add_subplot()
        axes.axhspan(2.5, 4.5, color=self.colours.band, alpha=0.6, lw=0, label="Typical (3–4)")
        self.points = axes.scatter([], [], s=8, color=self.colours.series[1], alpha=0.6, label="Bristol type")
        axes.set_ylim(0.5, 7.5)
        axes.set_yticks(range(1, 8), ["1 hard", "2", "3", "4", "5", "6", "7 watery"])
        axes.set_ylabel("Bristol type")

    def update_chart(self, data: TrendsData) -> str:
        self.drawn = {}
        if len(data.bowel_bristol) < MIN_DAYS:
            return self.not_enough("Not enough bowel movements logged in this range yet.")
        when = np.datetime64(data.start, "m") + (data.bowel_when * 24 * 60).astype("timedelta64[m]")
        first = float(_num(data.days[:1])[0])
        self.points.set_offsets(np.column_stack((first + data.bowel_when, data.bowel_bristol)))
        self.axes.set_xlim(first, first + len(data.days))
        _date_ticks(self.axes, first, first + len(data.days), data.week_start)
        self.drawn["stool"] = (when, data.bowel_bristol)
        self.set_key(
            [
                KeyItem("typical (types 3–4)", self.colours.band, "box"),
                KeyItem("a bowel movement", self.colours.series[1], "o", alpha=0.6),
            ]
        )
        typical = float(np.mean((data.bowel_bristol >= 3) & (data.bowel_bristol <= 4)) * 100)
        return f"{len(data.bowel_bristol)} bowel movements; {typical:.0f}% in the typical band (types 3–4)."

    def hover_text(self, event: Any) -> str | None:
        found = self.drawn.get("stool")
        if not found or event.xdata is None or event.ydata is None:
            return None
        when, types = found
        x = _num(when)
        # nearest movement, measured in days across and Bristol types up and down
        distance = np.hypot((x - event.xdata) * 20 / max(float(x.max() - x.min()), 1.0), types - event.ydata)
        i = int(np.argmin(distance))
        moment = when[i].astype("datetime64[m]").item()
        return f"{self.services.formats.date_time(moment)}: Bristol type {int(types[i])}"

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        found = self.drawn.get("stool")
        if not found:
            return [], []
        when, types = found
        return ["When", "Bristol type"], [(str(w), int(b)) for w, b in zip(when, types, strict=True)]


class SitesChart(ChartWidget):
    title = QT_TRANSLATE_NOOP("Labels", "Where it hurts")
    panel_id = "about-this-app"
    panel_text = QT_TRANSLATE_NOOP("Labels", "About the body sites")
    margins: ClassVar[dict[str, float]] = {"left": 0.18, "right": 0.98, "top": 0.97, "bottom": 0.12}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.canvas.setMinimumHeight(380)
        self.labels = [info.label for info in BODY_SITES]
        self.counts = [0] * len(self.labels)

    def build(self) -> None:
        self.axes = axes = self.figure.add_subplot()
        self.bars = axes.barh(range(len(self.labels)), [0] * len(self.labels), color=self.colours.series[0])
        axes.set_yticks(range(len(self.labels)), self.labels, fontsize=7)
        axes.set_ylim(len(self.labels) - 0.5, -0.5)
        axes.set_xlabel("Times logged in this range")

    def update_chart(self, data: TrendsData) -> str:
        if not data.site_counts:
            return self.not_enough("No body sites logged with pain in this range yet.")
        self.counts = [data.site_counts.get(info.site.value, 0) for info in BODY_SITES]
        for bar, count in zip(self.bars, self.counts, strict=True):
            bar.set_width(count)
        self.axes.set_xlim(0, max(self.counts) * 1.05)
        top = sorted(zip(self.counts, self.labels, strict=True), reverse=True)[:3]
        return "Most often: " + ", ".join(f"{label} ({count})" for count, label in top if count) + "."

    def hover_text(self, event: Any) -> str | None:
        if event.ydata is None or self._is_empty:
            return None
        row = round(event.ydata)
        return f"{self.labels[row]}: {self.counts[row]} times" if 0 <= row < len(self.labels) else None

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        return ["Body site", "Times logged"], list(zip(self.labels, self.counts, strict=True))
