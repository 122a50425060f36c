"""Journal: every entry, newest first, filtered by kind, dates and words; edit, delete and undo."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from PySide6.QtCore import QLocale, QModelIndex, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.entries import KIND_LABELS, EntryKind, JournalRow
from ..commands import DeleteEntriesCommand, deleting
from ..dialogs.entry_dialog import EntryDialog, open_entry_dialog
from ..forms.base import buddy_label
from ..models.entry_lines import EntryLines, search_texts
from ..models.journal_model import JournalModel
from ..services import Services
from ..translate import label as translated
from ..translate import plural
from ..widgets.common import OptionalDate


class JournalView(QWidget):
    #: The person asked for the CSV export / the PDF summary for a practitioner (the main window opens the dialog).
    export_requested = Signal()
    report_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setAccessibleName(self.tr("Journal"))
        self._stale = True
        layout = QVBoxLayout(self)

        filters = QHBoxLayout()
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Kind of entry shown"))
        self.kind_filter.addItem(self.tr("All entries"), None)
        for kind, label in KIND_LABELS.items():
            self.kind_filter.addItem(translated(label), kind)
        self.from_date = OptionalDate(self.tr("From date"))
        self.to_date = OptionalDate(self.tr("To date"))
        # Mnemonic labels sized for their text as drawn: "&To" was clipped to "Tc".
        kind_label = buddy_label(self.tr("&Show"), self.kind_filter)
        from_label = buddy_label(self.tr("&From"), self.from_date.enabled)
        to_label = buddy_label(self.tr("&To"), self.to_date.enabled)
        self.filter_labels = [kind_label, from_label, to_label]
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search words (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search the journal"))
        self.search.setClearButtonEnabled(True)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        for w in (kind_label, self.kind_filter, from_label, self.from_date, to_label, self.to_date):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)

        self.model = JournalModel(self, lambda: services.formats, EntryLines(services.entries, services.catalog))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Journal entries"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._size_columns()
        header.setStretchLastSection(True)
        self.table.activated.connect(self._on_activated)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete_selected)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of entries shown"))
        bottom.addWidget(self.count_label, 1)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Edit the selected entry (Enter)"))
        self.delete_button = QPushButton(self.tr("De&lete"))
        self.delete_button.setToolTip(self.tr("Delete the selected entries (Delete); Ctrl+Z brings them back"))
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.delete_button)
        bottom.addSpacing(16)
        self.export_button = QPushButton(self.tr("E&xport CSV…"))
        self.export_button.setToolTip(self.tr("Export the journal as spreadsheet files for a practitioner (Ctrl+E)"))
        self.report_button = QPushButton(self.tr("&Report (PDF)…"))
        self.report_button.setToolTip(self.tr("A one- or two-page PDF summary for a practitioner (Ctrl+P)"))
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.report_button)
        layout.addLayout(bottom)
        self.export_button.clicked.connect(self.export_requested)
        self.report_button.clicked.connect(self.report_requested)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._search_timer.start)
        self.kind_filter.currentIndexChanged.connect(self.reload)
        for optional in (self.from_date, self.to_date):
            optional.enabled.toggled.connect(self.reload)
            optional.edit.dateChanged.connect(self.reload)
        services.events.data_changed.connect(self._on_data_changed)
        services.events.formats_changed.connect(self._on_formats_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _size_columns(self) -> None:
        """Wide enough for the longest date, time and kind in the current font (large text too) and format."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        formats = self.services.formats
        longest = datetime(2026, 9, 30, 12, 59)  # a long month and weekday; the widest hour in either format
        kinds = [translated(text) for text in KIND_LABELS.values()]
        samples = (formats.date(longest.date()), formats.time(longest), max(kinds, key=metrics.horizontalAdvance))
        for column, sample in enumerate(samples):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + metrics.averageCharWidth() * 3)

    def _on_formats_changed(self) -> None:
        self._size_columns()
        self.model.formats_changed()

    # --- loading -----------------------------------------------------------------------------------------------

    def _filters(self) -> dict[str, object]:
        chosen = self.kind_filter.currentData()
        kind = None if chosen is None else EntryKind(chosen)
        return {
            "kinds": None if kind is None else [kind],
            "start": self.from_date.value(),
            "end": self.to_date.value(),
            "text": search_texts(typed) if (typed := self.search.text().strip()) else None,
        }

    def reload(self) -> None:
        filters = self._filters()
        entries = self.services.entries

        def fetch(limit: int, after: JournalRow | None) -> list[JournalRow]:
            return entries.journal(limit=limit, after=after, **filters)  # type: ignore[arg-type]

        self.model.reset_with(fetch)
        total = entries.count(**filters)  # type: ignore[arg-type]
        shown = QLocale().toString(total)  # '5,173' or '5.173', as the person's locale groups digits
        self.count_label.setText(
            plural(self.tr("{0} entries", "", total), total, "{0} entries", "{0} entry").format(shown)
        )
        self._stale = False
        self._update_buttons()

    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: object) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)  # type: ignore[arg-type]

    # --- actions -----------------------------------------------------------------------------------------------

    def selected_rows(self) -> list[JournalRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def _update_buttons(self) -> None:
        chosen = len(self.table.selectionModel().selectedRows()) if self.table.selectionModel() else 0
        self.edit_button.setEnabled(chosen == 1)
        self.delete_button.setEnabled(chosen >= 1)

    def _on_activated(self, index: QModelIndex) -> None:
        self.open_editor(self.model.row_at(index.row()).id)

    def edit_selected(self) -> EntryDialog | None:
        rows = self.selected_rows()
        return self.open_editor(rows[0].id) if len(rows) == 1 else None

    def open_editor(self, entry_id: UUID) -> EntryDialog | None:
        entry = self.services.entries.get(entry_id)
        if entry is None:
            self.services.events.status_message.emit(self.tr("That entry no longer exists."))
            self.reload()
            return None
        return open_entry_dialog(self.services, entry.kind, entry=entry, parent=self)

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        entries = [e for e in (self.services.entries.get(r.id) for r in rows) if e is not None]
        if not entries:
            return
        text = deleting([e.kind for e in entries])
        self.services.undo.push(DeleteEntriesCommand(self.services, entries, text))
        self.services.events.status_message.emit(
            self.tr("Deleted {0} entries. Ctrl+Z brings them back.").format(len(entries))
            if len(entries) > 1
            else self.tr("Deleted. Ctrl+Z brings it back.")
        )

    def focus_kind(self, kind: EntryKind | None) -> None:
        index = self.kind_filter.findData(kind)
        self.kind_filter.setCurrentIndex(max(index, 0))
