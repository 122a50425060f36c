"""The weekly check-in's numbers over time: a small chart of WPI, SSS and FS and the same numbers as a table.

Numbers to follow, never a diagnosis. Drawn with QPainter (a handful of points: matplotlib would cost ~0.4 s to load).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.entries import EntryKind, WeeklyCheckinEntry
from ..formats import DisplayFormats
from ..services import Services

#: How far back the history reaches.
HISTORY_DAYS = 365
#: (label, highest possible value, colour) of each line; colour-blind-safe Okabe–Ito hues, told apart by style too.
SERIES: tuple[tuple[str, int, str, Qt.PenStyle], ...] = (
    ("WPI", 19, "#0072B2", Qt.PenStyle.SolidLine),
    ("SSS", 12, "#D55E00", Qt.PenStyle.DashLine),
    ("FS", 31, "#009E73", Qt.PenStyle.DotLine),
)


def scores(entry: WeeklyCheckinEntry) -> tuple[int, int, int]:
    return entry.wpi, entry.sss, entry.fs


class ScoreChart(QWidget):
    """WPI, SSS and FS per check-in, oldest on the left, on one 0–31 scale."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list[tuple[date, tuple[int, int, int]]] = []
        self.setMinimumHeight(110)
        self.setAccessibleName(self.tr("Weekly check-in scores over time"))

    def set_points(self, points: Sequence[tuple[date, tuple[int, int, int]]]) -> None:
        self.points = list(points)
        text = "; ".join(
            self.tr("{0}: WPI {1}, SSS {2}, FS {3}").format(DisplayFormats.short_date(day), w, s, f)
            for day, (w, s, f) in self.points
        )
        self.setAccessibleDescription(text or self.tr("No weekly check-ins yet"))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top, right, bottom = 28, 6, self.width() - 70, self.height() - 8
        text_pen = QPen(self.palette().text().color())
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawLine(left, bottom, right, bottom)
        painter.drawLine(left, top, left, bottom)
        painter.setPen(text_pen)
        painter.drawText(0, top + 8, "31")
        painter.drawText(0, bottom, "0")

        def y_of(value: int) -> float:
            return bottom - (bottom - top) * value / 31

        count = len(self.points)
        for index, (label, _high, colour, style) in enumerate(SERIES):
            pen = QPen(QColor(colour), 2, style)
            painter.setPen(pen)
            xs = [left + (right - left) * (i / (count - 1) if count > 1 else 0.5) for i in range(count)]
            line = [QPointF(x, y_of(p[1][index])) for x, p in zip(xs, self.points, strict=True)]
            painter.drawPolyline(line)
            for point in line:
                painter.drawEllipse(point, 2.5, 2.5)
            legend_y = top + 12 + index * 16
            painter.drawLine(right + 8, legend_y - 4, right + 28, legend_y - 4)
            painter.setPen(text_pen)
            painter.drawText(right + 32, legend_y, label)
        painter.end()


class WeeklyHistory(QWidget):
    """The past year's weekly check-ins: the chart, then a table with the newest first."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Weekly check-ins so far"))
        layout.addWidget(self.summary)
        self.chart = ScoreChart()
        layout.addWidget(self.chart)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Week ending"), self.tr("WPI (0–19)"), self.tr("SSS (0–12)"), self.tr("FS (0–31)")]
        )
        self.table.setAccessibleName(self.tr("Weekly check-in scores"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(150)
        layout.addWidget(self.table)
        self.refresh()

    def history(self, today: date | None = None) -> list[WeeklyCheckinEntry]:
        end = today or date.today()
        found = self.services.entries.entries(
            kinds=[EntryKind.WEEKLY_CHECKIN], start=end - timedelta(days=HISTORY_DAYS), end=end
        )
        return [e for e in found if isinstance(e, WeeklyCheckinEntry)]

    def refresh(self) -> None:
        entries = self.history()
        self.chart.set_points([(e.local_date, scores(e)) for e in entries])
        self.chart.setVisible(len(entries) > 1)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(reversed(entries)):
            cells = [DisplayFormats.date(entry.local_date), *map(str, scores(entry))]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(entries))
        if not entries:
            self.summary.setText(self.tr("Your weekly check-ins will be listed here, so you can follow the numbers."))
        else:
            first, last = entries[0], entries[-1]
            self.summary.setText(
                self.tr("{0} weekly check-ins in the past year. The first: FS {1}; the latest: FS {2}.").format(
                    len(entries), first.fs, last.fs
                )
            )
