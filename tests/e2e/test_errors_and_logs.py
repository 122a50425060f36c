"""The real app in a child process: an unexpected error in a slot shows a calm note, the app keeps running, and the
log (owner-only, in the data folder's logs/) holds what went wrong but none of the health values typed in."""

from __future__ import annotations

import os
import sqlite3
import textwrap
from pathlib import Path

from tests.e2e.child import run_script

NOTE = "Quokkaberry-flare-8713"
PAIN = "9"
FOOD = "Zanzibarflan"

SESSION = textwrap.dedent(
    f"""
    import logging, sys
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from gutpain_desktop.__main__ import main

    app = QApplication(sys.argv[:1])

    def boom():
        raise ValueError("failed on note {NOTE} with pain {PAIN} after {FOOD}")

    def drive():
        logging.getLogger().setLevel(logging.DEBUG)  # everything the app logs, at every level
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        form = window.today.checkin
        form.pain.setFocus(); form.pain.selectAll(); QTest.keyClicks(form.pain, "{PAIN}"); form.pain.interpretText()
        form.note.setText("{NOTE}")
        print("check-in saved:", window.today.save_checkin(), flush=True)
        dialog = window.today.open_entry_dialog(next(iter(window.today.quick_buttons)))
        QTest.keyClicks(dialog.form.rows[0].name, "{FOOD}")
        QTest.keyClick(dialog.form.rows[0].name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QTimer.singleShot(0, boom)  # an exception in a slot, as a bug would raise one
        QTimer.singleShot(50, after)

    def after():
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        box = next(w for w in app.topLevelWidgets() if w.objectName() == "errorMessage")
        print("dialog visible:", box.isVisible(), "modal:", box.isModal(), flush=True)
        print("dialog text:", box.text().replace("\\n", " | "), flush=True)
        window.show_view("Journal")  # the app still answers
        print("journal rows:", window.journal.model.rowCount(), flush=True)
        window.close()

    QTimer.singleShot(30000, app.quit)  # a watchdog: a failed step above must not hang the test
    QTimer.singleShot(300, drive)
    sys.exit(main(sys.argv[1:]))
    """
)


def test_an_unexpected_error_is_reported_calmly_and_logged_without_health_values(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    done = run_script(SESSION, "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    assert "dialog visible: True modal: False" in done.stdout, done.stdout + done.stderr
    assert "What happened: ValueError" in done.stdout
    log_file = data_dir / "logs" / "gutpain-desktop.log"
    assert str(log_file) in done.stdout  # the note says where the log is
    assert "check-in saved: True" in done.stdout and "journal rows:" in done.stdout  # the app went on
    with sqlite3.connect(data_dir / "gutpain.sqlite") as db:  # the values really are in the journal
        stored = " ".join(str(row) for row in db.execute("select note, summary from entry"))
    assert NOTE in stored and FOOD in stored

    text = log_file.read_text(encoding="utf-8")
    assert "ValueError" in text and "boom" in text  # what went wrong and where
    for value in (NOTE, FOOD, f"pain {PAIN}"):
        assert value not in text
        assert value not in done.stderr
    if os.name == "posix":
        assert log_file.stat().st_mode & 0o777 == 0o600
        assert log_file.parent.stat().st_mode & 0o777 == 0o700
