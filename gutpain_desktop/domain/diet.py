"""Where a person is in an elimination diet and in a reintroduction challenge, in words for the Diet and Today views.

Pure functions over domain entries; no storage, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..i18n import QT_TRANSLATE_NOOP, Arg, Label, Phrase, When
from .entries import PROTOCOL_LABELS, ChallengeEntry, DietPhase, DietPhaseEntry, DietProtocol, Dose, humanise
from .measurements import CHALLENGE_DOSE_DAYS

#: The six FODMAP groups a low-FODMAP elimination leaves out (shared/DOMAIN.md section 2).
FODMAP_GROUPS = (
    QT_TRANSLATE_NOOP("Labels", "lactose"),
    QT_TRANSLATE_NOOP("Labels", "excess fructose"),
    QT_TRANSLATE_NOOP("Labels", "sorbitol"),
    QT_TRANSLATE_NOOP("Labels", "mannitol"),
    QT_TRANSLATE_NOOP("Labels", "fructans"),
    QT_TRANSLATE_NOOP("Labels", "GOS"),
)
#: The context of the Diet view's sentences.
DIET = "Diet"
#: Wheat, rye and barley carry both gluten and fructans: leaving either out also stops a coeliac blood test working.
GLUTEN_KEYS = frozenset({"gluten", "fodmap_fructans"})


def fodmap_key(group: str) -> str:
    """'excess fructose' -> 'fodmap_excess_fructose', the key stored in a phase's ``eliminated``."""
    return f"fodmap_{group.replace(' ', '_').lower()}"


def eliminated_label(key: str, names: dict[str, str] | None = None) -> str:
    """A left-out key in words: a category's name, 'FODMAP: fructans', or the food as typed."""
    return str(eliminated_words(key, names))


def eliminated_words(key: str, names: dict[str, str] | None = None) -> Arg:
    """:func:`eliminated_label` for the UI: a FODMAP group or a category's name translates, a food stays as typed."""
    for group in FODMAP_GROUPS:
        if key == fodmap_key(group):
            return Phrase.of(QT_TRANSLATE_NOOP("Diet", "FODMAP: {group}"), group=Label(group))
    if names and key in names:
        return Label(names[key])
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
        return [str(problem) for problem in self.problem_phrases()]

    def problem_phrases(self) -> list[Phrase]:
        """:meth:`problems` as phrases, for the UI to show translated."""
        found = []
        if not self.eliminated:
            found.append(QT_TRANSLATE_NOOP("Diet", "Choose at least one food or group to leave out."))
        if self.protocol is DietProtocol.SINGLE_FOOD and len(self.eliminated) != 1:
            found.append(QT_TRANSLATE_NOOP("Diet", "A single-food trial leaves out exactly one food or group."))
        if not 7 <= self.baseline_days <= 28:
            found.append(QT_TRANSLATE_NOOP("Diet", "A baseline lasts 7 to 28 days."))
        if not 2 <= self.elimination_weeks <= 6:
            found.append(
                QT_TRANSLATE_NOOP(
                    "Diet", "Leave foods out for 2 to 6 weeks; longer risks missing nutrients without telling you more."
                )
            )
        return [Phrase.of(text) for text in found]

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
PHASE_GUIDANCE: dict[DietPhase, Phrase] = {
    DietPhase.BASELINE: Phrase.of(
        QT_TRANSLATE_NOOP(
            "Diet", "Eat as usual and log every day for one to two weeks, so there is something to compare with."
        )
    ),
    DietPhase.ELIMINATION: Phrase.of(
        QT_TRANSLATE_NOOP(
            "Diet",
            "Leave the chosen foods out for two to six weeks, ideally with a dietitian. Longer than that risks missing "
            "nutrients without telling you more.",
        )
    ),
    DietPhase.REINTRODUCTION: Phrase.of(
        QT_TRANSLATE_NOOP(
            "Diet",
            "Bring foods back one at a time: a small, a medium and a large portion on three days, then a few days' "
            "break before the next. Choose the symptoms to watch before you start.",
        )
    ),
    DietPhase.PERSONALISATION: Phrase.of(
        QT_TRANSLATE_NOOP(
            "Diet",
            "Keep out only what gave you trouble, at the amount that gave trouble, and eat everything else freely.",
        )
    ),
    DietPhase.PAUSED: Phrase.of(
        QT_TRANSLATE_NOOP("Diet", "Paused: nothing is being tested right now. Resume when life is calmer.")
    ),
    DietPhase.STOPPED: Phrase.of(QT_TRANSLATE_NOOP("Diet", "Stopped.")),
}


def phase_words(phase: DietPhase) -> Label:
    """A phase mid-sentence: "elimination" (its label, lower-cased)."""
    return Label(humanise(phase.value), lower=True)


def protocol_words(entry: DietPhaseEntry) -> Arg:
    """The diet's name: the person's own, or the protocol's label (which translates)."""
    return entry.protocol_name or Label(PROTOCOL_LABELS[entry.protocol])


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
        return str(self.summary_phrase())

    def summary_phrase(self) -> Phrase:
        """Where the diet stands today, e.g. "Low FODMAP: elimination, day 12 (since 02 Nov 2026); usually 14–42
        days; planned to end 30 Nov 2026"."""
        phase = self.entry.phase
        text = Phrase.of(
            QT_TRANSLATE_NOOP("Diet", "{protocol}: {phase}, day {day} (since {since})"),
            protocol=protocol_words(self.entry),
            phase=phase_words(phase),
            day=self.days_in_phase,
            since=When(self.entry.start),
        )
        if phase in PHASE_DAYS:
            low, high = PHASE_DAYS[phase]
            text = Phrase.of(
                QT_TRANSLATE_NOOP("Diet", "{text}; usually {low}–{high} days"), text=text, low=low, high=high
            )
            if self.days_in_phase > high:
                text = Phrase.of(QT_TRANSLATE_NOOP("Diet", "{text} — longer than usual, worth reviewing"), text=text)
        end = self.entry.planned_end
        if end is not None and end < self.day and self.next_phase is not None:
            text = Phrase.of(
                QT_TRANSLATE_NOOP("Diet", "{text}; planned to end {end}, so it may be time to move to {next}"),
                text=text,
                end=When(end),
                next=phase_words(self.next_phase),
            )
        elif end is not None:
            text = Phrase.of(QT_TRANSLATE_NOOP("Diet", "{text}; planned to end {end}"), text=text, end=When(end))
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
    phrase: Phrase

    @property
    def text(self) -> str:
        return str(self.phrase)


def challenge_window_end(challenge: ChallengeEntry) -> date:
    return challenge.local_date + timedelta(days=CHALLENGE_DOSE_DAYS - 1 + challenge.washout_days)


_PORTIONS = {
    Dose.SMALL: QT_TRANSLATE_NOOP("Diet", "a small portion"),
    Dose.MEDIUM: QT_TRANSLATE_NOOP("Diet", "a medium portion"),
    Dose.LARGE: QT_TRANSLATE_NOOP("Diet", "a large portion"),
}


def challenge_step(challenge: ChallengeEntry, day: date) -> ChallengeStep:
    offset = (day - challenge.local_date).days
    food = challenge.food
    if offset < 0:
        starts = Phrase.of(
            QT_TRANSLATE_NOOP("Diet", "{food} challenge starts {day}."),
            food=food,
            day=When(challenge.local_date, "weekday_day_month"),
        )
        return ChallengeStep(challenge, day, "before", 0, starts)
    if offset < CHALLENGE_DOSE_DAYS:
        number = offset + 1
        dose = next((d for d in challenge.doses if d.day == number), None)
        size: Phrase = Phrase.of(QT_TRANSLATE_NOOP("Diet", "the planned portion"))
        if dose is not None:
            size = Phrase.of(_PORTIONS[dose.size])
            if dose.amount:
                size = Phrase.of(QT_TRANSLATE_NOOP("Diet", "{portion} ({amount})"), portion=size, amount=dose.amount)
        eat = Phrase.of(
            QT_TRANSLATE_NOOP("Diet", "{food} challenge, day {number} of {days}: eat {portion}."),
            food=food,
            number=number,
            days=CHALLENGE_DOSE_DAYS,
            portion=size,
        )
        return ChallengeStep(challenge, day, "dose", number, eat)
    washout = offset - CHALLENGE_DOSE_DAYS + 1
    if washout <= challenge.washout_days:
        rest = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Diet", "{food} challenge, break day {number} of {days}: no {food}; keep logging symptoms."
            ),
            food=food,
            number=washout,
            days=challenge.washout_days,
        )
        return ChallengeStep(challenge, day, "washout", washout, rest)
    done = Phrase.of(
        QT_TRANSLATE_NOOP("Diet", "{food} challenge finished {day}."),
        food=food,
        day=When(challenge_window_end(challenge), "day_month"),
    )
    return ChallengeStep(challenge, day, "done", 0, done)


def active_challenge(challenges: Sequence[ChallengeEntry], day: date) -> ChallengeStep | None:
    """The challenge whose dose days or break include ``day`` (the latest started, if several)."""
    running = [c for c in challenges if c.local_date <= day <= challenge_window_end(c)]
    if not running:
        return None
    return challenge_step(max(running, key=lambda c: c.occurred_at), day)
