"""Keeping the app running in the tray when the window is closed, and quitting for real. The offscreen platform has
no system tray, so these windows are given one (``tray_available``) and a stand-in for ending the app (``quit_app``):
a test must not end its own event loop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from gutpain_desktop.domain.reminders import Reminder
from gutpain_desktop.storage import Store
from gutpain_desktop.storage.app_settings import load_app_settings, update_app_settings
from gutpain_desktop.ui.dialogs.general_settings import REMINDER_SLOTS
from gutpain_desktop.ui.main_window import MainWindow

from .conftest import click, flush


@pytest.fixture(autouse=True)
def quit_on_last_window_closed_after() -> Iterator[None]:
    yield
    QApplication.instance().setQuitOnLastWindowClosed(True)  # hiding to the tray turns it off for the whole app


class Tray:
    """A window on a desktop with (or without) a tray, and the times it asked the app to end."""

    def __init__(self, qtbot, store: Store, *, available: bool = True):  # type: ignore[no-untyped-def]
        self.quits = 0
        self.window = MainWindow(store, tray_available=lambda: available, quit_app=self._quit)
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.keeper = self.window.comfort.tray_keeper

    def _quit(self) -> None:
        self.quits += 1


def _general(qtbot, window):  # type: ignore[no-untyped-def]
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.general)
    return dialog, dialog.general


def test_the_option_is_greyed_out_with_a_reason_where_there_is_no_tray(qtbot, ui_store):
    tray = Tray(qtbot, ui_store, available=False)
    dialog, page = _general(qtbot, tray.window)
    assert not page.close_to_tray.isEnabled()
    assert page.no_tray is not None and page.no_tray.isVisibleTo(dialog)
    assert "no system tray" in page.no_tray.text()
    dialog.reject()
    tray.window.close()  # without a tray, closing ends the app as always
    assert not tray.window.isVisible()


def test_closing_keeps_the_app_in_the_tray_and_says_so_the_first_time(qtbot, ui_store):
    evening, words = REMINDER_SLOTS[0]
    update_app_settings(ui_store.path.parent, reminders=(Reminder(evening, words),))
    tray = Tray(qtbot, ui_store)
    dialog, page = _general(qtbot, tray.window)
    assert page.no_tray is None and page.close_to_tray.isEnabled()
    click(qtbot, page.close_to_tray)
    dialog.reject()
    assert load_app_settings(ui_store.path.parent).close_to_tray

    tray.window.close()
    assert not tray.window.isVisible() and tray.quits == 0  # hidden, still running
    assert not QApplication.instance().quitOnLastWindowClosed()
    assert tray.window.comfort.timer.isActive()  # the reminders keep being looked at
    assert "still running" in tray.keeper.last_note and "Quit" in tray.keeper.last_note
    assert load_app_settings(ui_store.path.parent).tray_note_shown

    tray.keeper.show_action.trigger()  # the tray menu's Show
    qtbot.waitExposed(tray.window)
    assert tray.window.isVisible()
    tray.keeper.last_note = ""
    tray.window.close()
    assert not tray.window.isVisible() and tray.keeper.last_note == ""  # said once only
    tray.keeper.quit()


def test_quit_with_the_option_on_keeps_the_window_as_it_was_and_ends_the_app(qtbot, ui_store):
    update_app_settings(ui_store.path.parent, close_to_tray=True)
    tray = Tray(qtbot, ui_store)
    tray.window.resize(700, 500)
    tray.window.show_view("Journal")
    flush()
    quit_action = next(a for a in tray.window.findChildren(type(tray.keeper.quit_action)) if a.text() == "&Quit")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    quit_action.trigger()  # File ▸ Quit
    assert tray.quits == 1 and not tray.window.isVisible()
    kept = load_app_settings(ui_store.path.parent)
    assert kept.last_view == "Journal" and kept.window_geometry  # the usual close path ran
    assert kept.close_to_tray


def test_the_tray_menus_quit_runs_the_usual_close(qtbot, ui_store):
    update_app_settings(ui_store.path.parent, close_to_tray=True)
    tray = Tray(qtbot, ui_store)
    tray.window.show_view("Trends")
    tray.window.close()  # to the tray first
    assert tray.quits == 0
    entry = tray.window.today.open_entry_dialog(next(iter(tray.window.today.quick_buttons)))
    tray.keeper.quit_action.trigger()
    assert tray.quits == 1
    assert not entry.isVisible()  # an open entry dialog is closed with the window
    assert load_app_settings(ui_store.path.parent).last_view == "Trends"
    texts = [a.text() for a in tray.keeper.icon.contextMenu().actions() if a.text()]
    assert texts[0].startswith("Show") and texts[-1] == "Quit"
