"""Start-up: paths, logging, open the store (migrate), then the Qt application and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from . import APP_ID, APP_NAME, __version__
from .paths import backup_dir, resolve_data_dir, resource

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


def run_app(args: argparse.Namespace) -> int:
    started = _process_start()
    os.umask(0o077)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    data_dir = resolve_data_dir(args.data_dir)

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "gutpain.svg"))))

    from .storage import DatabaseTooNewError, MigrationError, open_store

    try:
        store = open_store(data_dir, backup_dir=backup_dir(data_dir))
    except (DatabaseTooNewError, MigrationError, OSError) as exc:
        log.error("could not open %s: %s", data_dir, exc)
        if os.environ.get(BENCH_ENV) or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            print(f"Could not open your journal in {data_dir}: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, APP_NAME, f"Could not open your journal in {data_dir}.\n\n{exc}")
        return 1

    from .ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    if os.environ.get(BENCH_ENV):

        def report() -> None:
            print(f"shown-after-ms {(time.time() - started) * 1000:.1f}", flush=True)
            window.close()

        QTimer.singleShot(0, report)
    try:
        return app.exec()
    finally:
        store.close()
