"""Where things live: the data folder (platformdirs, or --data-dir / GUTPAIN_DATA_DIR) and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from . import APP_ID

DATA_DIR_ENV = "GUTPAIN_DATA_DIR"


def default_data_dir() -> Path:
    return platformdirs.user_data_path(APP_ID, appauthor=False)


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then GUTPAIN_DATA_DIR, then the platform's user data folder."""
    chosen = cli_value or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    return Path(chosen).expanduser().resolve()


def backup_dir(data_dir: Path) -> Path:
    """The backup folder: the one chosen in Settings (kept in ``settings.json``), else ``<data_dir>/backups``."""
    from .storage.local_settings import load_settings

    return load_settings(data_dir).settings.backup_folder(data_dir)


def resources_dir() -> Path:
    """The ``resources`` folder: inside a PyInstaller bundle, an installed wheel, or the source checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
