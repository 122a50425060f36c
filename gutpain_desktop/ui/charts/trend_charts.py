"""The six Trends charts. Each draws from one TrendsData (computed off the UI thread) and keeps what it drew
(``self.drawn``) so tests and the table view see exactly the plotted numbers."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from matplotlib import dates as mdates

from ...analysis import enough_data, minmax_decimate, rolling_mean
from ...analysis.trends import TrendsData
from ...domain.entries import humanise
from ...domain.scales import BODY_SITES
from .base import ChartWidget

PHASE_COLOURS = {
    "baseline": "#95a5a6",
    "elimination": "#5dade2",
    "reintroduction": "#f5b041",
    "personalisation": "#58d68d",
    "paused": "#d7dbdd",
}
OVERLAY_LABELS = {"stress": "Stress", "sleep_hours": "Sleep (hours)", "sleep_quality": "Sleep quality"}
MIN_DAYS = 5


def _fmt(value: float) -> str:
    return "—" if np.isnan(value) else f"{value:.1f}"


def _day_label(day: np.datetime64) -> str:
    return day.astype("datetime64[D]").item().strftime("%a %d %b %Y")


class DayChart(ChartWidget):
    """A chart whose x axis is one point per day: hover reads the day under the mouse."""

    data: TrendsData | None = None

    def day_index(self, event: Any) -> int | None:
        if self.data is None or event.xdata is None:
            return None
        day = np.datetime64(mdates.num2date(event.xdata).date(), "D")
        index = int((day - self.data.days[0]).astype(int))
        return index if 0 <= index < len(self.data.days) else None

    def format_axis(self, axes: Any) -> None:
        locator = mdates.AutoDateLocator(maxticks=8)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        axes.grid(True, color=self.colours.grid, linewidth=0.5)

    def draw_bands(self, axes: Any, data: TrendsData, *, labels: bool = True) -> None:
        span = max(len(data.days), 1)
        for band in data.bands:
            axes.axvspan(band.start, band.end, color=PHASE_COLOURS.get(band.phase, "#cccccc"), alpha=0.18, lw=0)
            wide_enough = (band.end - band.start).astype(int) >= span * 0.06  # labels of thin bands would collide
            if labels and wide_enough:
                axes.text(band.start, 10.2, band.phase, fontsize=7, color=self.colours.text, va="bottom", clip_on=True)
        for challenge in data.challenges:
            start = np.datetime64(challenge.start, "D")
            axes.axvspan(start, start + 3, color=self.colours.marker, alpha=0.25, lw=0)
            label = f"▼ {challenge.food}" if span <= 400 else "▼"
            axes.annotate(label, (start, 10), fontsize=7, color=self.colours.marker, annotation_clip=True)


class PainChart(DayChart):
    title = "Pain over time"
    panel_id = "gut-brain-axis"
    panel_text = "Gut, brain and pain"

    def draw(self, data: TrendsData) -> str:
        self.data = data
        self.drawn: dict[str, tuple[Any, Any]] = {}
        if not enough_data(data.pain_mean, MIN_DAYS):
            return self.not_enough(
                f"Not enough pain ratings in this range to show a trend yet (fewer than {MIN_DAYS} days)."
            )
        axes = self.figure.add_subplot()
        self.draw_bands(axes, data)
        series = (
            ("mean", data.pain_mean, "Daily mean", {"lw": 0.8, "alpha": 0.6}),
            ("worst", data.pain_worst, "Daily worst", {"lw": 0.8, "ls": ":", "alpha": 0.8}),
            ("rolling", data.pain_rolling, "7-day average", {"lw": 2.2}),
        )
        for (name, values, label, style), colour in zip(series, self.colours.series, strict=False):
            x, y = minmax_decimate(data.days, values)
            axes.plot(x, y, label=label, color=colour, **style)
            self.drawn[name] = (x, y)
        axes.set_ylim(0, 11)
        axes.set_ylabel("Pain (0–10)")
        self.format_axis(axes)
        axes.legend(loc="upper left", fontsize=8, ncols=3)
        self.table_header = ["Date", "Mean", "Worst", "7-day average"]
        self.table_rows = [
            (str(d), _fmt(a), _fmt(b), _fmt(c))
            for d, a, b, c in zip(data.days, data.pain_mean, data.pain_worst, data.pain_rolling, strict=True)
            if not (np.isnan(a) and np.isnan(c))
        ]
        average = float(np.nanmean(data.pain_mean))
        return (
            f"Pain on {data.pain_days} days from {data.start:%d %b %Y} to {data.end:%d %b %Y}: average "
            f"{average:.1f} out of 10, with the 7-day average as the thick line. Shaded bands are diet phases; "
            "▼ marks a reintroduction challenge."
        )

    def hover_text(self, event: Any) -> str | None:
        i = self.day_index(event)
        if i is None or self.data is None:
            return None
        d = self.data
        return (
            f"{_day_label(d.days[i])}: pain {_fmt(d.pain_mean[i])} (worst {_fmt(d.pain_worst[i])}), "
            f"7-day average {_fmt(d.pain_rolling[i])}"
        )


class OverlayChart(DayChart):
    title = "Pain with stress, sleep and symptoms"
    panel_id = "stress-and-gut"
    panel_text = "Stress and the gut"
    margins: ClassVar[dict[str, float]] = {"left": 0.06, "right": 0.93, "top": 0.9, "bottom": 0.16}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.chosen: list[str] = ["stress", "sleep_hours"]
        self.names: dict[str, str] = dict(OVERLAY_LABELS)

    def set_overlays(self, chosen: list[str]) -> None:
        self.chosen = chosen
        if self.data is not None:
            self.show_data(self.data)

    def draw(self, data: TrendsData) -> str:
        self.data = data
        self.drawn = {}
        if not enough_data(data.pain_mean, MIN_DAYS):
            return self.not_enough("Not enough pain ratings in this range to compare with anything yet.")
        axes = self.figure.add_subplot()
        self.draw_bands(axes, data, labels=False)
        x, y = minmax_decimate(data.days, data.pain_rolling)
        axes.plot(x, y, color=self.colours.series[0], lw=2.2, label="Pain, 7-day average")
        self.drawn["pain"] = (x, y)
        axes.set_ylim(0, 11)
        axes.set_ylabel("Pain (0–10)")
        other = axes.twinx()
        other.set_ylim(0, 12)
        other.set_ylabel("Overlays (7-day average)")
        shown = []
        for colour, key in zip(self.colours.series[1:], self.chosen, strict=False):
            values = data.overlays.get(key)
            if values is None or not enough_data(values, MIN_DAYS):
                continue
            x, y = minmax_decimate(data.days, rolling_mean(values, 7, 4))
            other.plot(x, y, color=colour, lw=1.4, label=self.names.get(key, humanise(key)))
            self.drawn[key] = (x, y)
            shown.append(self.names.get(key, humanise(key)).lower())
        self.format_axis(axes)
        handles = axes.get_legend_handles_labels()
        more = other.get_legend_handles_labels()
        axes.legend(handles[0] + more[0], handles[1] + more[1], loc="upper left", fontsize=8, ncols=4)
        self._style(other)
        self.table_header = ["Date", "Pain (7-day)", *[self.names.get(k, humanise(k)) for k in self.chosen]]
        self.table_rows = [
            (
                str(d),
                _fmt(data.pain_rolling[i]),
                *[_fmt(data.overlays[k][i]) if k in data.overlays else "—" for k in self.chosen],
            )
            for i, d in enumerate(data.days)
        ]
        if not shown:
            return "Pain's 7-day average. Choose stress, sleep or a symptom above to lay it alongside."
        together = ", ".join(shown)
        return f"Pain's 7-day average alongside {together} (7-day averages). Moving together is not proof of cause."

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
        return f"{_day_label(self.data.days[i])}: " + ", ".join(parts)


class CalendarChart(ChartWidget):
    title = "Pain calendar"
    panel_id = "reading-your-trends"
    panel_text = "Reading your trends"
    margins: ClassVar[dict[str, float]] = {"left": 0.1, "right": 0.9, "top": 0.95, "bottom": 0.05, "hspace": 0.15}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.canvas.setMinimumHeight(330)  # up to five years, one row of weeks each

    def draw(self, data: TrendsData) -> str:
        if not enough_data(data.pain_mean, MIN_DAYS) or not data.calendar_years:
            return self.not_enough("Not enough pain ratings in this range for a calendar yet.")
        years = data.calendar_years[-5:]
        grid = data.calendar[-5:]
        axes_list = self.figure.subplots(len(years), 1, squeeze=False)[:, 0]
        image = None
        for axes, year, rows in zip(axes_list, years, grid, strict=True):
            image = axes.imshow(
                np.ma.masked_invalid(rows), aspect="auto", cmap="YlOrRd", vmin=0, vmax=10, interpolation="nearest"
            )
            axes.set_yticks([0, 3, 6], ["Mon", "Thu", "Sun"], fontsize=7)
            axes.set_xticks([])
            axes.set_ylabel(str(year), rotation=0, labelpad=18, fontsize=8)
        filled = np.argwhere(~np.isnan(grid).all(axis=1))[:, 1] if len(years) == 1 else np.array([0, 52])
        for axes in axes_list:
            axes.set_xlim(filled.min() - 0.5, filled.max() + 0.5)  # a short range fills the width
        if image is not None:
            scale_axes = self.figure.add_axes((0.92, 0.12, 0.015, 0.76))
            self.figure.colorbar(image, cax=scale_axes, label="Pain (0–10)")
        self.table_header = ["Year", "ISO week", "Weekday", "Pain"]
        self.table_rows = [
            (year, week + 1, day + 1, _fmt(rows[day, week]))
            for year, rows in zip(years, grid, strict=True)
            for week in range(rows.shape[1])
            for day in range(7)
            if not np.isnan(rows[day, week])
        ]
        return (
            f"Daily pain as colour, one row of weeks per year ({years[0]}–{years[-1]}); darker is worse and blank "
            "days had no rating. Flare periods show as dark patches."
        )


class MealsChart(ChartWidget):
    title = "Meals: what you ate, day by day"
    panel_id = "food-reactions"
    panel_text = "What the evidence says about these foods"
    margins: ClassVar[dict[str, float]] = {"left": 0.12, "right": 0.98, "top": 0.95, "bottom": 0.14, "hspace": 0.08}

    def draw(self, data: TrendsData) -> str:
        if not data.categories or not data.exposure.any():
            return self.not_enough("No meals with trigger categories in this range yet.")
        n_days = len(data.days)
        width = 1 if n_days <= 180 else 7
        bins = -(-n_days // width)
        padded = np.zeros((len(data.categories), bins * width), dtype=float)
        padded[:, :n_days] = data.exposure
        share = padded.reshape(len(data.categories), bins, width).mean(axis=2)
        axes, pain_axes = self.figure.subplots(2, 1, sharex=True, height_ratios=[2, 1])
        start = mdates.date2num(data.days[0])
        axes.imshow(
            share,
            aspect="auto",
            cmap="Blues",
            vmin=0,
            vmax=1,
            interpolation="nearest",
            extent=(start, start + bins * width, len(data.categories) - 0.5, -0.5),
        )
        axes.set_yticks(range(len(data.categories)), [humanise(c) for c in data.categories], fontsize=8)
        x, y = minmax_decimate(data.days, data.pain_rolling)
        pain_axes.plot(x, y, color=self.colours.series[0], lw=1.6)
        bloating = data.overlays.get("bloating")
        if bloating is not None and enough_data(bloating, MIN_DAYS):
            bx, by = minmax_decimate(data.days, rolling_mean(bloating, 7, 4))
            pain_axes.plot(bx, by, color=self.colours.series[1], lw=1.2, label="Bloating")
            pain_axes.legend(fontsize=7, loc="upper left")
        pain_axes.set_ylim(0, 10)
        pain_axes.set_ylabel("Pain\n7-day", fontsize=8)
        locator = mdates.AutoDateLocator(maxticks=8)
        pain_axes.xaxis.set_major_locator(locator)
        pain_axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        self.table_header = ["Date", *[humanise(c) for c in data.categories]]
        self.table_rows = [
            (str(d), *["yes" if data.exposure[c, i] else "" for c in range(len(data.categories))])
            for i, d in enumerate(data.days)
        ]
        unit = "day" if width == 1 else "week (share of days)"
        return f"Which trigger categories you ate, per {unit}, above pain's 7-day average."


class StoolChart(ChartWidget):
    title = "Stool form over time"
    panel_id = "bristol-scale"
    panel_text = "About the Bristol scale"

    def draw(self, data: TrendsData) -> str:
        self.drawn = {}
        if len(data.bowel_bristol) < MIN_DAYS:
            return self.not_enough("Not enough bowel movements logged in this range yet.")
        axes = self.figure.add_subplot()
        axes.axhspan(2.5, 4.5, color=self.colours.band, alpha=0.6, lw=0, label="Typical (3–4)")
        when = np.datetime64(data.start, "m") + (data.bowel_when * 24 * 60).astype("timedelta64[m]")
        axes.scatter(when, data.bowel_bristol, s=8, color=self.colours.series[1], alpha=0.6, label="Bristol type")
        self.drawn["stool"] = (when, data.bowel_bristol)
        axes.set_ylim(0.5, 7.5)
        axes.set_yticks(range(1, 8))
        axes.set_ylabel("Bristol type (1 hard – 7 watery)")
        locator = mdates.AutoDateLocator(maxticks=8)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        axes.legend(fontsize=8, loc="upper left")
        self.table_header = ["When", "Bristol type"]
        self.table_rows = [(str(w), int(b)) for w, b in zip(when, data.bowel_bristol, strict=True)]
        typical = float(np.mean((data.bowel_bristol >= 3) & (data.bowel_bristol <= 4)) * 100)
        return f"{len(data.bowel_bristol)} bowel movements; {typical:.0f}% in the typical band (types 3–4)."

    def hover_text(self, event: Any) -> str | None:
        found = self.drawn.get("stool")
        if not found or event.xdata is None or event.ydata is None:
            return None
        when, types = found
        x = mdates.date2num(when)
        # nearest movement, measured in days across and Bristol types up and down
        distance = np.hypot((x - event.xdata) * 20 / max(float(x.max() - x.min()), 1.0), types - event.ydata)
        i = int(np.argmin(distance))
        moment = when[i].astype("datetime64[m]").item()
        return f"{moment:%a %d %b %Y %H:%M}: Bristol type {int(types[i])}"


class SitesChart(ChartWidget):
    title = "Where it hurts"
    panel_id = "about-this-app"
    panel_text = "About the body sites"
    margins: ClassVar[dict[str, float]] = {"left": 0.18, "right": 0.98, "top": 0.97, "bottom": 0.12}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.canvas.setMinimumHeight(380)

    def draw(self, data: TrendsData) -> str:
        if not data.site_counts:
            return self.not_enough("No body sites logged with pain in this range yet.")
        labels = [info.label for info in BODY_SITES]
        counts = [data.site_counts.get(info.site.value, 0) for info in BODY_SITES]
        axes = self.figure.add_subplot()
        axes.barh(range(len(labels)), counts, color=self.colours.series[0])
        axes.set_yticks(range(len(labels)), labels, fontsize=7)
        axes.invert_yaxis()
        axes.set_xlabel("Times logged in this range")
        self.counts = counts
        self.labels = labels
        self.table_header = ["Body site", "Times logged"]
        self.table_rows = list(zip(labels, counts, strict=True))
        top = sorted(zip(counts, labels, strict=True), reverse=True)[:3]
        return "Most often: " + ", ".join(f"{label} ({count})" for count, label in top if count) + "."

    def hover_text(self, event: Any) -> str | None:
        if event.ydata is None or not getattr(self, "labels", None):
            return None
        row = round(event.ydata)
        return f"{self.labels[row]}: {self.counts[row]} times" if 0 <= row < len(self.labels) else None
