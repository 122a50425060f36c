"""Learn: every educational panel, searchable, in a readable reader with links between panels."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..services import Services
from ..widgets.learn import PanelReader


class LearnView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setAccessibleName(self.tr("Learn"))
        self._loaded = False
        layout = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the panels (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search the educational panels"))
        self.search.setClearButtonEnabled(True)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        left_layout.addWidget(self.search)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Educational panels"))
        self.list.setWordWrap(True)
        left_layout.addWidget(self.list, 1)
        self.empty = QLabel(self.tr("No panel mentions that. Try another word."))
        self.empty.setWordWrap(True)
        self.empty.hide()
        left_layout.addWidget(self.empty)
        splitter.addWidget(left)
        self.reader = PanelReader(services)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 800])
        layout.addWidget(splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.reader.panel_changed.connect(self._select_in_list)

    def showEvent(self, event: object) -> None:
        if not self._loaded:
            self._loaded = True
            self.filter()
        super().showEvent(event)  # type: ignore[arg-type]

    def filter(self) -> None:
        self._loaded = True
        current = self.reader.current.id if self.reader.current else None
        found = self.services.library.search(self.search.text())
        self.list.blockSignals(True)
        self.list.clear()
        for panel in found:
            item = QListWidgetItem(panel.title)
            item.setData(Qt.ItemDataRole.UserRole, panel.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not found)
        if found and (current is None or current not in {p.id for p in found}):
            self.list.setCurrentRow(0)
        elif current:
            self._select_in_list(current)

    def open_panel(self, panel_id: str) -> None:
        if not self._loaded:
            self.filter()
        self.reader.show_panel(panel_id)

    def _on_current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.reader.show_panel(item.data(Qt.ItemDataRole.UserRole))

    def _select_in_list(self, panel_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == panel_id:
                self.list.blockSignals(True)
                self.list.setCurrentRow(row)
                self.list.blockSignals(False)
                return
