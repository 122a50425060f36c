"""The banner that marks example (demo) entries as made up, with the one-click way to remove them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from .common import NoticeBanner


class DemoNotice(NoticeBanner):
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Example data notice")
        self.label.setText(
            self.tr(
                "Your journal holds made-up example entries (demo data) to look around with. Remove them when you "
                "are ready to start: your own entries stay."
            )
        )
        self.remove_button = QPushButton(self.tr("Remove example entries"))
        self.remove_button.setAccessibleName("Remove example entries")
        self.remove_button.clicked.connect(self.remove_requested)
        self.layout().insertWidget(2, self.remove_button)  # type: ignore[union-attr]
        self.dismiss_button.setText(self.tr("Hide"))
