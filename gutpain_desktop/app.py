"""Start-up: paths, logging, open the store (migrate), then the Qt application and the main window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import APP_ID, APP_NAME, __version__
from .paths import resolve_data_dir, resource

if TYPE_CHECKING:
    from .storage.health import CheckResult
    from .storage.safety import StartupCheck

log = logging.getLogger(__name__)
BENCH_ENV = "GUTPAIN_BENCH_EXIT_AFTER_SHOW"


def _process_start() -> float:
    """Wall-clock time the process started (for the start-up benchmark), as exactly as the OS tells."""
    try:
        with open("/proc/self/stat") as handle:
            ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as handle:
            uptime = float(handle.read().split()[0])
        return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


def _tell(message: str) -> None:
    """A message the person must see before any window exists (a dialog; stderr when running headless)."""
    if os.environ.get(BENCH_ENV) or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        print(message, file=sys.stderr)
        return
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])  # a refusal can come before the app is made
    assert app is not None
    QMessageBox.critical(None, APP_NAME, message)


def run_app(args: argparse.Namespace) -> int:
    started = _process_start()
    os.umask(0o077)
    from .privacy import install_network_guard

    install_network_guard()
    from .logs import FORMAT, ScrubbingFormatter, log_dir, setup_logging

    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(ScrubbingFormatter(FORMAT))
    logging.basicConfig(level=logging.WARNING, handlers=[console])
    data_dir = resolve_data_dir(args.data_dir)
    setup_logging(log_dir(args.data_dir))  # before anything can go wrong; owner-only, rotated, no health values

    # Before Qt and SQLAlchemy are imported (together most of the start-up): take the lock, read the settings and,
    # for a plain journal, start SQLite's quick_check in a thread. sqlite3 lets go of the GIL while it reads, so on a
    # machine with two cores the check (which reads the whole file) overlaps the imports.
    from .storage.cipher import is_encrypted_file
    from .storage.health import DB_FILENAME, quick_check
    from .storage.local_settings import load_settings, update_settings
    from .storage.lock import AlreadyOpenError, InstanceLock

    try:
        lock = InstanceLock(data_dir).acquire()  # before anything reads or writes the journal
    except AlreadyOpenError as exc:
        _tell(str(exc))
        return 1
    except OSError as exc:
        _tell(f"Could not open your journal in {data_dir}: {exc}")
        return 1
    try:
        loaded = load_settings(data_dir)
        folder = loaded.settings.backup_folder(data_dir)
        notices = [loaded.problem] if loaded.problem else []
        db_path = data_dir / DB_FILENAME
        plain = not is_encrypted_file(db_path)
        early = _EarlyCheck(lambda: quick_check(db_path)) if plain else None

        # The storage stack (SQLAlchemy, our models) before Qt: PySide6 installs an import hook that reads the source
        # of every module imported after it (~35 ms for SQLAlchemy's 250 modules here). The quick_check thread above
        # still overlaps these imports.
        from .storage import DatabaseTooNewError, MigrationError, open_store
        from .storage.backups import RestoreError
        from .storage.safety import AutoBackup, check_at_start, recover_from

        # isort: split
        from PySide6.QtCore import QLocale, QTimer
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        app.setApplicationName(APP_NAME)
        app.setOrganizationName(APP_ID)
        app.setApplicationVersion(__version__)
        app.setWindowIcon(QIcon(str(resource("icons", "gutpain.svg"))))
        from .ui.fonts import register_fonts

        register_fonts(app)
        from .ui.translate import install_translations, panel_language

        locale = QLocale()  # the system's: the texts (gutpain_<lang>.qm) and the educational panels follow it
        install_translations(app, resource("translations"), locale)

        key: str | None = None
        # Not an SQLite header: encrypted, or a damaged plain journal. The settings say which to expect; if they do
        # not (the settings file was lost) but a backup is encrypted too, the person is asked which it is.
        if not plain and (loaded.settings.encrypted or _encrypted_backups(folder)):
            unlocked = _unlock(data_dir, db_path, loaded.settings.remember_passphrase, not loaded.settings.encrypted)
            if unlocked is False:
                return 0  # the person chose Quit
            key = unlocked if isinstance(unlocked, str) else None  # True: never encrypted; checked as damaged
        elif loaded.settings.encrypted and db_path.is_file():
            update_settings(data_dir, encrypted=False)  # cut off just after decrypting: the file is plain
        try:
            checked: CheckResult | None = early.result() if early is not None else None
            # quick_check (done above for a plain journal); a damaged file is moved aside, never deleted
            found = check_at_start(db_path, folder, key, checked)
            log.info("start-up check: %s in %.0f ms", found.check.verdict.value, found.check.seconds * 1000)
            if found.damaged:
                notices.append(_recover(found, db_path, folder, lambda d, b, f: recover_from(d, b, f, key)))
            store = open_store(data_dir, backup_dir=folder, key=key)  # backs up before any migration
        except (DatabaseTooNewError, MigrationError, RestoreError, OSError) as exc:
            log.error("could not open %s: %s", data_dir, exc)
            _tell(f"Could not open your journal in {data_dir}.\n\n{exc}")
            return 1

        from .ui.main_window import MainWindow

        auto = AutoBackup(store.path, folder, paused=found.damaged, key=key)
        window = MainWindow(store, data_dir=data_dir, auto_backup=auto, language=panel_language(locale))
        from .ui.errors import ErrorReporter

        reporter = ErrorReporter(lambda: window).install()  # unexpected errors: logged, a calm note, carry on
        window.comfort.show_at_start()  # or only the tray icon, if the person chose to start minimised
        # What start-up built lives as long as the app: keep the garbage collector from walking it again and again.
        gc.freeze()
        if notices:
            window.notice_safety(" ".join(notices))
        QTimer.singleShot(0, window.safety.start)  # the start backup and weekly check run after the window is up
        QTimer.singleShot(0, window.offer_welcome)  # first start of an empty journal only
        if os.environ.get(BENCH_ENV):

            def report() -> None:
                print(f"shown-after-ms {(time.time() - started) * 1000:.1f}", flush=True)
                print(f"peak-rss-kb {_peak_rss_kb()}", flush=True)
                window.close()

            QTimer.singleShot(0, report)
        try:
            return app.exec()
        finally:
            reporter.uninstall()
            window.safety.backup_on_exit()
            store.close()
    finally:
        lock.release()


def _peak_rss_kb() -> int:
    """The process's peak resident memory in KiB (for the benchmark), 0 where the OS does not say."""
    try:  # Linux: this process's own high-water mark (ru_maxrss can carry the parent's over a fork and exec)
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB on Linux


class _EarlyCheck:
    """Run ``work`` in a thread now; :meth:`result` waits for it and returns its value (or raises its error)."""

    def __init__(self, work: Callable[[], CheckResult]) -> None:
        self._work = work
        self._value: CheckResult | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="gutpain-start-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # handed to the UI thread by result()
            self._error = exc

    def result(self) -> CheckResult:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


def _encrypted_backups(folder: Path) -> bool:
    """Whether any of this app's backups is encrypted (reads 16 bytes of each; retention keeps a few dozen)."""
    from .storage.backups import backup_files
    from .storage.cipher import is_encrypted_file

    return any(is_encrypted_file(b.path) for b in backup_files(folder))


def _unlock(data_dir: Path, db_path: Path, remembered: bool, maybe_damaged: bool) -> str | bool:
    """The checked passphrase of the encrypted journal: from the keyring if it remembers it, else typed in the unlock
    dialog. False when the person quits; True when they say it was never encrypted (so it may be damaged)."""
    from . import keychain
    from .storage.cipher import PassphraseError, check_passphrase
    from .storage.local_settings import update_settings
    from .ui.dialogs.unlock_dialog import NOT_ENCRYPTED, UNLOCKED, UnlockDialog

    if remembered:
        stored = keychain.load(data_dir)
        if stored is not None:
            try:
                check_passphrase(db_path, stored)
                return stored
            except PassphraseError:
                log.warning("the passphrase in the keyring does not open the journal; asking for it")
    dialog = UnlockDialog(db_path, keyring_available=keychain.available(), maybe_damaged=maybe_damaged)
    dialog.exec()
    if dialog.choice == NOT_ENCRYPTED:
        return True
    if dialog.choice != UNLOCKED or dialog.passphrase is None:
        return False
    if maybe_damaged:  # the settings file had lost track: it knows again
        update_settings(data_dir, encrypted=True)
    if dialog.remember and keychain.save(data_dir, dialog.passphrase):
        update_settings(data_dir, remember_passphrase=True)
    return dialog.passphrase


def _recover(found: StartupCheck, db_path: Path, folder: Path, recover: Callable[[Path, Path, Path], object]) -> str:
    """Offer the newest good backup; returns the sentence the window shows afterwards."""
    from .ui.dialogs.recovery_dialog import RESTORE, RecoveryDialog

    dialog = RecoveryDialog(found)
    dialog.exec()
    kept = found.moved_aside[0].name if found.moved_aside else "aside"
    if dialog.choice == RESTORE and found.offer is not None:
        recover(db_path, found.offer.backup.path, folder)
        when = found.offer.backup.taken_at.astimezone().strftime("%d %b %Y %H:%M")
        restored = f"Your journal was damaged; the backup from {when} was restored."
    else:
        restored = "Your journal was damaged; an empty journal was started."
    return f"{restored} The damaged file is kept as {kept}. Automatic backups are paused until you restart the app."
