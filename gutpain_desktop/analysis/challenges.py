"""Reintroduction challenges: the suggested verdict and the allergy refusal (pure Python, no Qt, no SQL).

The rule (shared/DOMAIN.md section 2; a heuristic the person or their dietitian confirms or changes):

1. **Baseline** of each target symptom: the mean of its daily scores on the :data:`BASELINE_DAYS` days before day 1.
   Fewer than :data:`MIN_BASELINE_DAYS` days with a score: inconclusive (missed logs).
2. **A rise** is a daily score at least 2 points above the baseline, or 30% above it when that is less than 2 points
   (baselines under ~6.7) — but never less than 1 point: 30% of a baseline of 1 is a third of a point, which a
   whole-number 0–10 scale cannot even show.
3. Days 1 to 3 carry the doses (usually small, medium, large); the day after the last dose is looked at too,
   because gut symptoms usually follow 12–48 h after eating (Monash, "timing of symptoms"). The first of these days
   with a rise in any target symptom is the *rise day*; the rise is put down to the dose of the day before it (a
   rise on day 1 to day 1's dose).
4. **A rise** gives *not tolerated* when it is put down to the first dose, else *tolerated up to* the dose before —
   provided the symptoms settle back below the rise level on a later washout day. It is *inconclusive* when they do
   not settle by the end of the washout (something else may be going on), or when a confounder (illness, a period,
   high stress, a short night, a new medicine) was noted on any day from day 1 to the rise day: those can raise
   symptoms by themselves.
5. **No rise** gives *tolerated* (up to the largest dose taken) — unless a score is missing on one of the days
   looked at (missed logs), a confounder fell on a baseline day (a raised baseline can hide a rise), or a new
   medicine was taken from day 1 on (it can hide one): then *inconclusive*.
6. While the days looked at are still to come (``today`` given) and no rise has shown yet: *pending*.

A food that ever brought hives, swelling or breathing trouble is never to be challenged at home: see
:func:`may_challenge`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from ..domain.entries import (
    REACTION_LABELS,
    ChallengeDose,
    ChallengeEntry,
    ChallengeOutcome,
    ContextEntry,
    Dose,
    Reaction,
)
from ..domain.measurements import Measurements
from ..i18n import QT_TRANSLATE_NOOP, Phrase
from .challenge_words import permission_phrase, verdict_phrase

#: The phrase of a verdict not yet put into words.
_UNSAID = Phrase("Challenges", "")

#: Days before day 1 whose mean is the baseline, and how many of them need a score.
BASELINE_DAYS = 3
MIN_BASELINE_DAYS = 2
#: A rise: at least RISE_POINTS above baseline, or RISE_SHARE of it when smaller, but at least MIN_RISE_POINTS.
RISE_POINTS = 2.0
RISE_SHARE = 0.30
MIN_RISE_POINTS = 1.5
#: Thresholds of :func:`day_confounders` (shared/DOMAIN.md: short sleep under ~5 h).
HIGH_STRESS_LEVEL = 7
SHORT_SLEEP_HOURS = 5.0
DOSE_DAYS = 3
#: A medicine is new when it was not logged in this many days before the baseline (see :func:`challenge_inputs`).
MEDICINE_LOOKBACK_DAYS = 30


class Confounder(StrEnum):
    ILLNESS = "illness"
    PERIOD = "period"
    HIGH_STRESS = "high_stress"
    SHORT_SLEEP = "short_sleep"
    NEW_MEDICINE = "new_medicine"
    MISSED_LOGS = "missed_logs"


CONFOUNDER_LABELS: dict[Confounder, str] = {
    Confounder.ILLNESS: QT_TRANSLATE_NOOP("Labels", "illness"),
    Confounder.PERIOD: QT_TRANSLATE_NOOP("Labels", "a period"),
    Confounder.HIGH_STRESS: QT_TRANSLATE_NOOP("Labels", "high stress"),
    Confounder.SHORT_SLEEP: QT_TRANSLATE_NOOP("Labels", "a short night"),
    Confounder.NEW_MEDICINE: QT_TRANSLATE_NOOP("Labels", "a new medicine"),
    Confounder.MISSED_LOGS: QT_TRANSLATE_NOOP("Labels", "missing scores"),
}
#: Confounders that can raise symptoms by themselves (and so explain a rise, or inflate a baseline).
RAISING = frozenset({Confounder.ILLNESS, Confounder.PERIOD, Confounder.HIGH_STRESS, Confounder.SHORT_SLEEP})


@dataclass(frozen=True)
class SymptomCourse:
    """One target symptom through a challenge."""

    symptom: str
    #: Mean of the baseline days' scores (None: fewer than MIN_BASELINE_DAYS days with a score).
    baseline: float | None
    baseline_days: int
    #: The score that counts as a rise (None without a baseline).
    rise_level: float | None
    #: Daily scores from day 1 to the last washout day (None: no score that day).
    scores: tuple[float | None, ...]
    #: The highest score on the days looked at (dose days and the day after the last dose), its day (1-based) and
    #: how far above the baseline it was.
    peak: float | None
    peak_day: int | None
    peak_rise: float | None
    #: The first day looked at with a rise in this symptom (None: no rise).
    rise_day: int | None
    #: Whether the symptom was back below its rise level on a washout day after the rise (None: no rise, or no
    #: washout score after it yet).
    settled: bool | None


@dataclass(frozen=True)
class Verdict:
    outcome: ChallengeOutcome
    symptoms: tuple[SymptomCourse, ...]
    #: The first day (1-based; DOSE_DAYS + 1 = the day after the last dose) with a rise in any target symptom.
    rise_day: int | None
    #: The dose the rise is put down to, and the largest dose taken without a rise.
    reacted_dose: Dose | None
    tolerated_dose: Dose | None
    #: Whether every target symptom that rose settled in the washout (None: no rise, or not known yet).
    settled: bool | None
    #: Confounders noted, by day: 0 and below are baseline days (0 = the day before day 1), 1.. the challenge days.
    confounders: tuple[tuple[int, Confounder], ...]
    #: The confounders that made the verdict inconclusive (empty otherwise).
    deciding_confounders: tuple[Confounder, ...]
    #: The verdict in words (``str()`` is the English; the UI shows it translated).
    phrase: Phrase = _UNSAID

    @property
    def sentence(self) -> str:
        return str(self.phrase)


@dataclass(frozen=True)
class ChallengePermission:
    allowed: bool
    reactions: frozenset[Reaction]
    phrase: Phrase

    @property
    def sentence(self) -> str:
        return str(self.phrase)


def rise_level(baseline: float) -> float:
    """The daily score that counts as a rise above ``baseline`` (rule 2 of the module docstring)."""
    return baseline + max(MIN_RISE_POINTS, min(RISE_POINTS, RISE_SHARE * baseline))


def day_confounders(
    *,
    illness: bool = False,
    period: bool = False,
    stress: float | None = None,
    sleep_hours: float | None = None,
    new_medicine: bool = False,
    high_stress: float = HIGH_STRESS_LEVEL,
    short_sleep: float = SHORT_SLEEP_HOURS,
) -> frozenset[Confounder]:
    """The confounders of one day from what was logged (None: not logged, so not counted)."""
    found: set[Confounder] = set()
    if illness:
        found.add(Confounder.ILLNESS)
    if period:
        found.add(Confounder.PERIOD)
    if stress is not None and stress >= high_stress:
        found.add(Confounder.HIGH_STRESS)
    if sleep_hours is not None and sleep_hours < short_sleep:
        found.add(Confounder.SHORT_SLEEP)
    if new_medicine:
        found.add(Confounder.NEW_MEDICINE)
    return frozenset(found)


def challenge_window(day1: date, washout_days: int) -> tuple[date, date]:
    """The local dates :func:`challenge_inputs` reads: from :data:`MEDICINE_LOOKBACK_DAYS` before the baseline to the
    last washout day. Ask the repository for ``measurements(start=..., end=..., context=True)`` over them."""
    return (
        day1 - timedelta(days=BASELINE_DAYS + MEDICINE_LOOKBACK_DAYS),
        day1 + timedelta(days=DOSE_DAYS - 1 + washout_days),
    )


def challenge_inputs(
    m: Measurements,
    *,
    day1: date,
    targets: Sequence[str],
    washout_days: int,
    high_stress: float = HIGH_STRESS_LEVEL,
    short_sleep: float = SHORT_SLEEP_HOURS,
) -> tuple[dict[date, dict[str, float | None]], dict[date, frozenset[Confounder]]]:
    """The ``scores`` and ``confounders`` of :func:`suggest_verdict` from what the person logged.

    For each day from the first baseline day to the last washout day: each target symptom's mean rating (None when
    not rated), and the confounders: illness (illness or fever), a period, stress
    at or above ``high_stress`` in any stress entry, a night under ``short_sleep`` hours (filed under the morning), and
    a new medicine — one whose first word ("Ibuprofen 400 mg" -> "ibuprofen") was not logged in the
    :data:`MEDICINE_LOOKBACK_DAYS` days before the baseline. ``m`` should cover :func:`challenge_window` with its
    context columns.
    """
    first = day1 - timedelta(days=BASELINE_DAYS)
    last = day1 + timedelta(days=DOSE_DAYS - 1 + washout_days)
    since = first - timedelta(days=MEDICINE_LOOKBACK_DAYS)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]

    sums: dict[tuple[date, str], list[float]] = {}
    wanted = set(targets)
    for day, key, value in zip(m.symptom_dates, m.symptom_keys, m.symptom_severity, strict=True):
        if first <= day <= last and key in wanted:
            sums.setdefault((day, key), []).append(float(value))
    scores = {d: {t: _mean(sums.get((d, t))) for t in targets} for d in days}

    flags: dict[date, set[Confounder]] = {d: set() for d in days}
    for day, level in zip(m.stress_dates, m.stress_level, strict=True):
        if day in flags and level >= high_stress:
            flags[day].add(Confounder.HIGH_STRESS)
    for day, hours in zip(m.sleep_dates, m.sleep_hours, strict=True):
        if day in flags and hours is not None and hours < short_sleep:
            flags[day].add(Confounder.SHORT_SLEEP)
    usual: set[str] = set()
    logged: list[tuple[date, set[str]]] = []
    for day, period, ill, fever, medication in zip(
        m.context_dates, m.context_period, m.context_illness, m.context_fever, m.context_medication, strict=True
    ):
        names = _medicines(medication)
        if since <= day < first:
            usual |= names
        if day in flags:
            if period:
                flags[day].add(Confounder.PERIOD)
            if ill or fever:
                flags[day].add(Confounder.ILLNESS)
            logged.append((day, names))
    for day, names in logged:
        if names - usual:
            flags[day].add(Confounder.NEW_MEDICINE)
    return scores, {d: frozenset(f) for d, f in flags.items() if f}


def _mean(values: list[float] | None) -> float | None:
    return sum(values) / len(values) if values else None


def _medicines(text: str) -> set[str]:
    """Medicine names in a free-text field: the first word of each item separated by commas, semicolons or lines."""
    found = set()
    for item in text.replace(";", ",").replace("\n", ",").split(","):
        words = item.strip().lower().split()
        if words:
            found.add(words[0])
    return found


def suggest_verdict(
    *,
    day1: date,
    targets: Sequence[str],
    doses: Sequence[ChallengeDose],
    washout_days: int,
    scores: Mapping[date, Mapping[str, float | None]],
    confounders: Mapping[date, Collection[Confounder]] | None = None,
    today: date | None = None,
    names: Mapping[str, str] | None = None,
) -> Verdict:
    """The suggested verdict of one challenge (rules in the module docstring).

    ``scores``: each day's score of each target symptom (the day's mean rating; missing = not logged), covering the
    baseline days, the dose days and the washout. ``doses``: the doses taken (day 1-3 and size). ``confounders``:
    what was noted on each day (see :func:`day_confounders`); missed logs are found from ``scores``. ``today``: when
    given, days after it are not yet missed. ``names``: symptom key -> name for the sentence.
    """
    names = names or {}
    confounders = confounders or {}
    by_day = {d.day: d.size for d in doses if 1 <= d.day <= DOSE_DAYS}
    dose_days = max(by_day, default=0)
    looked_at = dose_days + 1 if dose_days else 0  # the dose days and the day after the last dose
    last_day = dose_days + washout_days

    def when(day: int) -> date:
        return day1 + timedelta(days=day - 1)

    def score(day: int, symptom: str) -> float | None:
        value = scores.get(when(day), {}).get(symptom)
        return None if value is None else float(value)

    def missing(day: int) -> bool:
        return any(score(day, symptom) is None for symptom in targets)

    def passed(day: int) -> bool:
        """Whether ``day`` is over (or everything is, when no ``today`` is given)."""
        return today is None or when(day) < today

    courses: list[SymptomCourse] = []
    for symptom in targets:
        before = [v for d in range(1 - BASELINE_DAYS, 1) if (v := score(d, symptom)) is not None]
        baseline = sum(before) / len(before) if len(before) >= MIN_BASELINE_DAYS else None
        level = rise_level(baseline) if baseline is not None else None
        daily = tuple(score(d, symptom) for d in range(1, max(last_day, looked_at) + 1))
        window = [(d, v) for d, v in enumerate(daily[:looked_at], start=1) if v is not None]
        peak_day, peak = max(window, key=lambda dv: (dv[1], -dv[0])) if window else (None, None)
        rise_day = next((d for d, v in window if level is not None and v >= level), None)
        settled: bool | None = None
        if rise_day is not None and level is not None:
            # Washout days after the rise day (index i holds day i + 1).
            later = [v for v in daily[max(rise_day, dose_days) :] if v is not None]
            if any(v < level for v in later):
                settled = True
            elif later and passed(last_day):
                settled = False
        courses.append(
            SymptomCourse(
                symptom=symptom,
                baseline=baseline,
                baseline_days=len(before),
                rise_level=level,
                scores=daily,
                peak=peak,
                peak_day=peak_day,
                peak_rise=peak - baseline if peak is not None and baseline is not None else None,
                rise_day=rise_day,
                settled=settled,
            )
        )

    rises = [c.rise_day for c in courses if c.rise_day is not None]
    rise_day = min(rises) if rises else None
    checked_until = rise_day if rise_day is not None else looked_at

    # Confounders by day, with missed logs: baseline days without a score (when they leave too few), and days looked
    # at that are over but have no score.
    noted: set[tuple[int, Confounder]] = set()
    for day in range(1 - BASELINE_DAYS, checked_until + 1):
        noted.update((day, c) for c in confounders.get(when(day), ()))
    if any(c.baseline is None for c in courses):
        noted.update((day, Confounder.MISSED_LOGS) for day in range(1 - BASELINE_DAYS, 1) if missing(day))
    noted.update((day, Confounder.MISSED_LOGS) for day in range(1, checked_until + 1) if missing(day) and passed(day))
    order = list(Confounder)
    ordered = tuple(sorted(noted, key=lambda dc: (dc[0], order.index(dc[1]))))

    def verdict(
        outcome: ChallengeOutcome,
        *,
        deciding: Iterable[Confounder] = (),
        reacted: Dose | None = None,
        tolerated: Dose | None = None,
        settled: bool | None = None,
    ) -> Verdict:
        v = Verdict(
            outcome=outcome,
            symptoms=tuple(courses),
            rise_day=rise_day,
            reacted_dose=reacted,
            tolerated_dose=tolerated,
            settled=settled,
            confounders=ordered,
            deciding_confounders=tuple(sorted(set(deciding), key=order.index)),
        )
        return replace(v, phrase=verdict_phrase(v, dose_days, names))

    if not targets or not dose_days:
        return verdict(ChallengeOutcome.PENDING)
    if any(c.baseline is None for c in courses):
        return verdict(ChallengeOutcome.INCONCLUSIVE, deciding=[Confounder.MISSED_LOGS])

    if rise_day is not None:
        blamed_day = max(1, rise_day - 1)
        reacted, tolerated = by_day.get(blamed_day), by_day.get(blamed_day - 1)
        settled_all = _all_settled(c.settled for c in courses if c.rise_day is not None)
        # A missing score before the rise matters only if a rise that day would have put it down to an earlier dose.
        missed = any(c is Confounder.MISSED_LOGS and d >= 1 and max(1, d - 1) < blamed_day for d, c in ordered)
        raising = {c for d, c in ordered if 1 <= d <= rise_day and c is not Confounder.MISSED_LOGS}
        if raising or missed:
            deciding = raising | ({Confounder.MISSED_LOGS} if missed else set())
            return verdict(ChallengeOutcome.INCONCLUSIVE, deciding=deciding, reacted=reacted, settled=settled_all)
        if settled_all is False:
            return verdict(ChallengeOutcome.INCONCLUSIVE, reacted=reacted, settled=False)
        outcome = ChallengeOutcome.NOT_TOLERATED if tolerated is None else ChallengeOutcome.TOLERATED_UP_TO_DOSE
        return verdict(outcome, reacted=reacted, tolerated=tolerated, settled=settled_all)

    if today is not None:
        doses_may_follow = dose_days < DOSE_DAYS and today <= when(DOSE_DAYS)
        if doses_may_follow or when(looked_at) > today or (when(looked_at) == today and missing(looked_at)):
            return verdict(ChallengeOutcome.PENDING)
    if any(c is Confounder.MISSED_LOGS for _, c in ordered):
        return verdict(ChallengeOutcome.INCONCLUSIVE, deciding=[Confounder.MISSED_LOGS])
    hiding = {c for d, c in ordered if (d <= 0 and c in RAISING) or (d >= 1 and c is Confounder.NEW_MEDICINE)}
    if hiding:
        return verdict(ChallengeOutcome.INCONCLUSIVE, deciding=hiding)
    largest = by_day[dose_days]
    outcome = ChallengeOutcome.TOLERATED if dose_days == DOSE_DAYS else ChallengeOutcome.TOLERATED_UP_TO_DOSE
    return verdict(outcome, tolerated=largest)


def verdict_for(
    challenge: ChallengeEntry,
    scores: Mapping[date, Mapping[str, float | None]],
    confounders: Mapping[date, Collection[Confounder]] | None = None,
    *,
    today: date | None = None,
    names: Mapping[str, str] | None = None,
) -> Verdict:
    """:func:`suggest_verdict` for a recorded challenge (its day 1, targets, doses and washout)."""
    return suggest_verdict(
        day1=challenge.local_date,
        targets=challenge.target_symptoms,
        doses=challenge.doses,
        washout_days=challenge.washout_days,
        scores=scores,
        confounders=confounders,
        today=today,
        names=names,
    )


def _food_words(name: str) -> frozenset[str]:
    words = "".join(ch if ch.isalnum() else " " for ch in name.lower()).split()
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def recorded_reactions(food: str, history: Iterable[ContextEntry]) -> list[ContextEntry]:
    """The logged reactions that name ``food``: the same words, ignoring case and a plural s, where either name may
    hold the other ("peanuts" matches "peanut butter"). Erring towards a match is the safe side here."""
    wanted = _food_words(food)
    if not wanted:
        return []
    found = []
    for entry in history:
        logged = _food_words(entry.reaction_food)
        if entry.reactions and logged and (wanted <= logged or logged <= wanted):
            found.append(entry)
    return sorted(found, key=lambda e: e.occurred_at)


def may_challenge(
    food: str, reactions: Iterable[Reaction | str], recorded: Sequence[ContextEntry] = ()
) -> ChallengePermission:
    """Whether ``food`` may be challenged at home, given the reactions it ever brought: those the person ticks now
    and those logged in the journal (``recorded``, from :func:`recorded_reactions`).

    Hives, swelling or breathing trouble make it an allergy question for a doctor: refused, whatever else. Other
    reaction names (for example "bloating") are ignored here.
    """
    found = frozenset(Reaction(r) for r in reactions if r in {x.value for x in Reaction})
    for entry in recorded:
        found |= entry.reactions
    last = (recorded[-1].reactions, recorded[-1].reaction_food, recorded[-1].local_date) if recorded else None
    return ChallengePermission(not found, found, permission_phrase(food, found, last))


# --- helpers -------------------------------------------------------------------------------------------------------


def _all_settled(values: Iterable[bool | None]) -> bool | None:
    found = list(values)
    if any(v is False for v in found):
        return False
    if found and all(v is True for v in found):
        return True
    return None


__all__ = [
    "BASELINE_DAYS",
    "CONFOUNDER_LABELS",
    "HIGH_STRESS_LEVEL",
    "MEDICINE_LOOKBACK_DAYS",
    "MIN_BASELINE_DAYS",
    "MIN_RISE_POINTS",
    "REACTION_LABELS",
    "RISE_POINTS",
    "RISE_SHARE",
    "SHORT_SLEEP_HOURS",
    "ChallengePermission",
    "Confounder",
    "Reaction",
    "SymptomCourse",
    "Verdict",
    "challenge_inputs",
    "challenge_window",
    "day_confounders",
    "may_challenge",
    "rise_level",
    "suggest_verdict",
    "verdict_for",
]
