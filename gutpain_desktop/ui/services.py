"""What views are given in their constructors: repositories, the shared undo stack and data-change events."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..storage import CatalogRepository, EntryRepository


class DataEvents(QObject):
    """Emitted after entries were saved, changed or deleted, so every view can refresh itself."""

    data_changed = Signal()
    #: One entry was saved (added or edited) by the person; carries the domain entry.
    entry_saved = Signal(object)
    #: A short message for the status bar (what just happened).
    status_message = Signal(str)


@dataclass
class Services:
    entries: EntryRepository
    catalog: CatalogRepository
    events: DataEvents
    undo: QUndoStack
