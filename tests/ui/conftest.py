"""Fixtures for the Qt tests: a real store in a temp folder and the real main window on it (offscreen)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QCheckBox, QDateTimeEdit, QDialog, QRadioButton

from gutpain_desktop.storage import Store, open_store
from gutpain_desktop.ui.main_window import MainWindow


@pytest.fixture
def ui_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "data")
    yield store
    store.close()


@pytest.fixture
def window(qtbot, ui_store: Store) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(ui_store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def type_into(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the contents of a spin box, time edit or line edit by typing, as a person would."""
    widget.setFocus()
    if isinstance(widget, QDateTimeEdit):
        widget.setCurrentSectionIndex(0)
        widget.setSelectedSection(widget.sectionAt(0))
    else:
        widget.selectAll()
    qtbot.keyClicks(widget, text)
    if isinstance(widget, QAbstractSpinBox):
        widget.interpretText()


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    """Click a button; check boxes and radio buttons on their indicator, where a person aims."""
    if isinstance(widget, (QCheckBox, QRadioButton)):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def flush() -> None:
    QApplication.processEvents()


@pytest.fixture
def now():  # type: ignore[no-untyped-def]
    """A moment safely in the past today (never in the future), with the local UTC offset."""
    from datetime import datetime, timedelta

    moment = datetime.now().astimezone().replace(second=0, microsecond=0)
    return max(moment - timedelta(minutes=5), moment.replace(hour=0, minute=0))


def dialog_openers(window: MainWindow) -> list[tuple[str, Callable[[], QDialog]]]:
    """(name, opener) of every dialog a person can reach, for tests that walk them all (names, translation)."""
    from gutpain_desktop.ui.dialogs.challenge_wizard import open_challenge_wizard
    from gutpain_desktop.ui.dialogs.unlock_dialog import UnlockDialog
    from gutpain_desktop.ui.dialogs.welcome import WelcomeDialog

    openers: list[tuple[str, Callable[[], QDialog]]] = [
        (f"{kind.value} dialog", lambda k=kind: window.today.open_entry_dialog(k))  # type: ignore[misc]
        for kind in window.today.quick_buttons
    ]
    openers += [
        (opener.__name__, opener)
        for opener in (
            window.open_settings,
            window.open_profile,
            window.open_export,
            window.open_report,
            window.open_import,
            window.open_tracking,
            window.diet.start_diet,
        )
    ]
    openers += [
        ("challenge wizard", lambda: open_challenge_wizard(window.services, window)),
        ("unlock dialog", lambda: UnlockDialog(window.store.path, keyring_available=False, parent=window)),
        ("welcome", lambda: WelcomeDialog(window.services, window)),
    ]
    return openers
