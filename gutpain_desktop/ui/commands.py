"""Undoable operations on entries (Edit > Undo). Each refreshes every view through DataEvents.

Their texts are shown after "Undo"/"Redo" in the Edit menu and in "Undone: …" messages, so they are written
mid-sentence ("add pain") and translated in the "Undo" context: make them with the functions below.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..domain.entries import AnyEntry, EntryKind
from .services import Services
from .translate import kind_words


def adding(kind: EntryKind) -> str:
    """ "add pain" """
    return QCoreApplication.translate("Undo", "add {kind}").format(kind=kind_words(kind))


def editing(kind: EntryKind) -> str:
    """ "edit pain" """
    return QCoreApplication.translate("Undo", "edit {kind}").format(kind=kind_words(kind))


def deleting(kinds: Sequence[EntryKind]) -> str:
    """ "delete pain" for one entry, "delete 3 entries" for more."""
    if len(kinds) == 1:
        return QCoreApplication.translate("Undo", "delete {kind}").format(kind=kind_words(kinds[0]))
    return QCoreApplication.translate("Undo", "delete %n entries", None, len(kinds))


def checking_in() -> str:
    return QCoreApplication.translate("Undo", "check-in")


def starting(diet: str) -> str:
    """ "start Low FODMAP" (the diet's name, already in the person's language)."""
    return QCoreApplication.translate("Undo", "start {diet}").format(diet=diet)


def setting_phase(phase: str) -> str:
    """ "diet phase: elimination" (the phase's name, already in the person's language)."""
    return QCoreApplication.translate("Undo", "diet phase: {phase}").format(phase=phase)


def challenging(food: str) -> str:
    """ "Bread challenge" """
    return QCoreApplication.translate("Undo", "{food} challenge").format(food=food)


def deciding(food: str) -> str:
    """ "Bread outcome" (a challenge's outcome recorded)."""
    return QCoreApplication.translate("Undo", "{food} outcome").format(food=food)


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
