"""The real app in a child process, on a desktop with a tray, with "keep running in the tray" on: closing the window
leaves the app running; File ▸ Quit then ends it the usual way (window state kept, the exit backup made, exit
code 0)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from gutpain_desktop.storage.app_settings import load_app_settings, update_app_settings
from tests.e2e.child import run_script

SESSION = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    import gutpain_desktop.ui.tray as tray
    tray.system_tray_available = lambda: True  # offscreen has no tray: this desktop is given one
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from gutpain_desktop.__main__ import main
    from gutpain_desktop.domain.entries import StressEntry

    app = QApplication(sys.argv[:1])

    def close_window():
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        if window.welcome is not None:
            window.welcome.reject()  # the first-start welcome: answered later (it opens the check-in)
        window.show_view("Journal")
        window.services.entries.add(StressEntry(occurred_at=datetime.now().astimezone(), level=3))
        window.close()
        print("closed: visible", window.isVisible(), "| note:", window.comfort.tray_keeper.last_note, flush=True)
        QTimer.singleShot(300, lambda: quit_from_menu(window))

    def quit_from_menu(window):
        print("still running after close", flush=True)
        file_menu = window.menuBar().actions()[0].menu()
        next(a for a in file_menu.actions() if a.text() == "&Quit").trigger()

    QTimer.singleShot(300, close_window)
    QTimer.singleShot(30_000, lambda: (print("never ended", flush=True), app.exit(3)))
    sys.exit(main(sys.argv[1:]))
    """
)


def test_closing_keeps_the_app_in_the_tray_and_quit_ends_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    data_dir.mkdir()
    update_app_settings(data_dir, close_to_tray=True)
    result = run_script(SESSION, "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "closed: visible False | note:" in result.stdout and "still running in the system tray" in result.stdout
    assert "still running after close" in result.stdout and "never ended" not in result.stdout
    kept = load_app_settings(data_dir)
    assert kept.last_view == "Journal" and kept.window_geometry and kept.close_to_tray
    assert list(tmp_path.rglob("exit-*.sqlite*")), result.stdout  # the exit backup of the usual way out
