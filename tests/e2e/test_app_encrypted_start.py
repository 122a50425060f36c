"""Starting the real app on an encrypted journal, in a child process: the unlock dialog comes first (driven from the
app's own event loop, as a person would type), a wrong passphrase is refused in words, the right one opens the
journal, and the start backup is encrypted."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

from gutpain_desktop.storage import open_store
from gutpain_desktop.storage.backups import backup_files
from gutpain_desktop.storage.cipher import SQLITE_HEADER
from gutpain_desktop.storage.encryption import encrypt_journal
from gutpain_desktop.storage.local_settings import load_settings, settings_path
from tests.e2e.child import run_script
from tests.samples import every_kind
from tests.unit.test_encryption import raw_counts

PASS = "the journal passphrase"

SESSION = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from gutpain_desktop.__main__ import main
    from gutpain_desktop.ui.dialogs.unlock_dialog import UnlockDialog

    app = QApplication(sys.argv[:1])
    PASS = sys.argv[-1]

    def unlock():
        dialog = next(w for w in app.topLevelWidgets() if isinstance(w, UnlockDialog) and w.isVisible())
        QTest.keyClicks(dialog.field, "wrong guess")
        dialog.unlock_button.click()
        QTimer.singleShot(0, lambda: answered(dialog))

    def answered(dialog):
        if dialog.checking:  # the passphrase is checked off the UI thread
            QTimer.singleShot(20, lambda: answered(dialog))
            return
        print("wrong:", dialog.error.text(), "| still open:", dialog.isVisible(), flush=True)
        print("forgotten:", dialog.forgotten.text(), flush=True)
        QTest.keyClicks(dialog.field, PASS)
        dialog.unlock_button.click()
        QTimer.singleShot(300, look)

    def look():
        window = next((w for w in app.topLevelWidgets() if w.objectName() == "mainWindow"), None)
        if window is None or not window.isVisible():  # still checking the passphrase, or opening the journal
            QTimer.singleShot(100, look)
            return
        window.show_view("Journal")
        print("rows:", window.journal.model.rowCount(), flush=True)
        window.safety.backups.wait()
        QApplication.processEvents()
        window.close()

    QTimer.singleShot(300, unlock)
    sys.exit(main(sys.argv[1:-1]))
    """
)


def test_the_app_asks_for_the_passphrase_and_opens_the_encrypted_journal(tmp_path: Path, now) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "journal"
    store = open_store(data_dir)
    store.entries.add_many(every_kind(now))
    store.close()
    encrypt_journal(data_dir, store.path, PASS, data_dir / "backups")

    done = _start(data_dir)
    assert done.returncode == 0, done.stderr
    assert "wrong: That passphrase does not open this journal." in done.stdout
    assert "| still open: True" in done.stdout
    assert "forgotten: A forgotten passphrase cannot be recovered" in done.stdout
    assert "rows: 10" in done.stdout, done.stdout
    assert "hmac" not in done.stderr.lower() and "Traceback" not in done.stderr
    start = [b for b in backup_files(data_dir / "backups") if b.label == "start"]
    assert start, [b.label for b in backup_files(data_dir / "backups")]
    assert start[0].path.read_bytes()[:16] != SQLITE_HEADER and raw_counts(start[0].path, PASS)["entry"] == 10
    assert raw_counts(store.path, PASS)["entry"] == 10

    # The settings file is lost: the encrypted backups tell the app to ask (not to move the journal aside as damaged).
    settings_path(data_dir).unlink()
    again = _start(data_dir)
    assert again.returncode == 0, again.stderr
    assert "rows: 10" in again.stdout and not [p for p in data_dir.iterdir() if ".damaged-" in p.name]
    assert load_settings(data_dir).settings.encrypted


def _start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_script(SESSION, "--data-dir", str(data_dir), PASS)
