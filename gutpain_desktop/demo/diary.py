"""The demo diary, day by day (see the package docstring for what is planted in it)."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from ..analysis.challenges import BASELINE_DAYS, day_confounders, suggest_verdict
from ..domain.entries import (
    AnyEntry,
    BowelEntry,
    ChallengeDose,
    ChallengeEntry,
    ChallengeOutcome,
    ContextEntry,
    DecidedBy,
    DietPhase,
    DietPhaseEntry,
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
from ..domain.scales import BodySite
from .foods import (
    _BRISTOL_WEIGHTS,
    _FOOD_COUNTS,
    _MEAL_TIMES,
    _PAIN_SITES,
    _WEEKDAY_PAIN,
    DAIRY_BLOATING,
    FOODS,
    HIGH_STRESS_ABDOMINAL,
    MISSING_DAY_RATE,
    SHORT_SLEEP_PAIN,
    TRACKED_SYMPTOMS,
)
from .plan import _DOSE_FACTOR, _PHASES, _at, _Challenge, _clip, _Ids, _local_tz, _plan_diet, _Week, _weighted_sample

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
