"""Start a reintroduction challenge, step by step: what to bring back (never a food that caused an allergic
reaction), which 1-3 symptoms to watch with their baseline from the days before, and the three doses and the break."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from statistics import fmean

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...analysis.challenges import (
    BASELINE_DAYS,
    REACTION_LABELS,
    ChallengePermission,
    Reaction,
    challenge_inputs,
    may_challenge,
    recorded_reactions,
)
from ...domain.diet import FODMAP_GROUPS
from ...domain.entries import ChallengeEntry
from ...domain.validation import ValidationError
from ...i18n import QT_TRANSLATE_NOOP
from ...storage import StorageWriteError
from ..commands import AddEntriesCommand, challenging
from ..formats import DisplayFormats
from ..forms.base import hint
from ..forms.diet import DoseGrid
from ..services import Services
from ..translate import label as translated
from ..translate import number, phrase
from ..widgets.common import ErrorLabel
from ..widgets.learn import learn_link


def baseline_means(services: Services, keys: list[str], day1: date) -> dict[str, tuple[float, int]]:
    """Mean daily score of each target symptom over the days before day 1, and on how many days it was rated
    (the same daily scores the verdict rule reads)."""
    m = services.entries.measurements(start=day1 - timedelta(days=BASELINE_DAYS), end=day1 - timedelta(days=1))
    scores, _confounders = challenge_inputs(m, day1=day1, targets=keys, washout_days=0)
    result: dict[str, tuple[float, int]] = {}
    for key in keys:
        daily = [v for day, by_key in scores.items() if day < day1 and (v := by_key.get(key)) is not None]
        result[key] = (fmean(daily) if daily else float("nan"), len(daily))
    return result


class FoodPage(QWizardPage):
    def __init__(self, services: Services):
        super().__init__()
        self.setTitle(self.tr("What to bring back"))
        self.setSubTitle(self.tr("One food or FODMAP group at a time, on top of the diet you have been following."))
        layout = QVBoxLayout(self)
        #: Reactions logged in the journal (a handful at most), matched against the food as it is typed.
        self.logged_reactions = services.entries.food_reactions()
        self.food = QLineEdit()
        self.food.setAccessibleName(self.tr("Food or group to bring back"))
        self.food.setPlaceholderText(self.tr("e.g. milk, wheat bread, garlic, or a FODMAP group"))
        choices = [*(f"FODMAP: {g}" for g in FODMAP_GROUPS), *services.catalog.known_foods(limit=2000)]
        completer = QCompleter(choices, self.food)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.food.setCompleter(completer)
        label = QLabel(self.tr("&Food or group"))
        label.setBuddy(self.food)
        layout.addWidget(label)
        layout.addWidget(self.food)
        self.day1 = QDateEdit(QDate.currentDate())
        self.day1.setCalendarPopup(True)
        self.day1.setDisplayFormat(DisplayFormats.date_pattern())  # the locale's order and month names
        self.day1.setAccessibleName(self.tr("Day 1 of the challenge"))
        day_label = QLabel(self.tr("&Day 1 (first portion)"))
        day_label.setBuddy(self.day1)
        layout.addWidget(day_label)
        layout.addWidget(self.day1)
        layout.addWidget(QLabel(self.tr("Has this food ever brought on, within hours of eating it:")))
        self.reactions: dict[Reaction, QCheckBox] = {}
        for reaction, text in (
            (Reaction.HIVES, self.tr("hives (an itchy, raised rash)")),
            (Reaction.SWELLING, self.tr("swelling of the lips, face, tongue or throat")),
            (Reaction.BREATHING_TROUBLE, self.tr("trouble breathing or wheezing")),
        ):
            box = QCheckBox(text)
            box.setAccessibleName(self.tr("This food has caused {0}").format(translated(REACTION_LABELS[reaction])))
            box.toggled.connect(self._on_reaction)
            self.reactions[reaction] = box
            layout.addWidget(box)
        self.refusal = hint("")
        self.refusal.setAccessibleName(self.tr("Why this food cannot be challenged"))
        self.refusal.setStyleSheet("color: #8a1c1c; background: #fdecea; padding: 6px; border-radius: 4px;")
        self.refusal.hide()
        layout.addWidget(self.refusal)
        layout.addWidget(
            learn_link(
                services, "elimination-diets", QT_TRANSLATE_NOOP("Labels", "How a reintroduction challenge works")
            )
        )
        layout.addStretch(1)
        self.food.textChanged.connect(self._on_reaction)

    def permission(self) -> ChallengePermission:
        ticked = [r for r, box in self.reactions.items() if box.isChecked()]
        return may_challenge(self.food.text(), ticked, recorded_reactions(self.food.text(), self.logged_reactions))

    def _on_reaction(self) -> None:
        permission = self.permission()
        self.refusal.setText(phrase(permission.phrase) if not permission.allowed else "")
        self.refusal.setVisible(not permission.allowed)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.food.text().strip()) and self.permission().allowed


class TargetsPage(QWizardPage):
    def __init__(self, services: Services, food_page: FoodPage):
        super().__init__()
        self.services = services
        self.food_page = food_page
        self.setTitle(self.tr("What to watch"))
        self.setSubTitle(self.tr("Choose 1 to 3 symptoms now, before you start, so the result is not picked after."))
        layout = QVBoxLayout(self)
        self.targets = QListWidget()
        self.targets.setAccessibleName(self.tr("Symptoms to watch"))
        for key, name in ((s.key, s.name) for s in services.catalog.symptoms()):
            item = QListWidgetItem(translated(name))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.targets.addItem(item)
        layout.addWidget(self.targets, 1)
        self.baseline = QLabel()
        self.baseline.setWordWrap(True)
        self.baseline.setAccessibleName(self.tr("Baseline of the chosen symptoms"))
        layout.addWidget(self.baseline)
        self.targets.itemChanged.connect(self._changed)

    def chosen(self) -> list[str]:
        return [
            self.targets.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.targets.count())
            if self.targets.item(i).checkState() == Qt.CheckState.Checked
        ]

    def initializePage(self) -> None:
        self._changed()

    def _changed(self) -> None:
        keys = self.chosen()
        day1: date = self.food_page.day1.date().toPython()  # type: ignore[assignment]
        names = {
            self.targets.item(i).data(Qt.ItemDataRole.UserRole): self.targets.item(i).text()
            for i in range(self.targets.count())
        }
        if not keys:
            self.baseline.setText(self.tr("Tick the symptoms you expect this food might affect."))
        elif len(keys) > 3:
            self.baseline.setText(self.tr("Three at most: the more you watch, the likelier one rises by chance."))
        else:
            lines = []
            for key, (mean, days) in baseline_means(self.services, keys, day1).items():
                if days == 0:
                    none = self.tr(
                        "{0}: no ratings in the %n days before day 1 — log it for a few days first, or the result "
                        "will be hard to read.",
                        "",
                        BASELINE_DAYS,
                    )
                    lines.append(none.format(names[key]))
                else:
                    some = self.tr("{0}: {1} on average over {2} of the %n days before.", "", BASELINE_DAYS)
                    lines.append(some.format(names[key], number(mean, 1), days))
            self.baseline.setText(self.tr("Baseline (what the challenge is compared with):") + "\n" + "\n".join(lines))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return 1 <= len(self.chosen()) <= 3


class PlanPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Doses and break"))
        self.setSubTitle(self.tr("A small, a medium and a large portion on days 1 to 3, then a break with none of it."))
        layout = QVBoxLayout(self)
        self.doses = DoseGrid(self.tr("Portions"))
        self.sizes = self.doses.sizes
        self.amounts = self.doses.amounts
        layout.addWidget(self.doses)
        self.washout = QSpinBox()
        self.washout.setRange(1, 14)
        self.washout.setValue(3)
        self.washout.setSuffix(self.tr(" days"))
        self.washout.setAccessibleName(self.tr("Break after the doses"))
        washout_label = QLabel(self.tr("&Break after the doses"))
        washout_label.setBuddy(self.washout)
        layout.addWidget(washout_label)
        layout.addWidget(self.washout)
        layout.addWidget(
            hint(
                self.tr(
                    "Stop early if a dose brings clear symptoms: that dose is your limit for now. Keep logging through "
                    "the break, until symptoms are back where they started."
                )
            )
        )
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        layout.addStretch(1)


class ChallengeWizard(QWizard):
    """Saves one ChallengeEntry (outcome pending) when finished; undoable like any save."""

    def __init__(self, services: Services, parent: QWidget | None = None, *, food: str = ""):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Start a reintroduction challenge"))
        self.setAccessibleName(self.tr("Start a reintroduction challenge"))
        self.food_page = FoodPage(services)
        self.food_page.food.setText(food)
        self.targets_page = TargetsPage(services, self.food_page)
        self.plan_page = PlanPage()
        for page in (self.food_page, self.targets_page, self.plan_page):
            self.addPage(page)
        self.saved: ChallengeEntry | None = None

    def entry(self) -> ChallengeEntry:
        day1: date = self.food_page.day1.date().toPython()  # type: ignore[assignment]
        plan = self.plan_page
        return ChallengeEntry(
            occurred_at=datetime.combine(day1, time(8, 0)).astimezone(),
            food=self.food_page.food.text().strip(),
            target_symptoms=tuple(self.targets_page.chosen()),
            doses=plan.doses.doses(),
            washout_days=plan.washout.value(),
        )

    def accept(self) -> None:
        try:
            saved = self.services.entries.add(self.entry())
        except ValidationError as exc:
            self.plan_page.error.show_error(exc)
            return  # the wizard stays open with everything the person chose
        except StorageWriteError as exc:  # disk full, read-only folder…: the same, with why the save failed
            self.plan_page.error.show_error(phrase(exc.phrase))
            return
        assert isinstance(saved, ChallengeEntry)
        self.saved = saved
        self.services.undo.push(AddEntriesCommand(self.services, [saved], challenging(saved.food)))
        self.services.events.data_changed.emit()
        self.services.events.status_message.emit(
            self.tr("{0} challenge planned from {1}.").format(saved.food, DisplayFormats.day_month(saved.local_date))
        )
        super().accept()


def open_challenge_wizard(services: Services, parent: QWidget, *, food: str = "") -> ChallengeWizard:
    """Open without blocking (window-modal); Qt frees it once it is closed."""
    wizard = ChallengeWizard(services, parent, food=food)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard
