"""One valid entry of every kind: for the self-test (``gutpain-desktop --self-test``) and the tests. No Qt."""

from __future__ import annotations

from datetime import datetime, timedelta

from gutpain_desktop.domain.entries import (
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
    Reaction,
    SleepEntry,
    StressEntry,
    SymptomEntry,
    WeeklyCheckinEntry,
)
from gutpain_desktop.domain.scales import BodySite


def every_kind(at: datetime) -> list[AnyEntry]:
    """One entry of each kind, ``at`` and up to an hour before it, oldest first (the journal lists them reversed).

    Values are stored as storage returns them: categories sorted, doses by day, names without outer spaces.
    """
    minute = timedelta(minutes=1)
    challenge = ChallengeEntry(
        occurred_at=at - 60 * minute,
        food="Garlic",
        target_symptoms=("bloating", "abdominal_pain"),
        doses=(ChallengeDose(1, Dose.SMALL, "1/4 clove"), ChallengeDose(2, Dose.MEDIUM), ChallengeDose(3, Dose.LARGE)),
        washout_days=3,
        outcome=ChallengeOutcome.TOLERATED_UP_TO_DOSE,
        decided_by=DecidedBy.PRACTITIONER,
    )
    return [
        challenge,
        DietPhaseEntry(
            occurred_at=at - 55 * minute,
            protocol=DietProtocol.LOW_FODMAP,
            phase=DietPhase.REINTRODUCTION,
            planned_end=at.date() + timedelta(days=42),
            eliminated=("wheat", "onion", "garlic"),
            note="with my dietitian",
        ),
        SleepEntry(
            occurred_at=at - 50 * minute,
            bed_time=at - timedelta(hours=9),
            wake_time=at - timedelta(hours=1),
            minutes_to_sleep=30,
            awakenings=2,
            quality=6,
            refreshed=False,
        ),
        PainEntry(
            occurred_at=at - 45 * minute,
            intensity=6,
            recall=PainRecall.AVERAGE_24H,
            sites=frozenset({BodySite.NECK, BodySite.LOWER_BACK, BodySite.SHOULDER_L}),
            pain_kind=PainKind.MUSCLE,
        ),
        StressEntry(occurred_at=at - 40 * minute, level=7, note="deadline\nand a second line"),
        SymptomEntry(occurred_at=at - 35 * minute, symptom="bloating", severity=4),
        BowelEntry(occurred_at=at - 30 * minute, bristol=6, urgency=True, at_night=True),
        MealEntry(
            occurred_at=at - 20 * minute,
            meal_type=MealType.LUNCH,
            foods=(
                FoodItem("Rye bread", ("gluten",), "2 slices"),
                FoodItem("Cheese", ("dairy", "processed_foods")),
                FoodItem("Garlic"),
            ),
            challenge_id=challenge.id,
            note="at my desk",
        ),
        WeeklyCheckinEntry(
            occurred_at=at - 10 * minute,
            sites=frozenset({BodySite.NECK, BodySite.JAW_L, BodySite.HIP_R, BodySite.ABDOMEN}),
            fatigue=2,
            unrefreshed=3,
            cognitive=1,
            headaches=True,
            depression=False,
            lower_abdominal_pain=True,
        ),
        ContextEntry(
            occurred_at=at,
            period=True,
            exercise=True,
            medication="ibuprofen 400 mg",
            reaction_food="prawns, in a curry",
            reactions=frozenset({Reaction.HIVES, Reaction.SWELLING}),
        ),
    ]
