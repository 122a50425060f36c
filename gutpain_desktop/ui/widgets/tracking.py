"""Choosing what to track: shared by the first-start welcome and the "What you track" dialog."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.preferences import CHECKIN_SECTIONS, TRACKER_LABELS, Tracker, TrackingPreferences
from ...domain.validation import ValidationError
from ..services import Services
from .common import ErrorLabel

#: Trackers outside the daily check-in form, shown as plain tick boxes.
OTHER_TRACKERS: tuple[Tracker, ...] = (Tracker.MEALS, Tracker.BOWEL, Tracker.CONTEXT, Tracker.DIET, Tracker.WEEKLY)
#: Item data role holding an item's key ("" for a name the person just added).
KEY_ROLE = Qt.ItemDataRole.UserRole


class _MovableList(QListWidget):
    """Alt+Up / Alt+Down ask to move the current line (handled here, before the list's own arrow keys)."""

    move_requested = Signal(int)

    def __init__(self, movable: bool):
        super().__init__()
        self._movable = movable

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}
        if self._movable and event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in steps:
            self.move_requested.emit(steps[Qt.Key(event.key())])
            return
        super().keyPressEvent(event)


class CheckList(QGroupBox):
    """Things to tick, optionally in an order the person sets (Alt+Up / Alt+Down) and with an "add your own" field."""

    def __init__(
        self,
        title: str,
        items: Iterable[tuple[str, str, bool]],
        *,
        movable: bool = False,
        add_placeholder: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(title, parent)
        self.setAccessibleName(title.replace("&", ""))
        layout = QVBoxLayout(self)
        self.list = _MovableList(movable)
        self.list.setAccessibleName(title.replace("&", ""))
        self.list.setToolTip(
            self.tr("Space ticks or unticks; Alt+Up and Alt+Down move the chosen line")
            if movable
            else self.tr("Space ticks or unticks")
        )
        for key, label, checked in items:
            self._add_item(key, label, checked)
        if self.list.count():
            self.list.setCurrentRow(0)
        layout.addWidget(self.list, 1)
        self.up_button: QPushButton | None = None
        self.down_button: QPushButton | None = None
        if movable:
            row = QHBoxLayout()
            self.up_button = QPushButton(self.tr("Move up"))
            self.up_button.setToolTip(self.tr("Move the chosen line up (Alt+Up)"))
            self.down_button = QPushButton(self.tr("Move down"))
            self.down_button.setToolTip(self.tr("Move the chosen line down (Alt+Down)"))
            self.up_button.clicked.connect(lambda: self.move_current(-1))
            self.down_button.clicked.connect(lambda: self.move_current(1))
            self.list.move_requested.connect(self.move_current)
            row.addWidget(self.up_button)
            row.addWidget(self.down_button)
            row.addStretch(1)
            layout.addLayout(row)
        self.new_name: QLineEdit | None = None
        self.error = ErrorLabel()
        if add_placeholder:
            row = QHBoxLayout()
            self.new_name = QLineEdit()
            self.new_name.setPlaceholderText(add_placeholder)
            self.new_name.setAccessibleName(add_placeholder)
            self.new_name.returnPressed.connect(self.add_from_field)
            add = QPushButton(self.tr("Add"))
            add.setAccessibleName(self.tr("Add: {0}").format(add_placeholder))
            add.setAutoDefault(False)
            add.clicked.connect(self.add_from_field)
            row.addWidget(self.new_name, 1)
            row.addWidget(add)
            layout.addLayout(row)
            layout.addWidget(self.error)

    def _add_item(self, key: str, label: str, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(label)
        item.setData(KEY_ROLE, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.addItem(item)
        return item

    def add_from_field(self) -> bool:
        """Add the typed name as a new, ticked line (saved with the rest)."""
        assert self.new_name is not None
        name = " ".join(self.new_name.text().split())
        if not name:
            return False
        if any(self.list.item(i).text().casefold() == name.casefold() for i in range(self.list.count())):
            self.error.show_error(self.tr("“{0}” is already in the list.").format(name))
            return False
        self.error.clear_error()
        item = self._add_item("", name, True)
        self.list.setCurrentItem(item)
        self.new_name.clear()
        return True

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def items(self) -> list[tuple[str, str, bool]]:
        """(key, label, ticked) in the order shown; key is "" for names added here."""
        found = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            found.append((item.data(KEY_ROLE), item.text(), item.checkState() == Qt.CheckState.Checked))
        return found

    def set_checked(self, key: str, checked: bool) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(KEY_ROLE) == key:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class TrackingChoices(QWidget):
    """What the daily check-in asks and in which order, the symptoms, the other trackers and the trigger categories.

    ``compact`` (the welcome) leaves out the order and the categories. Nothing is written until :meth:`save`.
    """

    def __init__(
        self,
        services: Services,
        *,
        compact: bool = False,
        preferences: TrackingPreferences | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.preferences = preferences or services.catalog.preferences()
        prefs = self.preferences
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        right = QVBoxLayout()
        outer.addLayout(left, 2)
        outer.addLayout(right, 3)

        self.symptoms = CheckList(
            self.tr("S&ymptoms to rate each day"),
            [(d.key, d.name, d.tracked) for d in services.catalog.symptoms()],
            movable=not compact,
            add_placeholder=self.tr("Add a symptom of your own"),
        )
        self.symptoms.setMinimumWidth(260)
        left.addWidget(self.symptoms, 1)

        order = prefs.checkin_order if not compact else CHECKIN_SECTIONS
        self.sections = CheckList(
            self.tr("The daily &check-in asks about") if compact else self.tr("The daily &check-in, in this order"),
            [(t.value, self.tr(TRACKER_LABELS[t]), prefs.shows(t)) for t in order],
            movable=not compact,
        )
        self.sections.list.setMaximumHeight(130)
        right.addWidget(self.sections)

        others = QGroupBox(self.tr("Also keep track of"))
        others_layout = QVBoxLayout(others)
        self.others: dict[Tracker, QCheckBox] = {}
        for tracker in OTHER_TRACKERS:
            box = QCheckBox(self.tr(TRACKER_LABELS[tracker]))
            box.setChecked(prefs.shows(tracker))
            box.setAccessibleName(TRACKER_LABELS[tracker])
            self.others[tracker] = box
            others_layout.addWidget(box)
        right.addWidget(others)

        self.categories: CheckList | None = None
        if not compact:
            self.categories = CheckList(
                self.tr("&Trigger categories offered for each food"),
                [(c.key, c.name, not c.hidden) for c in services.catalog.categories()],
                add_placeholder=self.tr("Add a category of your own, e.g. caffeine"),
            )
            right.addWidget(self.categories, 1)
        else:
            right.addStretch(1)
        self.error = ErrorLabel()
        right.addWidget(self.error)

    def chosen_preferences(self) -> TrackingPreferences:
        prefs = self.preferences
        sections = self.sections.items()
        for key, _label, ticked in sections:
            prefs = prefs.with_shown(Tracker(key), ticked)
        prefs = prefs.with_order(Tracker(key) for key, _label, _ticked in sections)
        for tracker, box in self.others.items():
            prefs = prefs.with_shown(tracker, box.isChecked())
        return prefs

    def save(self, *, welcomed: bool = False) -> bool:
        """Write the choices; on a problem (a name that cannot be used) say so and return False."""
        catalog = self.services.catalog
        try:
            symptom_order: list[str] = []
            tracked: dict[str, bool] = {}
            for row, (key, name, ticked) in enumerate(self.symptoms.items()):
                if not key:
                    key = catalog.add_symptom(name, tracked=ticked).key
                    self.symptoms.list.item(row).setData(KEY_ROLE, key)  # saved: not added twice on a retry
                symptom_order.append(key)
                tracked[key] = ticked
            hidden_categories: dict[str, bool] = {}
            if self.categories is not None:
                for row, (key, name, ticked) in enumerate(self.categories.items()):
                    if not key:
                        key = catalog.add_category(name).key
                        self.categories.list.item(row).setData(KEY_ROLE, key)
                    hidden_categories[key] = not ticked
        except ValidationError as exc:
            self.error.show_error(exc)
            return False
        prefs = self.chosen_preferences()
        if welcomed:
            prefs = prefs.welcomed_now()
        catalog.apply_tracking(
            preferences=prefs, symptom_order=symptom_order, tracked=tracked, hidden_categories=hidden_categories
        )
        self.error.clear_error()
        self.services.events.preferences_changed.emit()
        return True
