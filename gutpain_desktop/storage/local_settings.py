"""Settings kept beside the database in a small JSON file, readable even when the database itself is damaged.

Only what the data-safety code needs before (or without) the database: where backups go and when the last full
check ran. Anything odd in the file (not JSON, wrong types, a relative path, a NUL byte) is ignored with a message;
the defaults then apply and nothing is written until the person changes a setting.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

SETTINGS_FILENAME = "settings.json"
DEFAULT_BACKUP_FOLDER = "backups"
#: Longest path we accept from the file (well above any real one; a guard against junk).
MAX_PATH_LENGTH = 4096


@dataclass(frozen=True, slots=True)
class LocalSettings:
    """``backup_dir`` None means the default ``<data folder>/backups``."""

    backup_dir: Path | None = None
    last_full_check: datetime | None = None
    last_full_check_ok: bool | None = None
    #: The journal is encrypted with SQLCipher (the passphrase itself is never written here).
    encrypted: bool = False
    #: The person asked the system keyring to remember the passphrase.
    remember_passphrase: bool = False

    def backup_folder(self, data_dir: Path) -> Path:
        return self.backup_dir if self.backup_dir is not None else data_dir / DEFAULT_BACKUP_FOLDER


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    settings: LocalSettings
    #: What was wrong with the file, in words for the person; empty when all was well (or there was no file).
    problem: str = ""


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILENAME


def load_settings(data_dir: Path) -> LoadedSettings:
    path = settings_path(data_dir)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedSettings(LocalSettings())
    except OSError as exc:
        return LoadedSettings(LocalSettings(), f"The settings file {path} could not be read ({exc.strerror}).")
    return parse_settings(raw, source=str(path))


def parse_settings(raw: bytes, *, source: str = SETTINGS_FILENAME) -> LoadedSettings:
    """Read the settings from the bytes of the file. Never raises."""
    ignored = f"The settings file {source} could not be read, so the defaults are used"
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return LoadedSettings(LocalSettings(), f"{ignored} (it is not valid JSON).")
    if not isinstance(document, dict):
        return LoadedSettings(LocalSettings(), f"{ignored} (it does not hold a list of settings).")
    problems: list[str] = []
    backup_dir = _backup_dir(document.get("backup_dir"), problems)
    last_check = _moment(document.get("last_full_check"), problems)
    last_ok = document.get("last_full_check_ok")
    if last_ok is not None and not isinstance(last_ok, bool):
        problems.append("last_full_check_ok is not true or false")
        last_ok = None
    flags = {name: _flag(document.get(name), name, problems) for name in ("encrypted", "remember_passphrase")}
    settings = LocalSettings(backup_dir, last_check, last_ok, **flags)
    if problems:
        return LoadedSettings(settings, f"Some settings in {source} were ignored: {'; '.join(problems)}.")
    return LoadedSettings(settings)


def _flag(value: object, name: str, problems: list[str]) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        problems.append(f"{name} is not true or false")
        return False
    return value


def _backup_dir(value: object, problems: list[str]) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append("the backup folder is not a folder name")
        return None
    if "\x00" in value or len(value) > MAX_PATH_LENGTH:
        problems.append("the backup folder name is not a usable path")
        return None
    try:
        path = Path(value).expanduser()
    except RuntimeError:  # "~someone" for a user this machine does not know
        problems.append("the backup folder names a home folder that does not exist here")
        return None
    if not path.is_absolute():
        problems.append("the backup folder must be a full path")
        return None
    return path


def _moment(value: object, problems: list[str]) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append("the time of the last full check is not a date")
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        problems.append("the time of the last full check is not a date")
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def to_document(settings: LocalSettings) -> dict[str, object]:
    document: dict[str, object] = {}
    if settings.backup_dir is not None:
        document["backup_dir"] = str(settings.backup_dir)
    if settings.last_full_check is not None:
        document["last_full_check"] = settings.last_full_check.astimezone(UTC).isoformat()
    if settings.last_full_check_ok is not None:
        document["last_full_check_ok"] = settings.last_full_check_ok
    if settings.encrypted:
        document["encrypted"] = True
    if settings.remember_passphrase:
        document["remember_passphrase"] = True
    return document


def save_settings(data_dir: Path, settings: LocalSettings) -> None:
    """Write atomically (temp file, fsync, rename), owner-only."""
    write_json_atomically(settings_path(data_dir), to_document(settings))


def write_json_atomically(path: Path, document: dict[str, object]) -> None:
    """Write a small JSON file atomically (temp file, fsync, rename), owner-only, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.partial")
    text = json.dumps(document, indent=2) + "\n"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def update_settings(data_dir: Path, **changes: object) -> LocalSettings:
    """Load, change the given fields, save; returns the new settings."""
    current = load_settings(data_dir).settings
    updated = replace(current, **changes)  # type: ignore[arg-type]
    save_settings(data_dir, updated)
    return updated
