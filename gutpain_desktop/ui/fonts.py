"""The font shipped in resources/fonts (DejaVu Sans, free licence), registered with Qt at start-up.

A machine without any fonts (a minimal Linux install, a container) otherwise shows every label as empty boxes.
Registering costs a few milliseconds; the shipped font becomes the application font only when the system has none.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..paths import resource

log = logging.getLogger(__name__)

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def register_fonts(app: QApplication) -> list[str]:
    """Add the shipped fonts to Qt's font database; returns the families added (empty when none could be read)."""
    families: list[str] = []
    for name in FONT_FILES:
        path = resource("fonts", name)
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the font %s", path)
            continue
        families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    if families and not set(QFontDatabase.families()) - set(families):
        app.setFont(QFont(families[0]))  # the system has no fonts of its own: use ours everywhere
    return families
