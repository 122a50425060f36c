"""`gutpain-desktop --self-test` from source, in a subprocess as a person (or CI) runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gutpain_desktop", "--self-test", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_the_self_test_checks_everything_and_exits_0(tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # it must choose offscreen itself
    env["GUTPAIN_DATA_DIR"] = str(tmp_path / "my-journal")

    done = _run("--screenshot", str(shot), env=env)

    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    checks = [line.split(":", 1)[0].removeprefix("ok").strip() for line in lines if line.startswith("ok ")]
    assert checks == [
        "Qt",
        "font",
        "database and migrations",
        "save and read back each kind of entry",
        "encrypted journal",
        "main window",
        "trends chart",
        "chart images",
        "educational panel",
        "CSV export",
        "PDF summary",
        "screenshot",
    ]
    assert "platform offscreen" in done.stdout
    kinds = next(line for line in lines if line.startswith("ok      save and read back"))
    for kind in ("meal", "pain", "symptom", "stress", "sleep", "bowel", "diet_phase", "challenge", "weekly_checkin"):
        assert kind in kinds
    assert lines[-1].startswith("all 12 checks passed")
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 600
    assert not (tmp_path / "my-journal").exists()  # the person's own journal is never opened or created


def test_a_failing_check_exits_non_zero_with_its_reason(tmp_path: Path) -> None:
    """The screenshot cannot be written into a folder that does not exist: the self-test says so and fails."""
    done = _run("--screenshot", str(tmp_path / "missing" / "window.png"))

    assert done.returncode == 1
    assert "FAILED  screenshot: could not save" in done.stdout
    assert "all 12 checks passed" not in done.stdout
