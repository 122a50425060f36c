"""The error reporter in-process: an exception raised in a Qt slot is logged (scrubbed) and shown calmly."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gutpain_desktop.logs import WITHHELD, log_dir, scrub_traceback, setup_logging, stop_logging
from gutpain_desktop.ui.errors import ErrorReporter


@pytest.fixture
def log_file(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = setup_logging(tmp_path / "logs")
    assert path is not None
    yield path
    stop_logging()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_one_calm_non_modal_note(qtbot, window, log_file: Path) -> None:  # type: ignore[no-untyped-def]
    reporter = ErrorReporter(lambda: window).install()
    try:
        typed = "Sorbetfig-" + "5521"  # as if a person had typed it (the source line must not hold it)

        def broken() -> None:
            raise KeyError(typed)

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible())
        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: reporter.count == 2)
    finally:
        reporter.uninstall()
    box = reporter.box
    assert box is not None and not box.isModal()
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "errorMessage" and w.isVisible()]
    assert boxes == [box]  # one note, updated, not a pile of them
    assert "What happened: KeyError (test_errors_and_logs.py, broken)" in box.text()
    assert str(log_file) in box.text()
    assert "2 times" in box.text()
    window.show_view("Journal")  # the window still works
    assert window.stack.currentWidget() is window.journal
    text = log_file.read_text(encoding="utf-8")
    assert "KeyError" in text and "Sorbetfig-5521" not in text
    box.close()


def test_scrubbing_keeps_frames_and_withholds_messages_and_sql_parameters() -> None:
    trace = (
        "Traceback (most recent call last):\n"
        '  File "/x/gutpain_desktop/storage/repository.py", line 10, in add\n'
        "    session.flush()\n"
        "sqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) NOT NULL constraint failed\n"
        "[SQL: INSERT INTO entry (note) VALUES (?)]\n"
        "[parameters: ('Quinoa-flare-77',)]\n"
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)\n"
    )
    scrubbed = scrub_traceback(trace)
    assert "repository.py" in scrubbed and "session.flush()" in scrubbed
    assert f"sqlalchemy.exc.IntegrityError: {WITHHELD}" in scrubbed
    assert "Quinoa" not in scrubbed and "INSERT" not in scrubbed


def test_the_log_rotates_and_every_file_is_owner_only(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    assert path is not None
    try:
        logger = logging.getLogger("gutpain_desktop.test")
        for number in range(25000):
            logger.warning("a line about what the app did, number %d, padded to take some room ............", number)
    finally:
        stop_logging()
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert files == ["gutpain-desktop.log", "gutpain-desktop.log.1", "gutpain-desktop.log.2", "gutpain-desktop.log.3"]
    if os.name == "posix":
        assert all((tmp_path / "logs" / name).stat().st_mode & 0o777 == 0o600 for name in files)


def test_the_log_lives_in_the_data_folder_when_one_is_given(tmp_path: Path) -> None:
    assert log_dir(str(tmp_path / "d")) == (tmp_path / "d" / "logs").resolve()
