"""The system tray: the icon and its menu (Show, Today's check-in, Quit), and keeping the app running there when the
window is closed, so reminders still come.

Quitting from anywhere (the tray, File ▸ Quit, Ctrl+Q) goes through :meth:`TrayKeeper.quit`: the window closes the
usual way (its size and view kept, open dialogs closed) and then the app ends, so app.py makes the exit backup and
releases the lock as after any close. Whether a tray exists and how the app ends are injectable: the offscreen
platform used by the tests has no tray, and a test must not end its own event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from .. import APP_NAME
from ..paths import resource

if TYPE_CHECKING:
    from .main_window import MainWindow


def system_tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def quit_application() -> None:
    app = QApplication.instance()
    if app is not None:
        app.quit()


class TrayKeeper(QObject):
    """Owned by the ComfortController; ``sync`` follows the settings (icon wanted, keep running when closed)."""

    def __init__(
        self,
        window: MainWindow,
        *,
        available: Callable[[], bool] = system_tray_available,
        quit_app: Callable[[], None] = quit_application,
        told: bool = False,
        on_told: Callable[[], None] | None = None,
    ):
        super().__init__(window)
        self.window = window
        self.available = available
        self.quit_app = quit_app
        self.icon: QSystemTrayIcon | None = None
        #: Keep running in the tray when the window is closed (the setting; only honoured with an icon).
        self.keep_running = False
        #: The person chose Quit: the next close really closes.
        self.quitting = False
        #: The "still running" note was shown (once: the first time the window goes to the tray; kept by ``on_told``).
        self.told = told
        self.on_told = on_told
        #: The last note shown from the tray (for the status bar too, and for tests).
        self.last_note = ""

    def sync(self, icon_wanted: bool, keep_running: bool) -> None:
        wanted = icon_wanted and self.available()
        if wanted and self.icon is None:
            self.icon = QSystemTrayIcon(QIcon(str(resource("icons", "gutpain.svg"))), self)
            self.icon.setToolTip(APP_NAME)
            self.icon.setContextMenu(self._menu())
            self.icon.activated.connect(self._on_activated)
            self.icon.messageClicked.connect(self.open_today)
            self.icon.show()
        elif not wanted and self.icon is not None:
            self.icon.hide()
            self.icon.deleteLater()
            self.icon = None
        self.keep_running = keep_running
        if self.icon is None and self.window.isHidden() and self.hidden_to_tray:
            self.show_window()  # the icon went away: never leave a hidden window with no way back

    def _menu(self) -> QMenu:
        menu = QMenu(self.window)
        menu.setAccessibleName(self.tr("Tray menu"))
        self.show_action = menu.addAction(self.tr("Show {0}").format(APP_NAME), self.show_window)
        self.today_action = menu.addAction(self.tr("Today's check-in"), self.open_today)
        menu.addSeparator()
        self.quit_action = menu.addAction(self.tr("Quit"), self.quit)
        return menu

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_window()

    # --- closing and quitting ------------------------------------------------------------------------------------

    @property
    def hidden_to_tray(self) -> bool:
        app = QApplication.instance()
        return isinstance(app, QApplication) and not app.quitOnLastWindowClosed()

    def hides_on_close(self) -> bool:
        """Whether closing the window now hides it in the tray instead of ending the app."""
        return self.keep_running and self.icon is not None and not self.quitting

    def hide_to_tray(self) -> None:
        """The window goes; the app, its icon and its reminders stay. The first time, a note says so."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)
        self.window.hide()
        if not self.told:
            self.told = True
            if self.on_told is not None:
                self.on_told()
            self.note(
                self.tr(
                    "{0} is still running in the system tray, so your reminders keep coming. Choose Quit in the "
                    "tray menu to end it."
                ).format(APP_NAME)
            )

    def note(self, text: str, timeout_ms: int = 10_000) -> None:
        """A short note from the tray (a notification where the desktop shows them), and in the status bar."""
        self.last_note = text
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(APP_NAME, text, QSystemTrayIcon.MessageIcon.Information, timeout_ms)
        self.window.show_status(text)

    def quit(self) -> None:
        """Really end the app: close the window the usual way (its state kept), then leave the event loop."""
        self.quitting = True
        self.window.close()
        if self.window.isVisible():  # something refused to close
            self.quitting = False
            return
        if self.icon is not None:
            self.icon.hide()
        self.quit_app()

    # --- coming back ---------------------------------------------------------------------------------------------

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(True)  # back to normal: closing decides again (tray or quit)

    def open_today(self) -> None:
        self.show_window()
        self.window.show_view("Today")
