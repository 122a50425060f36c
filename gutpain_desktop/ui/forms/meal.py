"""Entry forms: meal."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.entries import (
    AnyEntry,
    Category,
    EntryKind,
    FoodItem,
    MealEntry,
    MealType,
    humanise,
)
from ...domain.validation import ValidationError, food_field
from ...i18n import QT_TRANSLATE_NOOP
from ..services import Services
from ..translate import label as translated
from ..widgets.learn import learn_link
from .base import EntryForm, _combo, _select, form_layout, hint

#: The completer's role for a remembered food's plain name (its display text also lists its categories).
FOOD_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class FoodRow(QWidget):
    remove_requested = Signal(object)

    def __init__(self, services: Services, categories: list[Category], completer: QCompleter, number: int):
        super().__init__()
        self.services = services
        self._user_chose_categories = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        top = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Food or drink, e.g. porridge with milk"))
        self.name.setAccessibleName(self.tr("Food {0}").format(number))
        self.name.setCompleter(completer)
        self.name.editingFinished.connect(self.propose_categories)
        completer.activated.connect(lambda _text: self.propose_categories())
        self.portion = QLineEdit()
        self.portion.setPlaceholderText(self.tr("portion (optional)"))
        self.portion.setAccessibleName(self.tr("Food {0} portion").format(number))
        self.portion.setMaximumWidth(160)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(self.tr("Remove this food"))
        self.remove.setAccessibleName(self.tr("Remove food {0}").format(number))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        top.addWidget(self.name, 1)
        top.addWidget(self.portion)
        top.addWidget(self.remove)
        layout.addLayout(top)
        cats = QHBoxLayout()
        cats.addSpacing(12)
        self.category_boxes: dict[str, QCheckBox] = {}
        for cat in categories:
            box = QCheckBox(translated(cat.name))
            box.setAccessibleName(self.tr("Food {0} contains {1}").format(number, translated(cat.name)))
            box.clicked.connect(self._on_category_clicked)
            self.category_boxes[cat.key] = box
            cats.addWidget(box)
        self.memory_hint = QLabel()
        self.memory_hint.setStyleSheet("color: palette(placeholder-text);")
        cats.addWidget(self.memory_hint)
        cats.addStretch(1)
        layout.addLayout(cats)

    def _on_category_clicked(self) -> None:
        self._user_chose_categories = True
        self.memory_hint.clear()

    def propose_categories(self) -> None:
        """Tick the categories this food had last time, unless the person already chose some."""
        if self._user_chose_categories or not self.name.text().strip():
            return
        remembered = self.services.catalog.remembered_categories(self.name.text())
        if remembered is None:
            return
        for key, box in self.category_boxes.items():
            box.setChecked(key in remembered)
        self.memory_hint.setText(self.tr("(as last time)") if remembered else "")

    def item(self) -> FoodItem | None:
        cats = tuple(sorted(k for k, b in self.category_boxes.items() if b.isChecked()))
        name = self.name.text().strip()
        if not name and not cats and not self.portion.text().strip():
            return None
        return FoodItem(name, cats, self.portion.text().strip())

    def set_item(self, food: FoodItem) -> None:
        self.name.setText(food.name)
        self.portion.setText(food.portion)
        for key, box in self.category_boxes.items():
            box.setChecked(key in food.categories)
        self._user_chose_categories = True


class MealForm(EntryForm):
    kind = EntryKind.MEAL
    title = "Meal"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.categories = [c for c in services.catalog.categories() if not c.hidden]
        self.completer = QCompleter(self._food_model(), self)
        self.completer.setCompletionRole(FOOD_NAME_ROLE)  # matched and filled in by name; shown with categories
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        layout = QVBoxLayout(self)
        self.meal_type = _combo(self.tr("Meal type"), [(humanise(t.value), t) for t in MealType])
        form = form_layout()
        form.addRow(self.tr("&Meal"), self.meal_type)
        layout.addLayout(form)
        layout.addWidget(hint(self.tr("One food or drink per line. Tick what it contains; known foods remember it.")))
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)
        self.rows: list[FoodRow] = []
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add another food"))
        self.add_button.clicked.connect(lambda: self.add_row().name.setFocus())
        buttons.addWidget(self.add_button)
        # "Same as yesterday": the foods of the day before's meal of this type (offered for new meals only).
        self.repeat_button = QPushButton()
        self.repeat_button.setAccessibleName(self.tr("Same foods as the day before"))
        self.repeat_button.clicked.connect(self.repeat_previous)
        self.repeat_button.hide()
        buttons.addWidget(self.repeat_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._previous: list[MealEntry] = []
        self.meal_type.currentIndexChanged.connect(self._offer_repeat)
        layout.addWidget(
            learn_link(
                services, "food-reactions", QT_TRANSLATE_NOOP("Labels", "What the evidence says about these foods")
            )
        )
        self.add_row()

    def _food_model(self) -> QStandardItemModel:
        """Foods logged before, most used first, each shown with the categories it had last time."""
        names = {c.key: c.name for c in self.services.catalog.categories()}
        model = QStandardItemModel(self)
        for name, categories in self.services.catalog.remembered_foods():
            labels = ", ".join(names.get(key, humanise(key)) for key in categories)
            item = QStandardItem(f"{name}  —  {labels}" if labels else name)
            item.setData(name, FOOD_NAME_ROLE)
            item.setEditable(False)
            model.appendRow(item)
        return model

    def known_food_names(self) -> list[str]:
        model = self.completer.model()
        return [model.index(row, 0).data(FOOD_NAME_ROLE) for row in range(model.rowCount())]

    def offer_repeat(self, day: date) -> None:
        """Offer the foods of the same meal on the day before ``day`` (for a new meal)."""
        before = day - timedelta(days=1)
        found = self.services.entries.entries(kinds=[EntryKind.MEAL], start=before, end=before)
        self._previous = [m for m in found if isinstance(m, MealEntry) and m.foods]
        self.repeat_button.show()
        self._offer_repeat()

    def previous_meal(self) -> MealEntry | None:
        """The day before's meal of the chosen type (the last one that day), if there was one."""
        chosen = self.meal_type.currentData()
        same = [m for m in self._previous if m.meal_type == chosen]
        return same[-1] if same else None

    def _offer_repeat(self) -> None:
        meal = humanise(str(self.meal_type.currentData())).lower()
        previous = self.previous_meal()
        self.repeat_button.setEnabled(previous is not None)
        self.repeat_button.setText(self.tr("Same as &yesterday's {0}").format(meal))
        if previous is None:
            self.repeat_button.setToolTip(self.tr("No {0} was logged the day before").format(meal))
        else:
            foods = ", ".join(f.name for f in previous.foods)
            self.repeat_button.setToolTip(self.tr("{0} (Alt+Y)").format(foods))

    def repeat_previous(self) -> bool:
        """Fill in the foods (with their categories and portions) of the day before's meal of this type."""
        previous = self.previous_meal()
        if previous is None:
            return False
        self._set_foods(previous.foods)
        self.rows[-1].name.setFocus()
        return True

    def default_meal_type(self, at: time) -> None:
        if at < time(10, 30):
            chosen = MealType.BREAKFAST
        elif at < time(15, 0):
            chosen = MealType.LUNCH
        elif at < time(17, 30):
            chosen = MealType.SNACK
        else:
            chosen = MealType.DINNER
        _select(self.meal_type, chosen)

    def add_row(self) -> FoodRow:
        row = FoodRow(self.services, self.categories, self.completer, len(self.rows) + 1)
        row.remove_requested.connect(self._remove_row)
        row.name.returnPressed.connect(lambda r=row: self._on_return_in_row(r))
        self.rows.append(row)
        self.rows_box.addWidget(row)
        return row

    def _on_return_in_row(self, row: FoodRow) -> None:
        """Enter in a food's name moves on to a new line, so a meal can be typed without the mouse."""
        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submit_requested.emit()
            return
        if not row.name.text().strip():
            return
        position = self.rows.index(row) if row in self.rows else -1
        target = self.add_row() if position == len(self.rows) - 1 else self.rows[position + 1]
        target.name.setFocus()

    def _remove_row(self, row: FoodRow) -> None:
        if len(self.rows) == 1:
            row.set_item(FoodItem(""))
            return
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, MealEntry)
        _select(self.meal_type, entry.meal_type)
        self._set_foods(entry.foods)

    def _set_foods(self, foods: tuple[FoodItem, ...]) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            row.setParent(None)
            row.deleteLater()
        for food in foods:
            self.add_row().set_item(food)
        if not self.rows:
            self.add_row()

    def build(self, common: dict[str, Any]) -> AnyEntry:
        foods = []
        for number, row in enumerate(self.rows, start=1):
            item = row.item()
            if item is None:
                continue
            if not item.name:
                raise ValidationError.single(food_field(number), self.tr("needs a name"))
            foods.append(item)
        return MealEntry(meal_type=MealType(self.meal_type.currentData()), foods=tuple(foods), **common)

    def first_field(self) -> QWidget:
        return self.rows[0].name


# --- pain, symptoms, stress ----------------------------------------------------------------------------------
