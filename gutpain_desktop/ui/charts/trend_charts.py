"""The six Trends charts, one module per family: the pain lines (``pain_charts``), the pain calendar
(``calendar_chart``), the calendar of meals (``meals_chart``) and what the body shows (``body_charts``); what the
charts over days share is in ``day_axis``. Each builds its artists once and updates them from one TrendsData
(computed off the UI thread); it keeps what it drew (``self.drawn``) so tests and the table view see exactly the
plotted numbers. Every text they show goes through Qt's translation, numbers and dates through the locale."""

from __future__ import annotations

from .body_charts import SitesChart, StoolChart
from .calendar_chart import CalendarChart
from .day_axis import DayChart, date_ticks, tick_labels, week_ticks
from .meals_chart import MealsChart
from .pain_charts import OVERLAY_LABELS, OverlayChart, PainChart

__all__ = [
    "OVERLAY_LABELS",
    "CalendarChart",
    "DayChart",
    "MealsChart",
    "OverlayChart",
    "PainChart",
    "SitesChart",
    "StoolChart",
    "date_ticks",
    "tick_labels",
    "week_ticks",
]
