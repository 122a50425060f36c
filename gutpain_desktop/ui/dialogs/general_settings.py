"""Settings ▸ General: how the app looks (theme, times, week start), reminders, the tray, start at login, and where
things are kept. Every change applies at once and is kept in ``app-settings.json``."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.reminders import Reminder
from ...logs import current_log_file, log_dir
from ...paths import default_data_dir
from ...storage.app_settings import THEMES, TIME_FORMATS, WEEK_STARTS
from ..comfort import ComfortController
from ..formats import first_day_of_week, time_display_format
from ..safety import BackupController

#: The two reminders the page offers, with the words each shows.
REMINDER_SLOTS = (
    (time(20, 30), "Time for your evening check-in."),
    (time(13, 0), "A moment to note how you are doing, if you like."),
)


class GeneralPage(QWidget):
    def __init__(self, comfort: ComfortController, safety: BackupController, parent: QWidget | None = None):
        super().__init__(parent)
        self.comfort = comfort
        settings = comfort.settings
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        layout = QVBoxLayout(inner)

        look = QGroupBox(self.tr("Appearance"))
        form = QFormLayout(look)
        self.theme = QComboBox()
        for key, text in zip(THEMES, (self.tr("As the system"), self.tr("Light"), self.tr("Dark")), strict=True):
            self.theme.addItem(text, key)
        self.theme.setAccessibleName(self.tr("Theme"))
        form.addRow(self.tr("&Theme"), self.theme)
        self.time_format = QComboBox()
        sample = QTime(18, 30)
        for key, text in zip(
            TIME_FORMATS,
            (self.tr("As the system ({0})"), self.tr("24-hour ({0})"), self.tr("12-hour ({0})")),
            strict=True,
        ):
            self.time_format.addItem(text.format(sample.toString(time_display_format(key))), key)
        self.time_format.setAccessibleName(self.tr("Time format"))
        form.addRow(self.tr("T&imes of day"), self.time_format)
        self.week_start = QComboBox()
        locale = QLocale()
        names = [self.tr("As the system ({0})").format(locale.dayName(first_day_of_week("locale").value))]
        names += [locale.dayName(first_day_of_week(key).value) for key in WEEK_STARTS[1:]]
        for key, text in zip(WEEK_STARTS, names, strict=True):
            self.week_start.addItem(text, key)
        self.week_start.setAccessibleName(self.tr("First day of the week"))
        form.addRow(self.tr("&Weeks start on"), self.week_start)
        layout.addWidget(look)

        remind = QGroupBox(self.tr("Reminders"))
        remind_layout = QVBoxLayout(remind)
        intro = QLabel(
            self.tr(
                "A gentle note at the times you choose, while the app is running (in the system tray, or at the "
                "bottom of the window). If a day was missed, the app offers to fill it in next time."
            )
        )
        intro.setWordWrap(True)
        remind_layout.addWidget(intro)
        self.reminder_rows: list[tuple[QCheckBox, QTimeEdit, str]] = []
        known = {r.text: r for r in settings.reminders}
        for (default_at, words), label in zip(
            REMINDER_SLOTS, (self.tr("&Evening check-in at"), self.tr("A &second reminder at")), strict=True
        ):
            row = QHBoxLayout()
            enabled = QCheckBox(label)
            edit = QTimeEdit()
            edit.setDisplayFormat(time_display_format(settings.time_format))
            existing = known.get(words)
            at = existing.at if existing else default_at
            edit.setTime(QTime(at.hour, at.minute))
            enabled.setChecked(bool(existing and existing.enabled))
            edit.setEnabled(enabled.isChecked())
            edit.setAccessibleName(label.replace("&", ""))
            enabled.toggled.connect(edit.setEnabled)
            row.addWidget(enabled)
            row.addWidget(edit)
            row.addStretch(1)
            remind_layout.addLayout(row)
            self.reminder_rows.append((enabled, edit, words))
        self.tray_available = tray_available = comfort.tray_keeper.available()
        self.tray_icon = QCheckBox(self.tr("Show an &icon in the system tray"))
        self.close_to_tray = QCheckBox(self.tr("&Keep running in the tray when the window is closed"))
        self.close_to_tray.setToolTip(
            self.tr("Reminders keep coming while the window is closed. Quit in the tray menu or Ctrl+Q ends the app.")
        )
        self.start_minimised = QCheckBox(self.tr("Start &minimised to the tray"))
        self.start_at_login = QCheckBox(self.tr("Start when I &log in"))
        for box in (self.tray_icon, self.close_to_tray, self.start_minimised):
            remind_layout.addWidget(box)
        #: Why the tray options are greyed out (no tray on this desktop), or None.
        self.no_tray: QLabel | None = None
        if not tray_available:
            self.no_tray = QLabel(
                self.tr(
                    "This desktop has no system tray, so the app cannot keep running there: reminders appear at "
                    "the bottom of the window while it is open."
                )
            )
            self.no_tray.setWordWrap(True)
            self.close_to_tray.setToolTip(self.tr("Not available: this desktop has no system tray."))
            remind_layout.addWidget(self.no_tray)  # right below the options it explains
        remind_layout.addWidget(self.start_at_login)
        layout.addWidget(remind)

        where = QGroupBox(self.tr("Where things are kept"))
        where_form = QFormLayout(where)
        log_file = current_log_file()
        if log_file is not None:
            logs = log_file.parent
        else:  # not logging (screenshots, tests): where the app would log for this journal
            chosen = comfort.data_dir.resolve() != default_data_dir().resolve()
            logs = log_dir(comfort.data_dir if chosen else None)
        for text, path in (
            (self.tr("&Journal folder"), str(comfort.data_dir)),
            (self.tr("&Backup folder (change it on the Backups tab)"), str(safety.folder)),
            (self.tr("L&og folder (no health data)"), str(logs)),
        ):
            field = QLineEdit(path)
            field.setReadOnly(True)
            field.setAccessibleName(text.replace("&", "").split(" (")[0])
            where_form.addRow(text, field)
        layout.addWidget(where)
        layout.addStretch(1)

        self._select(self.theme, settings.theme)
        self._select(self.time_format, settings.time_format)
        self._select(self.week_start, settings.week_start)
        self.tray_icon.setChecked(settings.tray_icon)
        self.tray_icon.setEnabled(tray_available)
        self.close_to_tray.setChecked(settings.close_to_tray and tray_available)
        self.start_minimised.setChecked(settings.start_minimised)
        self._sync_tray_boxes()
        self.start_at_login.setChecked(settings.start_at_login)

        for combo in (self.theme, self.time_format, self.week_start):
            combo.currentIndexChanged.connect(self.save)
        for box in (self.tray_icon, self.close_to_tray, self.start_minimised, self.start_at_login):
            box.toggled.connect(self.save)
        for enabled, edit, _words in self.reminder_rows:
            enabled.toggled.connect(self.save)
            edit.timeChanged.connect(self.save)

    @staticmethod
    def _select(combo: QComboBox, key: str) -> None:
        index = combo.findData(key)
        combo.setCurrentIndex(max(index, 0))

    def reminders(self) -> tuple[Reminder, ...]:
        return tuple(
            Reminder(edit.time().toPython(), words, enabled.isChecked())  # type: ignore[arg-type]
            for enabled, edit, words in self.reminder_rows
        )

    def _sync_tray_boxes(self) -> None:
        """The tray's options need a tray, and its icon."""
        with_icon = self.tray_available and self.tray_icon.isChecked()
        self.close_to_tray.setEnabled(with_icon)
        self.start_minimised.setEnabled(with_icon)

    def save(self) -> None:
        self._sync_tray_boxes()
        updated = replace(
            self.comfort.settings,
            theme=self.theme.currentData(),
            time_format=self.time_format.currentData(),
            week_start=self.week_start.currentData(),
            reminders=self.reminders(),
            tray_icon=self.tray_icon.isChecked(),
            close_to_tray=self.close_to_tray.isChecked(),
            start_minimised=self.start_minimised.isChecked(),
            start_at_login=self.start_at_login.isChecked(),
        )
        self.comfort.apply(updated)
        fmt = time_display_format(updated.time_format)
        for _enabled, edit, _words in self.reminder_rows:
            edit.setDisplayFormat(fmt)
