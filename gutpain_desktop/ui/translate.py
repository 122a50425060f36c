"""Showing labels that come from below the UI (domain tables, the catalogue) through Qt's translators."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..education import choose_language
from ..i18n import LABELS


def label(text: str) -> str:
    """The label in the person's language (the text itself when there is no translation)."""
    return QCoreApplication.translate(LABELS, text) if text else text


def install_translations(app: QCoreApplication, folder: Path, locale: QLocale | None = None) -> list[QTranslator]:
    """Load ``gutpain_<language>.qm`` from ``folder`` and Qt's own texts for the system language, when they exist.
    Returns the translators installed (none for English, or when no file matches)."""
    chosen = locale or QLocale()
    installed: list[QTranslator] = []
    for name, where in (
        ("gutpain", str(folder)),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(chosen, name, "_", where):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def panel_language(locale: QLocale | None = None) -> str:
    """The language the educational panels are read in, as a plain folder name for the layers below ("de", or ""
    for English): the first of the locale's languages that has translated panels, as Qt picks the .qm file."""
    return choose_language((locale or QLocale()).uiLanguages())
