"""PySide6 6.12.0 on Python 3.11 kills the interpreter ("Fatal Python error: none_dealloc") after a few thousand
QTableWidget.setItem calls; 6.11.x does not, and Python 3.12+ is immune. pyproject.toml keeps 6.12 out on 3.11.

These tests guard that pin: what is installed, what the crash needs to stay away, and what pyproject.toml says.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PYSIDE_NAMES = {"pyside6", "pyside6-essentials"}
BAD_ON_311 = [Version("6.12.0"), Version("6.12.1"), Version("6.12.5")]


def installed_pyside_version() -> Version:
    try:
        return Version(importlib.metadata.version("PySide6-Essentials"))
    except importlib.metadata.PackageNotFoundError:  # the full PySide6 wheel instead of Essentials
        import PySide6

        return Version(PySide6.__version__)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12+ is not affected by the 6.12 crash")
def test_installed_pyside6_is_not_6_12_on_python_before_3_12() -> None:
    version = installed_pyside_version()
    assert version.release[:2] != (6, 12), (
        f"PySide6 {version} on Python {sys.version.split()[0]} crashes the interpreter in QTableWidget.setItem; "
        "install PySide6-Essentials<6.12 (pyproject.toml pins it)"
    )


SET_ITEM_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

    app = QApplication(sys.argv[:1])
    table = QTableWidget(200, 30)
    for _ in range(2):
        n = 0
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                table.setItem(row, column, QTableWidgetItem(str(n)))
                n += 1
    assert table.item(199, 29).text() == "5999", table.item(199, 29).text()
    print("ok", flush=True)
    """
)


@pytest.mark.timeout(180)
def test_filling_a_table_widget_twice_does_not_crash_the_interpreter(tmp_path: Path) -> None:
    # In a child process: the crash is a hard interpreter abort that would take pytest down with it.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SET_ITEM_SCRIPT],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, f"exit code {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "ok" in result.stdout.split()


def pyside_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    return [r for r in requirements if canonicalize_name(r.name) in PYSIDE_NAMES]


@pytest.mark.parametrize("python", ["3.11.0", "3.11.9"])
def test_pyproject_keeps_6_12_out_before_python_3_12(python: str) -> None:
    environment = {"python_version": ".".join(python.split(".")[:2]), "python_full_version": python}
    applying = [r for r in pyside_requirements() if r.marker is None or r.marker.evaluate(environment)]
    assert applying, f"no PySide6 requirement applies on Python {python}"
    for requirement in applying:
        allowed = [str(v) for v in BAD_ON_311 if requirement.specifier.contains(v, prereleases=True)]
        assert allowed == [], f"'{requirement}' lets PySide6 {allowed} in on Python {python}"
    # and a working version is still allowed, so the pin does not make the project uninstallable
    assert all(r.specifier.contains(Version("6.11.3")) for r in applying)


def test_pyproject_still_allows_pyside6_on_python_3_12_and_later() -> None:
    environment = {"python_version": "3.12", "python_full_version": "3.12.4"}
    applying = [r for r in pyside_requirements() if r.marker is None or r.marker.evaluate(environment)]
    assert applying, "no PySide6 requirement applies on Python 3.12"
    assert all(r.specifier.contains(Version("6.11.3")) for r in applying)
