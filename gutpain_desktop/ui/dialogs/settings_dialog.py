"""Settings. The Backups page: where backups go, the rule that keeps them, the list, back up now, restore one.
The Security page: encryption at rest on or off, a new passphrase, and whether the system keyring remembers it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import keychain
from ...storage.backups import DEFAULT_RULE, BackupInfo
from ...storage.cipher import FORGOTTEN, is_encrypted_file
from ...storage.encryption import passphrase_problem
from ...storage.local_settings import load_settings, update_settings
from ..safety import BackupController
from ..services import Services
from ..translate import label as translated
from ..translate import number, plural
from ..widgets.common import ErrorLabel
from .unlock_dialog import NO_KEYRING

if TYPE_CHECKING:
    from ..comfort import ComfortController
    from .general_settings import GeneralPage


def last_error_line(trace: str) -> str:
    """The message of the exception at the end of a worker's traceback."""
    last = (trace.strip().splitlines() or [""])[-1]
    return last.split(": ", 1)[1] if ": " in last else last


def ask_yes(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """A question with one button that does it and Cancel (a real modal: tests replace the callers' ``confirm``)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is button


def ask(parent: QWidget, text: str) -> bool:
    return ask_yes(parent, parent.tr("Restore a backup"), text, parent.tr("Restore"))


class BackupsPage(QWidget):
    def __init__(self, services: Services, safety: BackupController, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.safety = safety
        #: Asks the person to confirm a restore; replaced in tests (a real modal would block offscreen).
        self.confirm: Callable[[str], bool] = lambda text: ask(self, text)
        #: Asks for a folder; returns None when the person cancels. Replaced in tests.
        self.choose_folder: Callable[[Path], Path | None] = self._ask_folder
        self.infos: list[BackupInfo] = []
        #: What just happened (a restore), kept in view when the list is read again.
        self.note = ""
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Backups are complete, checked copies of your journal, made when the app starts, every 30 minutes "
                "while you log, and when you close it. They stay on this computer, or wherever you choose."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        row = QHBoxLayout()
        folder_label = QLabel(self.tr("&Folder"))
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(self.tr("Backup folder"))
        folder_label.setBuddy(self.folder)
        self.choose_button = QPushButton(self.tr("&Choose…"))
        self.choose_button.setToolTip(self.tr("Keep backups in another folder, for example on a USB stick"))
        self.default_button = QPushButton(self.tr("Use the &default"))
        row.addWidget(folder_label)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.default_button)
        layout.addLayout(row)
        rule = QLabel(
            self.tr(
                "Kept: the {0} newest, the last one of each of {1} days, of {2} weeks and of {3} months. Older backups "
                "are removed automatically; files you put in the folder yourself are never touched."
            ).format(DEFAULT_RULE.recent, DEFAULT_RULE.daily, DEFAULT_RULE.weekly, DEFAULT_RULE.monthly)
        )
        rule.setWordWrap(True)
        rule.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(rule)
        self.paused_label = QLabel(
            self.tr(
                "Automatic backups are paused until you restart the app, so that the good backups made before the "
                "damage are not pruned. You can still back up by hand."
            )
        )
        self.paused_label.setWordWrap(True)
        self.paused_label.setVisible(safety.paused)
        layout.addWidget(self.paused_label)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Why"), self.tr("Size"), self.tr("Entries")])
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Backup status"))
        layout.addWidget(self.message)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.restore_button = QPushButton(self.tr("&Restore selected…"))
        self.restore_button.setEnabled(False)
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.default_button.clicked.connect(lambda: self._use_folder(None))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._sync_restore)
        services.events.formats_changed.connect(self.refresh)  # the times of the backups, as chosen on General
        self.refresh()

    def _sync_restore(self) -> None:
        """Restore is offered exactly when a backup row is selected (and no restore is running)."""
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    # --- the list --------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.folder.setText(str(self.safety.folder))
        settings = load_settings(self.safety.data_dir).settings
        if settings.last_full_check is None:
            self.check_label.setText(self.tr("Full check of your journal: not run yet (it runs once a week)."))
        else:
            when = self.services.formats.date_time(settings.last_full_check.astimezone())
            verdict = self.tr("all well") if settings.last_full_check_ok else self.tr("a problem was found")
            self.check_label.setText(self.tr("Last full check of your journal: {0}, {1}.").format(when, verdict))
        self.message.setText(self.tr("Reading the backups…"))
        self.safety.list(self._show)

    def size_text(self, size: int) -> str:
        """A file's size as the person reads it: '812 bytes', '14 KB', '3.2 MB' ('3,2 MB' in German)."""
        if size < 1024:
            return plural(self.tr("%n bytes", "", size), size, "%n bytes", "%n byte")
        if size < 1024 * 1024:
            return self.tr("{0} KB").format(number(size / 1024, 0))
        return self.tr("{0} MB").format(number(size / 1024 / 1024, 1))

    def _show(self, infos: list[BackupInfo]) -> None:
        self.infos = infos
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            cells = [
                self.services.formats.date_time(info.file.taken_at.astimezone()),
                info.file.label_text,
                self.size_text(info.size),
                self._entries_text(info),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.clearSelection()  # a new list: the old selection may point at another backup now
        self._sync_restore()
        count = self.tr("No backups in this folder yet.") if not infos else self.tr("{0} backups.").format(len(infos))
        self.message.setText(f"{self.note} {count}".strip())

    def _entries_text(self, info: BackupInfo) -> str:
        if info.entries is not None:
            return str(info.entries)
        return self.tr("encrypted") if is_encrypted_file(info.file.path) else self.tr("unreadable")

    # --- actions ---------------------------------------------------------------------------------------------

    def _ask_folder(self, start: Path) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for backups"), str(start))
        return Path(chosen) if chosen else None

    def _on_choose_clicked(self) -> None:
        chosen = self.choose_folder(self.safety.folder)
        if chosen is not None:
            self._use_folder(chosen)

    def _use_folder(self, folder: Path | None) -> None:
        try:
            if folder is not None:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.safety.set_folder(folder.resolve() if folder is not None else None)
        except OSError as exc:
            self.error.show_error(self.tr("That folder cannot be used: {0}").format(exc.strerror or exc))
            return
        self.error.clear_error()
        self.refresh()

    def backup_now(self) -> None:
        self.error.clear_error()
        self.backup_button.setEnabled(False)
        self.message.setText(self.tr("Backing up…"))

        def then(_result: Any) -> None:
            self.backup_button.setEnabled(True)
            self.refresh()

        self.safety.problem.connect(self._on_problem)
        self.safety.backup("manual", force=True, then=then)

    def _on_problem(self, text: str) -> None:
        self.safety.problem.disconnect(self._on_problem)
        self.backup_button.setEnabled(True)
        self.message.clear()
        self.error.show_error(text)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows and rows[0].row() < len(self.infos) else None

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        taken = chosen.file.taken_at.astimezone()
        when = f"{self.services.formats.long_date(taken.date())}, {self.services.formats.time(taken)}"
        entries = "" if chosen.entries is None else self.tr(" ({0} entries)").format(chosen.entries)
        text = self.tr(
            "Replace your journal with the backup made on {0}{1}?\n\nAnything logged after that will no longer be "
            "in your journal. Your journal as it is now is backed up first, so you can undo this by restoring "
            "that backup."
        ).format(when, entries)
        if not self.confirm(text):
            return
        self.error.clear_error()
        self.restore_button.setEnabled(False)
        self.backup_button.setEnabled(False)
        self.message.setText(self.tr("Restoring…"))
        self.safety.restore(chosen.file.path, self._on_restored, self._on_restore_failed)

    def _on_restored(self, result: Any) -> None:
        self.backup_button.setEnabled(True)
        self.services.undo.clear()  # undo steps refer to the journal as it was
        self.services.events.data_changed.emit()
        self.services.events.preferences_changed.emit()  # what is tracked travels with the journal
        text = self.tr("Restored: your journal now holds {0} entries.").format(result.entries)
        if result.safety_copy is not None:
            text += " " + self.tr("The journal as it was is kept as the newest backup (“before a restore”).")
        self.services.events.status_message.emit(text)
        self.note = text
        self.refresh()

    def _on_restore_failed(self, trace: str) -> None:
        self.backup_button.setEnabled(True)
        self._sync_restore()  # the row is still selected: the person can try again
        self.message.clear()
        self.error.show_error(last_error_line(trace))


class SecurityPage(QWidget):
    """Encryption at rest. The passphrase is typed here, kept in memory only, and never written to a file."""

    def __init__(self, services: Services, safety: BackupController, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.safety = safety
        #: Asks the person to confirm turning encryption off; replaced in tests (a real modal would block offscreen).
        self.confirm: Callable[[str], bool] = lambda text: ask_yes(
            self, self.tr("Turn encryption off"), text, self.tr("Turn it off")
        )
        self.keyring_available = keychain.available()
        layout = QVBoxLayout(self)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("Encryption status"))
        layout.addWidget(self.state)
        about = QLabel(
            self.tr(
                "Encryption keeps your journal and its backups unreadable to anyone who gets hold of the files (a "
                "lost laptop, a shared computer, a USB stick) without the passphrase. You type it each time the app "
                "starts."
            )
        )
        about.setWordWrap(True)
        layout.addWidget(about)
        self.forgotten = QLabel(translated(FORGOTTEN))
        self.forgotten.setWordWrap(True)
        self.forgotten.setStyleSheet("font-weight: bold;")
        self.forgotten.setAccessibleName(self.tr("A forgotten passphrase cannot be recovered"))
        layout.addWidget(self.forgotten)

        form = QFormLayout()
        self.new_field = QLineEdit()
        self.repeat_field = QLineEdit()
        for field, name in ((self.new_field, "New passphrase"), (self.repeat_field, "New passphrase again")):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        form.addRow(self.tr("&New passphrase"), self.new_field)
        form.addRow(self.tr("The same &again"), self.repeat_field)
        layout.addLayout(form)
        self.remember_box = QCheckBox(self.tr("Re&member the passphrase on this computer (in the system keyring)"))
        self.remember_box.setEnabled(self.keyring_available)
        self.remember_box.setChecked(self.keyring_available and self._settings().remember_passphrase)
        layout.addWidget(self.remember_box)
        if not self.keyring_available:
            note = QLabel(translated(NO_KEYRING))
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(note)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Encryption message"))
        layout.addWidget(self.message)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.encrypt_button = QPushButton(self.tr("&Encrypt my journal"))
        self.change_button = QPushButton(self.tr("&Change the passphrase"))
        self.decrypt_button = QPushButton(self.tr("&Turn encryption off…"))
        buttons.addWidget(self.encrypt_button)
        buttons.addWidget(self.change_button)
        buttons.addStretch(1)
        buttons.addWidget(self.decrypt_button)
        layout.addLayout(buttons)
        self.encrypt_button.clicked.connect(self.set_passphrase)
        self.change_button.clicked.connect(self.set_passphrase)
        self.decrypt_button.clicked.connect(self.turn_off)
        self.remember_box.toggled.connect(self._on_remember_toggled)
        self._sync()

    def _settings(self) -> Any:
        return load_settings(self.safety.data_dir).settings

    def _sync(self, busy: bool = False) -> None:
        on = self.safety.encrypted
        self.state.setText(
            self.tr("Your journal is encrypted with your passphrase, and so are its new backups.")
            if on
            else self.tr("Your journal is not encrypted: anyone who can open your files could read it.")
        )
        self.encrypt_button.setVisible(not on)
        self.change_button.setVisible(on)
        self.decrypt_button.setVisible(on)
        for widget in (self.encrypt_button, self.change_button, self.decrypt_button, self.new_field, self.repeat_field):
            widget.setEnabled(not busy)

    def set_passphrase(self) -> None:
        """Encrypt with the new passphrase, or change to it."""
        new = self.new_field.text()
        problem = passphrase_problem(new, self.repeat_field.text())
        if problem:
            self.error.show_error(self.tr(problem))
            return
        self._run(new, self.tr("Encrypting your journal…") if not self.safety.encrypted else self.tr("Changing…"))

    def turn_off(self) -> None:
        text = self.tr(
            "Store your journal unencrypted again?\n\nAnyone who can open your files could then read it. It is backed "
            "up first (that backup stays encrypted with your passphrase)."
        )
        if self.confirm(text):
            self._run(None, self.tr("Turning encryption off…"))

    def _run(self, new: str | None, doing: str) -> None:
        self.error.clear_error()
        self.message.setText(doing)
        self._sync(busy=True)
        self.safety.change_encryption(new, lambda result: self._on_done(result, new), self._on_failed)

    def _on_done(self, result: Any, new: str | None) -> None:
        self.new_field.clear()
        self.repeat_field.clear()
        remember = new is not None and self.remember_box.isChecked()
        self._remember(new if remember else None)
        self.services.events.data_changed.emit()
        if result.encrypted:
            text = self.tr(
                "Done: your journal is encrypted ({0} entries, all checked). The next time the app starts it asks "
                "for the passphrase."
            ).format(result.entries)
        else:
            text = self.tr("Done: your journal is no longer encrypted ({0} entries, all checked).").format(
                result.entries
            )
        self.message.setText(text)
        self._sync()

    def _on_failed(self, trace: str) -> None:
        self.message.clear()
        self.error.show_error(last_error_line(trace))
        self._sync()

    def _remember(self, passphrase: str | None) -> None:
        data_dir = self.safety.data_dir
        if passphrase is not None and keychain.save(data_dir, passphrase):
            update_settings(data_dir, remember_passphrase=True)
            return
        keychain.forget(data_dir)
        if self._settings().remember_passphrase:
            update_settings(data_dir, remember_passphrase=False)

    def _on_remember_toggled(self, checked: bool) -> None:
        if self.safety.encrypted:
            self._remember(self.safety.store.key if checked else None)


class SettingsDialog(QDialog):
    def __init__(
        self,
        services: Services,
        safety: BackupController,
        parent: QWidget | None = None,
        *,
        comfort: ComfortController | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.backups = BackupsPage(services, safety)
        self.tabs.addTab(self.backups, self.tr("&Backups"))
        self.security = SecurityPage(services, safety)
        self.tabs.addTab(self.security, self.tr("&Security"))
        self.general: GeneralPage | None = None
        if comfort is not None:
            from .general_settings import GeneralPage

            self.general = GeneralPage(comfort, safety)
            self.tabs.addTab(self.general, self.tr("&General: look, reminders, folders"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560)
