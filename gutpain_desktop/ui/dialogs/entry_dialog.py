"""Add or edit one entry of any kind. Non-blocking (open(), never exec()); stays open on bad input."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.entries import AnyEntry, EntryKind
from ...domain.validation import ValidationError
from ...storage import EntryNotFoundError, StorageWriteError
from ..commands import AddEntriesCommand, EditEntryCommand, adding, editing
from ..forms import FORMS, EntryForm, local_datetime
from ..forms.base import buddy_label, form_layout
from ..forms.meal import MealForm
from ..services import Services
from ..translate import kind_words, phrase
from ..widgets.common import ErrorLabel


class EntryDialog(QDialog):
    entry_saved = Signal(object)

    def __init__(
        self,
        services: Services,
        kind: EntryKind,
        *,
        entry: AnyEntry | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.original = entry
        self.form: EntryForm = FORMS[kind](services)
        what = kind_words(kind)
        self.setWindowTitle(self.tr("Edit {0}").format(what) if entry else self.tr("Add {0}").format(what))
        self.setAccessibleName(self.windowTitle())

        layout = QVBoxLayout(self)
        when = form_layout()
        moment = entry.occurred_at if entry else datetime.now().astimezone()
        chosen_day = entry.occurred_at.date() if entry else (day or moment.date())
        self.date_edit = QDateEdit(QDate(chosen_day.year, chosen_day.month, chosen_day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(services.formats.date_pattern())
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.time_edit = QTimeEdit(QTime(moment.hour, moment.minute))
        self.time_edit.setDisplayFormat(services.formats.time_pattern())
        self.time_edit.setAccessibleName(self.tr("Time"))
        row = QHBoxLayout()
        row.addWidget(self.date_edit)
        row.addWidget(self.time_edit)
        row.addStretch(1)
        date_label = {EntryKind.SLEEP: self.tr("&Woke up on"), EntryKind.DIET_PHASE: self.tr("&Starts on")}.get(
            kind, self.tr("&Date")
        )
        if kind is EntryKind.CHALLENGE:
            date_label = self.tr("&Day 1 is")
        when.addRow(buddy_label(date_label, self.date_edit), row)
        self.time_edit.setVisible(self.form.uses_time)
        layout.addLayout(when)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.form)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(scroll, 1)

        notes = form_layout()
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Anything else worth remembering (optional)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(56)
        notes.addRow(self.tr("N&ote"), self.note)
        layout.addLayout(notes)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        self.form.submit_requested.connect(self.save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter)"))

        if entry is not None:
            self.form.load(entry)
            self.note.setPlainText(entry.note)
        elif isinstance(self.form, MealForm):
            self.form.default_meal_type(moment.time())
            meal_form = self.form
            meal_form.offer_repeat(chosen_day)
            self.date_edit.dateChanged.connect(lambda value: meal_form.offer_repeat(value.toPython()))
        tall = (
            EntryKind.MEAL,
            EntryKind.PAIN,
            EntryKind.WEEKLY_CHECKIN,
            EntryKind.CHALLENGE,
            EntryKind.DIET_PHASE,
            EntryKind.CONTEXT,
        )
        self.resize(720, 640 if kind in tall else 440)
        self.form.first_field().setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if isinstance(self.form, MealForm):
            # Enter in a food's name starts the next food, so Enter must not save; Ctrl+Enter does.
            # (QDialogButtonBox makes Save the default button when shown, hence here and not in __init__.)
            for button in self.buttons.buttons():
                button.setAutoDefault(False)
                button.setDefault(False)

    def chosen_moment(self) -> datetime:
        day: date = self.date_edit.date().toPython()  # type: ignore[assignment]
        return local_datetime(day, self.time_edit.time().toPython())

    def build(self) -> AnyEntry:
        common: dict[str, Any] = {"occurred_at": self.chosen_moment(), "note": self.note.toPlainText().strip()}
        if self.original is not None:
            common["id"] = self.original.id
            common["created_at"] = self.original.created_at
        return self.form.build(common)

    def save(self) -> bool:
        """Validate and save. On a problem the dialog stays open with the reason, and nothing is written."""
        try:
            entry = self.build()
            if self.original is None:
                saved = self.services.entries.add(entry)
                self.services.undo.push(AddEntriesCommand(self.services, [saved], adding(saved.kind)))
            else:
                saved = self.services.entries.update(entry)
                self.services.undo.push(EditEntryCommand(self.services, self.original, saved, editing(saved.kind)))
        except ValidationError as exc:
            self.error.show_error(exc)
            return False
        except EntryNotFoundError:
            self.error.show_error(self.tr("This entry was deleted meanwhile, so the change could not be saved."))
            return False
        except StorageWriteError as exc:  # disk full, read-only folder...: the dialog stays open with what was typed
            self.error.show_error(phrase(exc.phrase))
            return False
        self.error.clear_error()
        self.services.events.data_changed.emit()
        self.services.events.status_message.emit(self.tr("Saved: {0}").format(kind_words(saved.kind)))
        self.entry_saved.emit(saved)
        self.services.events.entry_saved.emit(saved)
        self.accept()
        return True


def open_entry_dialog(
    services: Services,
    kind: EntryKind,
    *,
    parent: QWidget,
    entry: AnyEntry | None = None,
    day: date | None = None,
) -> EntryDialog:
    """Open an add/edit dialog without blocking (window-modal); Qt frees it once it is closed."""
    dialog = EntryDialog(services, kind, entry=entry, day=day, parent=parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
