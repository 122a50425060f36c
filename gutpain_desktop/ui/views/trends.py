"""Trends: how pain moves with diet, stress, sleep and gut symptoms, over a chosen range, beside the panels that
explain each chart. Importing this module imports matplotlib, so the main window imports it only on first use."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...analysis.trends import TrendsData, trends_data
from ...i18n import QT_TRANSLATE_NOOP
from ..charts.base import ChartWidget
from ..charts.trend_charts import (
    OVERLAY_LABELS,
    CalendarChart,
    MealsChart,
    OverlayChart,
    PainChart,
    SitesChart,
    StoolChart,
)
from ..formats import DisplayFormats
from ..forms.base import buddy_label
from ..services import Services
from ..tasks import TaskRunner
from ..translate import label as translated
from ..translate import plural

log = logging.getLogger(__name__)

RANGES: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("Labels", "Last 2 weeks"), 14),
    (QT_TRANSLATE_NOOP("Labels", "Last 3 months"), 91),
    (QT_TRANSLATE_NOOP("Labels", "Last year"), 365),
    (QT_TRANSLATE_NOOP("Labels", "All"), None),
    (QT_TRANSLATE_NOOP("Labels", "Custom…"), -1),
)


class TrendsView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setAccessibleName(self.tr("Trends"))
        self.runner = TaskRunner(self)
        self.data: TrendsData | None = None
        outer = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.range = QComboBox()
        self.range.setAccessibleName(self.tr("Date range of the charts"))
        for text, days in RANGES:
            self.range.addItem(translated(text), days)
        self.range.setCurrentIndex(1)
        range_label = buddy_label(self.tr("&Range"), self.range)
        self.start_edit = QDateEdit(QDate.currentDate().addDays(-90))
        self.end_edit = QDateEdit(QDate.currentDate())
        for edit, name in ((self.start_edit, self.tr("From date")), (self.end_edit, self.tr("To date"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DisplayFormats.date_pattern())  # the locale's order and month names
            edit.setAccessibleName(name)
            edit.setMaximumDate(QDate.currentDate())
            edit.hide()
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Trends status"))
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for w in (range_label, self.range, self.start_edit, self.end_edit):
            bar.addWidget(w)
        bar.addWidget(self.status, 1)
        outer.addLayout(bar)

        overlay_bar = QHBoxLayout()
        self.overlays = QListWidget()
        self.overlays.setAccessibleName(self.tr("Overlays shown with pain"))
        self.overlays.setFlow(QListWidget.Flow.LeftToRight)
        self.overlays.setWrapping(True)
        self.overlays.setMinimumWidth(200)
        self.overlays.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        overlay_label = buddy_label(self.tr("&Overlays"), self.overlays)
        choices = {key: translated(text) for key, text in OVERLAY_LABELS.items()}
        choices.update({s.key: translated(s.name) for s in services.catalog.symptoms()})
        for key, name in choices.items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in ("stress", "sleep_hours") else Qt.CheckState.Unchecked)
            self.overlays.addItem(item)
        rows = 2 * max(self.overlays.sizeHintForRow(0), self.overlays.fontMetrics().height() + 4)
        self.overlays.setMaximumHeight(rows + 2 * self.overlays.frameWidth() + 4)  # two rows at any text size
        overlay_bar.addWidget(overlay_label)
        overlay_bar.addWidget(self.overlays, 1)
        outer.addLayout(overlay_bar)

        self.pain = PainChart(services)
        self.overlay = OverlayChart(services)
        self.overlay.names = choices
        self.calendar = CalendarChart(services)
        self.meals = MealsChart(services)
        self.stool = StoolChart(services)
        self.sites = SitesChart(services)
        self.charts: list[ChartWidget] = [self.pain, self.overlay, self.calendar, self.meals, self.stool, self.sites]
        holder = QWidget()
        column = QVBoxLayout(holder)
        for chart in self.charts:
            chart.setMinimumHeight(chart.canvas.minimumHeight() + 90)
            column.addWidget(chart)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        outer.addWidget(scroll, 1)

        self.range.currentIndexChanged.connect(self._on_range_changed)
        self.start_edit.dateChanged.connect(self.reload)
        self.end_edit.dateChanged.connect(self.reload)
        self.overlays.itemChanged.connect(self._on_overlays_changed)
        services.events.data_changed.connect(self._on_data_changed)
        services.events.formats_changed.connect(
            self._on_data_changed
        )  # weeks laid out anew, dates and times shown anew
        self._stale = True
        self._on_overlays_changed()

    # --- range ---------------------------------------------------------------------------------------------------

    def chosen_range(self) -> tuple[date | None, date]:
        today = date.today()
        days = self.range.currentData()
        if days == -1:
            start: date = self.start_edit.date().toPython()  # type: ignore[assignment]
            end: date = self.end_edit.date().toPython()  # type: ignore[assignment]
            return min(start, end), max(start, end)
        if days is None:
            return None, today
        return today - timedelta(days=int(days) - 1), today

    def _on_range_changed(self) -> None:
        custom = self.range.currentData() == -1
        self.start_edit.setVisible(custom)
        self.end_edit.setVisible(custom)
        self.reload()

    def _on_overlays_changed(self) -> None:
        chosen = [
            self.overlays.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.overlays.count())
            if self.overlays.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.overlay.set_overlays(chosen)

    # --- loading -------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Query and aggregate off the UI thread; draw when the result comes back."""
        self._stale = False
        start, end = self.chosen_range()
        entries = self.services.entries
        categories = [c.key for c in self.services.catalog.categories(include_hidden=False)]
        week_start = self.services.formats.week_start_day()  # a plain weekday number: no Qt below the UI

        def work() -> TrendsData:
            measured = entries.measurements(start=start, end=end)
            first = start or (measured.span() or (end, end))[0]
            return trends_data(measured, first, end, categories, week_start)

        self.status.setText(self.tr("Loading…"))
        self.runner.run(work, self.show_data, self._on_error)

    def show_data(self, data: TrendsData) -> None:
        self.data = data
        for chart in self.charts:
            chart.set_data(data)  # charts scrolled out of sight draw when they come into view
        many = "{0} to {1}: pain logged on %n days"
        counted = plural(
            self.tr("{0} to {1}: pain logged on %n days", "", data.pain_days),
            data.pain_days,
            many,
            "{0} to {1}: pain logged on %n day",
        )
        self.status.setText(
            counted.format(self.services.formats.short_date(data.start), self.services.formats.short_date(data.end))
        )

    def _on_error(self, details: str) -> None:
        self.status.setText(self.tr("Could not draw the charts; details are in the log."))
        log.error("trends failed:\n%s", details)

    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: object) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)  # type: ignore[arg-type]
