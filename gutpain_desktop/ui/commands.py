"""Undoable operations on entries (Edit > Undo). Each refreshes every view through DataEvents."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..domain.entries import AnyEntry
from .services import Services


class AddEntriesCommand(QUndoCommand):
    """Entries that were just saved. Undo deletes them, redo puts them back."""

    def __init__(self, services: Services, entries: Sequence[AnyEntry], text: str):
        super().__init__(text)
        self.services = services
        self.entries = list(entries)
        self._first = True

    def redo(self) -> None:
        if self._first:  # the save already happened
            self._first = False
            return
        for entry in self.entries:
            self.services.entries.restore(entry)
        self.services.events.data_changed.emit()

    def undo(self) -> None:
        for entry in self.entries:
            self.services.entries.delete(entry.id)
        self.services.events.data_changed.emit()
        self.services.events.status_message.emit(QCoreApplication.translate("Undo", "Undone: {0}").format(self.text()))


class DeleteEntriesCommand(QUndoCommand):
    """Delete entries; undo restores them exactly (same id, same times)."""

    def __init__(self, services: Services, entries: Sequence[AnyEntry], text: str):
        super().__init__(text)
        self.services = services
        self.entries = list(entries)

    def redo(self) -> None:
        self.entries = [self.services.entries.delete(e.id) for e in self.entries]
        self.services.events.data_changed.emit()

    def undo(self) -> None:
        for entry in self.entries:
            self.services.entries.restore(entry)
        self.services.events.data_changed.emit()
        self.services.events.status_message.emit(
            QCoreApplication.translate("Undo", "Brought back: {0}").format(self.text())
        )


class EditEntryCommand(QUndoCommand):
    """An edit that was just saved. Undo puts the previous version back."""

    def __init__(self, services: Services, before: AnyEntry, after: AnyEntry, text: str):
        super().__init__(text)
        self.services = services
        self.before = before
        self.after = after
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.services.entries.update(self.after)
        self.services.events.data_changed.emit()

    def undo(self) -> None:
        self.services.entries.update(self.before)
        self.services.events.data_changed.emit()
        self.services.events.status_message.emit(QCoreApplication.translate("Undo", "Undone: {0}").format(self.text()))
