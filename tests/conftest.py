"""Shared fixtures. The environment is set first, before anything can import Qt or find the user's data folder."""

from __future__ import annotations

import os
import shutil
import tempfile

# Qt aborts without a display unless told to draw offscreen; this must happen before the first PySide6 import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# One locale for every test, whatever the developer's (Qt reads LC_ALL on Linux; child processes inherit it): Qt's
# "C" locale, with 24-hour times and "." decimals. Tests about other locales set QLocale.setDefault themselves.
os.environ["LC_ALL"] = "C.UTF-8"
os.environ["LANG"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)
# Never the person's real journal: anything that falls back to GUTPAIN_DATA_DIR (the app, the CLI, child
# processes) lands in a throwaway folder. Overwritten on purpose, even if the developer has it set.
_SESSION_DATA_DIR = tempfile.mkdtemp(prefix="gutpain-tests-")
os.environ["GUTPAIN_DATA_DIR"] = _SESSION_DATA_DIR

from collections.abc import Iterator  # noqa: E402
from datetime import datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from gutpain_desktop.storage import Store, open_store  # noqa: E402


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SESSION_DATA_DIR, ignore_errors=True)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (open_store creates it, as the app does on first start)."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A real store on a real SQLite file in ``data_dir``."""
    opened = open_store(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def now() -> datetime:
    """A moment a few minutes ago today, as local time with its UTC offset (never in the future)."""
    moment = datetime.now().astimezone().replace(microsecond=0)
    return max(moment - timedelta(minutes=5), moment.replace(hour=0, minute=0, second=0))


# UI fixtures (qtbot helpers, the main window) live in tests/ui/conftest.py.
