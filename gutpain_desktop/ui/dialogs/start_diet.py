"""Start an elimination diet: low FODMAP (its six groups), a single-food trial, or the person's own list; a baseline
first or not; how long to leave the foods out. Starting anything gluten-related shows the coeliac-testing notice."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.diet import (
    FODMAP_GROUPS,
    DietPlan,
    eliminated_words,
    fodmap_key,
    protocol_words,
    single_food_protocol,
    touches_gluten,
)
from ...domain.entries import DietPhaseEntry, DietProtocol
from ...i18n import QT_TRANSLATE_NOOP
from ..commands import AddEntriesCommand, starting
from ..formats import DisplayFormats
from ..forms.base import COELIAC_NOTICE, form_layout, hint
from ..services import Services
from ..translate import label as translated
from ..translate import phrase
from ..widgets.common import ErrorLabel
from ..widgets.learn import learn_link

#: The three kinds of diet, in the order of the radio buttons.
KINDS = ("fodmap", "single", "custom")


class StartDietDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Start an elimination diet"))
        self.names = services.catalog.names()
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)

        what = QGroupBox(self.tr("What to leave out"))
        what_layout = QVBoxLayout(what)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        labels = {
            "fodmap": self.tr("&Low FODMAP: the six FODMAP groups (best with a dietitian)"),
            "single": self.tr("&One food or group, e.g. a gluten-free or dairy-free trial"),
            "custom": self.tr("My o&wn list of foods and groups"),
        }
        for index, kind in enumerate(KINDS):
            button = QRadioButton(labels[kind])
            button.setAccessibleName(labels[kind].replace("&", ""))
            self.kind_group.addButton(button, index)
            self.kind_buttons[kind] = button
            what_layout.addWidget(button)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._fodmap_page())
        self.pages.addWidget(self._single_page())
        self.pages.addWidget(self._custom_page())
        what_layout.addWidget(self.pages)
        layout.addWidget(what)

        when = QGroupBox(self.tr("When"))
        form = form_layout()
        self.start = QDateEdit(QDate.currentDate())
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(DisplayFormats.date_pattern())  # the locale's order and month names
        self.start.setAccessibleName(self.tr("Start date"))
        form.addRow(self.tr("&Start on"), self.start)
        self.with_baseline = QCheckBox(self.tr("Begin with a &baseline: eat as usual and log every day"))
        self.with_baseline.setChecked(True)
        self.baseline_days = QSpinBox()
        self.baseline_days.setRange(7, 28)
        self.baseline_days.setValue(14)
        self.baseline_days.setSuffix(self.tr(" days"))
        self.baseline_days.setAccessibleName(self.tr("Baseline length in days"))
        row = QHBoxLayout()
        row.addWidget(self.with_baseline)
        row.addWidget(self.baseline_days)
        row.addStretch(1)
        form.addRow(row)
        self.weeks = QSpinBox()
        self.weeks.setRange(2, 6)
        self.weeks.setValue(4)
        self.weeks.setSuffix(self.tr(" weeks"))
        self.weeks.setAccessibleName(self.tr("Elimination length in weeks"))
        form.addRow(self.tr("Leave them out &for"), self.weeks)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name of this diet"))
        self.name.setPlaceholderText(self.tr("optional, e.g. 'Spring dairy trial'"))
        form.addRow(self.tr("&Name"), self.name)
        when.setLayout(form)
        layout.addWidget(when)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What will happen"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.coeliac = hint(translated(COELIAC_NOTICE))
        self.coeliac.setStyleSheet("color: #7a4b00; background: #fff4e5; padding: 6px; border-radius: 4px;")
        self.coeliac.setAccessibleName(self.tr("Coeliac testing notice"))
        layout.addWidget(self.coeliac)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        layout.addWidget(
            learn_link(services, "elimination-diets", QT_TRANSLATE_NOOP("Labels", "Elimination diets done safely"))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Start"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.kind_group.idToggled.connect(self._on_kind)
        for signal in (
            self.start.dateChanged,
            self.with_baseline.toggled,
            self.baseline_days.valueChanged,
            self.weeks.valueChanged,
            self.name.textChanged,
            self.single.currentTextChanged,
            self.fodmap_list.itemChanged,
            self.custom_list.itemChanged,
            self.custom_other.textChanged,
        ):
            signal.connect(self.update_summary)
        self.with_baseline.toggled.connect(self.baseline_days.setEnabled)
        self.kind_buttons["single"].setChecked(True)
        self.update_summary()

    # --- pages ---------------------------------------------------------------------------------------------------

    def _checklist(self, name: str, items: list[tuple[str, str]], checked: bool) -> QListWidget:
        found = QListWidget()
        found.setAccessibleName(name)
        for text, key in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            found.addItem(item)
        if items:
            found.setFixedHeight(found.sizeHintForRow(0) * min(len(items), 7) + 2 * found.frameWidth() + 4)
        return found

    def _fodmap_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            hint(
                self.tr(
                    "All six groups are left out for two to six weeks, then brought back one group at a time. It is a "
                    "strict diet: a dietitian can keep it balanced. Untick a group only if they suggest it."
                )
            )
        )
        self.fodmap_list = self._checklist(
            self.tr("FODMAP groups to leave out"), [(translated(g), fodmap_key(g)) for g in FODMAP_GROUPS], True
        )
        layout.addWidget(self.fodmap_list)
        return page

    def _single_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.single = QComboBox()
        self.single.setEditable(True)
        self.single.setAccessibleName(self.tr("Food or group to leave out"))
        for category in self.services.catalog.categories(include_hidden=False):
            self.single.addItem(category.name, category.key)
        self.single.setCurrentIndex(0)
        form = form_layout()
        form.addRow(self.tr("Leave &out"), self.single)
        layout.addLayout(form)
        layout.addWidget(hint(self.tr("Choose one of your groups or type any food.")))
        return page

    def _custom_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        items = [(translated(c.name), c.key) for c in self.services.catalog.categories(include_hidden=False)]
        items += [(phrase(eliminated_words(fodmap_key(g))), fodmap_key(g)) for g in FODMAP_GROUPS]
        self.custom_list = self._checklist(self.tr("Foods and groups to leave out"), items, False)
        layout.addWidget(self.custom_list)
        self.custom_other = QLineEdit()
        self.custom_other.setAccessibleName(self.tr("Other foods to leave out"))
        self.custom_other.setPlaceholderText(self.tr("anything else, separated by commas"))
        layout.addWidget(self.custom_other)
        return page

    # --- the plan ------------------------------------------------------------------------------------------------

    def _on_kind(self, index: int, checked: bool) -> None:
        if checked:
            self.pages.setCurrentIndex(index)
            self.update_summary()

    def kind(self) -> str:
        return KINDS[max(self.kind_group.checkedId(), 0)]

    @staticmethod
    def _checked(found: QListWidget) -> list[str]:
        return [
            found.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(found.count())
            if found.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _single_key(self) -> str:
        text = self.single.currentText().strip()
        index = self.single.findText(text, Qt.MatchFlag.MatchFixedString)
        return str(self.single.itemData(index)) if index >= 0 else text

    def plan(self) -> DietPlan:
        kind = self.kind()
        if kind == "fodmap":
            protocol, eliminated = DietProtocol.LOW_FODMAP, self._checked(self.fodmap_list)
        elif kind == "single":
            key = self._single_key()
            protocol, eliminated = single_food_protocol(key), [key] if key else []
        else:
            others = [part.strip() for part in self.custom_other.text().split(",") if part.strip()]
            protocol, eliminated = DietProtocol.CUSTOM, [*self._checked(self.custom_list), *others]
        return DietPlan(
            protocol=protocol,
            eliminated=tuple(dict.fromkeys(eliminated)),
            start=self.start.date().toPython(),  # type: ignore[arg-type]
            with_baseline=self.with_baseline.isChecked(),
            baseline_days=self.baseline_days.value(),
            elimination_weeks=self.weeks.value(),
            name=self.name.text(),
        )

    def describe(self, plan: DietPlan) -> str:
        """'From Wed 25 Nov 2026: a 14-day baseline (eat as usual and log every day), then leave out Gluten for about
        4 weeks.'"""
        groups = [g for g in FODMAP_GROUPS if fodmap_key(g) in plan.eliminated]
        others = [phrase(eliminated_words(k, self.names)) for k in plan.eliminated if not k.startswith("fodmap_")]
        if len(groups) == len(FODMAP_GROUPS):
            others.insert(0, self.tr("all six FODMAP groups"))
        elif groups:
            others.insert(0, self.tr("the FODMAP groups {0}").format(", ".join(translated(g) for g in groups)))
        left_out = ", ".join(others) or self.tr("nothing yet")
        start = self.services.formats.date(plan.start)
        if plan.with_baseline:
            return self.tr(
                "From {0}: a {1}-day baseline (eat as usual and log every day), then leave out {2} for about {3} weeks."
            ).format(start, plan.baseline_days, left_out, plan.elimination_weeks)
        return self.tr("From {0}: leave out {1} for about {2} weeks, until {3}.").format(
            start, left_out, plan.elimination_weeks, self.services.formats.day_month(plan.planned_end)
        )

    def update_summary(self) -> None:
        plan = self.plan()
        problems = plan.problem_phrases()
        self.summary.setText(self.describe(plan) if not problems else "")
        if problems:
            self.error.show_error(" ".join(phrase(problem) for problem in problems))
        else:
            self.error.clear_error()
        self.ok_button.setEnabled(not problems)
        self.coeliac.setVisible(touches_gluten(plan.eliminated))

    def save(self) -> None:
        plan = self.plan()
        if plan.problems():
            self.update_summary()
            return
        at = datetime.combine(plan.start, time(8)) if plan.start != date.today() else datetime.now()
        saved = self.services.entries.add(plan.entry(at.astimezone()))
        assert isinstance(saved, DietPhaseEntry)
        name = phrase(protocol_words(saved))
        self.services.undo.push(AddEntriesCommand(self.services, [saved], starting(name)))
        self.services.events.data_changed.emit()
        self.services.events.status_message.emit(self.tr("Started {0} (Ctrl+Z takes it back).").format(name))
        self.accept()


def open_start_diet(services: Services, parent: QWidget) -> StartDietDialog:
    """Open without blocking (window-modal); Qt frees it once it is closed."""
    dialog = StartDietDialog(services, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
