"""Showing labels that come from below the UI (domain tables, the catalogue) through Qt's translators."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..i18n import LABELS


def label(text: str) -> str:
    """The label in the person's language (the text itself when there is no translation)."""
    return QCoreApplication.translate(LABELS, text) if text else text
