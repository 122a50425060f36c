"""How the app looks and behaves on this computer: theme, time format, week start, reminders, the tray (and
keeping the app running there when the window is closed), start at login, and the window's size, position and last
view. Kept in ``app-settings.json`` beside the journal.

Nothing here is health data and nothing here is needed to keep the journal safe (that is ``settings.json``). A file
that cannot be read, or a value that makes no sense, falls back to the default for that value; reading never raises.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from datetime import time
from pathlib import Path

from ..domain.reminders import DEFAULT_REMINDER_TEXT, Reminder
from .local_settings import write_json_atomically

APP_SETTINGS_FILENAME = "app-settings.json"
THEMES = ("system", "light", "dark")
TIME_FORMATS = ("locale", "24h", "12h")
WEEK_STARTS = ("locale", "monday", "sunday", "saturday")
#: At most this many daily reminders.
MAX_REMINDERS = 4
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_LONGEST_TEXT = 20_000


@dataclass(frozen=True, slots=True)
class AppSettings:
    theme: str = "system"
    time_format: str = "locale"
    week_start: str = "locale"
    reminders: tuple[Reminder, ...] = ()
    tray_icon: bool = True
    start_minimised: bool = False
    #: Closing the window leaves the app running in the tray (reminders keep coming); Quit ends it.
    close_to_tray: bool = False
    #: The note "still running in the tray" was shown once (the first time the window went to the tray).
    tray_note_shown: bool = False
    start_at_login: bool = False
    #: The window's geometry as Qt saved it (base64), and the view shown when the app closed.
    window_geometry: str = ""
    window_state: str = ""
    last_view: str = ""
    #: The last day a missed check-in was offered for back-filling (so it is offered once), ISO date.
    backfill_offered: str = ""


def app_settings_path(data_dir: Path) -> Path:
    return data_dir / APP_SETTINGS_FILENAME


def load_app_settings(data_dir: Path) -> AppSettings:
    try:
        document = json.loads(app_settings_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return AppSettings()
    return parse_app_settings(document)


def parse_app_settings(document: object) -> AppSettings:
    if not isinstance(document, dict):
        return AppSettings()
    defaults = AppSettings()

    def choice(name: str, allowed: tuple[str, ...]) -> str:
        value = document.get(name)
        return value if isinstance(value, str) and value in allowed else str(getattr(defaults, name))

    def flag(name: str) -> bool:
        value = document.get(name)
        return value if isinstance(value, bool) else bool(getattr(defaults, name))

    def text(name: str) -> str:
        value = document.get(name)
        return value if isinstance(value, str) and len(value) < _LONGEST_TEXT else ""

    return AppSettings(
        theme=choice("theme", THEMES),
        time_format=choice("time_format", TIME_FORMATS),
        week_start=choice("week_start", WEEK_STARTS),
        reminders=_reminders(document.get("reminders")),
        tray_icon=flag("tray_icon"),
        start_minimised=flag("start_minimised"),
        close_to_tray=flag("close_to_tray"),
        tray_note_shown=flag("tray_note_shown"),
        start_at_login=flag("start_at_login"),
        window_geometry=text("window_geometry"),
        window_state=text("window_state"),
        last_view=text("last_view"),
        backfill_offered=text("backfill_offered"),
    )


def _reminders(value: object) -> tuple[Reminder, ...]:
    if not isinstance(value, list):
        return ()
    found: list[Reminder] = []
    for item in value[:MAX_REMINDERS]:
        if not isinstance(item, dict):
            continue
        at = item.get("at")
        match = _TIME.match(at) if isinstance(at, str) else None
        if match is None:
            continue
        words = item.get("text")
        enabled = item.get("enabled")
        found.append(
            Reminder(
                time(int(match.group(1)), int(match.group(2))),
                words if isinstance(words, str) and words.strip() and len(words) < 200 else DEFAULT_REMINDER_TEXT,
                enabled if isinstance(enabled, bool) else True,
            )
        )
    return tuple(found)


def to_document(settings: AppSettings) -> dict[str, object]:
    document: dict[str, object] = {}
    for item in fields(settings):
        value = getattr(settings, item.name)
        if item.name == "reminders":
            value = [{"at": r.at.strftime("%H:%M"), "text": r.text, "enabled": r.enabled} for r in value]
        document[item.name] = value
    return document


def save_app_settings(data_dir: Path, settings: AppSettings) -> None:
    write_json_atomically(app_settings_path(data_dir), to_document(settings))


def update_app_settings(data_dir: Path, **changes: object) -> AppSettings:
    updated = replace(load_app_settings(data_dir), **changes)  # type: ignore[arg-type]
    save_app_settings(data_dir, updated)
    return updated
