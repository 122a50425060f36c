"""The real entry point in a child process: save through the window, quit, start again, find everything."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.e2e.child import run_script

# A person's session, driven from inside the app's own event loop: type a check-in, save, add a meal, quit.
FIRST_SESSION = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from gutpain_desktop.__main__ import main

    app = QApplication(sys.argv[:1])

    def drive():
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        window.activateWindow()
        QTest.qWaitForWindowActive(window)
        form = window.today.checkin
        form.pain.setFocus(); form.pain.selectAll(); QTest.keyClicks(form.pain, "7"); form.pain.interpretText()
        form.stress.setFocus(); form.stress.selectAll(); QTest.keyClicks(form.stress, "3")
        form.stress.interpretText()
        QTest.keyClick(form.stress, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        dialog = window.today.open_entry_dialog(next(iter(window.today.quick_buttons)))
        dialog.activateWindow()
        QTest.qWaitForWindowActive(dialog)
        QTest.keyClicks(dialog.form.rows[0].name, "Porridge")
        QTest.keyClick(dialog.form.rows[0].name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        print("saved:", window.status_label.text(), "| visible:", dialog.isVisible(), flush=True)
        window.close()

    QTimer.singleShot(300, drive)
    sys.exit(main(sys.argv[1:]))
    """
)

SECOND_SESSION = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from gutpain_desktop.__main__ import main

    app = QApplication(sys.argv[:1])

    def look():
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        window.show_view("Journal")
        model = window.journal.model
        for row in range(model.rowCount()):
            print("row:", model.index(row, 2).data(), "|", model.index(row, 3).data(), flush=True)
        window.close()

    QTimer.singleShot(300, look)
    sys.exit(main(sys.argv[1:]))
    """
)


def test_entries_saved_in_the_app_survive_a_restart(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    first = run_script(FIRST_SESSION, "--data-dir", str(data_dir))
    assert first.returncode == 0, first.stderr
    assert "saved: Saved: meal | visible: False" in first.stdout

    second = run_script(SECOND_SESSION, "--data-dir", str(data_dir))
    assert second.returncode == 0, second.stderr
    rows = [line for line in second.stdout.splitlines() if line.startswith("row:")]
    assert len(rows) == 3, second.stdout
    text = "\n".join(rows)
    assert "Pain | 7/10, average over the last 24 hours" in text
    assert "Stress | 3/10" in text
    assert "Meal |" in text and "Porridge" in text
    assert (data_dir / "gutpain.sqlite").exists()


def test_start_shows_the_window_and_exits_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GUTPAIN_BENCH_EXIT_AFTER_SHOW": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "gutpain_desktop", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "shown-after-ms" in done.stdout
    if os.name == "posix":
        assert (tmp_path / "d").stat().st_mode & 0o777 == 0o700
        assert (tmp_path / "d" / "gutpain.sqlite").stat().st_mode & 0o777 == 0o600


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GUTPAIN_BENCH_EXIT_AFTER_SHOW": "1",
        "GUTPAIN_DATA_DIR": str(tmp_path / "from-env"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "gutpain_desktop"],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "from-env" / "gutpain.sqlite").exists()
