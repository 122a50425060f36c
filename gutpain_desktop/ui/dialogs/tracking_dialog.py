"""File ▸ What you track: hide what you do not use, add your own symptoms and categories, order the check-in."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..services import Services
from ..widgets.tracking import TrackingChoices


class TrackingDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("What you track"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Untick what you do not use: it leaves the screens, and what you logged before is kept. Entries "
                "already saved are never changed by this."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choices = TrackingChoices(services)
        layout.addWidget(self.choices, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(780, 580)

    def save(self) -> bool:
        if self.choices.save():
            self.accept()
            return True
        return False
