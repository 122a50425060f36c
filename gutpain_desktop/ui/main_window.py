"""The main window: navigation between Today and Journal, menus with shortcuts, undo, notices."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..domain.entries import BowelEntry
from ..storage import Store
from .dialogs.entry_dialog import EntryDialog
from .services import DataEvents, Services
from .views.journal import JournalView
from .views.today import TodayView
from .widgets.common import NoticeBanner

BLOOD_NOTICE = (
    "You noted blood with this bowel movement. Often the cause is minor, such as a small tear or haemorrhoids, but "
    "blood in the stool, or black stools, should always be checked by a doctor. If there is a lot of blood, or you "
    "feel faint or unwell, seek urgent care now. This is a reminder, not a diagnosis."
)
BLOOD_NOTICE_SETTING = "notice.blood.dismissed_on"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        self.setObjectName("mainWindow")
        self.resize(1180, 800)
        self.undo_stack = QUndoStack(self)
        self.events = DataEvents(self)
        self.services = Services(store.entries, store.catalog, self.events, self.undo_stack)

        central = QWidget()
        outer = QVBoxLayout(central)
        self.notice = NoticeBanner()
        self.notice.dismissed.connect(self._on_notice_dismissed)
        outer.addWidget(self.notice)
        body = QHBoxLayout()
        self.nav = QListWidget()
        self.nav.setAccessibleName("Views")
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        self.today = TodayView(self.services)
        self.journal = JournalView(self.services)
        self.views: list[tuple[str, QWidget, str]] = [
            ("Today", self.today, "Ctrl+1"),
            ("Journal", self.journal, "Ctrl+2"),
        ]
        for name, view, _shortcut in self.views:
            self.nav.addItem(self.tr(name))
            self.stack.addWidget(view)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.events.status_message.connect(self.show_status)
        self.events.entry_saved.connect(self._on_entry_saved)
        self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for row, (name, _view, shortcut) in enumerate(self.views):
            action = QAction(self.tr(name), self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, r=row: self.nav.setCurrentRow(r))
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About {0}").format(APP_NAME), self)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    def show_view(self, name: str) -> None:
        for row, (view_name, _view, _shortcut) in enumerate(self.views):
            if view_name == name:
                self.nav.setCurrentRow(row)

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _on_entry_saved(self, entry: object) -> None:
        dismissed_today = self.services.catalog.setting(BLOOD_NOTICE_SETTING) == date.today().isoformat()
        if isinstance(entry, BowelEntry) and entry.blood and not dismissed_today:
            self.notice.show_notice(self.tr(BLOOD_NOTICE))

    def _on_notice_dismissed(self) -> None:
        self.services.catalog.set_setting(BLOOD_NOTICE_SETTING, date.today().isoformat())

    def _show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About {0}").format(APP_NAME))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"{APP_NAME} {__version__}\n\n"
            "A private journal for pain, gut symptoms, food, stress and sleep. Everything stays on this computer.\n\n"
            f"Your data: {self.store.path}\n\n"
            "This app is for keeping track and learning. It does not diagnose anything; talk to a clinician or "
            "dietitian before restricting foods."
        )
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        for dialog in self.findChildren(EntryDialog):
            dialog.reject()
        super().closeEvent(event)
