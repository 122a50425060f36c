"""``gutpain-desktop screenshots --out DIR`` in a child process, on a small demo journal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

VIEWS = ["today", "journal", "trends", "insights", "diet", "learn", "settings"]
CHARTS = [
    "trends-pain-over-time",
    "trends-pain-with-stress-sleep-and-symptoms",
    "trends-pain-calendar",
    "trends-meals-what-you-ate-day-by-day",
    "trends-stool-form-over-time",
    "trends-where-it-hurts",
]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)  # the command chooses offscreen by itself
    return subprocess.run(
        [sys.executable, "-m", "gutpain_desktop", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_every_main_view_and_chart_is_saved_as_a_png_named_after_it(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    made = _cli("--data-dir", str(data), "demo", "--years", "0.3")
    assert made.returncode == 0, made.stderr
    out = tmp_path / "shots"
    done = _cli("--data-dir", str(data), "screenshots", "--out", str(out))
    assert done.returncode == 0, done.stderr
    names = {path.stem for path in out.glob("*.png")}
    assert set(VIEWS + CHARTS) <= names
    from PySide6.QtGui import QImage

    for name in VIEWS + CHARTS:
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull() and image.width() >= 300 and image.height() >= 150, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 17) for y in range(0, image.height(), 17)}
        assert len(colours) > 3, f"{name} looks blank"
    window = QImage(str(out / "today.png"))
    assert (window.width(), window.height()) == (1280, 860)
    assert not (data / "app-settings.json").exists()  # the person's window settings were left alone


def test_no_journal_no_pictures(tmp_path: Path) -> None:
    done = _cli("--data-dir", str(tmp_path / "nothing"), "screenshots", "--out", str(tmp_path / "shots"))
    assert done.returncode == 1
    assert "No journal" in done.stderr
    assert not (tmp_path / "shots").exists()
