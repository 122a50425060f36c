"""The main window: navigation between the views, menus with shortcuts, undo, notices, the Learn side panel."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
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
from ..domain.entries import Entry, EntryKind
from ..domain.preferences import DEMO_PRESENT_KEY, Tracker
from ..i18n import QT_TRANSLATE_NOOP
from ..storage import Store
from ..storage.safety import AutoBackup
from .comfort import ComfortController
from .dialogs.entry_dialog import EntryDialog
from .dialogs.profile_dialog import ProfileDialog
from .red_flag_notices import RedFlagNotices
from .safety import BackupController
from .services import DataEvents, Services
from .tasks import TaskRunner
from .translate import label as translated
from .translate import panel_language
from .views.journal import JournalView
from .views.learn import LearnView
from .views.today import NEW_CHECKIN_SHORTCUT, QUICK_ADD, TodayView
from .widgets.common import LazyView, NoticeBanner
from .widgets.demo_notice import DemoNotice
from .widgets.learn import PanelReader

if TYPE_CHECKING:
    from .dialogs.settings_dialog import SettingsDialog
    from .dialogs.welcome import WelcomeDialog

log = logging.getLogger(__name__)
#: How much example data the welcome offers: enough for the charts, quick to write (~0.15 s).
DEMO_YEARS = 0.25

#: Kinds whose saving can change a red-flag reminder.
RED_FLAG_KINDS = (EntryKind.BOWEL, EntryKind.CONTEXT, EntryKind.SYMPTOM)


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
        auto_backup: AutoBackup | None = None,
        language: str | None = None,
        tray_available: Callable[[], bool] | None = None,
        quit_app: Callable[[], None] | None = None,
    ):
        """``language``: the educational panels' language folder ("" for English); by default the one that goes
        with the system locale, as the Qt translation does. ``tray_available`` and ``quit_app`` stand in for the
        system's tray check and for ending the app (tests: the offscreen platform has no tray, and a test must not
        end its own event loop)."""
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        self.setObjectName("mainWindow")
        self.resize(1180, 800)
        self.undo_stack = QUndoStack(self)
        self.events = DataEvents(self)
        language = panel_language() if language is None else language
        self.services = Services(store.entries, store.catalog, self.events, self.undo_stack, language)

        central = QWidget()
        outer = QVBoxLayout(central)
        self.notice = NoticeBanner()
        self.red_flags = RedFlagNotices(self.services, self.notice)
        outer.addWidget(self.notice)
        self.safety_notice = NoticeBanner()  # its own banner: dismissing it must not rest a red-flag reminder
        self.safety_notice.setAccessibleName(self.tr("Data safety notice"))
        outer.addWidget(self.safety_notice)
        self.demo_notice = DemoNotice()
        self.demo_notice.remove_requested.connect(self.remove_demo)
        outer.addWidget(self.demo_notice)
        self.demo_tasks = TaskRunner(self)
        self.welcome: WelcomeDialog | None = None
        body = QHBoxLayout()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Views"))
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        self.today = TodayView(self.services)
        self.journal = JournalView(self.services)
        self.journal.export_requested.connect(self.open_export)
        self.journal.report_requested.connect(self.open_report)
        self.learn = LearnView(self.services)
        self.diet_holder = LazyView(self._make_diet)
        self.insights_holder = LazyView(self._make_insights)
        self.trends_holder = LazyView(self._make_trends)
        self.views: list[tuple[str, QWidget, str]] = [
            (QT_TRANSLATE_NOOP("Labels", "Today"), self.today, "Ctrl+1"),
            (QT_TRANSLATE_NOOP("Labels", "Journal"), self.journal, "Ctrl+2"),
            (QT_TRANSLATE_NOOP("Labels", "Trends"), self.trends_holder, "Ctrl+3"),
            (QT_TRANSLATE_NOOP("Labels", "Learn"), self.learn, "Ctrl+4"),
            (QT_TRANSLATE_NOOP("Labels", "Diet"), self.diet_holder, "Ctrl+5"),
            (QT_TRANSLATE_NOOP("Labels", "Insights"), self.insights_holder, "Ctrl+6"),
        ]
        for name, view, shortcut in self.views:
            self.nav.addItem(translated(name))
            self.nav.item(self.nav.count() - 1).setToolTip(self.tr("{0} ({1})").format(translated(name), shortcut))
            self.stack.addWidget(view)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        # The side panel: the explanation that belongs with whatever the person is looking at.
        self.side_reader = PanelReader(self.services, compact=True)
        self.side_panel = QDockWidget(self.tr("Learn more"), self)
        self.side_panel.setObjectName("learnSidePanel")
        self.side_panel.setWidget(self.side_reader)
        self.side_panel.setAccessibleName(self.tr("Learn more side panel"))
        self.side_panel.setMinimumWidth(340)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_panel)
        self.side_panel.hide()
        self.events.learn_requested.connect(self.show_side_panel)

        # Backups run only once app.py calls safety.start(); tests build windows without them.
        self.safety = BackupController(store, data_dir or store.path.parent, auto_backup, self)
        self.safety.status.connect(self.show_status)
        self.safety.problem.connect(self.notice_safety)
        self._build_menus()
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.events.status_message.connect(self.show_status)
        self.events.entry_saved.connect(self._on_entry_saved)
        self.events.preferences_changed.connect(self.apply_preferences)
        self.nav.setCurrentRow(0)
        self.apply_preferences()
        self.demo_notice.setVisible(store.catalog.setting(DEMO_PRESENT_KEY) == "1")
        # Theme, time format, reminders, tray; the window's size, position and last view as they were.
        self.comfort = ComfortController(
            self, data_dir or store.path.parent, tray_available=tray_available, quit_app=quit_app
        )
        # Reminders are checked after the window is up, and once per burst of saves (a check-in saves several).
        self._flag_timer = QTimer(self)
        self._flag_timer.setSingleShot(True)
        self._flag_timer.setInterval(0)
        self._flag_timer.timeout.connect(self.red_flags.check)
        self._checked_once = False  # the first check waits until the window is on screen (see showEvent)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        profile = QAction(self.tr("About &you (optional)…"), self)
        profile.triggered.connect(self.open_profile)
        file_menu.addAction(profile)
        tracking = QAction(self.tr("What you &track…"), self)
        tracking.setShortcut(QKeySequence("Ctrl+T"))
        tracking.setToolTip(self.tr("Choose what to track, add your own symptoms, order the check-in (Ctrl+T)"))
        tracking.triggered.connect(self.open_tracking)
        file_menu.addAction(tracking)
        settings = QAction(self.tr("&Settings and backups…"), self)
        settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.triggered.connect(self.open_settings)
        file_menu.addAction(settings)
        file_menu.addSeparator()
        for text, slot, shortcut in (
            (self.tr("&Export for a practitioner (CSV)…"), self.open_export, "Ctrl+E"),
            (self.tr("PDF &summary (Report)…"), self.open_report, "Ctrl+P"),
            (self.tr("&Import…"), self.open_import, "Ctrl+I"),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.remove_demo_action = QAction(self.tr("Remove e&xample entries (demo data)"), self)
        self.remove_demo_action.triggered.connect(self.remove_demo)
        file_menu.addAction(self.remove_demo_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # Cmd+Q on macOS; Windows has no standard Quit key
        quit_action.triggered.connect(self.quit_app)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        # Everything one logs, from any view: the Today view comes forward with the form or dialog.
        log_menu = self.menuBar().addMenu(self.tr("&Log"))
        self.new_checkin_action = QAction(self.tr("New daily &check-in"), self)
        self.new_checkin_action.setShortcut(QKeySequence(NEW_CHECKIN_SHORTCUT))
        self.new_checkin_action.triggered.connect(self.new_checkin)
        log_menu.addAction(self.new_checkin_action)
        save_checkin = QAction(self.tr("&Save the check-in"), self)
        save_checkin.setShortcut(QKeySequence.StandardKey.Save)
        save_checkin.triggered.connect(self._on_save_checkin)
        log_menu.addAction(save_checkin)
        log_menu.addSeparator()
        self.log_actions: dict[EntryKind, tuple[QAction, Tracker]] = {}
        for kind, text, shortcut, tracker in QUICK_ADD:
            action = QAction(translated(text), self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, k=kind: self.new_entry(k))
            log_menu.addAction(action)
            self.log_actions[kind] = (action, tracker)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.view_actions: list[QAction] = []
        for row, (name, _view, shortcut) in enumerate(self.views):
            action = QAction(translated(name), self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, r=row: self.nav.setCurrentRow(r))
            view_menu.addAction(action)
            self.view_actions.append(action)
        view_menu.addSeparator()
        side = self.side_panel.toggleViewAction()
        side.setText(self.tr("Learn more &side panel"))
        side.setShortcut(QKeySequence("F1"))
        view_menu.addAction(side)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About {0}").format(APP_NAME), self)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    def _make_trends(self) -> QWidget:
        from .views.trends import TrendsView  # matplotlib is imported here, never at start-up

        return TrendsView(self.services)

    def _make_diet(self) -> QWidget:
        from .views.diet import DietView

        return DietView(self.services)

    def _make_insights(self) -> QWidget:
        from .views.insights import InsightsView  # numpy and matplotlib: not at start-up

        return InsightsView(self.services)

    @property
    def insights(self) -> QWidget:
        return self.insights_holder.view()

    @property
    def diet(self) -> QWidget:
        return self.diet_holder.view()

    @property
    def trends(self) -> QWidget:
        return self.trends_holder.view()

    # --- logging from anywhere -------------------------------------------------------------------------------

    def new_checkin(self) -> None:
        """Ctrl+N: the Today view with the cursor in the check-in's first field."""
        self.show_view("Today")
        self.today.start_checkin()

    def _on_save_checkin(self) -> None:
        if self.stack.currentWidget() is self.today:
            self.today.save_checkin()
        else:
            self.events.status_message.emit(self.tr("Ctrl+S saves the daily check-in: open it with Ctrl+N."))

    def new_entry(self, kind: EntryKind) -> QDialog:
        self.show_view("Today")
        return self.today.open_entry_dialog(kind)

    # --- what the person tracks ------------------------------------------------------------------------------

    def apply_preferences(self) -> None:
        """Hide what the person does not track: menu actions (and their shortcuts) and the Diet view."""
        preferences = self.store.catalog.preferences()
        for action, tracker in self.log_actions.values():
            action.setVisible(preferences.shows(tracker))
        diet_row = next(row for row, (name, _v, _s) in enumerate(self.views) if name == "Diet")
        diet_shown = preferences.shows(Tracker.DIET)
        self.nav.item(diet_row).setHidden(not diet_shown)
        self.view_actions[diet_row].setVisible(diet_shown)
        if not diet_shown and self.nav.currentRow() == diet_row:
            self.nav.setCurrentRow(0)

    def open_tracking(self) -> QDialog:
        from .dialogs.tracking_dialog import TrackingDialog

        return self._open_dialog(TrackingDialog(self.services, self))

    def offer_welcome(self) -> WelcomeDialog | None:
        """On the first start of an empty journal, the welcome (non-blocking). app.py calls this; tests may."""
        if self.store.catalog.preferences().welcomed or not self.store.entries.is_empty():
            return None
        from .dialogs.welcome import WelcomeDialog

        dialog = WelcomeDialog(self.services, self)
        dialog.demo_requested.connect(self.add_demo)
        dialog.finished.connect(self._on_welcome_finished)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: self.new_checkin())
        dialog.show()
        self.welcome = dialog
        return dialog

    def _on_welcome_finished(self) -> None:
        self.welcome = None  # deleted later by Qt: never touched again

    # --- example (demo) data ---------------------------------------------------------------------------------

    def add_demo(self) -> None:
        """About three months of example entries, written in the background and marked as demo data."""
        from ..demo import generate_demo  # the generator (and numpy) load only when asked for

        store = self.store
        self.events.status_message.emit(self.tr("Adding example entries…"))
        self.demo_tasks.run(lambda: generate_demo(store, years=DEMO_YEARS), self._on_demo_added, self._on_demo_failed)

    def _on_demo_added(self, count: object) -> None:
        self.demo_notice.show()
        self.events.data_changed.emit()
        self.events.status_message.emit(
            self.tr("Added {0} example entries. File ▸ Remove example entries takes them away.").format(count)
        )

    def _on_demo_failed(self, trace: str) -> None:
        log.error("example entries could not be added:\n%s", trace)
        self.events.status_message.emit(self.tr("The example entries could not be added. Your journal is unchanged."))

    def remove_demo(self) -> None:
        """One step: every demo entry goes; the person's own entries stay. Not undoable (they are made up)."""
        from ..demo import remove_demo

        store = self.store
        self.demo_tasks.run(lambda: remove_demo(store), self._on_demo_removed, self._on_demo_failed)

    def _on_demo_removed(self, count: object) -> None:
        self.demo_notice.hide()
        self.undo_stack.clear()  # undo steps may refer to example entries that are gone
        self.events.data_changed.emit()
        self.events.status_message.emit(
            self.tr("Removed {0} example entries. Your own entries are untouched.").format(count)
        )

    def show_view(self, name: str) -> None:
        for row, (view_name, _view, _shortcut) in enumerate(self.views):
            if view_name == name:
                self.nav.setCurrentRow(row)

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _on_entry_saved(self, entry: object) -> None:
        if isinstance(entry, Entry) and entry.kind in RED_FLAG_KINDS:
            self._flag_timer.start()

    def show_side_panel(self, panel_id: str) -> None:
        if self.side_reader.show_panel(panel_id):
            first_time = not self.side_panel.isVisible()
            self.side_panel.show()
            self.side_panel.raise_()
            if first_time:
                self.resizeDocks([self.side_panel], [max(380, self.width() // 3)], Qt.Orientation.Horizontal)

    def open_profile(self) -> ProfileDialog:
        dialog = ProfileDialog(self.services, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.accepted.connect(self.red_flags.check)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        from .dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services, self.safety, self, comfort=self.comfort)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_export(self) -> QDialog:
        from .dialogs.exchange import ExportDialog

        return self._open_dialog(ExportDialog(self.services, self))

    def open_report(self) -> QDialog:
        from .dialogs.exchange import ReportDialog

        return self._open_dialog(ReportDialog(self.services, self))

    def open_import(self) -> QDialog:
        from .dialogs.import_dialog import ImportDialog

        return self._open_dialog(ImportDialog(self.services, self))

    def _open_dialog(self, dialog: QDialog) -> QDialog:
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def notice_safety(self, text: str) -> None:
        """A data-safety message (damage recovered, a backup that failed): shown in the banner until dismissed."""
        self.safety_notice.show_notice(text)

    def _show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About {0}").format(APP_NAME))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"{APP_NAME} {__version__}\n\n"
            + self.tr(
                "A private journal for pain, gut symptoms, food, stress and sleep. Everything stays on this computer."
            )
            + "\n\n"
            + self.tr("Your data: {0}").format(self.store.path)
            + "\n\n"
            + self.tr(
                "This app is for keeping track and learning. It does not diagnose anything; talk to a clinician or "
                "dietitian before restricting foods."
            )
        )
        box.open()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._checked_once:
            # The first reminder check reads seven weeks of entries: let the window paint before it runs.
            self._checked_once = True
            QTimer.singleShot(0, self._flag_timer.start)

    def quit_app(self) -> None:
        """File ▸ Quit, Ctrl+Q, the tray's Quit: end the app even when closing would keep it in the tray."""
        self.comfort.tray_keeper.quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.comfort.tray_keeper.hides_on_close():
            event.ignore()  # the app keeps running in the tray, with its reminders
            self.comfort.save_window()
            self.comfort.tray_keeper.hide_to_tray()
            return
        for dialog in self.findChildren(EntryDialog):
            dialog.reject()
        if self.welcome is not None and self.welcome.isVisible():
            self.welcome.close()  # unanswered: offered again next time
        self.comfort.save_window()
        super().closeEvent(event)
