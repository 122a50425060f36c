"""Every kind of entry through a real SQLite store and back, checked against what is in the database file."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gutpain_desktop.domain.entries import (
    AnyEntry,
    BowelEntry,
    ChallengeEntry,
    EntryKind,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    PainKind,
    PainRecall,
    StressEntry,
    SymptomEntry,
)
from gutpain_desktop.domain.scales import BodySite
from gutpain_desktop.domain.validation import ValidationError
from gutpain_desktop.storage import EntryNotFoundError, Store
from tests.samples import every_kind, rows_for, summary, table_counts

ENTRY_TABLES = (
    "entry",
    "meal",
    "meal_food",
    "meal_food_category",
    "pain",
    "entry_site",
    "symptom_rating",
    "stress",
    "sleep",
    "bowel",
    "diet_phase",
    "challenge",
    "challenge_dose",
    "weekly_checkin",
    "context",
    "food_memory",
)


def stored(entry: AnyEntry) -> AnyEntry:
    """``entry`` as storage gives it back: with created/updated stamps (UTC, whole seconds)."""
    assert entry.created_at is not None and entry.updated_at is not None
    assert entry.created_at.tzinfo is not None and entry.created_at.microsecond == 0
    return entry


# --- one by one and all at once ------------------------------------------------------------------------------


KIND_IDS = [e.kind.value for e in every_kind(datetime(2024, 1, 1, tzinfo=UTC))]


@pytest.mark.parametrize("index", range(len(KIND_IDS)), ids=KIND_IDS)
def test_each_kind_round_trips_alone(store: Store, now: datetime, index: int) -> None:
    samples = every_kind(now)
    entry = samples[index]
    if isinstance(entry, MealEntry):  # its linked challenge must exist first
        store.entries.add(samples[0])
    before = datetime.now(UTC).replace(microsecond=0)

    saved = stored(store.entries.add(entry))

    assert saved == dataclasses.replace(entry, created_at=saved.created_at, updated_at=saved.updated_at)
    assert saved.created_at == saved.updated_at
    assert saved.created_at is not None and saved.created_at >= before - timedelta(seconds=1)
    got = store.entries.get(entry.id)
    assert got == saved
    assert type(got) is type(entry)
    assert store.entries.count(kinds=[entry.kind]) == 1
    assert rows_for(store.path, entry.id)["entry"] == 1


def test_add_many_of_every_kind_and_the_journal_newest_first(store: Store, now: datetime) -> None:
    samples = every_kind(now)
    saved = store.entries.add_many(samples)

    assert len({e.created_at for e in saved}) == 1  # one transaction, one stamp
    for entry in saved:
        assert store.entries.get(entry.id) == entry
    assert store.entries.entries() == saved  # oldest first, full entries
    journal = store.entries.journal()
    assert [row.id for row in journal] == [e.id for e in reversed(samples)]
    assert [row.kind for row in journal] == [e.kind for e in reversed(samples)]
    assert [row.occurred_at for row in journal] == [e.occurred_at for e in reversed(samples)]
    start = samples[1].occurred_at.date()
    assert [row.summary for row in journal] == [summary(e.kind, start) for e in reversed(samples)]
    counts = table_counts(store.path)
    assert counts["entry"] == 10
    assert counts["meal_food"] == 3 and counts["meal_food_category"] == 3
    assert counts["entry_site"] == 3 + 4  # the pain entry's sites and the weekly check-in's
    assert counts["challenge_dose"] == 3
    assert store.entries.journal(limit=3, offset=2) == journal[2:5]


def test_paging_after_the_last_row_shown_gives_every_row_once_in_order(store: Store, now: datetime) -> None:
    # Entries at the same moment in several time zones (equal occurred_utc): ties are broken by id, never lost.
    moments = [now - timedelta(hours=h) for h in (0, 0, 0, 1, 1, 2, 3, 3, 3, 3)]
    zones = [timezone(timedelta(hours=h)) for h in (0, 2, -5)]
    store.entries.add_many(
        [StressEntry(occurred_at=m.astimezone(zones[i % 3]), level=i % 11) for i, m in enumerate(moments)]
    )
    journal = store.entries.journal()
    pages, last = [], None
    while page := store.entries.journal(limit=3, after=last):
        pages.append(page)
        last = page[-1]
    assert [len(p) for p in pages] == [3, 3, 3, 1]
    assert [row for page in pages for row in page] == journal
    assert store.entries.journal(kinds=[EntryKind.STRESS], limit=4, after=journal[5]) == journal[6:10]


def test_filter_by_kind(store: Store, now: datetime) -> None:
    samples = store.entries.add_many(every_kind(now))
    wanted = {EntryKind.PAIN, EntryKind.MEAL}
    rows = store.entries.journal(kinds=wanted)
    assert {r.kind for r in rows} == wanted and len(rows) == 2
    assert store.entries.count(kinds=wanted) == 2
    assert store.entries.entries(kinds=[EntryKind.STRESS]) == [e for e in samples if e.kind is EntryKind.STRESS]
    assert store.entries.journal(kinds=[]) == []


def test_filter_by_the_persons_local_date(store: Store) -> None:
    west = timezone(timedelta(hours=-8))
    india = timezone(timedelta(hours=5, minutes=30))
    late_evening_west = StressEntry(occurred_at=datetime(2024, 3, 1, 23, 30, tzinfo=west), level=1)  # 2 Mar in UTC
    early_morning_india = StressEntry(occurred_at=datetime(2024, 3, 2, 1, 0, tzinfo=india), level=2)  # 1 Mar in UTC
    next_day = StressEntry(occurred_at=datetime(2024, 3, 3, 12, 0, tzinfo=UTC), level=3)
    store.entries.add_many([late_evening_west, early_morning_india, next_day])

    def ids(start: date | None, end: date | None) -> set[object]:
        return {r.id for r in store.entries.journal(start=start, end=end)}

    assert ids(date(2024, 3, 1), date(2024, 3, 1)) == {late_evening_west.id}
    assert ids(date(2024, 3, 2), date(2024, 3, 2)) == {early_morning_india.id}
    assert ids(date(2024, 3, 2), None) == {early_morning_india.id, next_day.id}
    assert ids(None, date(2024, 3, 2)) == {late_evening_west.id, early_morning_india.id}
    assert ids(date(2024, 3, 4), None) == set()
    assert store.entries.count(start=date(2024, 3, 1), end=date(2024, 3, 3)) == 3
    # Newest first means by the real moment: India's 01:00 (19:30 UTC on 1 Mar) comes before the west's 23:30.
    assert [r.id for r in store.entries.journal()] == [next_day.id, late_evening_west.id, early_morning_india.id]


def test_text_filter_searches_summaries_and_notes_ignoring_case(store: Store, now: datetime) -> None:
    store.entries.add_many(every_kind(now))
    percent = StressEntry(occurred_at=now, level=2, note="100% better_today")
    store.entries.add(percent)

    def kinds(text: str) -> list[EntryKind]:
        return [r.kind for r in store.entries.journal(text=text)]

    assert kinds("RYE bread") == [EntryKind.MEAL]
    assert kinds("desk") == [EntryKind.MEAL]  # the note
    assert kinds("second line") == [EntryKind.STRESS]  # a later line of a note, not in the summary
    assert kinds("bristol") == [EntryKind.BOWEL]
    assert kinds("%") == [EntryKind.STRESS]  # wildcards are taken literally
    assert kinds("rye_bread") == []  # '_' is not "any character" either
    assert kinds("better_today") == [EntryKind.STRESS]
    assert kinds("no such words") == []
    assert store.entries.count(text="garlic") == 3  # challenge, diet phase, meal


# --- update, delete, restore ---------------------------------------------------------------------------------


def test_update_changes_fields_and_keeps_created_at(store: Store, now: datetime) -> None:
    original = store.entries.add(
        PainEntry(occurred_at=now, intensity=3, sites=frozenset({BodySite.NECK, BodySite.CHEST}), note="before")
    )
    assert isinstance(original, PainEntry)
    changed = dataclasses.replace(
        original,
        occurred_at=now - timedelta(hours=2),
        intensity=8,
        recall=PainRecall.WORST,
        sites=frozenset({BodySite.LOWER_LEG_R}),
        pain_kind=PainKind.NERVE,
        note="after",
    )

    updated = store.entries.update(changed)

    assert updated.created_at == original.created_at
    assert updated.updated_at is not None and original.updated_at is not None
    assert updated.updated_at >= original.updated_at
    assert store.entries.get(original.id) == updated
    assert updated == dataclasses.replace(changed, updated_at=updated.updated_at)
    assert store.entries.count() == 1
    assert rows_for(store.path, original.id) == {"entry": 1, "pain": 1, "entry_site": 1}
    assert [r.summary for r in store.entries.journal()] == [
        "Pain 8/10 (nerve), worst in the last 24 hours at Lower leg, right — after"
    ]


def test_update_of_a_meal_replaces_its_foods(store: Store, now: datetime) -> None:
    meal = store.entries.add(
        MealEntry(
            occurred_at=now,
            meal_type=MealType.DINNER,
            foods=(FoodItem("Pasta", ("gluten",)), FoodItem("Parmesan", ("dairy",)), FoodItem("Salad")),
        )
    )
    assert isinstance(meal, MealEntry)
    store.entries.update(dataclasses.replace(meal, foods=(FoodItem("Rice", ("processed_foods",)),)))
    got = store.entries.get(meal.id)
    assert isinstance(got, MealEntry)
    assert got.foods == (FoodItem("Rice", ("processed_foods",)),)
    assert rows_for(store.path, meal.id) == {"entry": 1, "meal": 1, "meal_food": 1, "meal_food_category": 1}


def test_update_of_a_missing_entry_raises_and_writes_nothing(store: Store, now: datetime) -> None:
    with pytest.raises(EntryNotFoundError):
        store.entries.update(StressEntry(occurred_at=now, level=3))
    assert table_counts(store.path)["entry"] == 0


def test_update_cannot_change_the_kind(store: Store, now: datetime) -> None:
    stress = store.entries.add(StressEntry(occurred_at=now, level=3))
    with pytest.raises(ValueError, match="is a stress"):
        store.entries.update(BowelEntry(id=stress.id, occurred_at=now, bristol=4))
    assert store.entries.get(stress.id) == stress


def test_an_invalid_update_changes_nothing(store: Store, now: datetime) -> None:
    stress = store.entries.add(StressEntry(occurred_at=now, level=3))
    assert isinstance(stress, StressEntry)
    with pytest.raises(ValidationError):
        store.entries.update(dataclasses.replace(stress, level=11))
    assert store.entries.get(stress.id) == stress


def test_delete_returns_a_snapshot_and_leaves_no_orphan_rows(store: Store, now: datetime) -> None:
    saved = store.entries.add_many(every_kind(now))
    for entry in reversed(saved):  # the meal before the challenge it links to
        snapshot = store.entries.delete(entry.id)
        assert snapshot == entry
        assert store.entries.get(entry.id) is None
        assert rows_for(store.path, entry.id) == {}
    counts = table_counts(store.path)
    assert {name: counts[name] for name in ENTRY_TABLES if name != "food_memory"} == dict.fromkeys(
        (t for t in ENTRY_TABLES if t != "food_memory"), 0
    )
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
    with pytest.raises(EntryNotFoundError):
        store.entries.delete(saved[0].id)


def test_restore_brings_a_deleted_entry_back_identical(store: Store, now: datetime) -> None:
    saved = store.entries.add_many(every_kind(now))
    before = table_counts(store.path)
    journal = store.entries.journal()
    for entry in reversed(saved):  # the meal before the challenge it links to
        snapshot = store.entries.delete(entry.id)
        assert store.entries.restore(snapshot) == entry
        assert store.entries.get(entry.id) == entry
    assert table_counts(store.path) == before
    assert store.entries.journal() == journal


def test_deleting_a_challenge_unlinks_its_meals(store: Store, now: datetime) -> None:
    samples = store.entries.add_many(every_kind(now))
    challenge = next(e for e in samples if isinstance(e, ChallengeEntry))
    meal = next(e for e in samples if isinstance(e, MealEntry))
    assert meal.challenge_id == challenge.id
    store.entries.delete(challenge.id)
    got = store.entries.get(meal.id)
    assert isinstance(got, MealEntry) and got.challenge_id is None
    assert got.foods == meal.foods


def test_undoing_the_delete_of_a_challenge_relinks_its_meals(store: Store, now: datetime) -> None:
    samples = store.entries.add_many(every_kind(now))
    challenge = next(e for e in samples if isinstance(e, ChallengeEntry))
    meal = next(e for e in samples if isinstance(e, MealEntry))
    assert meal.challenge_id == challenge.id
    snapshot = store.entries.delete(challenge.id)
    unlinked = store.entries.get(meal.id)
    assert unlinked is not None and unlinked.challenge_id is None  # type: ignore[union-attr]
    store.entries.restore(snapshot)
    assert store.entries.get(meal.id) == meal


def test_delete_source_removes_only_that_source(store: Store, now: datetime) -> None:
    store.entries.add(StressEntry(occurred_at=now, level=3))
    demo: list[AnyEntry] = [StressEntry(occurred_at=now, level=4), BowelEntry(occurred_at=now, bristol=4)]
    store.entries.add_many(demo, source="demo")
    assert store.entries.count(source="demo") == 2
    assert store.entries.delete_source("demo") == 2
    assert [r.summary for r in store.entries.journal()] == ["Stress 3/10"]
    assert table_counts(store.path)["bowel"] == 0


# --- nothing written when something is wrong -----------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        lambda at: StressEntry(occurred_at=at, level=11),
        lambda at: PainEntry(occurred_at=at + timedelta(days=1), intensity=3),
        lambda at: BowelEntry(occurred_at=at.replace(tzinfo=None), bristol=4),
        lambda at: MealEntry(occurred_at=at, meal_type=MealType.SNACK, foods=()),
        lambda at: MealEntry(occurred_at=at, meal_type=MealType.SNACK, foods=(FoodItem("Tea", ("caffeine",)),)),
        # a symptom is not a food category, and a category is not a symptom
        lambda at: MealEntry(occurred_at=at, meal_type=MealType.SNACK, foods=(FoodItem("Tea", ("fatigue",)),)),
        lambda at: SymptomEntry(occurred_at=at, symptom="gluten", severity=3),
        lambda at: ChallengeEntry(occurred_at=at, food="Milk", target_symptoms=("dairy",)),
    ],
    ids=[
        "stress 11",
        "tomorrow",
        "no offset",
        "no foods",
        "unknown category",
        "symptom as category",
        "category as symptom",
        "category as target",
    ],
)
def test_an_invalid_entry_raises_and_writes_nothing(store: Store, now: datetime, bad: object) -> None:
    store.entries.add(StressEntry(occurred_at=now, level=1))
    before = table_counts(store.path)
    entry = bad(now)  # type: ignore[operator]
    with pytest.raises(ValidationError):
        store.entries.add(entry)
    assert table_counts(store.path) == before
    assert store.entries.get(entry.id) is None


def test_add_many_with_one_invalid_entry_writes_none(store: Store, now: datetime) -> None:
    before = table_counts(store.path)
    good = every_kind(now)
    with pytest.raises(ValidationError) as caught:
        store.entries.add_many([*good, BowelEntry(occurred_at=now, bristol=9)])
    assert caught.value.fields == ("Bristol type",)
    assert table_counts(store.path) == before
    assert store.entries.count() == 0
    assert store.catalog.known_foods() == []


# --- catalog and food memory ---------------------------------------------------------------------------------


def lunch(at: datetime, *foods: FoodItem) -> MealEntry:
    return MealEntry(occurred_at=at, meal_type=MealType.LUNCH, foods=foods)


def test_food_memory_proposes_last_categories(store: Store, now: datetime) -> None:
    assert store.catalog.remembered_categories("Rye bread") is None
    store.entries.add(lunch(now, FoodItem("Rye bread", ("gluten",)), FoodItem("Butter", ("dairy",))))
    assert store.catalog.remembered_categories("  rye   BREAD ") == ("gluten",)
    assert store.catalog.remembered_categories("Butter") == ("dairy",)
    store.entries.add(lunch(now, FoodItem("Rye bread", ("gluten", "processed_foods"))))
    assert store.catalog.remembered_categories("rye bread") == ("gluten", "processed_foods")
    store.entries.add(lunch(now, FoodItem("Butter")))
    assert store.catalog.remembered_categories("butter") == ()


def test_known_foods_most_used_first(store: Store, now: datetime) -> None:
    store.entries.add(lunch(now, FoodItem("Rice"), FoodItem("Apple")))
    store.entries.add(lunch(now, FoodItem("apple"), FoodItem("Banana")))
    store.entries.add_many([lunch(now, FoodItem("Apple ")), lunch(now, FoodItem("Banana"))])
    assert store.catalog.known_foods() == ["Apple", "Banana", "Rice"]
    assert store.catalog.known_foods(limit=1) == ["Apple"]
    with sqlite3.connect(store.path) as raw:
        uses = dict(raw.execute("SELECT name_key, use_count FROM food_memory").fetchall())
    raw.close()
    assert uses == {"apple": 3, "banana": 2, "rice": 1}


def test_added_category_and_symptom_can_be_used_and_names_are_unique(store: Store, now: datetime) -> None:
    caffeine = store.catalog.add_category("Caffeine & tea")
    assert (caffeine.key, caffeine.name, caffeine.builtin) == ("caffeine_tea", "Caffeine & tea", False)
    assert store.catalog.categories()[-1] == caffeine
    hiccups = store.catalog.add_symptom(" Hiccups ", tracked=False)
    assert (hiccups.key, hiccups.name, hiccups.tracked) == ("hiccups", "Hiccups", False)
    assert hiccups in store.catalog.symptoms() and hiccups not in store.catalog.symptoms(tracked_only=True)

    for name in ("caffeine & tea", "CAFFEINE  TEA", "Gluten"):
        with pytest.raises(ValidationError) as caught:
            store.catalog.add_category(name)
        assert caught.value.fields == ("category name",)
        assert "already in your list" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        store.catalog.add_symptom("bloating")
    assert caught.value.fields == ("symptom name",)
    for blank in ("", "  ", "!!!"):
        with pytest.raises(ValidationError):
            store.catalog.add_category(blank)
    assert len(store.catalog.categories()) == 6

    meal = store.entries.add(lunch(now, FoodItem("Green tea", ("caffeine_tea",))))
    store.entries.add(SymptomEntry(occurred_at=now, symptom="hiccups", severity=2))
    assert store.catalog.names()["caffeine_tea"] == "Caffeine & tea"
    assert store.entries.journal(kinds=[EntryKind.MEAL])[0].summary == "Lunch: Green tea [Caffeine & tea]"
    assert store.entries.get(meal.id) == meal


# --- time zones ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("offset", [timedelta(hours=5, minutes=30), timedelta(hours=-8), timedelta(0)])
def test_a_local_time_keeps_its_own_utc_offset(store: Store, offset: timedelta) -> None:
    when = datetime(2024, 7, 1, 0, 15, 42, 123456, tzinfo=timezone(offset))
    saved = store.entries.add(StressEntry(occurred_at=when, level=5))
    got = store.entries.get(saved.id)
    assert got is not None
    assert got.occurred_at == when
    assert got.occurred_at.utcoffset() == offset
    assert (got.occurred_at.date(), got.occurred_at.time()) == (when.date(), when.time())
    with sqlite3.connect(store.path) as raw:
        offset_min, local_day = raw.execute("SELECT utc_offset_min, local_date FROM entry").fetchone()
    raw.close()
    assert offset_min == offset.total_seconds() // 60
    assert local_day == "2024-07-01"
    assert store.entries.journal()[0].occurred_at.utcoffset() == offset


offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.builds(
    lambda moment, tz: moment.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2024, 12, 31)),
    offsets,
)
notes = st.text(max_size=200)
scores = st.integers(min_value=0, max_value=10)
pains = st.builds(
    PainEntry,
    occurred_at=moments,
    intensity=scores,
    recall=st.sampled_from(PainRecall),
    sites=st.frozensets(st.sampled_from(BodySite)),
    pain_kind=st.none() | st.sampled_from(PainKind),
    note=notes,
)
stresses = st.builds(StressEntry, occurred_at=moments, level=scores, note=notes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry=st.one_of(pains, stresses))
def test_any_valid_pain_or_stress_round_trips(store: Store, entry: PainEntry | StressEntry) -> None:
    saved = store.entries.add(entry)
    got = store.entries.get(entry.id)
    assert got == saved
    assert got is not None and got.occurred_at.utcoffset() == entry.occurred_at.utcoffset()
    assert got.occurred_at.replace(tzinfo=None) == entry.occurred_at.replace(tzinfo=None)
    assert got.note == entry.note


def test_editing_a_meal_does_not_count_its_foods_again(store: Store, now: datetime) -> None:
    tea = store.entries.add(MealEntry(occurred_at=now, meal_type=MealType.DRINK, foods=(FoodItem("Tea"),)))
    store.entries.add(MealEntry(occurred_at=now, meal_type=MealType.SNACK, foods=(FoodItem("Toast", ("gluten",)),)))
    store.entries.add(MealEntry(occurred_at=now, meal_type=MealType.SNACK, foods=(FoodItem("Toast", ("gluten",)),)))
    for note in ("one", "two", "three"):
        tea = store.entries.update(dataclasses.replace(tea, note=note))
    assert store.catalog.known_foods()[:2] == ["Toast", "Tea"]
