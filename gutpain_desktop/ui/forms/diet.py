"""Entry forms: diet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.diet import FODMAP_GROUPS, eliminated_words, fodmap_key, touches_gluten
from ...domain.entries import (
    PROTOCOL_LABELS,
    AnyEntry,
    ChallengeDose,
    ChallengeEntry,
    ChallengeOutcome,
    DecidedBy,
    DietPhase,
    DietPhaseEntry,
    DietProtocol,
    Dose,
    EntryKind,
    humanise,
)
from ...i18n import QT_TRANSLATE_NOOP
from ..services import Services
from ..translate import label as translated
from ..translate import phrase
from ..widgets.common import OptionalDate
from ..widgets.learn import learn_link
from .base import COELIAC_NOTICE, EntryForm, _combo, _select, form_layout, hint


class DietPhaseForm(EntryForm):
    kind = EntryKind.DIET_PHASE
    uses_time = False
    title = "Diet phase"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        layout = QVBoxLayout(self)
        form = form_layout()
        self.protocol = _combo(self.tr("Diet protocol"), [(PROTOCOL_LABELS[p], p) for p in DietProtocol])
        form.addRow(self.tr("&Protocol"), self.protocol)
        self.protocol_name = QLineEdit()
        self.protocol_name.setPlaceholderText(self.tr("optional name, e.g. 'No nightshades'"))
        self.protocol_name.setAccessibleName(self.tr("Protocol name"))
        form.addRow(self.tr("&Name"), self.protocol_name)
        self.phase = _combo(self.tr("Phase"), [(humanise(p.value), p) for p in DietPhase])
        _select(self.phase, DietPhase.ELIMINATION)
        form.addRow(self.tr("P&hase (from the date above)"), self.phase)
        self.planned_end = OptionalDate(self.tr("Planned end"))
        form.addRow(self.tr("Planned &end"), self.planned_end)
        self.ended = OptionalDate(self.tr("Ended on"))
        form.addRow(self.tr("E&nded on"), self.ended)
        layout.addLayout(form)
        self.eliminated = QListWidget()
        self.eliminated.setAccessibleName(self.tr("What is left out"))
        self.eliminated.setMaximumHeight(150)
        for cat in services.catalog.categories():
            self._add_choice(translated(cat.name), cat.key)
        for group in FODMAP_GROUPS:
            self._add_choice(phrase(eliminated_words(fodmap_key(group))), fodmap_key(group))
        box = QGroupBox(self.tr("What is left out"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.eliminated)
        self.other = QLineEdit()
        self.other.setPlaceholderText(self.tr("anything else, separated by commas"))
        self.other.setAccessibleName(self.tr("Other foods left out"))
        inner.addWidget(self.other)
        layout.addWidget(box)
        self.coeliac = hint(translated(COELIAC_NOTICE))
        self.coeliac.setStyleSheet("color: #7a4b00; background: #fff4e5; padding: 6px; border-radius: 4px;")
        self.coeliac.setAccessibleName(self.tr("Coeliac testing notice"))
        layout.addWidget(self.coeliac)
        layout.addWidget(
            learn_link(services, "elimination-diets", QT_TRANSLATE_NOOP("Labels", "Elimination diets done safely"))
        )
        self.protocol.currentIndexChanged.connect(self._update_notice)
        self.phase.currentIndexChanged.connect(self._update_notice)
        self.eliminated.itemChanged.connect(self._update_notice)
        self._update_notice()

    def _add_choice(self, text: str, key: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.eliminated.addItem(item)

    def eliminated_keys(self) -> tuple[str, ...]:
        keys = [
            self.eliminated.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.eliminated.count())
            if self.eliminated.item(i).checkState() == Qt.CheckState.Checked
        ]
        keys += [part.strip() for part in self.other.text().split(",") if part.strip()]
        return tuple(dict.fromkeys(keys))

    def set_eliminated(self, keys: tuple[str, ...]) -> None:
        known = set()
        for i in range(self.eliminated.count()):
            item = self.eliminated.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            known.add(key)
            item.setCheckState(Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked)
        self.other.setText(", ".join(k for k in keys if k not in known))

    def _update_notice(self) -> None:
        gluten = self.protocol.currentData() == DietProtocol.GLUTEN_FREE or touches_gluten(self.eliminated_keys())
        starting = self.phase.currentData() in (DietPhase.BASELINE, DietPhase.ELIMINATION)
        self.coeliac.setVisible(gluten and starting)

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, DietPhaseEntry)
        _select(self.protocol, entry.protocol)
        self.protocol_name.setText(entry.protocol_name)
        _select(self.phase, entry.phase)
        self.planned_end.set_value(entry.planned_end)
        self.ended.set_value(entry.ended)
        self.set_eliminated(entry.eliminated)

    def build(self, common: dict[str, Any]) -> AnyEntry:
        return DietPhaseEntry(
            protocol=DietProtocol(self.protocol.currentData()),
            protocol_name=self.protocol_name.text().strip(),
            phase=DietPhase(self.phase.currentData()),
            planned_end=self.planned_end.value(),
            ended=self.ended.value(),
            eliminated=self.eliminated_keys(),
            **common,
        )

    def first_field(self) -> QWidget:
        return self.protocol


# --- challenge -----------------------------------------------------------------------------------------------


class DoseGrid(QGroupBox):
    """Day 1-3 of a challenge: a dose size (small, medium, large by default) and an optional amount for each."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        grid = QGridLayout(self)
        self.sizes: list[QComboBox] = []
        self.amounts: list[QLineEdit] = []
        for day, default in ((1, Dose.SMALL), (2, Dose.MEDIUM), (3, Dose.LARGE)):
            grid.addWidget(QLabel(self.tr("Day {0}").format(day)), day, 0)
            size = _combo(self.tr("Day {0} dose").format(day), [(humanise(d.value), d) for d in Dose])
            _select(size, default)
            amount = QLineEdit()
            amount.setPlaceholderText(self.tr("amount, e.g. half a glass"))
            amount.setAccessibleName(self.tr("Day {0} amount").format(day))
            grid.addWidget(size, day, 1)
            grid.addWidget(amount, day, 2)
            self.sizes.append(size)
            self.amounts.append(amount)

    @staticmethod
    def doses_of(sizes: list[QComboBox], amounts: list[QLineEdit]) -> tuple[ChallengeDose, ...]:
        return tuple(
            ChallengeDose(day, Dose(size.currentData()), amount.text().strip())
            for day, (size, amount) in enumerate(zip(sizes, amounts, strict=True), start=1)
        )

    def doses(self) -> tuple[ChallengeDose, ...]:
        return self.doses_of(self.sizes, self.amounts)


class ChallengeForm(EntryForm):
    kind = EntryKind.CHALLENGE
    uses_time = False
    title = "Reintroduction challenge"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        layout = QVBoxLayout(self)
        form = form_layout()
        self.food = QLineEdit()
        self.food.setPlaceholderText(self.tr("food or group, e.g. milk (lactose)"))
        self.food.setAccessibleName(self.tr("Food or group challenged"))
        form.addRow(self.tr("&Food or group"), self.food)
        layout.addLayout(form)
        layout.addWidget(hint(self.tr("Choose 1 to 3 symptoms to watch, before you start (day 1 is the date above).")))
        self.targets = QListWidget()
        self.targets.setAccessibleName(self.tr("Symptoms to watch"))
        self.targets.setMaximumHeight(140)
        for symptom in services.catalog.symptoms():
            item = QListWidgetItem(symptom.name)
            item.setData(Qt.ItemDataRole.UserRole, symptom.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.targets.addItem(item)
        layout.addWidget(self.targets)
        doses = DoseGrid(self.tr("Doses"))
        self.dose_sizes = doses.sizes
        self.dose_amounts = doses.amounts
        layout.addWidget(doses)
        form2 = form_layout()
        self.washout = QSpinBox()
        self.washout.setRange(0, 14)
        self.washout.setValue(3)
        self.washout.setSuffix(" days")
        self.washout.setAccessibleName(self.tr("Washout days"))
        form2.addRow(self.tr("&Washout"), self.washout)
        self.outcome = _combo(
            self.tr("Outcome"), [(humanise(o.value).replace("up to dose", "up to a dose"), o) for o in ChallengeOutcome]
        )
        form2.addRow(self.tr("&Outcome"), self.outcome)
        self.decided_by = _combo(
            self.tr("Outcome decided by"),
            [
                ("—", DecidedBy.NOBODY),
                (self.tr("Me"), DecidedBy.PERSON),
                (self.tr("My practitioner"), DecidedBy.PRACTITIONER),
            ],
            translate=False,
        )
        form2.addRow(self.tr("&Decided by"), self.decided_by)
        layout.addLayout(form2)
        layout.addWidget(
            learn_link(
                services, "elimination-diets", QT_TRANSLATE_NOOP("Labels", "How a reintroduction challenge works")
            )
        )

    def target_keys(self) -> tuple[str, ...]:
        return tuple(
            self.targets.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.targets.count())
            if self.targets.item(i).checkState() == Qt.CheckState.Checked
        )

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, ChallengeEntry)
        self.food.setText(entry.food)
        for i in range(self.targets.count()):
            item = self.targets.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in entry.target_symptoms
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        for dose in entry.doses:
            _select(self.dose_sizes[dose.day - 1], dose.size)
            self.dose_amounts[dose.day - 1].setText(dose.amount)
        self.washout.setValue(entry.washout_days)
        _select(self.outcome, entry.outcome)
        _select(self.decided_by, entry.decided_by)

    def build(self, common: dict[str, Any]) -> AnyEntry:
        doses = DoseGrid.doses_of(self.dose_sizes, self.dose_amounts)
        return ChallengeEntry(
            food=self.food.text().strip(),
            target_symptoms=self.target_keys(),
            doses=doses,
            washout_days=self.washout.value(),
            outcome=ChallengeOutcome(self.outcome.currentData()),
            decided_by=DecidedBy(self.decided_by.currentData()),
            **common,
        )

    def first_field(self) -> QWidget:
        return self.food


# --- weekly check-in -----------------------------------------------------------------------------------------
