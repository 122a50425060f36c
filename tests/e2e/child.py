"""The real app or command line in a child process, for the end-to-end tests (not a test module).

The child runs this checkout (PYTHONPATH, cwd), draws offscreen, and never reads the person's GUTPAIN_DATA_DIR.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("GUTPAIN_DATA_DIR", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return env


def _run(argv: list[str], timeout: float, env: dict[str, str] | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        env=child_env() if env is None else env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def run_cli(*args: str, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m gutpain_desktop ARGS``."""
    return _run([sys.executable, "-m", "gutpain_desktop", *args], timeout, env)


def run_script(
    script: str, *args: str, timeout: float = 90, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -c SCRIPT ARGS``: a script that drives the real app (it usually ends in ``main(sys.argv[1:])``)."""
    return _run([sys.executable, "-c", script, *args], timeout, env)
