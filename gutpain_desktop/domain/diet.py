"""Where a person is in an elimination diet and in a reintroduction challenge, in words for the Diet and Today views.

Pure functions over domain entries; no storage, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .entries import PROTOCOL_LABELS, ChallengeEntry, DietPhase, DietPhaseEntry, DietProtocol, humanise
from .measurements import CHALLENGE_DOSE_DAYS

#: The six FODMAP groups a low-FODMAP elimination leaves out (shared/DOMAIN.md section 2).
FODMAP_GROUPS = ("lactose", "excess fructose", "sorbitol", "mannitol", "fructans", "GOS")
#: Wheat, rye and barley carry both gluten and fructans: leaving either out also stops a coeliac blood test working.
GLUTEN_KEYS = frozenset({"gluten", "fodmap_fructans"})


def fodmap_key(group: str) -> str:
    """'excess fructose' -> 'fodmap_excess_fructose', the key stored in a phase's ``eliminated``."""
    return f"fodmap_{group.replace(' ', '_').lower()}"


def eliminated_label(key: str, names: dict[str, str] | None = None) -> str:
    """A left-out key in words: a category's name, 'FODMAP: fructans', or the food as typed."""
    for group in FODMAP_GROUPS:
        if key == fodmap_key(group):
            return f"FODMAP: {group}"
    if names and key in names:
        return names[key]
    return humanise(key)


def touches_gluten(eliminated: Iterable[str]) -> bool:
    """Whether leaving these out means eating little or no gluten (so coeliac testing should come first)."""
    return any(key.lower() in GLUTEN_KEYS for key in eliminated)


@dataclass(frozen=True)
class DietPlan:
    """What the Start-a-diet dialog asks: what to leave out, from when, and whether to begin with a baseline."""

    protocol: DietProtocol
    eliminated: tuple[str, ...]
    start: date
    with_baseline: bool = True
    baseline_days: int = 14
    elimination_weeks: int = 4
    name: str = ""

    def problems(self) -> list[str]:
        """What stops this plan from being started, in words (empty when it can start)."""
        found = []
        if not self.eliminated:
            found.append("Choose at least one food or group to leave out.")
        if self.protocol is DietProtocol.SINGLE_FOOD and len(self.eliminated) != 1:
            found.append("A single-food trial leaves out exactly one food or group.")
        if not 7 <= self.baseline_days <= 28:
            found.append("A baseline lasts 7 to 28 days.")
        if not 2 <= self.elimination_weeks <= 6:
            found.append("Leave foods out for 2 to 6 weeks; longer risks missing nutrients without telling you more.")
        return found

    @property
    def first_phase(self) -> DietPhase:
        return DietPhase.BASELINE if self.with_baseline else DietPhase.ELIMINATION

    @property
    def planned_end(self) -> date:
        """The end of the first phase."""
        days = self.baseline_days if self.with_baseline else self.elimination_weeks * 7
        return self.start + timedelta(days=days - 1)

    def display_name(self) -> str:
        if self.name.strip():
            return self.name.strip()
        if self.protocol is DietProtocol.SINGLE_FOOD and self.eliminated:
            return f"{eliminated_label(self.eliminated[0])}-free trial"
        return PROTOCOL_LABELS[self.protocol]

    def entry(self, occurred_at: datetime) -> DietPhaseEntry:
        """The phase entry that starts this plan (``occurred_at`` on the start date)."""
        if self.problems():
            raise ValueError(" ".join(self.problems()))
        return DietPhaseEntry(
            occurred_at=occurred_at,
            protocol=self.protocol,
            protocol_name="" if self.display_name() == PROTOCOL_LABELS[self.protocol] else self.display_name(),
            phase=self.first_phase,
            planned_end=self.planned_end,
            eliminated=self.eliminated,
        )


def single_food_protocol(key: str) -> DietProtocol:
    """Gluten and dairy have their own named trials; any other single food is a single-food trial."""
    return {"gluten": DietProtocol.GLUTEN_FREE, "dairy": DietProtocol.DAIRY_FREE}.get(key, DietProtocol.SINGLE_FOOD)


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
        end = self.entry.planned_end
        if end is not None and end < self.day and self.next_phase is not None:
            text += f"; planned to end {end:%d %b %Y}, so it may be time to move to {self.next_phase.value}"
        elif end is not None:
            text += f"; planned to end {end:%d %b %Y}"
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
