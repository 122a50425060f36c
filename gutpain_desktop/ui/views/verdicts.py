"""The evidence of one reintroduction challenge (each target symptom before, on each dose day and through the break,
with the confounders in the window) and the suggested verdict, which the person accepts or changes."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ...analysis.challenges import (
    CONFOUNDER_LABELS,
    Confounder,
    Verdict,
    challenge_inputs,
    challenge_window,
    verdict_for,
)
from ...domain.entries import ChallengeEntry, ChallengeOutcome, humanise
from ...domain.measurements import CHALLENGE_DOSE_DAYS
from ...i18n import Label
from ..models.rows_model import RowsModel
from ..services import Services
from ..translate import label as translated
from ..translate import number, phrase


def challenge_verdict(services: Services, challenge: ChallengeEntry, today: date | None = None) -> Verdict:
    """The suggested verdict from what the journal holds over the challenge's window (scores and confounders)."""
    first, last = challenge_window(challenge.local_date, challenge.washout_days)
    measured = services.entries.measurements(start=first, end=last, context=True)
    scores, confounders = challenge_inputs(
        measured,
        day1=challenge.local_date,
        targets=challenge.target_symptoms,
        washout_days=challenge.washout_days,
    )
    return verdict_for(challenge, scores, confounders, today=today or date.today(), names=services.catalog.names())


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
        self.heading.setAccessibleName(self.tr("Which challenge"))
        layout.addWidget(self.heading)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Target symptoms before, during and after the challenge"))
        self.model = RowsModel(self.table)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("Suggested verdict"))
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("&Accept the suggestion"))
        self.accept_button.setAccessibleName(self.tr("Accept the suggested verdict"))
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
        formats = self.services.formats
        names = self.services.catalog.names()
        doses = {d.day: phrase(Label(humanise(d.size.value), lower=True)) for d in challenge.doses}
        header = [self.tr("Symptom"), self.tr("Before (mean)"), self.tr("Counts as a rise from")]
        for day_number in range(1, CHALLENGE_DOSE_DAYS + challenge.washout_days + 1):
            day = challenge.local_date + timedelta(days=day_number - 1)
            shown = f"{formats.weekday(day)} {formats.day_month(day)}"
            if day_number in doses:
                header.append(self.tr("Day {0}, dose {1}\n{2}").format(day_number, doses[day_number], shown))
            else:
                header.append(self.tr("Day {0}, break\n{1}").format(day_number, shown))
        rows = [
            [
                translated(names.get(course.symptom, humanise(course.symptom))),
                "—" if course.baseline is None else self._baseline(course.baseline, course.baseline_days),
                "—" if course.rise_level is None else number(course.rise_level),
                *("—" if v is None else number(v) for v in course.scores),
            ]
            for course in verdict.symptoms
        ]
        rows.append(self._confounder_row(verdict, CHALLENGE_DOSE_DAYS + challenge.washout_days))
        self.model.set_rows(header, rows)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        rows_height = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        bar = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows_height + bar + 4)
        self.suggested = verdict.outcome
        self.heading.setText(
            self.tr("{0} challenge from {1}").format(challenge.food, formats.short_date(challenge.local_date))
        )
        self.text.setText(phrase(verdict.phrase))
        decided = verdict.outcome is not ChallengeOutcome.PENDING
        self.accept_button.setEnabled(decided and challenge.outcome is not verdict.outcome)
        self.show()

    def _baseline(self, mean: float, days: int) -> str:
        return (
            self.tr("{0} (1 day)").format(number(mean))
            if days == 1
            else self.tr("{0} (%n days)", None, days).format(number(mean))
        )

    def _confounder_row(self, verdict: Verdict, days: int) -> list[str]:
        """The confounders as a timeline under the scores: the baseline days together, then each challenge day.
        Those that made the verdict inconclusive are marked with an asterisk."""
        deciding = set(verdict.deciding_confounders)

        def words(found: list[Confounder]) -> str:
            unique = list(dict.fromkeys(found))
            return ", ".join(translated(CONFOUNDER_LABELS[c]) + ("*" if c in deciding else "") for c in unique) or "—"

        before = [c for day, c in verdict.confounders if day <= 0]
        by_day = [[c for d, c in verdict.confounders if d == number] for number in range(1, days + 1)]
        label = self.tr("Also going on\n(* made it inconclusive)") if deciding else self.tr("Also going on")
        return [label, words(before), "", *(words(found) for found in by_day)]

    def _accept(self) -> None:
        if self.challenge is not None and self.suggested is not None:
            self.accepted.emit(self.challenge, self.suggested)
