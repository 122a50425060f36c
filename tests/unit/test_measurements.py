"""EntryRepository.measurements on a real SQLite store: the columns the Trends charts draw."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import event

from gutpain_desktop.domain.entries import (
    AnyEntry,
    BowelEntry,
    ChallengeDose,
    ChallengeEntry,
    ContextEntry,
    DietPhase,
    DietPhaseEntry,
    DietProtocol,
    Dose,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    PainRecall,
    SleepEntry,
    StressEntry,
    SymptomEntry,
    WeeklyCheckinEntry,
)
from gutpain_desktop.domain.measurements import ChallengeSpan, Measurements, PhaseSpan
from gutpain_desktop.domain.scales import BodySite
from gutpain_desktop.storage import Store, open_store

PARIS = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
MON, TUE, THU, SUN = date(2024, 3, 4), date(2024, 3, 5), date(2024, 3, 7), date(2024, 3, 10)


def at(day: date, hour: int, minute: int = 0, tz: timezone = PARIS) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def journal() -> list[AnyEntry]:
    return [
        PainEntry(occurred_at=at(MON, 8), intensity=6, sites=frozenset({BodySite.NECK, BodySite.LOWER_BACK})),
        PainEntry(occurred_at=at(MON, 20), intensity=4, recall=PainRecall.AVERAGE_24H),
        PainEntry(occurred_at=at(THU, 9), intensity=0, recall=PainRecall.WORST, sites=frozenset({BodySite.HIP_R})),
        StressEntry(occurred_at=at(TUE, 18), level=7),
        SleepEntry(occurred_at=at(TUE, 7), hours=7.5, quality=6),
        SleepEntry(occurred_at=at(THU, 7), quality=3),  # no hours
        SleepEntry(
            occurred_at=at(SUN, 6, 30),
            bed_time=at(SUN, 23, 0) - timedelta(days=1),
            wake_time=at(SUN, 6, 30),
            minutes_to_sleep=30,
        ),  # no quality
        SymptomEntry(occurred_at=at(MON, 10), symptom="bloating", severity=4),
        # 23:30 in New York is already Tuesday in UTC: it still belongs to the person's Monday.
        SymptomEntry(occurred_at=at(MON, 23, 30, NEW_YORK), symptom="fatigue", severity=3),
        SymptomEntry(occurred_at=at(TUE, 12), symptom="headache", severity=0),
        MealEntry(
            occurred_at=at(MON, 12),
            meal_type=MealType.LUNCH,
            foods=(
                FoodItem("Rye bread", ("gluten",)),
                FoodItem("Cheese", ("dairy", "processed_foods")),
                FoodItem("Garlic"),
            ),
        ),
        MealEntry(occurred_at=at(MON, 19), meal_type=MealType.DINNER, foods=(FoodItem("Pasta", ("gluten",)),)),
        MealEntry(occurred_at=at(TUE, 8), meal_type=MealType.BREAKFAST, foods=(FoodItem("Apple"),)),
        MealEntry(occurred_at=at(THU, 8), meal_type=MealType.DRINK, foods=(FoodItem("Milk", ("dairy",)),)),
        # The same foods written another way: one food each (case and inner spaces folded), the latest spelling shown.
        MealEntry(
            occurred_at=at(THU, 19),
            meal_type=MealType.SNACK,
            foods=(FoodItem("milk"), FoodItem("Dark   chocolate"), FoodItem("dark chocolate")),
        ),
        BowelEntry(occurred_at=at(TUE, 7, 30), bristol=4),
        BowelEntry(occurred_at=at(THU, 23, 45, NEW_YORK), bristol=6),
        WeeklyCheckinEntry(occurred_at=at(SUN, 20), sites=frozenset({BodySite.CHEST, BodySite.NECK})),
        DietPhaseEntry(occurred_at=at(date(2024, 2, 1), 8), protocol=DietProtocol.LOW_FODMAP, phase=DietPhase.BASELINE),
        DietPhaseEntry(
            occurred_at=at(date(2024, 2, 15), 8),
            protocol=DietProtocol.LOW_FODMAP,
            phase=DietPhase.ELIMINATION,
            ended=date(2024, 3, 5),
        ),
        DietPhaseEntry(
            occurred_at=at(date(2024, 3, 6), 8),
            protocol=DietProtocol.CUSTOM,
            protocol_name="My onion trial",
            phase=DietPhase.REINTRODUCTION,
        ),
        DietPhaseEntry(occurred_at=at(date(2024, 4, 1), 8), protocol=DietProtocol.CUSTOM, phase=DietPhase.STOPPED),
        ChallengeEntry(
            occurred_at=at(date(2024, 2, 27), 8),
            food="Garlic",
            target_symptoms=("bloating",),
            doses=(ChallengeDose(1, Dose.SMALL), ChallengeDose(2, Dose.MEDIUM), ChallengeDose(3, Dose.LARGE)),
            washout_days=3,
        ),
        ChallengeEntry(
            occurred_at=at(date(2024, 3, 6), 8),
            food="Wheat",
            target_symptoms=("bloating", "fatigue"),
            doses=(ChallengeDose(1, Dose.SMALL),),
            washout_days=2,
        ),
    ]


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "d")
    try:
        store.entries.add_many(journal())
        yield store
    finally:
        store.close()


GARLIC = ChallengeSpan(date(2024, 2, 27), "Garlic", 3, 3, "pending", ("small", "medium", "large"))
WHEAT = ChallengeSpan(date(2024, 3, 6), "Wheat", 2, 1, "pending", ("small", "", ""))
PHASES = [
    PhaseSpan(date(2024, 2, 1), "baseline", "Low FODMAP", None),
    PhaseSpan(date(2024, 2, 15), "elimination", "Low FODMAP", date(2024, 3, 5)),
    PhaseSpan(date(2024, 3, 6), "reintroduction", "My onion trial", None),
    PhaseSpan(date(2024, 4, 1), "stopped", "Custom", None),
]


def test_every_column_of_the_whole_journal(filled: Store) -> None:
    m = filled.entries.measurements()

    assert (m.start, m.end) == (None, None)
    assert m.pain_dates == [MON, MON, THU]
    assert m.pain_intensity == [6, 4, 0]
    assert m.pain_recall == ["now", "average_24h", "worst_24h"]
    assert m.stress_dates == [TUE] and m.stress_level == [7]
    assert m.sleep_dates == [TUE, THU, SUN]
    assert m.sleep_hours == [7.5, None, 7.0]  # entered / not given / derived from the times less 30 minutes
    assert m.sleep_quality == [6, 3, None]
    assert m.symptom_dates == [MON, MON, TUE]
    assert m.symptom_keys == ["bloating", "fatigue", "headache"]
    assert m.symptom_severity == [4, 3, 0]
    # One row per (day, category): gluten twice on Monday counts once; the apple has no category.
    assert list(zip(m.meal_dates, m.meal_categories, strict=True)) == [
        (MON, "dairy"),
        (MON, "gluten"),
        (MON, "processed_foods"),
        (THU, "dairy"),
    ]
    assert m.bowel_dates == [TUE, THU]
    assert m.bowel_hours == [7.5, 23.75]  # local clock time, also when UTC is already the next day
    assert m.bowel_bristol == [4, 6]
    # Pain sites only (the weekly check-in's sites are not pain entries), sites of one entry in key order.
    assert list(zip(m.site_dates, m.site_keys, strict=True)) == [(MON, "lower_back"), (MON, "neck"), (THU, "hip_right")]
    assert m.diet_phases == PHASES
    assert m.challenges == [GARLIC, WHEAT]
    assert GARLIC.window_end == date(2024, 3, 3)  # doses 27, 28, 29 Feb, washout to 3 March
    assert [GARLIC.dose_on(date(2024, 2, d)) for d in (26, 27, 28, 29)] == ["", "small", "medium", "large"]
    assert WHEAT.dose_on(date(2024, 3, 7)) == "" and GARLIC.dose_on(date(2024, 3, 1)) == ""
    assert not m.is_empty()
    assert m.span() == (MON, SUN)


def test_a_date_range_filters_by_the_local_day(filled: Store) -> None:
    m = filled.entries.measurements(start=TUE, end=THU)

    assert (m.start, m.end) == (TUE, THU)
    assert (m.pain_dates, m.pain_intensity, m.pain_recall) == ([THU], [0], ["worst_24h"])
    assert (m.stress_dates, m.stress_level) == ([TUE], [7])
    assert (m.sleep_dates, m.sleep_hours, m.sleep_quality) == ([TUE, THU], [7.5, None], [6, 3])
    assert (m.symptom_dates, m.symptom_keys) == ([TUE], ["headache"])  # Monday's 23:30 New York stays out
    assert (m.meal_dates, m.meal_categories) == ([THU], ["dairy"])
    assert (m.bowel_dates, m.bowel_bristol) == ([TUE, THU], [4, 6])
    assert (m.site_dates, m.site_keys) == ([THU], ["hip_right"])
    # Phases that began before the range are kept (the one in force and earlier); later ones are not.
    assert m.diet_phases == PHASES[:3]
    # Garlic's washout ended on 3 March, before the range; Wheat starts in it.
    assert m.challenges == [WHEAT]


def test_open_ended_ranges(filled: Store) -> None:
    until_monday = filled.entries.measurements(end=MON)
    assert until_monday.pain_dates == [MON, MON]
    assert until_monday.symptom_keys == ["bloating", "fatigue"]
    assert until_monday.sleep_dates == []
    assert until_monday.challenges == [GARLIC]
    assert until_monday.diet_phases == PHASES[:2]

    from_sunday = filled.entries.measurements(start=SUN)
    assert from_sunday.sleep_dates == [SUN] and from_sunday.sleep_hours == [7.0]
    assert from_sunday.pain_dates == [] and from_sunday.site_dates == [] and from_sunday.meal_dates == []
    assert from_sunday.diet_phases == PHASES
    assert from_sunday.challenges == [WHEAT]  # dose days 6-8 March, washout 9-10 March: Sunday is its last day
    assert WHEAT.window_end == SUN
    assert filled.entries.measurements(start=SUN + timedelta(days=1)).challenges == []
    assert from_sunday.span() == (SUN, SUN)


def test_without_sqlite_json_functions_the_plain_rows_give_the_same_columns(filled: Store) -> None:
    with_json = [filled.entries.measurements(), filled.entries.measurements(start=TUE, end=THU)]
    assert filled.entries._json_arrays is True  # the fast path was the one used above
    filled.entries._json_arrays = False  # as on an SQLite built without its JSON functions
    plain = [filled.entries.measurements(), filled.entries.measurements(start=TUE, end=THU)]
    assert plain == with_json
    assert filled.entries.measurements(foods=True) != filled.entries.measurements()
    filled.entries._json_arrays = True
    foods_json = filled.entries.measurements(foods=True)
    filled.entries._json_arrays = False
    assert filled.entries.measurements(foods=True) == foods_json
    assert plain[0].sleep_hours == [7.5, None, 7.0]


def test_an_empty_journal_has_empty_columns(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d")
    try:
        m = store.entries.measurements(start=MON, end=SUN)
        assert m == Measurements(start=MON, end=SUN)
        assert m.is_empty()
        assert m.span() is None
    finally:
        store.close()


def test_food_columns_are_filled_only_when_asked_for(filled: Store) -> None:
    assert filled.entries.measurements().food_dates == []  # the charts do not pay for them
    m = filled.entries.measurements(foods=True)

    # One row per (day, food key), by day then key; the key folds case and spaces as the food memory does.
    assert list(zip(m.food_dates, m.food_names, strict=True)) == [
        (MON, "cheese"),
        (MON, "garlic"),
        (MON, "pasta"),
        (MON, "rye bread"),
        (TUE, "apple"),
        (THU, "dark chocolate"),
        (THU, "milk"),
    ]
    # What the person sees: the spelling used last ("milk" at 19:00 after "Milk" at 08:00).
    assert m.food_labels == {
        "apple": "Apple",
        "cheese": "Cheese",
        "dark chocolate": "dark chocolate",
        "garlic": "Garlic",
        "milk": "milk",
        "pasta": "Pasta",
        "rye bread": "Rye bread",
    }
    # The rest is the same as without foods.
    assert dataclasses.replace(m, food_dates=[], food_names=[], food_labels={}) == filled.entries.measurements()


def test_food_columns_follow_the_date_range(filled: Store) -> None:
    m = filled.entries.measurements(start=TUE, end=THU, foods=True)
    assert list(zip(m.food_dates, m.food_names, strict=True)) == [
        (TUE, "apple"),
        (THU, "dark chocolate"),
        (THU, "milk"),
    ]
    assert set(m.food_labels) == {"apple", "dark chocolate", "milk"}
    assert filled.entries.measurements(start=SUN, foods=True).food_dates == []
    # A day with only uncategorised foods still has meals: it counts in the span of the data.
    apple_only = filled.entries.measurements(start=TUE, end=TUE, foods=True)
    assert apple_only.meal_dates == [] and apple_only.food_dates == [TUE]


def test_every_measurements_query_reads_through_an_index(filled: Store) -> None:
    """EXPLAIN QUERY PLAN of each statement: entries are found by the (kind, occurred_utc) index and details by
    their primary key, never by scanning a table (ten years hold ~52k entries)."""
    statements: list[tuple[str, object]] = []

    def grab(conn: object, cursor: object, statement: str, parameters: object, *args: object) -> None:
        statements.append((statement, parameters))

    event.listen(filled.engine, "before_cursor_execute", grab)
    try:
        filled.entries.measurements(start=TUE, end=SUN, foods=True)
    finally:
        event.remove(filled.engine, "before_cursor_execute", grab)

    plans: dict[str, list[str]] = {}
    with filled.engine.connect() as connection:
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith("SELECT"):
                rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()  # type: ignore[arg-type]
                plans[statement] = [row[3] for row in rows]
    assert len(plans) >= 10
    food = [plan for statement, plan in plans.items() if "meal_food.name" in statement]
    assert len(food) == 1
    assert (
        "SEARCH entry USING INDEX ix_entry_kind_occurred_utc (kind=? AND occurred_utc>? AND occurred_utc<?)" in food[0]
    )
    assert any(line.startswith("SEARCH meal_food USING") and "INDEX" in line for line in food[0])
    for statement, plan in plans.items():
        scans = [
            line for line in plan if line.startswith("SCAN") and not line.startswith(("SCAN anon_", "SCAN CONSTANT"))
        ]
        assert scans == [], (statement, plan)


def test_context_columns_are_filled_only_when_asked_for(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d")
    try:
        store.entries.add_many(
            [
                ContextEntry(occurred_at=at(MON, 21), period=True, medication="Ibuprofen 400 mg"),
                ContextEntry(occurred_at=at(THU, 21), illness=True, fever=True),
                ContextEntry(occurred_at=at(SUN, 21), exercise=True),
            ]
        )
        assert store.entries.measurements().context_dates == []
        m = store.entries.measurements(start=TUE, context=True)
        every = store.entries.measurements(context=True)
    finally:
        store.close()
    assert (m.context_dates, m.context_period, m.context_illness, m.context_fever) == (
        [THU, SUN],
        [False, False],
        [True, False],
        [True, False],
    )
    assert m.context_medication == ["", ""]
    assert every.context_period == [True, False, False] and every.context_medication[0] == "Ibuprofen 400 mg"
