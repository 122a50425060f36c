"""The pain calendar: one row of weeks per year, daily pain as colour."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

import numpy as np
from PySide6.QtCore import QLocale

from ...analysis import enough_data
from ...analysis.trends import TrendsData
from ...analysis.weeks import week_grid_day
from ...i18n import QT_TRANSLATE_NOOP
from ..formats import DisplayFormats
from .base import ChartWidget
from .day_axis import MIN_DAYS, day_label, pain_scale_label, value_text

MONTH_STARTS = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)  # day of the year, not a leap year


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
        self.set_canvas_height(330)

    def build(self) -> None:
        self.axes = axes = self.figure.add_subplot()
        cmap = self._cmap()
        self.image = axes.imshow(
            np.full((7, 53), np.nan), aspect="auto", cmap=cmap, vmin=0, vmax=10, interpolation="nearest"
        )
        initials = [QLocale().standaloneMonthName(m, QLocale.FormatType.NarrowFormat) for m in range(1, 13)]
        axes.set_xticks([d / 7 for d in MONTH_STARTS], initials)
        axes.tick_params(axis="x", length=0, labelsize="x-small")
        scale_axes = self.figure.add_axes((0.92, 0.12, 0.015, 0.76))
        self.figure.colorbar(self.image, cax=scale_axes, label=pain_scale_label())

    def _cmap(self) -> Any:
        from matplotlib import colormaps

        return colormaps["YlOrRd"].with_extremes(bad=self.colours.background)

    def update_chart(self, data: TrendsData) -> str:
        if not enough_data(data.pain_mean, MIN_DAYS) or not data.calendar_years:
            return self.not_enough(self.tr("Not enough pain ratings in this range for a calendar yet."))
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
        self.axes.set_yticks(ticks, [str(year) for year in years], fontsize="small")
        if len(years) <= 2:
            minor = [y * 8 + d for y in range(len(years)) for d in (0, 6)]
            ends = [self.weekday_name(0), self.weekday_name(6)]
            self.axes.set_yticks(minor, ends * len(years), minor=True, fontsize="xx-small")
        else:
            self.axes.set_yticks([], minor=True)
        filled = np.argwhere(~np.isnan(grid).all(axis=1))[:, 1] if len(years) == 1 else np.array([0, 52])
        self.axes.set_xlim(filled.min() - 0.5, filled.max() + 0.5)  # a short range fills the width
        return self.tr(
            "Daily pain as colour, one row of weeks per year ({0}–{1}, {2} at the top); darker is worse and blank "
            "days had no rating. Flare periods show as dark patches."
        ).format(years[0], years[-1], self.weekday_name(0, True))

    def weekday_name(self, position: int, long: bool = False) -> str:
        """The name of the day ``position`` days after the first day of the week ('Sun' or 'Sunday')."""
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
        if np.isnan(pain):
            return self.tr("{0}: no pain rating").format(day_label(day))
        return self.tr("{0}: pain {1}").format(day_label(day), value_text(pain))

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        rows: list[tuple[date, float]] = []
        for y in range(len(self.years)):
            for week in range(53):
                for weekday in range(7):
                    found = self.cell(week, y * 8 + weekday)
                    if found is not None and not np.isnan(found[1]):
                        rows.append(found)
        ordered: list[Sequence[Any]] = [
            (DisplayFormats.short_date(day), DisplayFormats.weekday(day), value_text(pain))
            for day, pain in sorted(rows)
        ]
        return [self.tr("Date"), self.tr("Weekday"), self.tr("Pain")], ordered
