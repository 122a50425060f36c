"""Entry forms: checkins."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.entries import (
    REACTION_LABELS,
    AnyEntry,
    ContextEntry,
    EntryKind,
    Reaction,
    WeeklyCheckinEntry,
)
from ...domain.scales import (
    SSS_ITEM_LABELS,
    SSS_LEVELS,
    SSS_YES_NO_LABELS,
    SssItem,
    SssYesNo,
)
from ...i18n import QT_TRANSLATE_NOOP
from ..services import Services
from ..translate import label as translated
from ..widgets.common import BodySitePicker
from ..widgets.learn import learn_link
from ..widgets.weekly_history import WeeklyHistory
from .base import EntryForm, _combo, _select, form_layout, hint


class WeeklyCheckinForm(EntryForm):
    kind = EntryKind.WEEKLY_CHECKIN
    title = "Weekly check-in"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(self.tr("Think of the past 7 days. Tick every place that hurt.")))
        self.sites = BodySitePicker(self.tr("Where it hurt this past week"))
        layout.addWidget(self.sites)
        form = form_layout()
        self.items: dict[SssItem, QComboBox] = {}
        for item, label in SSS_ITEM_LABELS.items():
            box = _combo(
                translated(label), [(f"{n} – {translated(text)}", n) for n, text in SSS_LEVELS.items()], translate=False
            )
            self.items[item] = box
            form.addRow(translated(label), box)
            box.currentIndexChanged.connect(self._update_scores)
        layout.addLayout(form)
        flags = QGroupBox(self.tr("In the past 6 months, have you had…"))
        flag_layout = QHBoxLayout(flags)
        self.flags: dict[SssYesNo, QCheckBox] = {}
        for flag, label in SSS_YES_NO_LABELS.items():
            box = QCheckBox(translated(label))
            box.toggled.connect(self._update_scores)
            self.flags[flag] = box
            flag_layout.addWidget(box)
        layout.addWidget(flags)
        self.scores = QLabel()
        self.scores.setAccessibleName(self.tr("Derived scores"))
        layout.addWidget(self.scores)
        layout.addWidget(
            hint(self.tr("These numbers help you and your clinician follow changes. They are not a diagnosis."))
        )
        layout.addWidget(learn_link(services, "about-this-app", QT_TRANSLATE_NOOP("Labels", "What these numbers mean")))
        self.history = WeeklyHistory(services)
        layout.addWidget(self.history)
        self.sites.changed.connect(self._update_scores)
        self._update_scores()

    def _current(self, common: dict[str, Any]) -> WeeklyCheckinEntry:
        return WeeklyCheckinEntry(
            sites=self.sites.sites(),
            fatigue=self.items[SssItem.FATIGUE].currentData(),
            unrefreshed=self.items[SssItem.UNREFRESHED].currentData(),
            cognitive=self.items[SssItem.COGNITIVE].currentData(),
            headaches=self.flags[SssYesNo.HEADACHES].isChecked(),
            lower_abdominal_pain=self.flags[SssYesNo.LOWER_ABDOMEN].isChecked(),
            depression=self.flags[SssYesNo.DEPRESSION].isChecked(),
            **common,
        )

    def _update_scores(self) -> None:
        entry = self._current({"occurred_at": datetime.now().astimezone()})
        self.scores.setText(
            self.tr("Widespread pain index {0}/19 · Symptom severity {1}/12 · Total {2}/31").format(
                entry.wpi, entry.sss, entry.fs
            )
        )

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, WeeklyCheckinEntry)
        self.sites.set_sites(entry.sites)
        _select(self.items[SssItem.FATIGUE], entry.fatigue)
        _select(self.items[SssItem.UNREFRESHED], entry.unrefreshed)
        _select(self.items[SssItem.COGNITIVE], entry.cognitive)
        self.flags[SssYesNo.HEADACHES].setChecked(entry.headaches)
        self.flags[SssYesNo.LOWER_ABDOMEN].setChecked(entry.lower_abdominal_pain)
        self.flags[SssYesNo.DEPRESSION].setChecked(entry.depression)

    def build(self, common: dict[str, Any]) -> AnyEntry:
        return self._current(common)


# --- context -------------------------------------------------------------------------------------------------


class ContextForm(EntryForm):
    kind = EntryKind.CONTEXT
    title = "Context"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(self.tr("Things that can change how you feel, so the analysis can take them into account."))
        )
        row = QHBoxLayout()
        self.period = QCheckBox(self.tr("&Period"))
        self.illness = QCheckBox(self.tr("&Ill (cold, infection…)"))
        self.fever = QCheckBox(self.tr("&Fever"))
        self.alcohol = QCheckBox(self.tr("&Alcohol"))
        self.exercise = QCheckBox(self.tr("&Exercise"))
        for box in (self.period, self.illness, self.fever, self.alcohol, self.exercise):
            row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        form = form_layout()
        self.medication = QLineEdit()
        self.medication.setPlaceholderText(self.tr("e.g. ibuprofen 400 mg, new laxative"))
        self.medication.setAccessibleName(self.tr("Medication taken"))
        form.addRow(self.tr("&Medication taken"), self.medication)
        layout.addLayout(form)
        reaction = QGroupBox(self.tr("A reaction to a food"))
        inner = QVBoxLayout(reaction)
        inner.addWidget(
            hint(
                self.tr(
                    "If a food brought on hives, swelling or trouble breathing, note it here. The app will then never "
                    "offer that food as a reintroduction challenge."
                )
            )
        )
        food_form = form_layout()
        self.reaction_food = QLineEdit()
        self.reaction_food.setPlaceholderText(self.tr("the food or meal you suspect, e.g. prawns"))
        self.reaction_food.setAccessibleName(self.tr("Food that brought the reaction"))
        food_form.addRow(self.tr("Food or mea&l"), self.reaction_food)
        inner.addLayout(food_form)
        signs = QVBoxLayout()
        self.reactions: dict[Reaction, QCheckBox] = {}
        for value, text in (
            (Reaction.HIVES, self.tr("&Hives")),
            (Reaction.SWELLING, self.tr("S&welling of lips, face, tongue or throat")),
            (Reaction.BREATHING_TROUBLE, self.tr("&Trouble breathing")),
        ):
            box = QCheckBox(text)
            box.setAccessibleName(self.tr("Reaction: {0}").format(translated(REACTION_LABELS[value])))
            box.toggled.connect(self._on_reaction)
            self.reactions[value] = box
            signs.addWidget(box)
        inner.addLayout(signs)
        self.urgent = hint(
            self.tr(
                "Swelling of the face or throat, or trouble breathing, can become dangerous quickly. If it is "
                "happening now, call your local emergency number."
            )
        )
        self.urgent.setAccessibleName(self.tr("Urgent help notice"))
        self.urgent.setStyleSheet("color: #8a1c1c; background: #fdecea; padding: 6px; border-radius: 4px;")
        self.urgent.hide()
        inner.addWidget(self.urgent)
        layout.addWidget(reaction)
        layout.addWidget(
            learn_link(
                services,
                "reading-your-trends",
                QT_TRANSLATE_NOOP("Labels", "Why these matter when reading your trends"),
            )
        )

    def _on_reaction(self) -> None:
        serious = (
            self.reactions[Reaction.SWELLING].isChecked() or self.reactions[Reaction.BREATHING_TROUBLE].isChecked()
        )
        self.urgent.setVisible(serious)

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, ContextEntry)
        self.period.setChecked(entry.period)
        self.illness.setChecked(entry.illness)
        self.fever.setChecked(entry.fever)
        self.alcohol.setChecked(entry.alcohol)
        self.exercise.setChecked(entry.exercise)
        self.medication.setText(entry.medication)
        self.reaction_food.setText(entry.reaction_food)
        for value, box in self.reactions.items():
            box.setChecked(value in entry.reactions)

    def build(self, common: dict[str, Any]) -> AnyEntry:
        return ContextEntry(
            period=self.period.isChecked(),
            illness=self.illness.isChecked(),
            fever=self.fever.isChecked(),
            alcohol=self.alcohol.isChecked(),
            exercise=self.exercise.isChecked(),
            medication=self.medication.text().strip(),
            reaction_food=self.reaction_food.text().strip(),
            reactions=frozenset(value for value, box in self.reactions.items() if box.isChecked()),
            **common,
        )

    def first_field(self) -> QWidget:
        return self.period
