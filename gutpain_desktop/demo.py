"""Realistic synthetic journal entries, for exploring the app, demos and benchmarks. No Qt.

:func:`generate_demo` writes a diary of one imaginary person ending on ``today``: meals with foods and their trigger
categories, pain (0-10, with body sites), stress, sleep, the tracked symptoms, bowel movements, context (period,
illness, alcohol, exercise, medication), a weekly check-in, and one elimination diet with a reintroduction.
Everything is stored with source ``"demo"`` so it can be told apart from (and removed without touching) the person's
own entries. The same ``seed`` and ``today`` give the same diary (same ids too, when written into a journal without
demo entries); entries later than the current time are left out when ``today`` is today.

Relationships planted on purpose (so the analyses have something true to find, and so their limits show):

* **Dairy -> next-day bloating.** Bloating on day D+1 rises by 2.5 x the dairy "lactose load" of day D. The load is the
  sum over the day's dairy foods of their lactose weight (milk, yogurt, ice cream, milky coffee = 1; cheese dishes,
  tea with milk, chocolate = 0.6; butter, hard cheese = 0.3), capped at 1. On an ordinary dairy day this is about
  +2 points. Outside the elimination diet about half the days include dairy, chosen independently day by day.
  Dairy also makes the next day's stools looser (Bristol 5-7 more often) and a little more frequent.
* **Short sleep -> pain.** A night under 6 hours (the sleep entry filed under the morning of day D) raises day D's
  pain by 1 point. Stress above 5 shortens that evening's sleep (0.2 h per point) and lengthens falling asleep;
  alcohol shortens it by ~0.4 h.
* **High stress -> same-day abdominal pain.** Stress 7 or more raises the same day's abdominal pain by 2 points.
* **Weekly rhythm.** Stress is ~1.5 points higher on working days; pain is highest on Mondays (+0.5) and lowest at
  weekends (-0.4), about 0.9 points apart.
* **Seasonal drift.** Pain follows a yearly wave of +-0.7 points (worst in late January) plus a slow random drift
  of about +-0.5 points over months.
* **Confounders.** A period every 26-31 days for 4-5 days (pain +0.8, abdominal pain +1.2, bloating +0.6); 3-4
  illnesses a year of 3-8 days (fatigue +2.5, pain +1, headache +1.5, brain fog +1, sometimes fever and paracetamol);
  alcohol (mostly Friday and Saturday) raises the next day's headache by 1.5; pain of 7 or more sometimes brings
  ibuprofen. Exercise (~30% of days) is recorded but has no planted effect. Fatigue follows sleep and pain; brain
  fog follows fatigue.
* **Elimination diet** (in the most recent year; for spans under ~4 months proportionally shorter): baseline
  (2 weeks) -> elimination (4 weeks; dairy-free or low FODMAP, chosen by the seed) -> reintroduction with two
  3-day challenges (small / medium / large dose, then a 3-day washout) -> personalisation (the lactose-rich foods
  are mostly avoided, with the occasional lapse). Meals on challenge days carry the challenge's id. A finished
  challenge's outcome is the suggested verdict of :func:`gutpain_desktop.analysis.challenges.suggest_verdict` on the
  generated target scores and the confounders of each day (illness, a period, stress >= 7, a night under 5 hours).
  Over 100 seeds (1 year each): milk (small dose ~+1 point of bloating) comes out tolerated up to the small dose
  or not tolerated in ~60% of challenges, hard cheese tolerated in ~half and wheat in ~a quarter; close to half of
  all challenges are inconclusive, mostly because a period or a stressful day fell in the week around them. Wheat,
  which has no planted effect, is still called not tolerated in ~15% of its challenges: single noisy days against a
  low baseline, a limit of the rule shown on purpose.
* **Noise.** Gaussian noise on every score, values rounded and clipped to their scales, and ~5% of days with no
  entries at all (never a diet-phase or challenge day).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from uuid import UUID

from .analysis.challenges import BASELINE_DAYS, Confounder, day_confounders, suggest_verdict
from .domain.entries import (
    AnyEntry,
    BowelEntry,
    ChallengeDose,
    ChallengeEntry,
    ChallengeOutcome,
    ContextEntry,
    DecidedBy,
    DietPhase,
    DietPhaseEntry,
    DietProtocol,
    Dose,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    PainKind,
    PainRecall,
    SleepEntry,
    StressEntry,
    SymptomEntry,
    WeeklyCheckinEntry,
)
from .domain.scales import BodySite
from .storage import Store

DEMO_SOURCE = "demo"
#: Symptoms rated every logged evening (the built-in symptoms tracked by default).
TRACKED_SYMPTOMS: tuple[str, ...] = ("fatigue", "brain_fog", "bloating", "abdominal_pain", "headache")
#: Days written per ``add_many`` call (one transaction each).
BATCH_DAYS = 90
MAX_YEARS = 100

DAIRY_BLOATING = 2.5  # next-day bloating per unit of lactose load
SHORT_SLEEP_PAIN = 1.0  # pain on the day after a night under 6 h
HIGH_STRESS_ABDOMINAL = 2.0  # same-day abdominal pain when stress >= 7
MISSING_DAY_RATE = 0.05


# --- foods -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Food:
    name: str
    categories: tuple[str, ...] = ()
    #: Weight in the planted dairy effect (0 for foods without dairy).
    lactose: float = 0.0
    #: High in FODMAPs other than lactose and wheat (onion, garlic, apple, pulses...): left out on low FODMAP.
    fodmap: bool = False

    @property
    def dairy(self) -> bool:
        return "dairy" in self.categories

    @property
    def wheat(self) -> bool:
        return "gluten" in self.categories


_G, _D, _S, _P, _O = "gluten", "dairy", "refined_sugar", "processed_foods", "seed_oils"

FOODS: dict[MealType, tuple[_Food, ...]] = {
    MealType.BREAKFAST: (
        _Food("Porridge made with milk", (_D,), 1.0),
        _Food("Porridge made with water"),
        _Food("Toast with butter", (_G, _D), 0.3),
        _Food("White toast with jam", (_G, _S)),
        _Food("Greek yogurt", (_D,), 1.0),
        _Food("Cornflakes with milk", (_D, _S, _P), 1.0),
        _Food("Scrambled eggs"),
        _Food("Banana"),
        _Food("Blueberries"),
        _Food("Croissant", (_G, _D, _S), 0.3),
        _Food("Granola bar", (_S, _P, _O), fodmap=True),
        _Food("Sourdough toast with peanut butter", (_G,)),
        _Food("Black coffee"),
        _Food("Apple", fodmap=True),
    ),
    MealType.LUNCH: (
        _Food("Ham sandwich", (_G, _P)),
        _Food("Cheese sandwich", (_G, _D), 0.6),
        _Food("Chicken salad"),
        _Food("Lentil soup", fodmap=True),
        _Food("Tuna wrap", (_G,)),
        _Food("Rice with stir-fried vegetables", (_O,)),
        _Food("Pasta salad", (_G, _O), fodmap=True),
        _Food("Jacket potato with cheese", (_D,), 0.6),
        _Food("Sushi"),
        _Food("Instant noodles", (_G, _P, _O), fodmap=True),
        _Food("Omelette"),
        _Food("Quinoa bowl with roast vegetables"),
        _Food("Cream of tomato soup", (_D, _P), 0.6, fodmap=True),
        _Food("Fruit yogurt", (_D, _S), 1.0),
        _Food("Apple", fodmap=True),
    ),
    MealType.DINNER: (
        _Food("Spaghetti bolognese", (_G,), fodmap=True),
        _Food("Grilled salmon"),
        _Food("Roast chicken"),
        _Food("Steamed rice"),
        _Food("Roast potatoes", (_O,)),
        _Food("Green salad with olive oil"),
        _Food("Pizza margherita", (_G, _D, _P), 0.6, fodmap=True),
        _Food("Fish and chips", (_G, _O)),
        _Food("Stir-fried tofu", (_O,)),
        _Food("Macaroni cheese", (_G, _D), 1.0),
        _Food("Vegetable curry", fodmap=True),
        _Food("Beef burger in a bun", (_G, _P), fodmap=True),
        _Food("Steamed broccoli"),
        _Food("Lasagne", (_G, _D), 0.6, fodmap=True),
        _Food("Chicken stir-fry", (_O,), fodmap=True),
        _Food("Baked sweet potato"),
        _Food("Mashed potato with butter and milk", (_D,), 1.0),
        _Food("Fish fingers", (_G, _P, _O)),
    ),
    MealType.SNACK: (
        _Food("Crisps", (_P, _O)),
        _Food("Milk chocolate bar", (_D, _S, _P), 0.6),
        _Food("Biscuits", (_G, _S, _O, _P)),
        _Food("Cheddar cheese", (_D,), 0.3),
        _Food("Apple", fodmap=True),
        _Food("Handful of almonds"),
        _Food("Ice cream", (_D, _S), 1.0),
        _Food("Rice cakes"),
        _Food("Carrot sticks with hummus", fodmap=True),
        _Food("Orange"),
        _Food("Fruit yogurt", (_D, _S), 1.0),
        _Food("Banana"),
    ),
    MealType.DRINK: (
        _Food("Latte", (_D,), 1.0),
        _Food("Black coffee"),
        _Food("Green tea"),
        _Food("Orange juice"),
        _Food("Cola", (_S, _P)),
        _Food("Milkshake", (_D, _S), 1.0),
        _Food("Herbal tea"),
        _Food("Apple juice", fodmap=True),
        _Food("Tea with milk", (_D,), 0.6),
        _Food("Sparkling water"),
    ),
}

#: How many foods a meal of each type holds, with weights (1-4).
_FOOD_COUNTS: dict[MealType, tuple[tuple[int, ...], tuple[float, ...]]] = {
    MealType.BREAKFAST: ((1, 2, 3), (0.3, 0.5, 0.2)),
    MealType.LUNCH: ((1, 2, 3), (0.35, 0.45, 0.2)),
    MealType.DINNER: ((2, 3, 4), (0.4, 0.45, 0.15)),
    MealType.SNACK: ((1, 2), (0.75, 0.25)),
    MealType.DRINK: ((1,), (1.0,)),
}
#: Usual time of each meal (minutes after midnight) and its spread.
_MEAL_TIMES: dict[MealType, tuple[int, int]] = {
    MealType.BREAKFAST: (7 * 60 + 40, 30),
    MealType.LUNCH: (12 * 60 + 50, 30),
    MealType.DINNER: (19 * 60, 35),
    MealType.SNACK: (15 * 60 + 30, 60),
    MealType.DRINK: (10 * 60 + 30, 50),
}

#: Where this person's pain usually is (weights), WPI sites.
_PAIN_SITES: tuple[tuple[BodySite, float], ...] = (
    (BodySite.NECK, 5.0),
    (BodySite.UPPER_BACK, 4.0),
    (BodySite.LOWER_BACK, 5.0),
    (BodySite.SHOULDER_L, 3.0),
    (BodySite.SHOULDER_R, 3.0),
    (BodySite.HIP_L, 2.0),
    (BodySite.HIP_R, 2.0),
    (BodySite.ABDOMEN, 1.5),
    (BodySite.UPPER_LEG_L, 1.0),
    (BodySite.UPPER_LEG_R, 1.0),
    (BodySite.UPPER_ARM_L, 0.7),
    (BodySite.UPPER_ARM_R, 0.7),
    (BodySite.JAW_L, 0.4),
    (BodySite.JAW_R, 0.4),
    (BodySite.LOWER_LEG_L, 0.5),
    (BodySite.LOWER_LEG_R, 0.5),
    (BodySite.LOWER_ARM_L, 0.4),
    (BodySite.LOWER_ARM_R, 0.4),
    (BodySite.CHEST, 0.3),
)
#: Pain by weekday, Monday first.
_WEEKDAY_PAIN = (0.5, 0.3, 0.1, 0.0, 0.0, -0.4, -0.4)
_BRISTOL_WEIGHTS = (0.03, 0.07, 0.25, 0.35, 0.2, 0.07, 0.03)


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


# --- the generator -------------------------------------------------------------------------------------------------


class _Diary:
    """Simulates one person day by day and turns each day into entries."""

    def __init__(self, seed: int, today: date, first: date, ids: _Ids) -> None:
        self.rng = random.Random(f"gutpain-demo:{seed}")
        self.today = today
        self.first = first
        self.new_id = ids
        self.diet = _plan_diet(self.rng, first, today, ids)
        # Latent state carried from one day to the next.
        self.stress_ar = 0.0
        self.drift = 0.0
        self.yesterday_load = 0.0
        self.yesterday_stress = 4
        self.yesterday_alcohol = False
        self.yesterday_pain = 4
        self.next_period = first + timedelta(days=self.rng.randint(0, 27))
        self.period_left = 0
        self.illness_left = 0
        self.illness_day = 0
        self.week = _Week()
        self.protected = self._protected_days()

    def _protected_days(self) -> set[date]:
        """Days that are always logged: diet phase starts and challenge windows."""
        days = set(self.diet.starts)
        for challenge in self.diet.challenges:
            days.update(
                challenge.day1 + timedelta(days=i) for i in range((challenge.window_end - challenge.day1).days + 1)
            )
        return days

    # The day ---------------------------------------------------------------------------------------------------

    def day(self, day: date) -> list[AnyEntry]:
        rng = self.rng
        tz = _local_tz(day)
        tz_before = _local_tz(day - timedelta(days=1))
        weekday = day.weekday()
        workday = weekday < 5
        phase = self.diet.phase_on(day)
        challenge = self.diet.challenge_on(day)
        dose = challenge.dose_on(day) if challenge else None

        # Context: period, illness, alcohol, exercise.
        if day >= self.next_period and self.period_left == 0:
            self.period_left = rng.randint(4, 5)
            self.next_period = day + timedelta(days=rng.randint(26, 31))
        period = self.period_left > 0
        self.period_left = max(0, self.period_left - 1)
        if self.illness_left == 0 and rng.random() < 3.5 / 365:
            self.illness_left = rng.randint(3, 8)
            self.illness_day = 0
        ill = self.illness_left > 0
        if ill:
            self.illness_day += 1
            self.illness_left -= 1
        fever = ill and self.illness_day <= 2 and rng.random() < 0.5
        alcohol = not ill and rng.random() < (0.35 if weekday in (4, 5) else 0.05)
        exercise = not ill and rng.random() < 0.3

        # Stress: weekly rhythm plus a persistent AR(1) mood.
        self.stress_ar = 0.6 * self.stress_ar + rng.gauss(0, 1.2)
        stress = _clip(3.2 + (1.5 if workday else 0.0) + self.stress_ar + (0.8 if ill else 0.0))

        # Last night's sleep (filed under this morning), shaped by yesterday's stress and alcohol.
        weekend_night = (day - timedelta(days=1)).weekday() in (4, 5)
        bed_minutes = 22 * 60 + 30 + rng.gauss(0, 35) + (50 if weekend_night else 0)
        latency = max(3, min(120, round(8 + 4 * max(0, self.yesterday_stress - 4) + rng.expovariate(1 / 8))))
        hours = (
            rng.gauss(7.0, 0.85) - 0.2 * max(0, self.yesterday_stress - 5) - (0.4 if self.yesterday_alcohol else 0.0)
        )
        hours = max(3.0, min(10.5, hours))
        awakenings = min(6, int(rng.expovariate(1 / 1.3)) + (1 if self.yesterday_pain >= 7 else 0))
        quality = _clip(3 + 1.2 * (hours - 5) - 0.4 * awakenings - 0.15 * (self.yesterday_pain - 4) + rng.gauss(0, 1))
        refreshed = quality + rng.gauss(0, 1.5) >= 6
        bed = _at(day - timedelta(days=1), tz_before, 0) + timedelta(minutes=round(bed_minutes))
        wake = (bed + timedelta(minutes=latency + round(hours * 60))).astimezone(tz)
        slept = (wake - bed).total_seconds() / 3600 - latency / 60

        # Pain: seasons, slow drift, weekly rhythm, short sleep, period, illness, noise.
        self.drift = 0.985 * self.drift + rng.gauss(0, 0.08)
        season = 0.7 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 25) / 365.25)
        pain_value = (
            4.3
            + season
            + self.drift
            + _WEEKDAY_PAIN[weekday]
            + (SHORT_SLEEP_PAIN if slept < 6 else 0.0)
            + (0.8 if period else 0.0)
            + (1.0 if ill else 0.0)
            + rng.gauss(0, 0.7)
        )
        pain = _clip(pain_value)

        # Meals (dairy decided for the whole day, so dairy days are independent of each other).
        meals, load = self._meals(day, tz, phase, challenge, dose)

        # Symptoms.
        fatigue = _clip(2.5 + 0.6 * max(0.0, 7 - slept) + 0.35 * (pain - 4) + (2.5 if ill else 0) + rng.gauss(0, 0.9))
        symptoms = {
            "fatigue": fatigue,
            "brain_fog": _clip(1.5 + 0.6 * (fatigue - 3) + (1.0 if ill else 0) + rng.gauss(0, 0.9)),
            "bloating": _clip(1.8 + DAIRY_BLOATING * self.yesterday_load + (0.6 if period else 0) + rng.gauss(0, 0.8)),
            "abdominal_pain": _clip(
                1.4 + (HIGH_STRESS_ABDOMINAL if stress >= 7 else 0) + (1.2 if period else 0) + rng.gauss(0, 0.8)
            ),
            "headache": _clip(
                0.6
                + (1.5 if self.yesterday_alcohol else 0)
                + (0.5 if slept < 6 else 0)
                + (1.5 if ill else 0)
                + rng.gauss(0, 1.0)
            ),
        }

        # Bowel movements: looser and a little more often after dairy.
        counts = (0.05, 0.35, 0.4, 0.2) if self.yesterday_load >= 0.5 else (0.12, 0.48, 0.3, 0.1)
        n_bowel = rng.choices((0, 1, 2, 3), counts)[0]
        bowel: list[tuple[int, int]] = []
        for i in range(n_bowel):
            bristol = rng.choices(range(1, 8), _BRISTOL_WEIGHTS)[0]
            if self.yesterday_load > 0 and rng.random() < 0.6 * min(1.0, self.yesterday_load):
                bristol = min(7, bristol + rng.choice((1, 2)))
            bowel.append((bristol, (7 * 60 + 20 if i == 0 else 10 * 60 + i * 240) + rng.randint(-30, 60)))

        medication = ""
        if ill and rng.random() < 0.6:
            medication = "Paracetamol 1 g"
        elif pain >= 7 and rng.random() < 0.3:
            medication = "Ibuprofen 400 mg"

        # Challenge bookkeeping: target scores and confounders, for the outcome.
        for watched in self.diet.challenges:
            if watched.day1 - timedelta(days=BASELINE_DAYS) <= day <= watched.window_end:
                watched.scores[day] = {k: symptoms[k] for k in watched.plan.targets}
                watched.confounders[day] = day_confounders(illness=ill, period=period, stress=stress, sleep_hours=slept)

        logged = day in self.protected or rng.random() >= MISSING_DAY_RATE
        entries: list[AnyEntry] = []
        if logged:
            entries = self._entries(
                day,
                tz,
                phase=phase,
                meals=meals,
                bed=bed,
                wake=wake,
                latency=latency,
                awakenings=awakenings,
                quality=quality,
                refreshed=refreshed,
                stress=stress,
                pain=pain,
                symptoms=symptoms,
                bowel=bowel,
                context=(period, ill, fever, alcohol, exercise, medication),
            )

        # Carry over to tomorrow.
        self.yesterday_load = load
        self.yesterday_stress = stress
        self.yesterday_alcohol = alcohol
        self.yesterday_pain = pain
        for finished in self.diet.challenges:
            if finished.window_end == day or (day == self.today and finished.day1 <= day < finished.window_end):
                entries.append(self._challenge_entry(finished))
        return entries

    def _meals(
        self, day: date, tz: tzinfo, phase: DietPhase | None, challenge: _Challenge | None, dose: Dose | None
    ) -> tuple[list[MealEntry], float]:
        rng = self.rng
        types = [MealType.BREAKFAST, MealType.LUNCH, MealType.DINNER]
        if rng.random() < 0.05:
            types.remove(MealType.LUNCH)
        extra = rng.choices((0, 1, 2), (0.15, 0.45, 0.4))[0]
        types += [rng.choice((MealType.SNACK, MealType.SNACK, MealType.DRINK)) for _ in range(extra)]
        types = types[:5] if len(types) >= 3 else [*types, MealType.SNACK]

        lapse = phase is DietPhase.PERSONALISATION and rng.random() < 0.15
        dairy_day = phase in (None, DietPhase.BASELINE, DietPhase.PERSONALISATION) and rng.random() < 0.5
        dairy_meals = set(rng.sample(range(len(types)), rng.choice((1, 1, 2)))) if dairy_day else set()
        challenge_meal = rng.choice((0, 1)) if dose is not None else -1  # the dose goes with breakfast or lunch

        meals: list[MealEntry] = []
        load = 0.0
        weekend = day.weekday() >= 5
        for index, meal_type in enumerate(types):
            menu = FOODS[meal_type]
            plain = [f for f in menu if not f.dairy and self.diet.allows(phase, f)]
            count = rng.choices(*_FOOD_COUNTS[meal_type])[0]
            foods = rng.sample(plain, min(count, len(plain)))
            if index in dairy_meals:
                dairy = [f for f in menu if f.dairy and (lapse or self.diet.allows(phase, f))]
                if dairy:
                    pick = rng.choice(dairy)
                    foods[-1] = pick
                    load += pick.lactose
            items = [FoodItem(f.name, f.categories) for f in foods[:4]]
            if index == challenge_meal and challenge is not None and dose is not None:
                amount = challenge.plan.amounts[(Dose.SMALL, Dose.MEDIUM, Dose.LARGE).index(dose)]
                items = [*items[:3], FoodItem(challenge.plan.food.name, challenge.plan.food.categories, amount)]
            mean, spread = _MEAL_TIMES[meal_type]
            minutes = mean + rng.gauss(0, spread / 2) + (60 if weekend and meal_type is MealType.BREAKFAST else 0)
            if meal_type in (MealType.SNACK, MealType.DRINK) and rng.random() < 0.4:
                minutes = (21 * 60 if meal_type is MealType.DRINK else 10 * 60 + 30) + rng.gauss(0, 20)
            meals.append(
                MealEntry(
                    id=self.new_id(),
                    occurred_at=_at(day, tz, minutes),
                    meal_type=meal_type,
                    foods=tuple(items),
                    challenge_id=challenge.id if dose is not None and challenge is not None else None,
                )
            )
        load = min(1.0, load)
        if challenge is not None and dose is not None:
            load += challenge.plan.food.lactose * _DOSE_FACTOR[dose]
        return meals, load

    def _entries(
        self,
        day: date,
        tz: tzinfo,
        *,
        phase: DietPhase | None,
        meals: list[MealEntry],
        bed: datetime,
        wake: datetime,
        latency: int,
        awakenings: int,
        quality: int,
        refreshed: bool,
        stress: int,
        pain: int,
        symptoms: dict[str, int],
        bowel: list[tuple[int, int]],
        context: tuple[bool, bool, bool, bool, bool, str],
    ) -> list[AnyEntry]:
        rng = self.rng
        new_id = self.new_id
        entries: list[AnyEntry] = []

        if day in self.diet.starts and phase is not None:
            entries.append(self._phase_entry(day, tz, phase))
        entries.append(
            SleepEntry(
                id=new_id(),
                occurred_at=wake + timedelta(minutes=rng.randint(5, 40)),
                bed_time=bed,
                wake_time=wake,
                minutes_to_sleep=latency,
                awakenings=awakenings,
                quality=quality,
                refreshed=refreshed,
            )
        )
        entries.extend(meals)

        n_sites = max(1, min(6, round(1 + (pain - 2) * 0.6 + rng.gauss(0, 0.8))))
        sites = frozenset(_weighted_sample(rng, _PAIN_SITES, n_sites))
        if rng.random() < 0.45:
            flare = _clip(pain + rng.gauss(0.3, 1.2))
            kind = PainKind.MUSCLE
            if symptoms["headache"] >= 6:
                kind = PainKind.HEADACHE
            elif symptoms["abdominal_pain"] >= 6:
                kind = PainKind.ABDOMINAL
            now_sites = frozenset(rng.sample(sorted(sites), rng.randint(1, len(sites))))
            if kind is PainKind.HEADACHE:
                now_sites = frozenset({BodySite.NECK})
            elif kind is PainKind.ABDOMINAL:
                now_sites = frozenset({BodySite.ABDOMEN})
            entries.append(
                PainEntry(
                    id=new_id(),
                    occurred_at=_at(day, tz, rng.uniform(10 * 60, 18 * 60)),
                    intensity=flare,
                    recall=PainRecall.NOW,
                    sites=now_sites,
                    pain_kind=kind,
                )
            )
        evening = 21 * 60 + rng.gauss(0, 25)
        entries.append(
            PainEntry(
                id=new_id(),
                occurred_at=_at(day, tz, evening),
                intensity=pain,
                recall=PainRecall.AVERAGE_24H,
                sites=sites,
            )
        )
        entries.append(StressEntry(id=new_id(), occurred_at=_at(day, tz, evening + 1), level=stress))
        for offset, key in enumerate(TRACKED_SYMPTOMS, start=2):
            entries.append(
                SymptomEntry(
                    id=new_id(), occurred_at=_at(day, tz, evening + offset), symptom=key, severity=symptoms[key]
                )
            )
        extra: list[tuple[str, int]] = []
        if any(b >= 6 for b, _ in bowel) and rng.random() < 0.7:
            extra.append(("diarrhoea", _clip(rng.gauss(5, 1.3), 1)))
        if any(b <= 2 for b, _ in bowel) and rng.random() < 0.6:
            extra.append(("constipation", _clip(rng.gauss(4, 1.2), 1)))
        if (context[1] and rng.random() < 0.4) or rng.random() < 0.03:
            extra.append(("nausea", _clip(rng.gauss(4, 1.5), 1)))
        if symptoms["headache"] >= 6 and rng.random() < 0.5:
            extra.append(("sensitivity_light", _clip(rng.gauss(5, 1.5), 1)))
        for offset, (key, severity) in enumerate(extra, start=8):
            entries.append(
                SymptomEntry(id=new_id(), occurred_at=_at(day, tz, evening + offset), symptom=key, severity=severity)
            )

        for bristol, minutes in bowel:
            entries.append(
                BowelEntry(
                    id=new_id(),
                    occurred_at=_at(day, tz, minutes),
                    bristol=bristol,
                    urgency=bristol >= 6 and rng.random() < 0.6,
                    straining=bristol <= 2 and rng.random() < 0.7,
                )
            )

        period, ill, fever, alcohol, exercise, medication = context
        if period or ill or fever or alcohol or exercise or medication:
            entries.append(
                ContextEntry(
                    id=new_id(),
                    occurred_at=_at(day, tz, evening + 15),
                    period=period,
                    illness=ill,
                    fever=fever,
                    alcohol=alcohol,
                    exercise=exercise,
                    medication=medication,
                )
            )

        week = self.week
        week.sites |= sites
        week.fatigue.append(symptoms["fatigue"])
        week.fog.append(symptoms["brain_fog"])
        week.unrefreshed.append(not refreshed)
        week.stress.append(stress)
        week.headache = max(week.headache, symptoms["headache"])
        week.abdominal = max(week.abdominal, symptoms["abdominal_pain"])
        if day.weekday() == 6:
            entries.append(self._checkin(day, tz, evening + 20))
        return entries

    def challenge_open(self, day: date) -> bool:
        """Whether a challenge has started by ``day`` but its entry is not written yet."""
        return any(c.day1 <= day < c.window_end for c in self.diet.challenges)

    def end_week(self, day: date) -> None:
        if day.weekday() == 6:
            self.week = _Week()

    def _checkin(self, day: date, tz: tzinfo, minutes: float) -> WeeklyCheckinEntry:
        week = self.week

        def level(values: Sequence[int]) -> int:
            return _clip((sum(values) / len(values) - 1) / 2.5, 0, 3)

        return WeeklyCheckinEntry(
            id=self.new_id(),
            occurred_at=_at(day, tz, minutes),
            sites=frozenset(week.sites),
            fatigue=level(week.fatigue),
            unrefreshed=_clip(3 * sum(week.unrefreshed) / len(week.unrefreshed), 0, 3),
            cognitive=level(week.fog),
            headaches=week.headache >= 4,
            lower_abdominal_pain=week.abdominal >= 4,
            depression=sum(week.stress) / len(week.stress) >= 6,
        )

    def _phase_entry(self, day: date, tz: tzinfo, phase: DietPhase) -> DietPhaseEntry:
        index = _PHASES.index(phase)
        starts = self.diet.starts
        following = starts[index + 1] if index + 1 < len(starts) else None
        planned = {
            DietPhase.BASELINE: starts[1] - timedelta(days=1),
            DietPhase.ELIMINATION: starts[2] - timedelta(days=1),
            DietPhase.REINTRODUCTION: starts[3] - timedelta(days=1),
            DietPhase.PERSONALISATION: None,
        }[phase]
        ended = following - timedelta(days=1) if following is not None and following <= self.today else None
        notes = {
            DietPhase.BASELINE: "Eating as usual for two weeks to see where I start from.",
            DietPhase.ELIMINATION: "Agreed with my dietitian.",
            DietPhase.REINTRODUCTION: "One food at a time, three days each, then a washout.",
            DietPhase.PERSONALISATION: "Keeping only what seemed to matter out.",
        }
        return DietPhaseEntry(
            id=self.new_id(),
            occurred_at=_at(day, tz, 7 * 60 + 30),
            protocol=self.diet.protocol,
            phase=phase,
            planned_end=planned,
            ended=ended,
            eliminated=self.diet.eliminated(phase),
            note=notes[phase],
        )

    def _challenge_entry(self, challenge: _Challenge) -> ChallengeEntry:
        finished = challenge.window_end < self.today
        outcome, decided = ChallengeOutcome.PENDING, DecidedBy.NOBODY
        if finished:
            outcome, decided = _decide(challenge), DecidedBy.PERSON
        sizes = (Dose.SMALL, Dose.MEDIUM, Dose.LARGE)
        return ChallengeEntry(
            id=challenge.id,
            occurred_at=_at(challenge.day1, _local_tz(challenge.day1), 7 * 60 + 45),
            food=challenge.plan.food.name,
            target_symptoms=challenge.plan.targets,
            doses=tuple(
                ChallengeDose(day, size, amount)
                for day, (size, amount) in enumerate(zip(sizes, challenge.plan.amounts, strict=True), start=1)
                if challenge.day1 + timedelta(days=day - 1) <= self.today
            ),
            washout_days=challenge.washout_days,
            outcome=outcome,
            decided_by=decided,
        )


def _decide(challenge: _Challenge) -> ChallengeOutcome:
    """The suggested rule (:func:`gutpain_desktop.analysis.challenges.suggest_verdict`) on the generated scores."""
    return suggest_verdict(
        day1=challenge.day1,
        targets=challenge.plan.targets,
        doses=[ChallengeDose(day, size) for day, size in enumerate((Dose.SMALL, Dose.MEDIUM, Dose.LARGE), start=1)],
        washout_days=challenge.washout_days,
        scores=challenge.scores,
        confounders=challenge.confounders,
    ).outcome


# --- public ---------------------------------------------------------------------------------------------------------


def generate_demo(store: Store, *, years: float = 1.0, seed: int = 1, today: date | None = None) -> int:
    """Write ``years`` (more than 0, at most :data:`MAX_YEARS`) of synthetic entries ending on ``today`` (default:
    the local date) and return how many were written.

    Entries are written with source ``"demo"`` in one transaction per ~:data:`BATCH_DAYS` days (a batch is never cut
    inside a challenge window). Raises ValueError for an out-of-range ``years`` or a ``today`` in the future.
    """
    if not 0 < years <= MAX_YEARS:
        raise ValueError(f"years must be more than 0 and at most {MAX_YEARS}, not {years}")
    real_now = datetime.now().astimezone()
    if today is not None and today > real_now.date():
        raise ValueError(f"today ({today.isoformat()}) is in the future; entries can only be made up to today")
    today = today or real_now.date()
    days = max(1, round(years * 365.25))
    first = today - timedelta(days=days - 1)
    cutoff = real_now if today == real_now.date() else None
    existing = store.entries.count(source=DEMO_SOURCE)
    diary = _Diary(seed, today, first, _Ids(f"gutpain-demo-ids:{seed}:{today.isoformat()}:{existing}"))

    written = batch_days = 0
    batch: list[AnyEntry] = []
    for index in range(days):
        day = first + timedelta(days=index)
        entries = diary.day(day)
        diary.end_week(day)
        if cutoff is not None and day == today:
            dropped = {e.id for e in entries if e.occurred_at > cutoff}
            entries = [
                e
                for e in entries
                if e.id not in dropped and not (isinstance(e, MealEntry) and e.challenge_id in dropped)
            ]
        batch.extend(entries)
        batch_days += 1
        # A meal may only be written with or after the challenge it points to (a foreign key), and a challenge is
        # written when its window closes: never cut a batch inside a challenge window.
        if (batch_days >= BATCH_DAYS and not diary.challenge_open(day)) or index == days - 1:
            if batch:
                store.entries.add_many(batch, source=DEMO_SOURCE, check=False)
            written += len(batch)
            batch, batch_days = [], 0
    return written
