"""What the Export, Report and Import dialogs share: background work with a delayed progress bar, a date range."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from ...i18n import QT_TRANSLATE_NOOP
from ..formats import DisplayFormats
from ..services import Services
from ..tasks import TaskRunner

HEALTH_DATA_NOTICE = QT_TRANSLATE_NOOP(
    "Labels",
    "These files hold your health data. They are saved so that only your user account can read them. Share them "
    "only with people you trust, such as your clinician, and delete copies you no longer need.",
)
SHOW_PROGRESS_AFTER_MS = 600


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TaskDialog(QDialog):
    """A dialog that runs one piece of work at a time in the background, with a delayed progress bar."""

    def __init__(self, services: Services, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.runner = TaskRunner(self)
        self.layout_ = QVBoxLayout(self)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(QCoreApplication.translate("TaskDialog", "Progress"))
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(QCoreApplication.translate("TaskDialog", "Result"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(SHOW_PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(self.progress.show)
        self.runner.busy_changed.connect(self._on_busy_changed)

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self.progress.setRange(0, 0)
            self._progress_timer.start()
        else:
            self._progress_timer.stop()
            self.progress.hide()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_error(self, text: str) -> None:
        last = text.strip().splitlines()[-1] if text.strip() else "unknown error"
        self.status.setText(
            QCoreApplication.translate("TaskDialog", "Something went wrong; nothing was changed. ({0})").format(last)
        )
        self._finished()

    def _finished(self) -> None:
        """Re-enable the controls (subclasses)."""

    def closeEvent(self, event: Any) -> None:
        self.runner.cancel()
        super().closeEvent(event)


class DateRange(QWidget):
    """'All dates' or a from-to range of dates."""

    def __init__(self, *, all_dates: bool, days: int = 91, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        today = date.today()
        self.everything = QCheckBox(self.tr("&All dates"))
        self.everything.setAccessibleName(self.tr("All dates"))
        self.start = QDateEdit(_qdate(today - timedelta(days=days - 1)))
        self.start.setAccessibleName(self.tr("First day"))
        self.end = QDateEdit(_qdate(today))
        self.end.setAccessibleName(self.tr("Last day"))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DisplayFormats.date_pattern())  # the locale's order and month names
            edit.setMaximumDate(_qdate(today))
        row.addWidget(self.everything)
        row.addWidget(QLabel(self.tr("from")))
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.end)
        row.addStretch(1)
        self.everything.toggled.connect(self._on_everything_toggled)
        self.everything.setChecked(all_dates)
        self._on_everything_toggled(all_dates)

    def _on_everything_toggled(self, checked: bool) -> None:
        self.start.setEnabled(not checked)
        self.end.setEnabled(not checked)

    def chosen(self) -> tuple[date | None, date | None]:
        if self.everything.isChecked():
            return None, None
        return _pydate(self.start.date()), _pydate(self.end.date())
