"""Everyday comfort: the window comes back as it was, theme and time format, reminders on a fake clock, a missed day
offered for back-filling, start at login (Linux file in a temp HOME)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gutpain_desktop import autostart
from gutpain_desktop.domain.entries import StressEntry
from gutpain_desktop.domain.reminders import Reminder, ReminderSchedule
from gutpain_desktop.storage import Store
from gutpain_desktop.storage.app_settings import load_app_settings
from gutpain_desktop.ui.comfort import dark_palette, light_palette
from gutpain_desktop.ui.main_window import MainWindow

from .conftest import click, flush


class FakeClock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def open_general(qtbot, window):  # type: ignore[no-untyped-def]
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.general)
    return dialog, dialog.general


@pytest.fixture(autouse=True)
def system_theme_after() -> Iterator[None]:
    app = QApplication.instance()
    style, palette = app.style().name(), QPalette(app.palette())
    yield
    app.setStyle(style)
    app.setPalette(palette)


def test_size_position_and_last_view_come_back_after_a_restart(qtbot, ui_store: Store) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(ui_store)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(720, 520)
    first.move(0, 37)  # x 0: the window is wider than the 800 px offscreen screen
    first.show_view("Journal")
    flush()
    geometry = first.geometry()
    first.close()

    second = MainWindow(ui_store)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.stack.currentWidget() is second.journal
    assert second.nav.currentItem().text() == "Journal"
    assert second.size() == geometry.size() and second.height() == 520  # (its width cannot go below 959)
    assert second.geometry().topLeft() == geometry.topLeft()
    second.close()


def contrast(one: QColor, two: QColor) -> float:
    def luminance(colour: QColor) -> float:
        parts = []
        for value in (colour.redF(), colour.greenF(), colour.blueF()):
            parts.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_both_themes_meet_wcag_aa_contrast_for_text(palette) -> None:  # type: ignore[no-untyped-def]
    chosen = palette()
    role = QPalette.ColorRole
    for text, background in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.Text, role.AlternateBase),
        (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight),
        (role.PlaceholderText, role.Base),
        (role.Link, role.Base),
        (role.ToolTipText, role.ToolTipBase),
    ):
        ratio = contrast(chosen.color(text), chosen.color(background))
        assert ratio >= 4.5, f"{text.name} on {background.name}: {ratio:.2f}"


def test_theme_and_time_format_chosen_in_settings_apply_at_once_and_are_kept(qtbot, window, ui_store) -> None:  # type: ignore[no-untyped-def]
    dialog, page = open_general(qtbot, window)
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() < 60
    page.time_format.setCurrentIndex(page.time_format.findData("12h"))
    assert window.today.checkin.time_edit.displayFormat() == "h:mm AP"
    page.week_start.setCurrentIndex(page.week_start.findData("sunday"))
    kept = load_app_settings(ui_store.path.parent)
    assert (kept.theme, kept.time_format, kept.week_start) == ("dark", "12h", "sunday")
    page.theme.setCurrentIndex(page.theme.findData("system"))
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 150
    dialog.reject()


def test_a_reminder_shows_once_at_its_time_on_a_fake_clock(qtbot, window, ui_store) -> None:  # type: ignore[no-untyped-def]
    dialog, page = open_general(qtbot, window)
    evening, _evening_time, _words = page.reminder_rows[0]
    page.reminder_rows[0][1].setTime(page.reminder_rows[0][1].time().fromString("20:30", "HH:mm"))
    click(qtbot, evening)
    assert evening.isChecked()
    dialog.reject()
    assert load_app_settings(ui_store.path.parent).reminders[0].at == time(20, 30)
    assert window.comfort.timer.isActive()

    clock = FakeClock(datetime(2026, 3, 2, 19, 0).astimezone())
    comfort = window.comfort
    comfort.schedule = ReminderSchedule(comfort.settings.reminders, clock)
    assert comfort.check_reminders() == []
    clock.moment = clock.moment.replace(hour=20, minute=29)
    assert comfort.check_reminders() == []
    clock.moment = clock.moment.replace(hour=20, minute=31)
    assert comfort.check_reminders() == ["Time for your evening check-in."]
    assert window.statusBar().currentMessage() == "Time for your evening check-in."  # no tray offscreen
    clock.moment = clock.moment.replace(hour=21, minute=5)
    assert comfort.check_reminders() == []  # once a day
    clock.moment = clock.moment + timedelta(days=1)
    assert comfort.check_reminders() == ["Time for your evening check-in."]  # the next evening again


def test_a_reminder_long_past_when_the_app_starts_is_not_shown() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 23, 45).astimezone())
    schedule = ReminderSchedule((Reminder(time(20, 30)),), clock)
    assert schedule.due() == []
    assert schedule.next_time() == datetime(2026, 3, 3, 20, 30).astimezone()
    late = ReminderSchedule((Reminder(time(20, 30)),), FakeClock(datetime(2026, 3, 2, 21, 0).astimezone()))
    assert [r.at for r in late.due()] == [time(20, 30)]  # half an hour late is still worth a note


def test_a_missed_day_is_offered_once_for_back_filling(qtbot, window, ui_store, now) -> None:  # type: ignore[no-untyped-def]
    ui_store.entries.add(StressEntry(occurred_at=now - timedelta(days=2), level=3))
    window.comfort.clock = lambda: now
    offered = window.comfort.offer_backfill()
    assert offered == now.date() - timedelta(days=1)
    banner = window.comfort.backfill_banner
    assert banner.isVisible() and "Nothing was logged yesterday" in banner.label.text()
    banner.link.linkActivated.emit(f"fill:{offered.isoformat()}")
    assert window.stack.currentWidget() is window.today
    assert window.today.day() == offered
    assert not banner.isVisible()
    assert window.comfort.offer_backfill() is None  # offered once


def test_no_back_fill_offer_when_yesterday_was_logged_or_the_journal_is_new(qtbot, window, ui_store, now) -> None:  # type: ignore[no-untyped-def]
    window.comfort.clock = lambda: now
    assert window.comfort.offer_backfill() is None  # nothing logged at all: a new journal, no nagging
    ui_store.entries.add(StressEntry(occurred_at=now - timedelta(days=1), level=3))
    assert window.comfort.offer_backfill() is None


def test_start_at_login_writes_and_removes_the_linux_autostart_file(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    entry = tmp_path / "home" / ".config" / "autostart" / "gutpain-desktop.desktop"
    dialog, page = open_general(qtbot, window)
    click(qtbot, page.start_at_login)
    text = entry.read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text and "Exec=" in text
    assert "-m gutpain_desktop --data-dir" in text and str(window.comfort.data_dir) in text
    assert autostart.is_enabled("linux")
    assert "start when you log in" in window.status_label.text()
    click(qtbot, page.start_at_login)
    assert not entry.exists()
    dialog.reject()


def test_start_at_login_on_macos_is_a_launch_agent(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import plistlib

    monkeypatch.setenv("HOME", str(tmp_path))
    written = autostart.enable(tmp_path / "data", platform="darwin")
    agent = plistlib.loads(Path(written).read_bytes())
    assert agent["RunAtLoad"] is True and agent["ProgramArguments"][-2:] == ["--data-dir", str(tmp_path / "data")]
    autostart.disable(platform="darwin")
    assert not Path(written).exists()


def test_error_text_stays_readable_in_the_dark_theme(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from gutpain_desktop.ui.widgets.common import ErrorLabel

    error = window.today.findChild(ErrorLabel)
    assert error is not None
    background = QColor("#202124")
    window.comfort.theme.apply("dark")
    flush()
    colour = QColor(error.styleSheet().split("color: ")[1].split(";")[0])
    assert contrast(colour, error.palette().color(error.backgroundRole())) >= 4.5
    assert contrast(colour, background) >= 4.5
    window.comfort.theme.apply("system")
    flush()
    colour = QColor(error.styleSheet().split("color: ")[1].split(";")[0])
    assert contrast(colour, error.palette().color(error.backgroundRole())) >= 4.5


def test_start_minimised_without_a_tray_still_shows_the_window(qtbot, ui_store) -> None:  # type: ignore[no-untyped-def]
    from gutpain_desktop.storage.app_settings import update_app_settings

    update_app_settings(ui_store.path.parent, start_minimised=True, tray_icon=True)
    window = MainWindow(ui_store)
    qtbot.addWidget(window)
    assert window.comfort.tray is None  # the offscreen platform has no system tray
    window.comfort.show_at_start()
    qtbot.waitExposed(window)
    assert window.isVisible()  # never hidden with no way back
    window.close()


def test_the_folders_shown_are_this_journals(qtbot, window, ui_store) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    dialog, page = open_general(qtbot, window)
    shown = {field.accessibleName(): field.text() for field in page.findChildren(QLineEdit) if field.isReadOnly()}
    data_dir = ui_store.path.parent
    assert shown["Journal folder"] == str(data_dir)
    # a journal in a chosen folder logs beside it (when the app is not logging now, e.g. in a test)
    assert shown["Log folder"] == str(data_dir.resolve() / "logs")
    dialog.reject()
