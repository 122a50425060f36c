"""Shown at start when the journal failed its check: what happened, what was kept, and the backup on offer."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ... import APP_NAME
from ...storage.safety import StartupCheck
from ..translate import phrase

RESTORE = "restore"
START_EMPTY = "empty"


class RecoveryDialog(QDialog):
    def __init__(self, found: StartupCheck, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("{0}: your journal needs attention").format(APP_NAME))
        self.setAccessibleName(self.tr("Journal recovery"))
        self.choice = START_EMPTY
        layout = QVBoxLayout(self)
        kept = found.moved_aside[0] if found.moved_aside else None
        lines = [
            self.tr("Your journal could not be read safely: {0}.").format(found.check.detail),
            self.tr("Nothing was deleted. The file was moved aside as:\n{0}").format(kept) if kept else "",
        ]
        if found.offer is not None:
            lines.append(phrase(found.offer.phrase()))
            lines.append(self.tr("Restore that backup now? Or start with an empty journal."))
        else:
            lines.append(self.tr("No backup that passes its check was found, so an empty journal will be started."))
        lines.append(self.tr("Automatic backups are paused until you restart the app, so your older backups are kept."))
        text = QLabel("\n\n".join(line for line in lines if line))
        text.setWordWrap(True)
        text.setMinimumWidth(520)
        layout.addWidget(text)
        buttons = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        if found.offer is not None:
            self.restore_button = buttons.addButton(
                self.tr("&Restore the backup"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.clicked.connect(self._on_restore)
            self.restore_button.setDefault(True)
        self.empty_button = buttons.addButton(
            self.tr("Start an &empty journal") if found.offer is not None else self.tr("&Continue"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.empty_button.clicked.connect(self._on_empty)
        layout.addWidget(buttons)

    def _on_restore(self) -> None:
        self.choice = RESTORE
        self.accept()

    def _on_empty(self) -> None:
        self.choice = START_EMPTY
        self.reject()
