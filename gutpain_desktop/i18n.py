"""Marks for translators, without Qt (the layers below the UI cannot import it).

``QT_TRANSLATE_NOOP("Labels", "Neck")`` returns the text unchanged; ``pyside6-lupdate`` finds the call by its name and
lists the text for translation under its context. The UI then shows it through ``ui.translate.label()``, which asks
Qt's installed translators (``QCoreApplication.translate("Labels", text)``).
"""

from __future__ import annotations

#: The context of labels defined below the UI (kinds, scales, body sites, built-in symptoms and categories).
LABELS = "Labels"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text


#: Labels made from enum values (``humanise``) rather than written out: listed here so lupdate finds them.
ENUM_LABELS = (
    QT_TRANSLATE_NOOP("Labels", "Breakfast"),
    QT_TRANSLATE_NOOP("Labels", "Lunch"),
    QT_TRANSLATE_NOOP("Labels", "Dinner"),
    QT_TRANSLATE_NOOP("Labels", "Snack"),
    QT_TRANSLATE_NOOP("Labels", "Drink"),
    QT_TRANSLATE_NOOP("Labels", "Muscle"),
    QT_TRANSLATE_NOOP("Labels", "Joint"),
    QT_TRANSLATE_NOOP("Labels", "Headache"),
    QT_TRANSLATE_NOOP("Labels", "Abdominal"),
    QT_TRANSLATE_NOOP("Labels", "Nerve"),
    QT_TRANSLATE_NOOP("Labels", "Baseline"),
    QT_TRANSLATE_NOOP("Labels", "Elimination"),
    QT_TRANSLATE_NOOP("Labels", "Reintroduction"),
    QT_TRANSLATE_NOOP("Labels", "Personalisation"),
    QT_TRANSLATE_NOOP("Labels", "Paused"),
    QT_TRANSLATE_NOOP("Labels", "Stopped"),
    QT_TRANSLATE_NOOP("Labels", "Small"),
    QT_TRANSLATE_NOOP("Labels", "Medium"),
    QT_TRANSLATE_NOOP("Labels", "Large"),
    QT_TRANSLATE_NOOP("Labels", "Pending"),
    QT_TRANSLATE_NOOP("Labels", "Tolerated"),
    QT_TRANSLATE_NOOP("Labels", "Tolerated up to a dose"),
    QT_TRANSLATE_NOOP("Labels", "Not tolerated"),
    QT_TRANSLATE_NOOP("Labels", "Inconclusive"),
    QT_TRANSLATE_NOOP("Labels", "Right side"),
    QT_TRANSLATE_NOOP("Labels", "Centre"),
    QT_TRANSLATE_NOOP("Labels", "Left side"),
    QT_TRANSLATE_NOOP("Labels", "Learn more"),
)
