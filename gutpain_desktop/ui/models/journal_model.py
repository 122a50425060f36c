"""The journal's table model: pages of rows fetched from the repository as the person scrolls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ...domain.describe import without_kind
from ...domain.entries import KIND_LABELS, JournalRow
from ...i18n import QT_TRANSLATE_NOOP
from ..formats import DisplayFormats
from ..translate import label as translated
from ..widgets.demo_notice import demo_explanation, demo_mark
from .entry_lines import EntryLines

PAGE_SIZE = 500
#: With a translation, the lines of the rows from a little above to this many below the first one painted are made
#: together (one read): more than a screenful, so a repaint or a scroll by a page rarely reads again.
LINES_PAGE = 120
COLUMNS = (
    QT_TRANSLATE_NOOP("Labels", "Date"),
    QT_TRANSLATE_NOOP("Labels", "Time"),
    QT_TRANSLATE_NOOP("Labels", "Kind"),
    QT_TRANSLATE_NOOP("Labels", "Details"),
)
DETAILS = 3
Index = QModelIndex | QPersistentModelIndex
#: (limit, the last row loaded or None for the first page) -> the rows after it. Given by the view, which knows the
#: filter. Paging by the last row, not by an offset, keeps every page as quick as the first at a million entries.
Fetch = Callable[[int, JournalRow | None], list[JournalRow]]


class JournalModel(QAbstractTableModel):
    """Holds only the rows fetched so far (newest first); more arrive through fetchMore when scrolled to."""

    def __init__(
        self,
        parent: Any = None,
        formats: Callable[[], DisplayFormats] = DisplayFormats,
        lines: EntryLines | None = None,
    ):
        super().__init__(parent)
        #: The time format and week start chosen now (read at every paint, so a change shows at once).
        self.formats = formats
        #: The details in the person's language (None: the stored English line, without its kind).
        self.lines = lines
        self._rows: list[JournalRow] = []
        self._fetch: Fetch | None = None
        self._exhausted = True
        # Example (demo) entries: a tag before their details, in italics, and what it means in the tooltip.
        self._demo_mark = demo_mark()
        self._demo_explanation = demo_explanation()
        self._demo_font = QFont()
        self._demo_font.setItalic(True)

    def reset_with(self, fetch: Fetch) -> None:
        self.beginResetModel()
        if self.lines is not None:
            self.lines.reset()
        self._fetch = fetch
        self._rows = fetch(PAGE_SIZE, None)
        self._exhausted = len(self._rows) < PAGE_SIZE
        self.endResetModel()

    def row_at(self, row: int) -> JournalRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetch is None:
            return
        more = self._fetch(PAGE_SIZE, self._rows[-1] if self._rows else None)
        self._exhausted = len(more) < PAGE_SIZE
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(index.row(), index.column())
            if row.demo and role == Qt.ItemDataRole.ToolTipRole:
                return f"{text}\n{self._demo_explanation}"
            if row.demo and role == Qt.ItemDataRole.AccessibleTextRole:
                return (
                    f"{text}. {self._demo_explanation}" if index.column() == DETAILS else f"{self._demo_mark}: {text}"
                )
            return text
        if role == Qt.ItemDataRole.FontRole and row.demo:
            return self._demo_font
        return None

    def _text(self, at: int, column: int) -> str:
        row = self._rows[at]
        if column == 0:
            return self.formats().date(row.occurred_at.date())
        if column == 1:
            return self.formats().time(row.occurred_at)
        if column == 2:
            return translated(KIND_LABELS[row.kind])
        details = self.details(at)
        return f"{self._demo_mark} · {details}" if row.demo else details

    def details(self, at: int) -> str:
        """What the Details column shows for row ``at``: the entry's line without its kind (shown beside it)."""
        row = self._rows[at]
        if self.lines is None:
            return without_kind(row.summary, row.kind)
        return self.lines.text(row, lambda: self._rows[max(0, at - 20) : at + LINES_PAGE])

    def formats_changed(self) -> None:
        """The time format changed: every date and time cell reads anew."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 1))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translated(COLUMNS[section])
        return None
