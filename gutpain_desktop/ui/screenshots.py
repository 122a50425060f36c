"""``gutpain-desktop screenshots --out DIR``: every main view of the real app, drawn offscreen on the current journal,
one PNG per view (Trends also one per chart), named after it. Used for the README's pictures and to look at the app
at other text sizes (``--text-scale 2``) and themes."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from ..storage import Store

#: The size of the window in the pictures.
WINDOW_SIZE = (1280, 860)
WAIT_SECONDS = 180.0


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def wait_for(condition: Callable[[], bool], seconds: float = WAIT_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)
    return True


def settle() -> None:
    for _ in range(5):
        QCoreApplication.processEvents()


def make_app() -> QApplication:
    import sys

    from .. import APP_ID, APP_NAME

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    return app


def take_screenshots(
    store: Store, data_dir: Path, out: Path, *, text_scale: float = 1.0, theme: str | None = None
) -> list[Path]:
    """Draw every view of a main window on ``store`` and save it under ``out``; returns the files written.
    The person's window settings (size, last view) are read but never changed."""
    from dataclasses import replace

    from .main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if text_scale != 1.0:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * text_scale)
        app.setFont(font)
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(store, data_dir=data_dir)
    if theme is not None:
        window.comfort.settings = replace(window.comfort.settings, theme=theme)
        window.comfort.theme.apply(theme)
    window.resize(*WINDOW_SIZE)
    window.show()
    settle()
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{slug(name)}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    for name, _view, _shortcut in window.views:
        window.show_view(name)
        settle()
        if name == "Trends":
            from .views.trends import TrendsView

            trends = window.trends
            assert isinstance(trends, TrendsView)
            wait_for(lambda t=trends: t.data is not None)  # type: ignore[misc]
            for chart in trends.charts:
                chart.ensure_drawn()
            save(window, name)
            for chart in trends.charts:
                save(chart, f"trends-{chart.title}")
        elif name == "Insights":
            from .views.insights import InsightsView

            insights = window.insights
            assert isinstance(insights, InsightsView)
            settle()
            wait_for(lambda v=insights: v.run_button.isEnabled() and not v.progress.isVisible())  # type: ignore[misc]
            save(window, name)
        else:
            save(window, name)
    dialog = window.open_settings()
    wait_for(lambda: dialog.backups.message.text() != dialog.backups.tr("Reading the backups…"), 30)
    dialog.resize(900, 640)
    if dialog.general is not None:
        dialog.tabs.setCurrentWidget(dialog.general)
        save(dialog, "Settings")
        dialog.tabs.setCurrentWidget(dialog.backups)
        save(dialog, "Settings-backups")
    else:
        save(dialog, "Settings")
    dialog.reject()
    window.hide()  # not close(): closing would keep this window's size and view as the person's
    window.deleteLater()
    settle()
    return written
