"""Unexpected errors: logged (without health values), then a calm, non-blocking message; the app keeps running.

``install_error_handler`` replaces ``sys.excepthook``. PySide6 hands exceptions raised in slots and event handlers to
``sys.excepthook`` and then carries on, so one hook covers both.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import APP_NAME
from ..logs import current_log_file, log_exception

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErrorReporter", text)


def where_it_happened(trace: TracebackType | None) -> str:
    """The last frame in our own code, as 'file, function' (no values)."""
    frames = traceback.extract_tb(trace) if trace is not None else []
    ours = [frame for frame in frames if "gutpain_desktop" in frame.filename] or frames
    if not ours:
        return ""
    frame = ours[-1]
    return f"{Path(frame.filename).name}, {frame.name}"


class ErrorReporter:
    """Logs an unexpected exception and shows one calm, non-modal message box (later errors update its count)."""

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None):
        self.parent = parent
        self.box: QMessageBox | None = None
        self.count = 0
        self.previous: ExceptHook = sys.excepthook

    def install(self) -> ErrorReporter:
        self.previous = sys.excepthook
        sys.excepthook = self.handle
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self.previous

    def handle(self, kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, value, trace)
            return
        log_exception(kind, value, trace)
        if QApplication.instance() is None:
            self.previous(kind, value, trace)
            return
        self.count += 1
        self.show_message(self.describe(kind, trace))

    def describe(self, kind: type[BaseException], trace: TracebackType | None) -> str:
        where = where_it_happened(trace)
        log_file = current_log_file()
        text = _tr(
            "Something went wrong inside the app, and what you just did may not have finished. "
            "Your saved entries are safe: each one is written to your journal when the app says it is saved."
        )
        text += "\n\n" + _tr("What happened: {0}").format(kind.__name__ + (f" ({where})" if where else ""))
        if log_file is not None:
            text += "\n\n" + _tr("The details are in the log (no health data is written there):\n{0}").format(log_file)
        text += "\n\n" + _tr("You can carry on. If it keeps happening, restarting the app usually helps.")
        if self.count > 1:
            text += "\n\n" + _tr("This has happened {0} times since the app started.").format(self.count)
        return text

    def show_message(self, text: str) -> None:
        if self.box is None:
            box = QMessageBox(QMessageBox.Icon.Warning, _tr("{0}: something went wrong").format(APP_NAME), "")
            box.setObjectName("errorMessage")
            box.setParent(self.parent(), box.windowFlags())
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setModal(False)
            box.setWindowModality(Qt.WindowModality.NonModal)
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            box.setAccessibleName(_tr("Something went wrong"))
            box.finished.connect(self._forget)
            self.box = box
        self.box.setText(text)
        self.box.show()
        self.box.raise_()

    def _forget(self, _result: int = 0) -> None:
        if self.box is not None:
            self.box.deleteLater()
        self.box = None
