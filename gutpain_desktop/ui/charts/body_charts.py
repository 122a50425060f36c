"""What the body shows: stool form over time (the Bristol scale) and where it hurts (body sites)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
from PySide6.QtCore import QLocale

from ...analysis.trends import TrendsData
from ...domain.scales import BODY_SITES
from ...i18n import QT_TRANSLATE_NOOP
from ..translate import label as translated
from ..translate import plural
from .base import ChartWidget, KeyItem
from .day_axis import MIN_DAYS, date_ticks, day_numbers


class StoolChart(ChartWidget):
    title = QT_TRANSLATE_NOOP("Labels", "Stool form over time")
    panel_id = "bristol-scale"
    panel_text = QT_TRANSLATE_NOOP("Labels", "About the Bristol scale")
    margins: ClassVar[dict[str, float]] = {"left": 0.1, "right": 0.98, "top": 0.95, "bottom": 0.14}

    def build(self) -> None:
        self.axes = axes = self.figure.add_subplot()
        axes.axhspan(2.5, 4.5, color=self.colours.band, alpha=0.6, lw=0, label=self.tr("Typical (3–4)"))
        self.points = axes.scatter([], [], s=8, color=self.colours.series[1], alpha=0.6, label=self.tr("Bristol type"))
        axes.set_ylim(0.5, 7.5)
        axes.set_yticks(range(1, 8), [self.tr("1 hard"), "2", "3", "4", "5", "6", self.tr("7 watery")])
        axes.set_ylabel(self.tr("Bristol type"))

    def update_chart(self, data: TrendsData) -> str:
        self.drawn = {}
        count = len(data.bowel_bristol)
        if count < MIN_DAYS:
            return self.not_enough(self.tr("Not enough bowel movements logged in this range yet."))
        when = np.datetime64(data.start, "m") + (data.bowel_when * 24 * 60).astype("timedelta64[m]")
        first = float(day_numbers(data.days[:1])[0])
        self.points.set_offsets(np.column_stack((first + data.bowel_when, data.bowel_bristol)))
        self.axes.set_xlim(first, first + len(data.days))
        date_ticks(self.axes, first, first + len(data.days), data.week_start)
        self.drawn["stool"] = (when, data.bowel_bristol)
        self.set_key(
            [
                KeyItem(self.tr("typical (types 3–4)"), self.colours.band, "box"),
                KeyItem(self.tr("a bowel movement"), self.colours.series[1], "o", alpha=0.6),
            ]
        )
        typical = round(float(np.mean((data.bowel_bristol >= 3) & (data.bowel_bristol <= 4)) * 100))
        movements = plural(self.tr("%n bowel movements", "", count), count, "%n bowel movements", "%n bowel movement")
        return self.tr("{0}; {1}% in the typical band (types 3–4).").format(movements, QLocale().toString(typical))

    def hover_text(self, event: Any) -> str | None:
        found = self.drawn.get("stool")
        if not found or event.xdata is None or event.ydata is None:
            return None
        when, types = found
        x = day_numbers(when)
        # nearest movement, measured in days across and Bristol types up and down
        distance = np.hypot((x - event.xdata) * 20 / max(float(x.max() - x.min()), 1.0), types - event.ydata)
        i = int(np.argmin(distance))
        moment = when[i].astype("datetime64[m]").item()
        return self.tr("{0}: Bristol type {1}").format(self.services.formats.date_time(moment), int(types[i]))

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        found = self.drawn.get("stool")
        if not found:
            return [], []
        when, types = found
        formats = self.services.formats
        return [self.tr("When"), self.tr("Bristol type")], [
            (formats.date_time(w.astype("datetime64[m]").item()), int(b)) for w, b in zip(when, types, strict=True)
        ]


class SitesChart(ChartWidget):
    title = QT_TRANSLATE_NOOP("Labels", "Where it hurts")
    panel_id = "about-this-app"
    panel_text = QT_TRANSLATE_NOOP("Labels", "About the body sites")
    margins: ClassVar[dict[str, float]] = {"left": 0.18, "right": 0.98, "top": 0.97, "bottom": 0.12}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.set_canvas_height(380)
        self.labels = [translated(info.label) for info in BODY_SITES]
        self.counts = [0] * len(self.labels)

    def build(self) -> None:
        self.axes = axes = self.figure.add_subplot()
        self.bars = axes.barh(range(len(self.labels)), [0] * len(self.labels), color=self.colours.series[0])
        axes.set_yticks(range(len(self.labels)), self.labels, fontsize="x-small")
        axes.set_ylim(len(self.labels) - 0.5, -0.5)
        axes.set_xlabel(self.tr("Times logged in this range"))

    def update_chart(self, data: TrendsData) -> str:
        if not data.site_counts:
            return self.not_enough(self.tr("No body sites logged with pain in this range yet."))
        self.counts = [data.site_counts.get(info.site.value, 0) for info in BODY_SITES]
        for bar, count in zip(self.bars, self.counts, strict=True):
            bar.set_width(count)
        self.axes.set_xlim(0, max(self.counts) * 1.05)
        top = sorted(zip(self.counts, self.labels, strict=True), reverse=True)[:3]
        most = ", ".join(self.tr("{0} ({1})").format(label, QLocale().toString(count)) for count, label in top if count)
        return self.tr("Most often: {0}.").format(most)

    def hover_text(self, event: Any) -> str | None:
        if event.ydata is None or self._is_empty:
            return None
        row = round(event.ydata)
        if not 0 <= row < len(self.labels):
            return None
        count = self.counts[row]
        times = plural(self.tr("%n times", "", count), count, "%n times", "%n time")
        return self.tr("{0}: {1}").format(self.labels[row], times)

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        return [self.tr("Body site"), self.tr("Times logged")], list(zip(self.labels, self.counts, strict=True))
