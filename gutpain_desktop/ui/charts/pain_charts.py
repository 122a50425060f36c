"""The pain lines: pain over time, and pain beside the overlays the person picks (stress, sleep, symptoms)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
from matplotlib.lines import Line2D

from ...analysis import enough_data, rolling_mean
from ...analysis.trends import TrendsData
from ...domain.entries import humanise
from ...i18n import QT_TRANSLATE_NOOP
from ..formats import DisplayFormats
from ..translate import label as translated
from ..translate import number, plural
from .day_axis import MIN_DAYS, DayChart, day_label, pain_scale_label, value_text

#: The overlays that are not symptoms: keys -> labels (translated where shown).
OVERLAY_LABELS = {
    "stress": QT_TRANSLATE_NOOP("Labels", "Stress"),
    "sleep_hours": QT_TRANSLATE_NOOP("Labels", "Sleep (hours)"),
    "sleep_quality": QT_TRANSLATE_NOOP("Labels", "Sleep quality"),
}


def _pain_ticks(axes: Any) -> None:
    axes.set_ylim(0, 11)
    axes.set_yticks(range(0, 11, 2), [str(v) for v in range(0, 11, 2)])
    axes.set_ylabel(pain_scale_label())


class PainChart(DayChart):
    title = QT_TRANSLATE_NOOP("Labels", "Pain over time")
    panel_id = "gut-brain-axis"
    panel_text = QT_TRANSLATE_NOOP("Labels", "Gut, brain and pain")
    margins: ClassVar[dict[str, float]] = {"left": 0.06, "right": 0.98, "top": 0.88, "bottom": 0.14}

    def build(self) -> None:
        self.axes = axes = self.add_day_axes()
        self.lines: dict[str, Line2D] = {}
        styles: tuple[tuple[str, str, dict[str, Any]], ...] = (
            ("mean", self.tr("Daily mean"), {"lw": 0.8, "alpha": 0.6}),
            ("worst", self.tr("Daily worst"), {"lw": 0.8, "ls": ":", "alpha": 0.8}),
            ("rolling", self.tr("7-day average"), {"lw": 2.2}),
        )
        for (name, label, style), colour in zip(styles, self.colours.series, strict=False):
            (self.lines[name],) = axes.plot([], [], label=label, color=colour, **style)
        _pain_ticks(axes)

    def update_chart(self, data: TrendsData) -> str:
        self.drawn = {}
        if not enough_data(data.pain_mean, MIN_DAYS):
            return self.not_enough(
                self.tr("Not enough pain ratings in this range to show a trend yet (fewer than %n days).", "", MIN_DAYS)
            )
        self.set_days(self.axes, data)
        self.plot_days(self.lines["mean"], "mean", data.days, data.pain_mean)
        self.plot_days(self.lines["worst"], "worst", data.days, data.pain_worst)
        self.plot_days(self.lines["rolling"], "rolling", data.days, data.pain_rolling)
        self.set_key([*self.line_key(self.lines.values()), *self.challenge_key(data)])
        average = float(np.nanmean(data.pain_mean))
        days = plural(self.tr("%n days", "", data.pain_days), data.pain_days, "%n days", "%n day")
        return self.tr(
            "Pain on {0} from {1} to {2}: average {3} out of 10, with the 7-day average as the thick line. Shaded "
            "bands are diet phases; ▼ marks a challenge dose (bigger for a bigger dose), with the washout shaded "
            "pale after it."
        ).format(days, DisplayFormats.short_date(data.start), DisplayFormats.short_date(data.end), number(average, 1))

    def hover_text(self, event: Any) -> str | None:
        i = self.day_index(event)
        if i is None or self.data is None:
            return None
        d = self.data
        return self.tr("{0}: pain {1} (worst {2}), 7-day average {3}").format(
            day_label(d.days[i]), value_text(d.pain_mean[i]), value_text(d.pain_worst[i]), value_text(d.pain_rolling[i])
        ) + self.challenge_text(i)


class OverlayChart(DayChart):
    title = QT_TRANSLATE_NOOP("Labels", "Pain with stress, sleep and symptoms")
    panel_id = "stress-and-gut"
    panel_text = QT_TRANSLATE_NOOP("Labels", "Stress and the gut")
    margins: ClassVar[dict[str, float]] = {"left": 0.06, "right": 0.93, "top": 0.88, "bottom": 0.14}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.chosen: list[str] = ["stress", "sleep_hours"]
        #: Overlay keys -> the names shown (translated: the view sets them, with the person's symptoms).
        self.names: dict[str, str] = {key: translated(text) for key, text in OVERLAY_LABELS.items()}

    def set_overlays(self, chosen: list[str]) -> None:
        self.chosen = chosen
        if self.data is not None:
            self.set_data(self.data)

    def build(self) -> None:
        self.axes = axes = self.add_day_axes(labels=False)
        (self.pain_line,) = axes.plot(
            [], [], color=self.colours.series[0], lw=2.2, label=self.tr("Pain, 7-day average")
        )
        _pain_ticks(axes)
        self.other = other = axes.twinx()
        other.set_ylim(0, 12)
        other.set_yticks(range(0, 13, 2), [str(v) for v in range(0, 13, 2)])
        other.set_ylabel(self.tr("Overlays (7-day average)"))
        self.overlay_lines: dict[str, Line2D] = {}

    def name(self, key: str) -> str:
        return self.names.get(key) or translated(humanise(key))

    def _sync_lines(self, keys: list[str]) -> None:
        """One line per overlay shown, in the order chosen."""
        for key in [k for k in self.overlay_lines if k not in keys]:
            self.overlay_lines.pop(key).remove()
        for colour, key in zip(self.colours.series[1:], keys, strict=False):
            line = self.overlay_lines.get(key)
            if line is None:
                (line,) = self.other.plot([], [], lw=1.4, label=self.name(key))
                self.overlay_lines[key] = line
            line.set_color(colour)
        self.set_key(self.line_key([self.pain_line, *(self.overlay_lines[k] for k in keys)]))

    def update_chart(self, data: TrendsData) -> str:
        self.drawn = {}
        if not enough_data(data.pain_mean, MIN_DAYS):
            self._sync_lines([])
            return self.not_enough(self.tr("Not enough pain ratings in this range to compare with anything yet."))
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
            return self.tr("Pain's 7-day average. Choose stress, sleep or a symptom above to lay it alongside.")
        together = ", ".join(self.name(k) for k in shown)
        return self.tr(
            "Pain's 7-day average alongside {0} (7-day averages). Moving together is not proof of cause."
        ).format(together)

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        d = self.data
        if d is None:
            return [], []
        keys = self.chosen
        header = [self.tr("Date"), self.tr("Pain (7-day)"), *[self.name(k) for k in keys]]
        rows: list[Sequence[Any]] = [
            (
                day_label(day),
                value_text(d.pain_rolling[i]),
                *[value_text(d.overlays[k][i]) if k in d.overlays else "—" for k in keys],
            )
            for i, day in enumerate(d.days)
        ]
        return header, rows

    def hover_text(self, event: Any) -> str | None:
        i = self.day_index(event)
        if i is None or self.data is None:
            return None
        d = self.data
        parts = [self.tr("pain {0}").format(value_text(d.pain_mean[i]))]
        parts += [
            self.tr("{0} {1}").format(self.name(k), value_text(d.overlays[k][i]))
            for k in self.chosen
            if k in d.overlays
        ]
        return self.tr("{0}: {1}").format(day_label(d.days[i]), ", ".join(parts)) + self.challenge_text(i)
