"""The calendar of meals: which trigger categories were eaten, day by day (week by week on long ranges), above the
7-day averages of pain and bloating."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

import numpy as np

from ...analysis import enough_data, minmax_decimate, rolling_mean
from ...analysis.trends import TrendsData
from ...domain.entries import humanise
from ...i18n import QT_TRANSLATE_NOOP
from ..translate import label as translated
from ..translate import plural
from .base import ChartWidget, KeyItem
from .day_axis import MIN_DAYS, date_ticks, day_label, day_numbers, points_for, value_text


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
        (self.pain_line,) = self.pain_axes.plot(
            [], [], color=self.colours.series[0], lw=1.6, label=self.tr("Pain, 7-day")
        )
        (self.bloating_line,) = self.pain_axes.plot(
            [], [], color=self.colours.series[1], lw=1.2, label=self.tr("Bloating, 7-day")
        )
        self.pain_axes.set_ylim(0, 10)
        self.pain_axes.set_ylabel(self.tr("7-day\naverage"), fontsize="small")
        self.names: list[str] = []

    def category_names(self, keys: Sequence[str]) -> list[str]:
        """The categories as the person sees them elsewhere: their own names, the built-in ones translated."""
        names = self.services.catalog.names()
        return [translated(names.get(key) or humanise(key)) for key in keys]

    def update_chart(self, data: TrendsData) -> str:
        self.drawn: dict[str, tuple[Any, Any]] = {}
        if not data.categories or not data.exposure.any():
            return self.not_enough(self.tr("No meals with trigger categories in this range yet."))
        n_days = len(data.days)
        self.bin_days = width = 1 if n_days <= 180 else 7
        start = float(day_numbers(data.days[:1])[0])
        if width == 1:
            self.share = share = data.exposure.astype(float)
            first = start
        else:  # whole weeks from the chosen first day of the week
            self.share = share = data.exposure_weekly
            first = float(day_numbers(np.array(data.week_starts[:1], dtype="datetime64[D]"))[0])
        self.image.set_data(share)
        self.image.set_extent((first, first + share.shape[1] * width, len(data.categories) - 0.5, -0.5))
        self.axes.set_ylim(len(data.categories) - 0.5, -0.5)
        self.names = self.category_names(data.categories)
        self.axes.set_yticks(range(len(data.categories)), self.names, fontsize="small")
        self.pain_axes.set_xlim(start, start + n_days)
        date_ticks(self.pain_axes, start, start + n_days, data.week_start)
        x, y = minmax_decimate(data.days, data.pain_rolling, points_for(self.pain_axes))
        self.pain_line.set_data(day_numbers(x) + 0.5, y)
        self.drawn["pain"] = (x, y)
        bloating = data.overlays.get("bloating")
        if bloating is not None and enough_data(bloating, MIN_DAYS):
            bx, by = minmax_decimate(data.days, rolling_mean(bloating, 7, 4), points_for(self.pain_axes))
            self.bloating_line.set_data(day_numbers(bx) + 0.5, by)
            self.drawn["bloating"] = (bx, by)
        else:
            self.bloating_line.set_data([], [])
        lines = [self.pain_line, self.bloating_line] if "bloating" in self.drawn else [self.pain_line]
        eaten = KeyItem(
            self.tr("darker = eaten on more days") if width > 1 else self.tr("eaten that day"), "#2171b5", "box"
        )
        self.set_key([eaten, *(KeyItem(ln.get_label(), ln.get_color(), "-", ln.get_linewidth()) for ln in lines)])
        if width == 1:
            return self.tr("Which trigger categories you ate, per day, above the 7-day averages of pain and bloating.")
        return self.tr(
            "Which trigger categories you ate, per week (share of days), above the 7-day averages of pain and bloating."
        )

    def hover_text(self, event: Any) -> str | None:
        d = self.data
        if d is None or self._is_empty or event.xdata is None or event.ydata is None:
            return None
        i = int(np.floor(event.xdata - float(day_numbers(d.days[:1])[0])))
        if not 0 <= i < len(d.days):
            return None
        if event.inaxes is self.pain_axes:
            bloating = d.overlays.get("bloating")
            if bloating is None:
                return self.tr("{0}: pain 7-day average {1}").format(
                    day_label(d.days[i]), value_text(d.pain_rolling[i])
                )
            return self.tr("{0}: pain 7-day average {1}, bloating {2}").format(
                day_label(d.days[i]), value_text(d.pain_rolling[i]), value_text(rolling_mean(bloating, 7, 4)[i])
            )
        row = round(event.ydata)
        if not 0 <= row < len(d.categories):
            return None
        name = self.names[row] if row < len(self.names) else humanise(d.categories[row])
        if self.bin_days == 1:
            if d.exposure[row, i]:
                return self.tr("{0}: {1} eaten").format(day_label(d.days[i]), name)
            return self.tr("{0}: {1} not logged").format(day_label(d.days[i]), name)
        day: date = d.days[i].astype("datetime64[D]").item()
        week = (day - d.week_starts[0]).days // 7
        begins = max(d.week_starts[week], d.start)
        days = d.exposure[row, (begins - d.start).days : (d.week_starts[week] - d.start).days + 7]
        total = len(days)
        many = "Week from {0}: {1} on {2} of %n days"
        return plural(
            self.tr("Week from {0}: {1} on {2} of %n days", "", total),
            total,
            many,
            "Week from {0}: {1} on {2} of %n day",
        ).format(day_label(d.week_starts[week]), name, int(days.sum()))

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        d = self.data
        if d is None:
            return [], []
        yes = self.tr("yes")
        return (
            [self.tr("Date"), *self.names],
            [
                (day_label(day), *[yes if d.exposure[c, i] else "" for c in range(len(d.categories))])
                for i, day in enumerate(d.days)
            ],
        )
