"""The demo diary's elimination diet and its challenges, and small helpers for dates and ids."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from uuid import UUID

from ..analysis.challenges import Confounder
from ..domain.entries import (
    DietPhase,
    DietProtocol,
    Dose,
)
from ..domain.scales import BodySite
from .foods import (
    _D,
    _G,
    _Food,
)

# --- the diet plan -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ChallengeFood:
    food: _Food
    targets: tuple[str, ...]
    amounts: tuple[str, str, str]


@dataclass(slots=True)
class _Challenge:
    plan: _ChallengeFood
    id: UUID
    day1: date
    washout_days: int = 3
    #: Target symptom scores by date (the 3 days before day 1 to the end of the washout), filled as the days are
    #: simulated; confounders noted on those days likewise.
    scores: dict[date, dict[str, float | None]] = field(default_factory=dict)
    confounders: dict[date, frozenset[Confounder]] = field(default_factory=dict)

    @property
    def last_dose_day(self) -> date:
        return self.day1 + timedelta(days=2)

    @property
    def window_end(self) -> date:
        return self.last_dose_day + timedelta(days=self.washout_days)

    def dose_on(self, day: date) -> Dose | None:
        offset = (day - self.day1).days
        return (Dose.SMALL, Dose.MEDIUM, Dose.LARGE)[offset] if 0 <= offset <= 2 else None


_DOSE_FACTOR = {Dose.SMALL: 0.4, Dose.MEDIUM: 1.0, Dose.LARGE: 1.5}

_MILK = _ChallengeFood(
    _Food("Milk", (_D,), 1.0), ("bloating", "abdominal_pain"), ("60 ml milk", "125 ml milk", "250 ml milk")
)
_HARD_CHEESE = _ChallengeFood(
    _Food("Hard cheese", (_D,), 0.3), ("bloating",), ("10 g cheddar", "20 g cheddar", "40 g cheddar")
)
_WHEAT = _ChallengeFood(
    _Food("Wheat bread", (_G,)), ("bloating", "abdominal_pain"), ("half a slice", "1 slice", "2 slices")
)


@dataclass(frozen=True, slots=True)
class _DietPlan:
    protocol: DietProtocol
    #: Start of each phase, in order: baseline, elimination, reintroduction, personalisation.
    starts: tuple[date, date, date, date]
    challenges: tuple[_Challenge, ...]

    def phase_on(self, day: date) -> DietPhase | None:
        found: DietPhase | None = None
        for phase, start in zip(_PHASES, self.starts, strict=True):
            if day >= start:
                found = phase
        return found

    def challenge_on(self, day: date) -> _Challenge | None:
        for challenge in self.challenges:
            if challenge.day1 <= day <= challenge.window_end:
                return challenge
        return None

    def eliminated(self, phase: DietPhase) -> tuple[str, ...]:
        if phase is DietPhase.BASELINE:
            return ()
        if phase is DietPhase.PERSONALISATION:
            return ("milk", "yogurt", "ice cream") if self.protocol is DietProtocol.DAIRY_FREE else ("lactose",)
        if self.protocol is DietProtocol.DAIRY_FREE:
            return ("milk", "cheese", "yogurt", "butter", "cream")
        return ("lactose", "fructans (wheat, onion, garlic)", "excess fructose", "polyols", "GOS (pulses)")

    def allows(self, phase: DietPhase | None, food: _Food) -> bool:
        if phase in (DietPhase.ELIMINATION, DietPhase.REINTRODUCTION):
            if self.protocol is DietProtocol.DAIRY_FREE:
                return not food.dairy
            return food.lactose < 0.5 and not food.wheat and not food.fodmap
        if phase is DietPhase.PERSONALISATION:
            return food.lactose < 1.0
        return True


_PHASES = (DietPhase.BASELINE, DietPhase.ELIMINATION, DietPhase.REINTRODUCTION, DietPhase.PERSONALISATION)


def _plan_diet(rng: random.Random, first: date, today: date, new_id: _Ids) -> _DietPlan:
    span = (today - first).days + 1
    scale = min(1.0, span / 120)
    baseline = today - timedelta(days=min(150, round(0.6 * span), span - 1))
    elimination = baseline + timedelta(days=max(3, round(14 * scale)))
    reintroduction = elimination + timedelta(days=max(7, round(28 * scale)))
    protocol = DietProtocol.DAIRY_FREE if rng.random() < 0.6 else DietProtocol.LOW_FODMAP
    plans = (_MILK, _HARD_CHEESE) if protocol is DietProtocol.DAIRY_FREE else (_MILK, _WHEAT)
    first_challenge = _Challenge(plans[0], new_id(), reintroduction)
    second_challenge = _Challenge(plans[1], new_id(), first_challenge.window_end + timedelta(days=1))
    personalisation = second_challenge.window_end + timedelta(days=1)
    return _DietPlan(
        protocol, (baseline, elimination, reintroduction, personalisation), (first_challenge, second_challenge)
    )


# --- helpers -------------------------------------------------------------------------------------------------------


class _Ids:
    """Deterministic UUIDs (version 4 layout) from their own random stream."""

    def __init__(self, seed: str) -> None:
        self._rng = random.Random(seed)

    def __call__(self) -> UUID:
        return UUID(int=self._rng.getrandbits(128), version=4)


def _clip(value: float, low: int = 0, high: int = 10) -> int:
    return max(low, min(high, round(value)))


def _local_tz(day: date) -> tzinfo:
    """The local UTC offset in force at noon on ``day`` (follows daylight saving time)."""
    found = datetime(day.year, day.month, day.day, 12).astimezone().tzinfo
    assert found is not None
    return found


def _at(day: date, tz: tzinfo, minutes: float) -> datetime:
    """``minutes`` after local midnight of ``day``, kept within the day."""
    clamped = max(0, min(24 * 60 - 1, round(minutes)))
    return datetime(day.year, day.month, day.day, clamped // 60, clamped % 60, tzinfo=tz)


def _weighted_sample(rng: random.Random, items: Sequence[tuple[BodySite, float]], k: int) -> list[BodySite]:
    pool = list(items)
    chosen: list[BodySite] = []
    for _ in range(min(k, len(pool))):
        total = sum(w for _, w in pool)
        pick = rng.random() * total
        for i, (site, weight) in enumerate(pool):
            pick -= weight
            if pick <= 0 or i == len(pool) - 1:
                chosen.append(site)
                del pool[i]
                break
    return chosen


@dataclass(slots=True)
class _Week:
    """What the weekly check-in looks back on."""

    sites: set[BodySite] = field(default_factory=set)
    fatigue: list[int] = field(default_factory=list)
    fog: list[int] = field(default_factory=list)
    unrefreshed: list[bool] = field(default_factory=list)
    stress: list[int] = field(default_factory=list)
    headache: int = 0
    abdominal: int = 0
