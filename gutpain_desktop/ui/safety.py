"""Backups while the app runs: at start, every 30 minutes when something changed, on closing; the weekly full check;
restore. The work itself is in storage.safety and runs off the UI thread; this object only schedules and reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..storage import Store
from ..storage.backups import BackupInfo, BackupResult, list_backups
from ..storage.encryption import change_passphrase, decrypt_journal, encrypt_journal
from ..storage.local_settings import load_settings, update_settings
from ..storage.safety import BACKUP_EVERY, AutoBackup, full_check_due, restore, run_full_check
from .tasks import TaskRunner


class BackupController(QObject):
    #: A short sentence for the status bar after a backup, a check or a problem.
    status = Signal(str)
    #: Something went wrong that the person should see (a backup could not be written, the check found damage).
    problem = Signal(str)
    #: The journal's contents were replaced by a backup; carries the storage RestoreResult.
    restored = Signal(object)

    def __init__(self, store: Store, data_dir: Path, auto: AutoBackup | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.data_dir = data_dir
        self.auto = auto or AutoBackup(
            store.path, load_settings(data_dir).settings.backup_folder(data_dir), key=store.key
        )
        self.backups = TaskRunner(self)  # backups and restores, one at a time
        self.listing = TaskRunner(self)
        self.checks = TaskRunner(self)
        self.crypt = TaskRunner(self)  # turning encryption on or off, changing the passphrase
        self.timer = QTimer(self)
        self.timer.setInterval(int(BACKUP_EVERY.total_seconds() * 1000))
        self.timer.timeout.connect(lambda: self.backup("auto"))

    @property
    def folder(self) -> Path:
        return self.auto.folder

    @property
    def paused(self) -> bool:
        return self.auto.paused

    def start(self) -> None:
        """After the window is shown: the start backup, then the full check if a week has passed; then the timer."""
        if not self.paused:
            self.backup("start", force=True, then=self._full_check_if_due)
        self.timer.start()

    def backup(
        self, label: str, *, force: bool = False, then: Callable[[BackupResult | None], None] | None = None
    ) -> None:
        changes = self.store.changes
        auto = self.auto

        def done(result: Any) -> None:
            if result is not None:
                self.status.emit(self.tr("Backed up to {0}").format(result.path.parent))
            if then is not None:
                then(result)

        def failed(_trace: str) -> None:
            self.problem.emit(auto.last_error or self.tr("A backup could not be made."))

        self.backups.run(lambda: auto.run(label, changes, force=force), done, failed)

    def backup_on_exit(self) -> BackupResult | None:
        """On closing, if anything changed since the last backup (runs here: the app is about to end)."""
        self.timer.stop()
        self.backups.wait()
        try:
            return self.auto.run("exit", self.store.changes)
        except Exception:
            return None

    def _full_check_if_due(self, _result: object = None) -> None:
        if not full_check_due(load_settings(self.data_dir).settings):
            return
        data_dir, path, key = self.data_dir, self.store.path, self.store.key

        def done(found: Any) -> None:
            if found.ok:
                self.status.emit(self.tr("Weekly check of your journal: all well."))
            else:
                self.problem.emit(
                    self.tr(
                        "The weekly check found a problem in your journal ({0}). Your backups are kept; consider "
                        "restoring the newest one in Settings ▸ Backups."
                    ).format(found.detail)
                )

        self.checks.run(lambda: run_full_check(data_dir, path, key), done)

    def list(self, on_done: Callable[[list[BackupInfo]], None]) -> None:
        folder, key = self.folder, self.store.key
        self.listing.run(lambda: list_backups(folder, key), on_done)

    def set_folder(self, folder: Path | None) -> Path:
        """Use ``folder`` for backups from now on (None: the default one); remembered in the settings file."""
        settings = update_settings(self.data_dir, backup_dir=folder)
        self.auto.folder = settings.backup_folder(self.data_dir)
        return self.auto.folder

    def restore(self, backup: Path, on_done: Callable[[Any], None], on_error: Callable[[str], None]) -> None:
        """Back up the journal, put ``backup`` in its place, bring it up to date; off the UI thread."""
        store, folder = self.store, self.folder

        def work() -> Any:
            result = restore(store.path, backup, folder, store.key)
            store.reload(backup_dir=folder)
            return result

        def done(result: Any) -> None:
            self.auto.backed_up_at_change = self.store.changes  # the restored contents are a backup already
            self.restored.emit(result)
            on_done(result)

        self.backups.run(work, done, on_error)

    # --- encryption at rest ---------------------------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        return self.store.key is not None

    def change_encryption(
        self, new_key: str | None, on_done: Callable[[Any], None], on_error: Callable[[str], None]
    ) -> None:
        """Encrypt (plain journal, ``new_key``), change the passphrase (encrypted, ``new_key``) or decrypt (``None``).

        Off the UI thread, holding the backup lock so no backup runs during the swap; the store's connections are
        closed first and a new engine with the new key is made after. A backup is taken before, inside storage.
        """
        store, folder, data_dir, auto = self.store, self.folder, self.data_dir, self.auto

        def work() -> Any:
            old_key = store.key
            with auto.lock:
                store.engine.dispose()
                if new_key is None:
                    assert old_key is not None
                    result = decrypt_journal(data_dir, store.path, old_key, folder)
                elif old_key is None:
                    result = encrypt_journal(data_dir, store.path, new_key, folder)
                else:
                    result = change_passphrase(data_dir, store.path, old_key, new_key, folder)
                store.use_key(new_key)
                auto.key = new_key
            return result

        def done(result: Any) -> None:
            self.status.emit(
                self.tr("Your journal is now encrypted.")
                if result.encrypted
                else self.tr("Your journal is no longer encrypted.")
            )
            on_done(result)

        self.crypt.run(work, done, on_error)
