"""Asked at start when the journal is encrypted: its passphrase, and whether the system keyring may remember it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...i18n import QT_TRANSLATE_NOOP
from ...storage.cipher import FORGOTTEN, PassphraseError, check_passphrase
from ..tasks import TaskRunner
from ..translate import label as translated
from ..widgets.common import ErrorLabel

NO_KEYRING = QT_TRANSLATE_NOOP(
    "Labels", "No system keyring was found on this computer, so the passphrase is typed at each start."
)
log = logging.getLogger(__name__)
UNLOCKED = "unlocked"
QUIT = "quit"
#: The person says the journal was never encrypted: it is then checked as a possibly damaged file.
NOT_ENCRYPTED = "not-encrypted"


class UnlockDialog(QDialog):
    """``passphrase`` holds the checked passphrase once accepted; ``remember`` whether to keep it in the keyring."""

    def __init__(
        self,
        db_path: Path,
        *,
        keyring_available: bool,
        check: Callable[[Path, str], None] = check_passphrase,
        maybe_damaged: bool = False,
        parent: QWidget | None = None,
    ):
        """``maybe_damaged``: the settings do not say the journal is encrypted (the settings file was lost, say), so
        the file may instead be a damaged plain journal; the person can say so and have it checked."""
        super().__init__(parent)
        self.db_path = db_path
        self._check = check
        self.passphrase: str | None = None
        self.remember = False
        self.choice = QUIT
        #: SQLCipher derives the key slowly on purpose (~0.1-0.3 s): the check runs off the UI thread.
        self.tasks = TaskRunner(self)
        self.checking = False
        self.setWindowTitle(self.tr("{0}: unlock your journal").format(APP_NAME))
        self.setAccessibleName(self.tr("Unlock your journal"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Your journal is not a plain SQLite file: either you encrypted it, or it is damaged. If you encrypted "
                "it, type its passphrase. If you never did, choose “It was never encrypted”: the app then checks it "
                "and offers your newest good backup (nothing is deleted)."
            )
            if maybe_damaged
            else self.tr("Your journal is encrypted. Type its passphrase to open it.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        label = QLabel(self.tr("&Passphrase"))
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Passphrase"))
        label.setBuddy(self.field)
        layout.addWidget(label)
        layout.addWidget(self.field)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.remember_box = QCheckBox(self.tr("&Remember it on this computer (in the system keyring)"))
        self.remember_box.setEnabled(keyring_available)
        layout.addWidget(self.remember_box)
        if not keyring_available:
            note = QLabel(translated(NO_KEYRING))
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(note)
        self.forgotten = QLabel(translated(FORGOTTEN))
        self.forgotten.setWordWrap(True)
        layout.addWidget(self.forgotten)
        buttons = QDialogButtonBox()
        self.unlock_button: QPushButton = buttons.addButton(self.tr("&Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setDefault(True)
        self.quit_button = buttons.addButton(self.tr("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.never_button: QPushButton | None = None
        if maybe_damaged:
            self.never_button = buttons.addButton(
                self.tr("It was &never encrypted"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.never_button.clicked.connect(self._on_never)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.field.setFocus()

    def try_unlock(self) -> None:
        if self.checking:
            return
        typed = self.field.text()
        if not typed:
            self.error.show_error(self.tr("Please type your passphrase."))
            return
        self._set_checking(True)
        check, path = self._check, self.db_path

        def opens() -> bool:
            try:
                check(path, typed)
            except PassphraseError:
                return False
            return True

        self.tasks.run(lambda: opens(), lambda ok: self._checked(typed, bool(ok)), self._failed)

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        self.field.setReadOnly(checking)
        self.unlock_button.setEnabled(not checking)
        self.unlock_button.setText(self.tr("Checking…") if checking else self.tr("&Open"))

    def _checked(self, typed: str, ok: bool) -> None:
        self._set_checking(False)
        if not ok:
            self.field.clear()
            self.field.setFocus()
            self.error.show_error(
                self.tr(
                    "That passphrase does not open this journal. Check Caps Lock and the keyboard layout, then try "
                    "again."
                )
            )
            self.resize(self.width(), max(self.height(), self.heightForWidth(self.width()), self.sizeHint().height()))
            return
        self.passphrase = typed
        self.remember = self.remember_box.isEnabled() and self.remember_box.isChecked()
        self.choice = UNLOCKED
        self.error.clear_error()
        self.accept()

    def _failed(self, trace: str) -> None:
        self._set_checking(False)
        log.error("checking the passphrase failed:\n%s", trace)
        self.error.show_error(self.tr("The journal could not be read to check the passphrase. The log says why."))

    def reject(self) -> None:
        if self.checking:
            self.tasks.wait()  # the check holds the file open for a moment: let it finish before the app goes on
        super().reject()

    def _on_never(self) -> None:
        self.choice = NOT_ENCRYPTED
        self.reject()
