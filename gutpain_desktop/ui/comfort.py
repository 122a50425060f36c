"""Living with the app every day: theme, time format and week start, the window restored as it was, daily reminders
(tray notification, or the status bar without a tray), start at login, and offering a missed day for back-filling.

The main window owns one ``ComfortController``; the Settings dialog's General page changes it through ``apply()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDate, QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCalendarWidget,
    QDateEdit,
    QLabel,
    QStyleFactory,
    QSystemTrayIcon,
    QTimeEdit,
    QWidget,
)

from .. import APP_NAME
from ..domain.reminders import Clock, ReminderSchedule, local_now, missed_day
from ..storage.app_settings import AppSettings, load_app_settings, save_app_settings, update_app_settings
from .formats import DisplayFormats
from .tray import TrayKeeper, quit_application, system_tray_available
from .widgets.common import ErrorLabel, NoticeBanner

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)
#: How often the reminders are looked at (they are due to the minute).
REMINDER_POLL_MS = 20_000


def dark_palette() -> QPalette:
    """A dark palette whose text pairs all pass WCAG AA (4.5:1) — checked in tests/ui/test_comfort.py."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#171717",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2d2f33",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#8ab4f8",
        QPalette.ColorRole.HighlightedText: "#111111",
        QPalette.ColorRole.ToolTipBase: "#303134",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#a8abb0",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.LinkVisited: "#c58af9",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Light: "#3c4043",
        QPalette.ColorRole.Midlight: "#34363a",
        QPalette.ColorRole.Mid: "#5f6368",
        QPalette.ColorRole.Dark: "#111111",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(disabled, role, QColor("#8a8d91"))
    return palette


def light_palette() -> QPalette:
    palette = QStyleFactory.create("Fusion").standardPalette()
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#5f6368"))  # Fusion's default is too faint
    palette.setColor(QPalette.ColorRole.Link, QColor("#1a56b0"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1a56b0"))  # white on Fusion's blue is only 3.7:1
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return palette


def refresh_links() -> None:
    """Rich-text labels keep the link colour of the palette they were drawn with: set their text again."""
    for top in QApplication.topLevelWidgets():
        for label in top.findChildren(QLabel):
            text = label.text()
            if "<a " in text:
                label.setText("")
                label.setText(text)


class ThemeKeeper:
    """Switches between the system's look and our light and dark palettes (Fusion style for both)."""

    def __init__(self, app: QApplication):
        self.app = app
        self.system_style = app.style().name()
        self.system_palette = QPalette(app.palette())
        self.current = "system"

    def apply(self, theme: str) -> None:
        if theme == self.current:
            return
        if theme == "system":
            self.app.setStyle(self.system_style)
            self.app.setPalette(self.system_palette)
        else:
            self.app.setStyle("Fusion")
            self.app.setPalette(dark_palette() if theme == "dark" else light_palette())
        self.current = theme
        for widget in QApplication.allWidgets():  # labels that choose their colour by the palette's lightness
            if isinstance(widget, ErrorLabel):
                widget.use_colour()


class ComfortController(QObject):
    """Owned by the main window. ``clock`` is injectable so a test can move time."""

    reminded = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        data_dir: Path,
        clock: Clock = local_now,
        *,
        tray_available: Callable[[], bool] | None = None,
        quit_app: Callable[[], None] | None = None,
    ):
        super().__init__(window)
        self.window = window
        self.data_dir = data_dir
        self.clock = clock
        self.settings = load_app_settings(data_dir)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.theme = ThemeKeeper(app)
        self.tray_keeper = TrayKeeper(
            window,
            available=tray_available or system_tray_available,
            quit_app=quit_app or quit_application,
            told=self.settings.tray_note_shown,
            on_told=lambda: self._remember(tray_note_shown=True),
        )
        self.schedule = ReminderSchedule(self.settings.reminders, clock)
        self.timer = QTimer(self)
        self.timer.setInterval(REMINDER_POLL_MS)
        self.timer.timeout.connect(self.check_reminders)
        self.backfill_banner = NoticeBanner()
        self.backfill_banner.setAccessibleName(self.tr("Missed day"))
        self.backfill_banner.link_activated.connect(self._fill_in)
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.backfill_banner)
        self._formatted: set[int] = set()
        app.focusChanged.connect(self._on_focus_changed)
        window.stack.currentChanged.connect(lambda _row: self.format_inputs(window))
        self.apply(self.settings, save=False)
        self.restore_window()

    # --- settings --------------------------------------------------------------------------------------------

    def apply(self, settings: AppSettings, *, save: bool = True) -> None:
        """Use these settings now (and keep them, unless ``save`` is false)."""
        before = self.settings
        self.settings = settings
        if settings.theme != self.theme.current:
            self.theme.apply(settings.theme)
            refresh_links()
        self.schedule.replace(settings.reminders)
        self._share_formats(settings)
        self._formatted.clear()
        self.format_inputs(self.window)
        self.tray_keeper.sync(settings.tray_icon, settings.close_to_tray)
        if settings.reminders and any(r.enabled for r in settings.reminders):
            self.timer.start()
        else:
            self.timer.stop()
        if save and settings.start_at_login != before.start_at_login:
            self._set_autostart(settings.start_at_login)
        if save:
            save_app_settings(self.data_dir, settings)

    def _share_formats(self, settings: AppSettings) -> None:
        """Give every view the chosen time format and week start; they redraw on ``formats_changed``."""
        formats = DisplayFormats(settings.time_format, settings.week_start)
        services = self.window.services
        if formats != services.formats:
            services.formats = formats
            services.events.formats_changed.emit()

    def _set_autostart(self, wanted: bool) -> None:
        from .. import autostart  # only when the setting changes: not at start-up

        try:
            where = autostart.enable(self.data_dir) if wanted else autostart.disable()
        except OSError as exc:
            self.window.show_status(self.tr("Start at login could not be set: {0}").format(exc.strerror or exc))
            return
        log.info("start at login %s", "on" if wanted else "off")
        self.window.show_status(
            (
                self.tr("The app will start when you log in ({0}).")
                if wanted
                else self.tr("Start at login is off ({0}).")
            ).format(where)
        )

    def format_inputs(self, root: QWidget) -> None:
        """Times of day in the chosen format, calendars starting on the chosen day (for every window as it opens)."""
        formats = self.window.services.formats
        time_format = formats.time_pattern()
        first_day = formats.first_day()
        for edit in root.findChildren(QTimeEdit):
            if edit.displayFormat() != time_format:
                edit.setDisplayFormat(time_format)
        for calendar in root.findChildren(QCalendarWidget):
            calendar.setFirstDayOfWeek(first_day)
        for date_edit in root.findChildren(QDateEdit):
            if date_edit.calendarPopup() and date_edit.calendarWidget() is not None:
                date_edit.calendarWidget().setFirstDayOfWeek(first_day)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        window = new.window()
        if id(window) not in self._formatted:
            self._formatted.add(id(window))
            self.format_inputs(window)

    # --- the window ------------------------------------------------------------------------------------------

    def restore_window(self) -> None:
        settings = self.settings
        if settings.window_geometry:
            self.window.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode("ascii")))
        if settings.window_state:
            self.window.restoreState(QByteArray.fromBase64(settings.window_state.encode("ascii")))
        if settings.last_view:
            self.window.show_view(settings.last_view)

    def current_view(self) -> str:
        row = self.window.nav.currentRow()
        return self.window.views[row][0] if 0 <= row < len(self.window.views) else ""

    def save_window(self) -> None:
        """Keep the window's size, position, panels and view for the next start (called when it closes)."""
        latest = load_app_settings(self.data_dir)  # the Settings dialog may have changed others meanwhile
        from dataclasses import replace

        kept = replace(
            latest,
            window_geometry=bytes(self.window.saveGeometry().toBase64().data()).decode("ascii"),
            window_state=bytes(self.window.saveState().toBase64().data()).decode("ascii"),
            last_view=self.current_view(),
        )
        try:
            save_app_settings(self.data_dir, kept)
        except OSError as exc:
            log.warning("window settings not kept: %s", type(exc).__name__)

    def show_at_start(self) -> None:
        """Show the window, or only the tray icon when the person chose to start minimised (and a tray exists)."""
        if self.settings.start_minimised and self.tray is not None:
            QApplication.instance().setQuitOnLastWindowClosed(False)  # type: ignore[union-attr]
            self.tray_keeper.told = True  # started there: the person knows where it is
            self.window.show_status(self.tr("Started in the tray."))
        else:
            self.window.show()
        QTimer.singleShot(0, self.offer_backfill)
        QTimer.singleShot(0, self.check_reminders)

    # --- reminders -------------------------------------------------------------------------------------------

    @property
    def tray(self) -> QSystemTrayIcon | None:
        """The tray icon, or None (not wanted, or this desktop has no tray)."""
        return self.tray_keeper.icon

    def open_today(self) -> None:
        self.tray_keeper.open_today()

    def raise_window(self) -> None:
        self.tray_keeper.show_window()

    def check_reminders(self) -> list[str]:
        """Show every reminder that is due now; returns their texts."""
        shown = [reminder.text for reminder in self.schedule.due()]
        for text in shown:
            self.notify(self.tr(text))
        return shown

    def notify(self, text: str) -> None:
        if self.tray is not None and self.tray.isVisible() and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(APP_NAME, text, QSystemTrayIcon.MessageIcon.Information, 60_000)
        else:
            self.window.statusBar().showMessage(text, 10 * 60_000)  # no tray: the status bar, for ten minutes
        self.reminded.emit(text)

    # --- a missed day ----------------------------------------------------------------------------------------

    def offer_backfill(self) -> date | None:
        """If nothing was logged yesterday (and the journal is in use), offer to fill it in; once per day."""
        today = self.clock().date()
        yesterday = today - timedelta(days=1)
        offered = date.fromisoformat(self.settings.backfill_offered) if self.settings.backfill_offered else None
        entries = self.window.services.entries
        in_use = entries.count(start=today - timedelta(days=30), end=today) > 0  # bounded: never the whole journal
        logged = [yesterday] if entries.count(start=yesterday, end=yesterday) else []
        day = missed_day(today, logged, offered) if in_use else None
        if day is None:
            return None
        self.backfill_banner.show_notice(
            self.tr(
                "Nothing was logged yesterday, {0}. If you like, you can fill it in now; a rough guess is fine."
            ).format(QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)),
            f"fill:{day.isoformat()}",
            self.tr("Fill in yesterday"),
        )
        self._remember(backfill_offered=day.isoformat())
        return day

    def _remember(self, **changes: object) -> None:
        """Keep a value the app noted by itself (not a choice on the General page)."""
        from dataclasses import replace

        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        try:
            update_app_settings(self.data_dir, **changes)
        except OSError as exc:
            log.warning("app settings not kept: %s", type(exc).__name__)

    def _fill_in(self, link: str) -> None:
        day = date.fromisoformat(link.removeprefix("fill:"))
        self.window.show_view("Today")
        self.window.today.set_day(day)
        self.backfill_banner.hide()
