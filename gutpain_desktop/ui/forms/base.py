"""What every entry form shares, and small helpers for the forms."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from ...domain.entries import (
    AnyEntry,
    EntryKind,
)
from ...i18n import QT_TRANSLATE_NOOP
from ..services import Services
from ..translate import label as translated

#: The ends of the scales (the domain's anchors, ``PAIN_ANCHORS`` and ``SLEEP_QUALITY_ANCHORS``), shown translated.
PAIN_HINT = QT_TRANSLATE_NOOP("Labels", "0 = no pain, 10 = worst pain imaginable")
SCORE_HINT = QT_TRANSLATE_NOOP("Labels", "0 = none, 10 = worst imaginable")
SLEEP_HINT = QT_TRANSLATE_NOOP("Labels", "0 = very poor, 10 = excellent")
COELIAC_NOTICE = QT_TRANSLATE_NOOP(
    "Labels",
    "Before going gluten-free: a blood test for coeliac disease only works while you are still eating gluten "
    "(usually in more than one meal a day for at least 6 weeks). If you have not been tested, talk to your doctor "
    "before you start.",
)


def local_datetime(day: date, at: time) -> datetime:
    """The person's local time on ``day`` at ``at``, with the UTC offset in force then."""
    return datetime.combine(day, at).astimezone()


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A form whose spin boxes and combo boxes keep their natural width; only text fields grow."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


class MnemonicLabel(QLabel):
    """A label with an Alt+letter mnemonic that is never clipped. Qt measures the text kerned ("To": 13 px at 9 pt)
    but draws the underlined letter apart from the rest, so unkerned (14 px): the last letter was cut off ("Tc").
    The size hints make room for the text unkerned."""

    def _unkerned_extra(self) -> int:
        text = self.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if not text or self.wordWrap() or "\n" in text:
            return 0
        font = QFont(self.font())
        font.setKerning(False)
        return max(0, QFontMetrics(font).horizontalAdvance(text) - self.fontMetrics().horizontalAdvance(text))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + self._unkerned_extra(), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width() + self._unkerned_extra(), hint.height())


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose Alt+letter mnemonic moves focus to ``buddy`` (``text`` already translated)."""
    label = MnemonicLabel(text)
    label.setBuddy(buddy)
    return label


def hint(text: str) -> QLabel:
    """A quiet line of help; ``text`` already translated."""
    label = QLabel(text)
    label.setStyleSheet("color: palette(placeholder-text);")
    label.setWordWrap(True)
    return label


def _combo(name: str, items: list[tuple[str, Any]], *, translate: bool = True) -> QComboBox:
    """``name`` already translated; the items' texts are labels translated here unless ``translate`` is False."""
    box = QComboBox()
    box.setAccessibleName(name)
    for text, data in items:
        box.addItem(translated(text) if translate else text, data)
    return box


def _select(box: QComboBox, data: Any) -> None:
    index = box.findData(data)
    box.setCurrentIndex(max(index, 0))


class EntryForm(QWidget):
    """Base of the per-kind forms."""

    #: The person asked to save from inside the form (Ctrl+Enter in a field that uses Enter itself).
    submit_requested = Signal()

    kind: EntryKind
    #: Whether the dialog shows a time of day (a sleep or a diet phase is dated by its own fields).
    uses_time: bool = True
    title: str = ""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services

    def load(self, entry: AnyEntry) -> None:
        raise TypeError(f"{type(self).__name__} cannot show a {entry.kind}")

    def build(self, common: dict[str, Any]) -> AnyEntry:
        """The entry the form describes; ``common`` holds id, occurred_at, note, created_at."""
        raise TypeError(type(self).__name__)

    def first_field(self) -> QWidget:
        return self


# --- meals ---------------------------------------------------------------------------------------------------
