"""Where a person is in an elimination diet and in a reintroduction challenge, in words for the Diet and Today views.

Pure functions over domain entries; no storage, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .entries import PROTOCOL_LABELS, ChallengeEntry, DietPhase, DietPhaseEntry
from .measurements import CHALLENGE_DOSE_DAYS

#: The phase a "next phase" button moves to.
NEXT_PHASE: dict[DietPhase, DietPhase] = {
    DietPhase.BASELINE: DietPhase.ELIMINATION,
    DietPhase.ELIMINATION: DietPhase.REINTRODUCTION,
    DietPhase.REINTRODUCTION: DietPhase.PERSONALISATION,
}

#: What each phase is for and how long it usually lasts, in our own words (shared/DOMAIN.md section 2).
PHASE_GUIDANCE: dict[DietPhase, str] = {
    DietPhase.BASELINE: "Eat as usual and log every day for one to two weeks, so there is something to compare with.",
    DietPhase.ELIMINATION: (
        "Leave the chosen foods out for two to six weeks, ideally with a dietitian. Longer than that risks missing "
        "nutrients without telling you more."
    ),
    DietPhase.REINTRODUCTION: (
        "Bring foods back one at a time: a small, a medium and a large portion on three days, then a few days' "
        "break before the next. Choose the symptoms to watch before you start."
    ),
    DietPhase.PERSONALISATION: (
        "Keep out only what gave you trouble, at the amount that gave trouble, and eat everything else freely."
    ),
    DietPhase.PAUSED: "Paused: nothing is being tested right now. Resume when life is calmer.",
    DietPhase.STOPPED: "Stopped.",
}

#: Typical length of a phase in days (low, high), for "day 12 of about 14-42".
PHASE_DAYS: dict[DietPhase, tuple[int, int]] = {
    DietPhase.BASELINE: (7, 14),
    DietPhase.ELIMINATION: (14, 42),
    DietPhase.REINTRODUCTION: (42, 56),
}


@dataclass(frozen=True)
class DietState:
    """The phase in force on a day."""

    entry: DietPhaseEntry
    day: date

    @property
    def protocol_name(self) -> str:
        return self.entry.protocol_name or PROTOCOL_LABELS[self.entry.protocol]

    @property
    def days_in_phase(self) -> int:
        """1 on the day the phase started."""
        return (self.day - self.entry.start).days + 1

    @property
    def next_phase(self) -> DietPhase | None:
        return NEXT_PHASE.get(self.entry.phase)

    def summary(self) -> str:
        phase = self.entry.phase
        text = f"{self.protocol_name}: {phase.value}, day {self.days_in_phase} (since {self.entry.start:%d %b %Y})"
        if phase in PHASE_DAYS:
            low, high = PHASE_DAYS[phase]
            text += f"; usually {low}–{high} days"
            if self.days_in_phase > high:
                text += " — longer than usual, worth reviewing"
        if self.entry.planned_end is not None:
            text += f"; planned to end {self.entry.planned_end:%d %b %Y}"
        return text


def diet_state(phases: Iterable[DietPhaseEntry], day: date) -> DietState | None:
    """The phase in force on ``day``: the latest one started on or before it, unless it is stopped or has ended."""
    started = [p for p in phases if p.start <= day]
    if not started:
        return None
    current = max(started, key=lambda p: (p.start, p.occurred_at))
    if current.phase is DietPhase.STOPPED or (current.ended is not None and current.ended < day):
        return None
    return DietState(current, day)


@dataclass(frozen=True)
class ChallengeStep:
    """What a challenge asks of the person on a day."""

    challenge: ChallengeEntry
    day: date
    #: "before", "dose", "washout" or "done".
    stage: str
    #: 1-3 on a dose day, 1..washout in the washout, else 0.
    number: int
    text: str


def challenge_window_end(challenge: ChallengeEntry) -> date:
    return challenge.local_date + timedelta(days=CHALLENGE_DOSE_DAYS - 1 + challenge.washout_days)


def challenge_step(challenge: ChallengeEntry, day: date) -> ChallengeStep:
    offset = (day - challenge.local_date).days
    food = challenge.food
    if offset < 0:
        return ChallengeStep(challenge, day, "before", 0, f"{food} challenge starts {challenge.local_date:%a %d %b}.")
    if offset < CHALLENGE_DOSE_DAYS:
        number = offset + 1
        dose = next((d for d in challenge.doses if d.day == number), None)
        amount = f" ({dose.amount})" if dose is not None and dose.amount else ""
        size = f"a {dose.size.value} portion{amount}" if dose is not None else "the planned portion"
        return ChallengeStep(
            challenge, day, "dose", number, f"{food} challenge, day {number} of {CHALLENGE_DOSE_DAYS}: eat {size}."
        )
    washout = offset - CHALLENGE_DOSE_DAYS + 1
    if washout <= challenge.washout_days:
        return ChallengeStep(
            challenge,
            day,
            "washout",
            washout,
            f"{food} challenge, break day {washout} of {challenge.washout_days}: no {food}; keep logging symptoms.",
        )
    return ChallengeStep(
        challenge, day, "done", 0, f"{food} challenge finished {challenge_window_end(challenge):%d %b}."
    )


def active_challenge(challenges: Sequence[ChallengeEntry], day: date) -> ChallengeStep | None:
    """The challenge whose dose days or break include ``day`` (the latest started, if several)."""
    running = [c for c in challenges if c.local_date <= day <= challenge_window_end(c)]
    if not running:
        return None
    return challenge_step(max(running, key=lambda c: c.occurred_at), day)
