"""Diet: where the person is in an elimination diet, moving between its phases, reintroduction challenges with
today's step, a suggested verdict with the numbers behind it, and the history of every challenge."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.diet import (
    PHASE_GUIDANCE,
    active_challenge,
    challenge_window_end,
    diet_state,
    eliminated_words,
    phase_words,
    protocol_words,
)
from ...domain.entries import (
    ChallengeEntry,
    ChallengeOutcome,
    DecidedBy,
    DietPhase,
    DietPhaseEntry,
    EntryKind,
    humanise,
)
from ...i18n import QT_TRANSLATE_NOOP, Label, listed
from ..commands import AddEntriesCommand, EditEntryCommand
from ..dialogs.challenge_wizard import open_challenge_wizard
from ..dialogs.start_diet import StartDietDialog, open_start_diet
from ..forms.base import _combo, hint
from ..models.rows_model import RowsModel
from ..services import Services
from ..translate import label as translated
from ..translate import phrase
from ..widgets.learn import learn_link
from .verdicts import VerdictPanel

OUTCOME_TEXT = {
    ChallengeOutcome.PENDING: QT_TRANSLATE_NOOP("Labels", "not decided yet"),
    ChallengeOutcome.TOLERATED: QT_TRANSLATE_NOOP("Labels", "tolerated"),
    ChallengeOutcome.TOLERATED_UP_TO_DOSE: QT_TRANSLATE_NOOP("Labels", "tolerated up to a dose"),
    ChallengeOutcome.NOT_TOLERATED: QT_TRANSLATE_NOOP("Labels", "not tolerated"),
    ChallengeOutcome.INCONCLUSIVE: QT_TRANSLATE_NOOP("Labels", "inconclusive"),
}


class DietView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setAccessibleName(self.tr("Diet"))
        self.phases: list[DietPhaseEntry] = []
        self.challenges: list[ChallengeEntry] = []
        inner = QWidget()
        layout = QVBoxLayout(inner)

        # --- the diet ---------------------------------------------------------------------------------------------
        diet_box = QGroupBox(self.tr("Elimination diet"))
        diet = QVBoxLayout(diet_box)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("Current diet phase"))
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        diet.addWidget(self.state)
        self.guidance = hint("")
        self.guidance.setAccessibleName(self.tr("What this phase is for"))
        diet.addWidget(self.guidance)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("&Start a diet…"))
        self.start_button.setAccessibleName(self.tr("Start a diet"))
        self.next_button = QPushButton()
        self.next_button.setAccessibleName(self.tr("Move to the next phase"))
        self.pause_button = QPushButton(self.tr("&Pause"))
        self.resume_button = QPushButton(self.tr("&Resume"))
        self.stop_button = QPushButton(self.tr("S&top the diet"))
        for button in (self.start_button, self.next_button, self.pause_button, self.resume_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        diet.addLayout(buttons)
        diet.addWidget(
            learn_link(services, "elimination-diets", QT_TRANSLATE_NOOP("Labels", "Elimination diets done safely"))
        )
        self.phase_list = QListWidget()
        self.phase_list.setAccessibleName(self.tr("Diet phases so far"))
        self.phase_list.setMaximumHeight(130)
        diet.addWidget(QLabel(self.tr("Phases so far")))
        diet.addWidget(self.phase_list)
        layout.addWidget(diet_box)

        # --- challenges -------------------------------------------------------------------------------------------
        challenge_box = QGroupBox(self.tr("Reintroduction challenges"))
        challenge = QVBoxLayout(challenge_box)
        self.step = QLabel()
        self.step.setWordWrap(True)
        self.step.setAccessibleName(self.tr("Today's challenge step"))
        challenge.addWidget(self.step)
        self.challenge_button = QPushButton(self.tr("Start a &reintroduction challenge…"))
        self.challenge_button.setAccessibleName(self.tr("Start a reintroduction challenge"))
        row = QHBoxLayout()
        row.addWidget(self.challenge_button)
        row.addStretch(1)
        challenge.addLayout(row)
        self.verdict = VerdictPanel(services)
        challenge.addWidget(self.verdict)
        challenge.addWidget(QLabel(self.tr("All challenges")))
        self.history = QTableView()
        self.history.setAccessibleName(self.tr("All challenges and their outcomes"))
        self.history_model = RowsModel(self.history)
        self.history.setModel(self.history_model)
        self.history.verticalHeader().setVisible(False)
        self.history.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.history.setMinimumHeight(160)
        challenge.addWidget(self.history)
        decide = QHBoxLayout()
        self.outcome = _combo(
            self.tr("Outcome of the chosen challenge"), [(text, o) for o, text in OUTCOME_TEXT.items()]
        )
        self.decided_by = _combo(
            self.tr("Decided by"),
            [
                (self.tr("Decided by me"), DecidedBy.PERSON),
                (self.tr("Decided with my practitioner"), DecidedBy.PRACTITIONER),
            ],
            translate=False,
        )
        self.save_outcome = QPushButton(self.tr("Save &outcome"))
        self.save_outcome.setAccessibleName(self.tr("Save the outcome of the chosen challenge"))
        decide.addWidget(QLabel(self.tr("Outcome of the chosen challenge:")))
        decide.addWidget(self.outcome)
        decide.addWidget(self.decided_by)
        decide.addWidget(self.save_outcome)
        decide.addStretch(1)
        challenge.addLayout(decide)
        layout.addWidget(challenge_box)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.start_button.clicked.connect(self.start_diet)
        self.next_button.clicked.connect(self.next_phase)
        self.pause_button.clicked.connect(lambda: self.set_phase(DietPhase.PAUSED))
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(lambda: self.set_phase(DietPhase.STOPPED))
        self.challenge_button.clicked.connect(lambda: open_challenge_wizard(services, self))
        self.history.selectionModel().selectionChanged.connect(self._on_select)
        self.save_outcome.clicked.connect(self.save_chosen_outcome)
        self.verdict.accepted.connect(self.decide)
        services.events.data_changed.connect(self._on_data_changed)
        self._stale = True

    # --- loading -----------------------------------------------------------------------------------------------

    def showEvent(self, event: object) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self) -> None:
        self._stale = False
        found = self.services.entries.entries(kinds=[EntryKind.DIET_PHASE, EntryKind.CHALLENGE])
        self.phases = [e for e in found if isinstance(e, DietPhaseEntry)]
        self.challenges = [e for e in found if isinstance(e, ChallengeEntry)]
        today = date.today()
        state = diet_state(self.phases, today)
        latest = max(self.phases, key=lambda p: (p.start, p.occurred_at)) if self.phases else None
        paused = latest is not None and latest.phase is DietPhase.PAUSED and latest.start <= today
        if state is None:
            self.state.setText(self.tr("No elimination diet in progress."))
            self.guidance.setText(
                self.tr(
                    "Start with a baseline: log as usual for one to two weeks, then leave out one food or group "
                    "(or follow low FODMAP with a dietitian) for two to six weeks."
                )
            )
        else:
            self.state.setText(phrase(state.summary_phrase()))
            self.guidance.setText(phrase(PHASE_GUIDANCE[state.entry.phase]))
        following = state.next_phase if state is not None else None
        self.next_button.setVisible(following is not None)
        if following is not None:
            self.next_button.setText(self.tr("Move to &{0}").format(phrase(phase_words(following))))
        self.start_button.setVisible(state is None)
        self.pause_button.setVisible(state is not None and not paused)
        self.resume_button.setVisible(paused)
        self.stop_button.setVisible(state is not None)
        self.phase_list.clear()
        formats = self.services.formats
        for phase in sorted(self.phases, key=lambda p: (p.start, p.occurred_at), reverse=True):
            names = self.services.catalog.names()
            words = [eliminated_words(k, names) for k in phase.eliminated]
            left_out = self.tr(" — leaving out {0}").format(phrase(listed(words))) if words else ""
            self.phase_list.addItem(
                f"{formats.short_date(phase.start)}  {phrase(protocol_words(phase))}: "
                f"{phrase(phase_words(phase.phase))}{left_out}"
            )
        step = active_challenge(self.challenges, today)
        if step is not None:
            self.step.setText(phrase(step.phrase))
        elif self.challenges:
            self.step.setText(self.tr("No challenge running today."))
        else:
            self.step.setText(self.tr("No challenges yet. Challenges belong to the reintroduction phase."))
        ordered = sorted(self.challenges, key=lambda c: c.occurred_at, reverse=True)
        names = self.services.catalog.names()
        decided = {DecidedBy.PERSON: self.tr("me"), DecidedBy.PRACTITIONER: self.tr("with practitioner")}
        self.history_model.set_rows(
            [
                self.tr("Day 1"),
                self.tr("Food"),
                self.tr("Watching"),
                self.tr("Doses"),
                self.tr("Break"),
                self.tr("Outcome"),
                self.tr("Decided by"),
            ],
            [
                (
                    formats.short_date(c.local_date),
                    c.food,
                    ", ".join(translated(names.get(k, humanise(k))) for k in c.target_symptoms),
                    ", ".join(
                        phrase(Label(humanise(d.size.value), lower=True)) + (f" ({d.amount})" if d.amount else "")
                        for d in c.doses
                    ),
                    self.tr("1 day") if c.washout_days == 1 else self.tr("%n days", None, c.washout_days),
                    translated(OUTCOME_TEXT[c.outcome]),
                    decided.get(c.decided_by, ""),
                )
                for c in ordered
            ],
        )
        header = self.history.horizontalHeader()  # a handful of rows: fit them, and give the doses the spare width
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.resizeRowsToContents()
        self.ordered = ordered
        self._show_verdict(step.challenge if step is not None else self._latest_undecided())
        self._on_select()

    def _latest_undecided(self) -> ChallengeEntry | None:
        done = [
            c
            for c in self.challenges
            if c.outcome is ChallengeOutcome.PENDING and challenge_window_end(c) < date.today()
        ]
        return max(done, key=lambda c: c.occurred_at) if done else None

    def _show_verdict(self, challenge: ChallengeEntry | None) -> None:
        self.verdict.show_challenge(challenge)

    def chosen_challenge(self) -> ChallengeEntry | None:
        rows = self.history.selectionModel().selectedRows()
        return self.ordered[rows[0].row()] if rows else None

    def _on_select(self) -> None:
        chosen = self.chosen_challenge()
        for widget in (self.outcome, self.decided_by, self.save_outcome):
            widget.setEnabled(chosen is not None)
        if chosen is not None:
            self.outcome.setCurrentIndex(max(0, self.outcome.findData(chosen.outcome)))
            self._show_verdict(chosen)

    # --- actions -----------------------------------------------------------------------------------------------

    def start_diet(self) -> StartDietDialog:
        return open_start_diet(self.services, self)

    def set_phase(self, phase: DietPhase, *, like: DietPhaseEntry | None = None) -> DietPhaseEntry | None:
        """A new phase from today, with the protocol and the foods left out of the current one."""
        state = diet_state(self.phases, date.today())
        base = like or (state.entry if state is not None else None)
        if base is None:
            return None
        entry = DietPhaseEntry(
            occurred_at=datetime.now().astimezone(),
            protocol=base.protocol,
            protocol_name=base.protocol_name,
            phase=phase,
            eliminated=base.eliminated,
        )
        saved = self.services.entries.add(entry)
        assert isinstance(saved, DietPhaseEntry)
        text = f"diet phase: {phase.value}"
        self.services.undo.push(AddEntriesCommand(self.services, [saved], text))
        self.services.events.data_changed.emit()
        self.services.events.status_message.emit(
            self.tr("Diet phase set to {0} from today (Ctrl+Z takes it back).").format(phrase(phase_words(phase)))
        )
        return saved

    def next_phase(self) -> None:
        state = diet_state(self.phases, date.today())
        if state is not None and state.next_phase is not None:
            self.set_phase(state.next_phase)

    def resume(self) -> None:
        """Back to the phase before the pause."""
        before = [p for p in self.phases if p.phase not in (DietPhase.PAUSED, DietPhase.STOPPED)]
        if before:
            last = max(before, key=lambda p: (p.start, p.occurred_at))
            self.set_phase(last.phase, like=last)

    def decide(self, challenge: ChallengeEntry, outcome: ChallengeOutcome) -> None:
        """Record an outcome (the suggestion accepted, or the person's own choice); undoable."""
        current = self.services.entries.get(challenge.id)
        if not isinstance(current, ChallengeEntry):
            return
        decided_by = DecidedBy(self.decided_by.currentData())
        after = self.services.entries.update(dataclasses.replace(current, outcome=outcome, decided_by=decided_by))
        self.services.undo.push(EditEntryCommand(self.services, current, after, f"{current.food} outcome"))
        self.services.events.data_changed.emit()
        self.services.events.status_message.emit(
            self.tr("{0}: {1} (Ctrl+Z takes it back).").format(current.food, translated(OUTCOME_TEXT[outcome]))
        )

    def save_chosen_outcome(self) -> None:
        chosen = self.chosen_challenge()
        if chosen is not None:
            self.decide(chosen, ChallengeOutcome(self.outcome.currentData()))
