"""What views are given in their constructors: repositories, the shared undo stack and data-change events."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..education import PanelLibrary, load_library
from ..storage import CatalogRepository, EntryRepository
from .formats import DisplayFormats


class DataEvents(QObject):
    """Emitted after entries were saved, changed or deleted, so every view can refresh itself."""

    data_changed = Signal()
    #: Show the educational panel with this id (from a "Learn more" link anywhere).
    learn_requested = Signal(str)
    #: One entry was saved (added or edited) by the person; carries the domain entry.
    entry_saved = Signal(object)
    #: A short message for the status bar (what just happened).
    status_message = Signal(str)
    #: What the person tracks changed (sections shown, their order, symptoms, categories): views rebuild.
    preferences_changed = Signal()
    #: The time format or the first day of the week changed (Settings ▸ General): views show times and weeks anew.
    formats_changed = Signal()


@dataclass
class Services:
    entries: EntryRepository
    catalog: CatalogRepository
    events: DataEvents
    undo: QUndoStack
    #: The language the educational panels are read in (a folder name such as "de"; "" for English), chosen from
    #: the locale the Qt translation follows (``translate.panel_language``).
    language: str = ""
    #: How times, dates and weeks are shown now; replaced (and ``events.formats_changed`` emitted) when it changes.
    formats: DisplayFormats = field(default_factory=DisplayFormats)

    @cached_property
    def library(self) -> PanelLibrary:
        """The educational panels, read on first use (not at start-up), each in ``language`` where translated."""
        return load_library(language=self.language)
