"""The evidence of one reintroduction challenge (each target symptom before, on each dose day and through the break,
with the confounders in the window) and the suggested verdict, which the person accepts or changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ...analysis.challenges import BASELINE_DAYS, Confounder, Verdict, day_confounders, verdict_for
from ...domain.entries import ChallengeEntry, ChallengeOutcome, ContextEntry, EntryKind, humanise
from ...domain.measurements import CHALLENGE_DOSE_DAYS
from ..models.rows_model import RowsModel
from ..services import Services

#: A medicine counts as new when it was not logged in this many days before day 1.
MEDICINE_LOOKBACK_DAYS = 14


@dataclass(frozen=True)
class Evidence:
    """What the verdict rule is given, read from the journal."""

    first: date
    last: date
    scores: Mapping[date, Mapping[str, float | None]]
    confounders: dict[date, frozenset[Confounder]]


def gather_evidence(services: Services, challenge: ChallengeEntry) -> Evidence:
    """Daily means of each target symptom from the baseline days to the end of the break, and each day's
    confounders (illness or fever, a period, high stress, a short night, a medicine not taken in the two weeks
    before day 1)."""
    day1 = challenge.local_date
    first = day1 - timedelta(days=BASELINE_DAYS)
    last = day1 + timedelta(days=CHALLENGE_DOSE_DAYS - 1 + challenge.washout_days)
    m = services.entries.measurements(start=first, end=last)
    ratings: dict[tuple[date, str], list[int]] = {}
    for day, key, value in zip(m.symptom_dates, m.symptom_keys, m.symptom_severity, strict=True):
        if key in challenge.target_symptoms:
            ratings.setdefault((day, key), []).append(value)
    scores = {
        first + timedelta(days=i): {
            k: fmean(ratings[(first + timedelta(days=i), k)])
            for k in challenge.target_symptoms
            if (first + timedelta(days=i), k) in ratings
        }
        for i in range((last - first).days + 1)
    }
    stress: dict[date, int] = {}
    for day, level in zip(m.stress_dates, m.stress_level, strict=True):
        stress[day] = max(level, stress.get(day, 0))
    sleep: dict[date, float] = {}
    for day, hours in zip(m.sleep_dates, m.sleep_hours, strict=True):
        if hours is not None:
            sleep[day] = min(hours, sleep.get(day, 24.0))
    context = [
        e
        for e in services.entries.entries(
            kinds=[EntryKind.CONTEXT], start=day1 - timedelta(days=MEDICINE_LOOKBACK_DAYS), end=last
        )
        if isinstance(e, ContextEntry)
    ]
    usual = {e.medication.strip().lower() for e in context if e.local_date < first and e.medication.strip()}
    confounders: dict[date, frozenset[Confounder]] = {}
    for i in range((last - first).days + 1):
        day = first + timedelta(days=i)
        that_day = [e for e in context if e.local_date == day]
        found = day_confounders(
            illness=any(e.illness or e.fever for e in that_day),
            period=any(e.period for e in that_day),
            stress=stress.get(day),
            sleep_hours=sleep.get(day),
            new_medicine=any(e.medication.strip() and e.medication.strip().lower() not in usual for e in that_day),
        )
        if found:
            confounders[day] = found
    return Evidence(first, last, scores, confounders)


def challenge_verdict(services: Services, challenge: ChallengeEntry, today: date | None = None) -> Verdict:
    evidence = gather_evidence(services, challenge)
    return verdict_for(
        challenge,
        evidence.scores,
        evidence.confounders,
        today=today or date.today(),
        names=services.catalog.names(),
    )


class VerdictPanel(QGroupBox):
    """Shown for the running challenge, the latest undecided one, or the one chosen in the history."""

    #: (challenge, outcome) when the person accepts the suggestion.
    accepted = Signal(object, object)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__("Challenge result", parent)
        self.services = services
        self.challenge: ChallengeEntry | None = None
        self.suggested: ChallengeOutcome | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Which challenge")
        layout.addWidget(self.heading)
        self.table = QTableView()
        self.table.setAccessibleName("Target symptoms before, during and after the challenge")
        self.model = RowsModel(self.table)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setMaximumHeight(130)
        layout.addWidget(self.table)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Suggested verdict")
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("&Accept the suggestion"))
        self.accept_button.setAccessibleName("Accept the suggested verdict")
        self.accept_button.clicked.connect(self._accept)
        row.addWidget(self.accept_button)
        row.addWidget(QLabel(self.tr("or choose another outcome below, on your own or with your dietitian.")))
        row.addStretch(1)
        layout.addLayout(row)
        self.hide()

    def show_challenge(self, challenge: ChallengeEntry | None) -> None:
        self.challenge = challenge
        if challenge is None:
            self.hide()
            return
        verdict = challenge_verdict(self.services, challenge)
        names = self.services.catalog.names()
        doses = {d.day: d.size.value for d in challenge.doses}
        header = ["Symptom", "Before (mean)", "Counts as a rise from"]
        for number in range(1, CHALLENGE_DOSE_DAYS + challenge.washout_days + 1):
            day = challenge.local_date + timedelta(days=number - 1)
            what = f"dose {doses[number]}" if number in doses else "break"
            header.append(f"Day {number}, {what}\n{day:%a %d %b}")
        rows = [
            [
                names.get(course.symptom, humanise(course.symptom)),
                "—" if course.baseline is None else f"{course.baseline:.1f} ({course.baseline_days} days)",
                "—" if course.rise_level is None else f"{course.rise_level:.1f}",
                *("—" if v is None else f"{v:.1f}" for v in course.scores),
            ]
            for course in verdict.symptoms
        ]
        self.model.set_rows(header, rows)
        self.table.resizeColumnsToContents()
        self.suggested = verdict.outcome
        self.heading.setText(
            self.tr("{0} challenge from {1}").format(challenge.food, challenge.local_date.strftime("%d %b %Y"))
        )
        self.text.setText(verdict.sentence)
        decided = verdict.outcome is not ChallengeOutcome.PENDING
        self.accept_button.setEnabled(decided and challenge.outcome is not verdict.outcome)
        self.show()

    def _accept(self) -> None:
        if self.challenge is not None and self.suggested is not None:
            self.accepted.emit(self.challenge, self.suggested)
