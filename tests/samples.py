"""One valid entry of every kind, for tests that need a full journal. Not a test module."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

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
    EntryKind,
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


#: The journal line of each sample above (the diet phase's start date is filled in by :func:`summaries`).
SUMMARIES: dict[EntryKind, str] = {
    EntryKind.CHALLENGE: "Challenge: Garlic (watching Bloating, Abdominal pain) — Tolerated up to a dose",
    EntryKind.DIET_PHASE: (
        "Low FODMAP: reintroduction from {start}, leaving out Wheat, Onion, Garlic — with my dietitian"
    ),
    EntryKind.SLEEP: "Sleep: 7.5 h, quality 6/10, woke unrefreshed",
    EntryKind.PAIN: "Pain 6/10 (muscle), average over the last 24 hours at Shoulder girdle, left, Neck, Lower back",
    EntryKind.STRESS: "Stress 7/10 — deadline",
    EntryKind.SYMPTOM: "Bloating 4/10",
    EntryKind.BOWEL: "Bristol type 6: Mushy, fluffy pieces with ragged edges (urgent, at night)",
    EntryKind.MEAL: "Lunch: Rye bread, Cheese, Garlic [Dairy, Gluten, Processed foods] — at my desk",
    EntryKind.WEEKLY_CHECKIN: "Weekly check-in: WPI 4, SSS 8, FS 12",
    EntryKind.CONTEXT: (
        "Context: period, exercise, medication: ibuprofen 400 mg, reaction to prawns, in a curry: hives, swelling"
    ),
}


def summary(kind: EntryKind, start: date) -> str:
    return SUMMARIES[kind].format(start=start.isoformat())


def table_counts(db_path: Path) -> dict[str, int]:
    """Rows in every table of the database, read with a plain sqlite3 connection (not our storage code)."""
    with sqlite3.connect(db_path) as raw:
        names = [
            r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
        counts = {name: raw.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    raw.close()
    return counts


def rows_for(db_path: Path, entry_id: object) -> dict[str, int]:
    """How many rows in each table refer to ``entry_id`` (as the entry itself or through an entry_id column)."""
    found: dict[str, int] = {}
    with sqlite3.connect(db_path) as raw:
        for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
            columns = {r[1] for r in raw.execute(f'PRAGMA table_info("{name}")')}
            column = "entry_id" if "entry_id" in columns else "id" if name == "entry" else None
            if column:
                n = raw.execute(f'SELECT count(*) FROM "{name}" WHERE {column} = ?', (str(entry_id),)).fetchone()[0]
                if n:
                    found[name] = n
    raw.close()
    return found
