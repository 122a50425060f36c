"""Small reusable widgets: score spin boxes, the body-site picker, error and notice banners."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.scales import BODY_SITES, REGION_LABELS, BodySite, Region
from ...domain.validation import ValidationError
from ...i18n import QT_TRANSLATE_NOOP, upper_first
from ..formats import DisplayFormats
from ..translate import label as translated
from ..translate import phrase

NOT_RATED = -1
#: (rows, columns) an arrow key moves by.
ARROW_STEPS = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}


class ScoreSpin(QSpinBox):
    """A 0-10 rating that can also be left unrated ("—"), so a check-in only records what was rated."""

    def __init__(
        self, name: str, *, optional: bool = True, low: int = 0, high: int = 10, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._optional = optional
        self.setRange(NOT_RATED if optional else low, high)
        self._low = low
        if optional:
            self.setSpecialValueText("—")
            self.setValue(NOT_RATED)
        self.setAccessibleName(name)
        self.setToolTip(
            (self.tr("{0}: {1} to {2} (— = not rated)") if optional else self.tr("{0}: {1} to {2}")).format(
                name, low, high
            )
        )
        self.setMinimumWidth(70)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Whatever brought the focus here (Tab, a click, Alt+letter, a shortcut), typing replaces the value:
        # "—" and a digit must never combine into text the box refuses.
        self.selectAll()

    def score(self) -> int | None:
        value = self.value()
        return None if value == NOT_RATED else value

    def set_score(self, value: int | None) -> None:
        self.setValue(NOT_RATED if value is None and self._optional else (value if value is not None else self._low))

    def clear_score(self) -> None:
        self.setValue(NOT_RATED if self._optional else self._low)


class TriStateCombo(QComboBox):
    """Yes / No / not answered."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem("—", None)
        self.addItem(self.tr("Yes"), True)
        self.addItem(self.tr("No"), False)
        self.setAccessibleName(name)

    def answer(self) -> bool | None:
        value = self.currentData()
        return None if value is None else bool(value)

    def set_answer(self, value: bool | None) -> None:
        self.setCurrentIndex(0 if value is None else (1 if value else 2))


WHERE_IT_HURTS = QT_TRANSLATE_NOOP("Labels", "Where it hurts")


class BodySitePicker(QGroupBox):
    """The 19 WPI body sites as check boxes grouped by region (keyboard: arrows or Tab move, Space ticks)."""

    changed = Signal()

    def __init__(self, title: str | None = None, parent: QWidget | None = None):
        """``title``: already translated; by default "Where it hurts"."""
        shown = translated(WHERE_IT_HURTS) if title is None else title
        super().__init__(shown, parent)
        self.setAccessibleName(shown.replace("&", ""))
        self.boxes: dict[BodySite, QCheckBox] = {}
        self._cells: dict[tuple[int, int], QCheckBox] = {}
        self._where: dict[QObject, tuple[int, int]] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(18)
        # Laid out like a body facing you: the person's right side on the left of the screen.
        columns = (
            ("Right side", (Region.RIGHT_UPPER, Region.RIGHT_LOWER)),
            ("Centre", (Region.AXIAL,)),
            ("Left side", (Region.LEFT_UPPER, Region.LEFT_LOWER)),
        )
        for col, (heading, regions) in enumerate(columns):
            grid.addWidget(QLabel(f"<b>{translated(heading)}</b>"), 0, col)
            row = 1
            for info in BODY_SITES:
                if info.region not in regions:
                    continue
                box = QCheckBox(translated(info.label))
                box.setAccessibleName(self.tr("Body site: {0}").format(translated(info.label)))
                box.setToolTip(translated(REGION_LABELS[info.region]))
                box.toggled.connect(self.changed)
                self.boxes[info.site] = box
                grid.addWidget(box, row, col)
                self._cells[(row, col)] = box
                self._where[box] = (row, col)
                box.installEventFilter(self)
                row += 1
        grid.setColumnStretch(3, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys move between the boxes as they are laid out, like a map of the body."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and watched in self._where:
            step = ARROW_STEPS.get(Qt.Key(event.key()))
            if step is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                row, col = self._where[watched]
                target = self._neighbour(row + step[0], col + step[1], sideways=step[1] != 0)
                if target is not None:
                    target.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _neighbour(self, row: int, col: int, *, sideways: bool) -> QCheckBox | None:
        if (row, col) in self._cells:
            return self._cells[(row, col)]
        if sideways:  # a shorter column: its lowest box
            rows = [r for (r, c) in self._cells if c == col and r <= row]
            return self._cells[(max(rows), col)] if rows else None
        return None

    def sites(self) -> frozenset[BodySite]:
        return frozenset(site for site, box in self.boxes.items() if box.isChecked())

    def set_sites(self, sites: Iterable[BodySite]) -> None:
        chosen = set(sites)
        for site, box in self.boxes.items():
            box.setChecked(site in chosen)


class ErrorLabel(QLabel):
    """Shows what is wrong with the input, naming each field. Hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.use_colour()
        self.setAccessibleName(self.tr("Problems with the input"))

    def use_colour(self) -> None:
        """Dark red on a light window, light red on a dark one: 4.5:1 or more on either (WCAG AA)."""
        dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        sheet = f"color: {'#ff8a80' if dark else '#b00020'}; font-weight: bold;"
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.use_colour()
        super().changeEvent(event)
        self.hide()

    def show_error(self, error: ValidationError | str) -> None:
        if isinstance(error, ValidationError):
            lines = [
                QCoreApplication.translate("ErrorLabel", "• {0} {1}").format(
                    upper_first(phrase(p.field_words)), phrase(p.phrase)
                )
                for p in error.problems
            ]
            text = QCoreApplication.translate("ErrorLabel", "Not saved. Please check:") + "\n" + "\n".join(lines)
        else:
            text = error
        self.setText(text)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()


class NoticeBanner(QFrame):
    """A gentle, dismissable notice (never a modal): used for the see-a-doctor notes."""

    dismissed = Signal()
    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#noticeBanner { background: #fff4e5; border: 1px solid #f0b429; border-radius: 6px; }"
            "#noticeBanner QLabel { color: #4a3500; }"
        )
        layout = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label, 1)
        self.link = QLabel()
        self.link.setAccessibleName(QCoreApplication.translate("NoticeBanner", "Learn more about this notice"))
        self.link.linkActivated.connect(self.link_activated)
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignTop)
        self.dismiss_button = QPushButton(QCoreApplication.translate("NoticeBanner", "Dismiss"))
        self.dismiss_button.setAccessibleName(QCoreApplication.translate("NoticeBanner", "Dismiss notice"))
        self.dismiss_button.clicked.connect(self._dismiss)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(QCoreApplication.translate("NoticeBanner", "Notice"))
        self.hide()

    def show_notice(self, text: str, link: str = "", link_text: str = "Learn more") -> None:
        self.label.setText(text)
        self.link.setText(f'<a href="{link}">{link_text}</a>' if link else "")
        self.link.setVisible(bool(link))
        self.show()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


class OptionalDate(QWidget):
    """A date that may be left empty (check box off)."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox()
        self.enabled.setAccessibleName(self.tr("Set {0}").format(name))
        self.edit = QDateEdit(QDate.currentDate())
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DisplayFormats.date_pattern())  # the locale's order and month names
        self.edit.setAccessibleName(name)
        self.edit.setEnabled(False)
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.enabled.isChecked() else None  # type: ignore[no-any-return]

    def set_value(self, value: date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


class LazyView(QWidget):
    """Stands in a view's place and builds the real view the first time it is shown (heavy imports wait)."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._factory = factory
        self._view: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def view(self) -> QWidget:
        if self._view is None:
            self._view = self._factory()
            self._layout.addWidget(self._view)
        return self._view

    def showEvent(self, event: object) -> None:
        self.view()
        super().showEvent(event)  # type: ignore[arg-type]


def labelled(text: str, widget: QWidget, hint: str = "") -> QWidget:
    """A row of label (with the widget as its buddy, so Alt+letter focuses it), widget and a hint."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget)
    if hint:
        hint_label = QLabel(hint)
        hint_label.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint_label)
    layout.addStretch(1)
    return box


def vbox(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    return box
