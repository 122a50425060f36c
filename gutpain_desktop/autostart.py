"""Start at login, where the platform allows: a ``.desktop`` file in ``~/.config/autostart`` (Linux and other
freedesktop systems), a LaunchAgent plist (macOS) or a value under the HKCU ``Run`` key (Windows). No Qt here.

``enable``/``disable`` return the file (or registry path) they wrote or removed; they raise OSError when that fails.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from . import APP_ID, APP_NAME

LAUNCH_AGENT_LABEL = "org.gutpain.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def launch_command(data_dir: Path | None = None) -> list[str]:
    """How to start the app: the frozen executable, or this Python with ``-m gutpain_desktop``."""
    command = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "gutpain_desktop"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


def _home() -> Path:
    return Path(os.environ.get("HOME") or Path.home())


def autostart_file(platform: str = sys.platform) -> Path | None:
    """Where the start-at-login entry lives on this platform (None on Windows: the registry)."""
    if platform == "darwin":
        return _home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    if platform.startswith("win"):
        return None
    config = os.environ.get("XDG_CONFIG_HOME") or str(_home() / ".config")
    return Path(config) / "autostart" / f"{APP_ID}.desktop"


def is_enabled(platform: str = sys.platform) -> bool:
    path = autostart_file(platform)
    if path is not None:
        return path.exists()
    try:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:  # type: ignore[attr-defined,unused-ignore]
            winreg.QueryValueEx(key, APP_NAME)  # type: ignore[attr-defined,unused-ignore]
        return True
    except (ImportError, OSError):
        return False


def desktop_entry(command: list[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=A private journal for pain, gut symptoms, food, stress and sleep\n"
        f"Exec={shlex.join(command)}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def enable(data_dir: Path | None = None, platform: str = sys.platform) -> str:
    command = launch_command(data_dir)
    path = autostart_file(platform)
    if path is None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:  # type: ignore[attr-defined,unused-ignore]
            value = " ".join(f'"{part}"' for part in command)
            winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, value)  # type: ignore[attr-defined,unused-ignore]
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{APP_NAME}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if platform == "darwin":
        import plistlib

        content = plistlib.dumps({"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": command, "RunAtLoad": True})
        path.write_bytes(content)
    else:
        path.write_text(desktop_entry(command), encoding="utf-8")
    return str(path)


def disable(platform: str = sys.platform) -> str:
    path = autostart_file(platform)
    if path is None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:  # type: ignore[attr-defined,unused-ignore]
                winreg.DeleteValue(key, APP_NAME)  # type: ignore[attr-defined,unused-ignore]
        except FileNotFoundError:
            pass
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{APP_NAME}"
    path.unlink(missing_ok=True)
    return str(path)
