"""The demo generator against a real SQLite store: plausible, valid, deterministic, with its planted effects."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from gutpain_desktop.demo import generate_demo
from gutpain_desktop.domain.entries import (
    AnyEntry,
    ChallengeEntry,
    ChallengeOutcome,
    DietPhase,
    DietPhaseEntry,
    EntryKind,
    MealEntry,
    PainEntry,
    PainRecall,
    SleepEntry,
    StressEntry,
    SymptomEntry,
)
from gutpain_desktop.domain.validation import validate
from gutpain_desktop.storage import open_store

# A fixed day in the past, so no entry is held back for being later than "now" and runs compare exactly.
TODAY = datetime.now().astimezone().date() - timedelta(days=1)
SIXTY_DAYS = 60 / 365.25


def _generate(folder: Path, *, years: float, seed: int = 1, today: date | None = TODAY) -> tuple[int, list[AnyEntry]]:
    store = open_store(folder)
    try:
        written = generate_demo(store, years=years, seed=seed, today=today)
        entries = store.entries.entries()
        names = store.catalog.names()
        for entry in entries:
            validate(entry, categories=names, symptoms=names)
        assert store.entries.count(source="demo") == written
        assert store.entries.count(source="user") == 0
    finally:
        store.close()
    return written, entries


@pytest.fixture(scope="module")
def sixty_days(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[AnyEntry]]:
    """60 days of demo data (every entry already passed validation in ``_generate``)."""
    return _generate(tmp_path_factory.mktemp("sixty") / "data", years=SIXTY_DAYS)


@pytest.fixture(scope="module", params=[1, 7], ids=["seed1", "seed7"])
def one_year(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[AnyEntry]]:
    """A year of demo data, for two seeds (they pick different diet protocols)."""
    folder = tmp_path_factory.mktemp(f"year{request.param}") / "data"
    yield _generate(folder, years=1.0, seed=request.param)[1]


def _days(entries: list[AnyEntry]) -> set[date]:
    return {e.local_date for e in entries}


def test_sixty_days_has_every_kind_in_plausible_numbers(sixty_days: tuple[int, list[AnyEntry]]) -> None:
    written, entries = sixty_days
    assert written == len(entries)
    days = _days(entries)
    assert min(days) >= TODAY - timedelta(days=59) and max(days) == TODAY
    logged = len(days)
    assert 50 <= logged <= 60  # ~5% of days left empty on purpose
    kinds = Counter(e.kind for e in entries)
    assert set(kinds) == set(EntryKind)

    average_pain = [e for e in entries if isinstance(e, PainEntry) and e.recall is PainRecall.AVERAGE_24H]
    assert len(average_pain) == logged
    assert logged <= kinds[EntryKind.PAIN] <= 2 * logged
    assert kinds[EntryKind.STRESS] == logged
    assert kinds[EntryKind.SLEEP] == logged
    assert 3 * logged <= kinds[EntryKind.MEAL] <= 5 * logged
    assert kinds[EntryKind.SYMPTOM] >= 5 * logged
    assert 0.8 * logged <= kinds[EntryKind.BOWEL] <= 3 * logged
    assert 1 <= kinds[EntryKind.CONTEXT] <= logged
    assert 4 <= kinds[EntryKind.WEEKLY_CHECKIN] <= 9  # Sundays, unless one was a day without entries
    assert kinds[EntryKind.DIET_PHASE] == 4
    assert kinds[EntryKind.CHALLENGE] == 2
    assert 700 <= written <= 1100

    for day in days:
        meals = [e for e in entries if isinstance(e, MealEntry) and e.local_date == day]
        assert 3 <= len(meals) <= 5
        assert all(1 <= len(m.foods) <= 4 for m in meals)
        symptoms = {e.symptom for e in entries if isinstance(e, SymptomEntry) and e.local_date == day}
        assert {"fatigue", "brain_fog", "bloating", "abdominal_pain", "headache"} <= symptoms
    assert all(1 <= len(p.sites) <= 6 for p in average_pain)


def test_sleep_is_filed_under_the_morning_after_an_evening_in_bed(sixty_days: tuple[int, list[AnyEntry]]) -> None:
    sleeps = [e for e in sixty_days[1] if isinstance(e, SleepEntry)]
    for sleep in sleeps:
        assert sleep.bed_time is not None and sleep.wake_time is not None and sleep.quality is not None
        assert sleep.bed_time < sleep.wake_time <= sleep.occurred_at
        assert sleep.wake_time.date() == sleep.local_date
        assert sleep.bed_time.date() == sleep.local_date - timedelta(days=1) or sleep.bed_time.hour < 3
        assert sleep.total_hours is not None and 2.5 <= sleep.total_hours <= 11
    assert any(s.total_hours is not None and s.total_hours < 6 for s in sleeps)


def test_the_diet_runs_through_its_phases_with_linked_challenge_meals(one_year: list[AnyEntry]) -> None:
    entries = one_year
    phases = [e for e in entries if isinstance(e, DietPhaseEntry)]
    assert [p.phase for p in phases] == [
        DietPhase.BASELINE,
        DietPhase.ELIMINATION,
        DietPhase.REINTRODUCTION,
        DietPhase.PERSONALISATION,
    ]
    assert min(p.start for p in phases) > TODAY - timedelta(days=365)
    assert phases[1].eliminated and phases[1].protocol == phases[0].protocol

    challenges = [e for e in entries if isinstance(e, ChallengeEntry)]
    assert len(challenges) == 2
    reintroduction = (phases[2].start, phases[3].start)
    for challenge in challenges:
        assert reintroduction[0] <= challenge.local_date < reintroduction[1]
        assert [d.day for d in challenge.doses] == [1, 2, 3]
        assert challenge.outcome is not ChallengeOutcome.PENDING  # finished long ago
        dose_days = {challenge.local_date + timedelta(days=i) for i in range(3)}
        linked = [e for e in entries if isinstance(e, MealEntry) and e.challenge_id == challenge.id]
        assert {m.local_date for m in linked} == dose_days
        assert all(
            e.challenge_id == challenge.id for e in entries if isinstance(e, MealEntry) and e.local_date in dose_days
        )
        assert sum(f.name == challenge.food for m in linked for f in m.foods) == 3  # one dose a day

    # No dairy at all during elimination, except what a challenge brings.
    elimination = [
        e for e in entries if isinstance(e, MealEntry) and phases[1].start <= e.local_date < reintroduction[1]
    ]
    assert elimination
    assert not [m for m in elimination if m.challenge_id is None and any("dairy" in f.categories for f in m.foods)]


def test_same_seed_and_day_give_the_same_journal(tmp_path: Path) -> None:
    journals = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        store = open_store(tmp_path / name)
        try:
            generate_demo(store, years=SIXTY_DAYS, seed=seed, today=TODAY)
            journals.append([(r.id, r.kind, r.occurred_at, r.summary) for r in store.entries.journal()])
        finally:
            store.close()
    assert journals[0] == journals[1]
    assert [r[1:] for r in journals[0]] != [r[1:] for r in journals[2]]


def test_a_second_run_adds_to_the_first_without_clashing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    try:
        first = generate_demo(store, years=0.05, today=TODAY)
        second = generate_demo(store, years=0.05, today=TODAY)
        assert first == second > 0
        assert store.entries.count(source="demo") == first + second
    finally:
        store.close()


def test_nothing_is_later_than_now_when_the_diary_ends_today(tmp_path: Path) -> None:
    before = datetime.now().astimezone()
    written, entries = _generate(tmp_path / "data", years=0.05, today=None)
    assert written == len(entries) > 0
    assert max(e.occurred_at for e in entries) <= datetime.now().astimezone()
    assert max(_days(entries)) <= before.date() + timedelta(days=1)  # the clock may pass midnight during the test


def test_dairy_raises_next_day_bloating(one_year: list[AnyEntry]) -> None:
    entries = one_year
    bloating = {e.local_date: e.severity for e in entries if isinstance(e, SymptomEntry) and e.symptom == "bloating"}
    meal_days = {e.local_date for e in entries if isinstance(e, MealEntry)}
    dairy_days = {
        e.local_date for e in entries if isinstance(e, MealEntry) and any("dairy" in f.categories for f in e.foods)
    }
    after_dairy = [bloating[d + timedelta(days=1)] for d in dairy_days if d + timedelta(days=1) in bloating]
    after_none = [bloating[d + timedelta(days=1)] for d in meal_days - dairy_days if d + timedelta(days=1) in bloating]
    assert len(after_dairy) >= 60 and len(after_none) >= 60
    assert statistics.mean(after_dairy) - statistics.mean(after_none) > 1


def test_short_sleep_and_high_stress_show_in_the_data(one_year: list[AnyEntry]) -> None:
    entries = one_year
    pain = {
        e.local_date: e.intensity for e in entries if isinstance(e, PainEntry) and e.recall is PainRecall.AVERAGE_24H
    }
    slept = {e.local_date: e.total_hours for e in entries if isinstance(e, SleepEntry) and e.total_hours is not None}
    short = [pain[d] for d, h in slept.items() if h < 6 and d in pain]
    enough = [pain[d] for d, h in slept.items() if h >= 6 and d in pain]
    assert len(short) >= 15
    assert statistics.mean(short) - statistics.mean(enough) > 0.5

    stress = {e.local_date: e.level for e in entries if isinstance(e, StressEntry)}
    belly = {e.local_date: e.severity for e in entries if isinstance(e, SymptomEntry) and e.symptom == "abdominal_pain"}
    high = [belly[d] for d, s in stress.items() if s >= 7 and d in belly]
    low = [belly[d] for d, s in stress.items() if s < 7 and d in belly]
    assert len(high) >= 10
    assert statistics.mean(high) - statistics.mean(low) > 1


def test_years_must_be_positive(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    try:
        with pytest.raises(ValueError, match="years"):
            generate_demo(store, years=0)
        assert store.entries.count() == 0
    finally:
        store.close()


def test_journal_lines_tell_demo_entries_from_the_persons_and_undo_keeps_them_apart(tmp_path: Path) -> None:
    from gutpain_desktop.demo import DEMO_SOURCE, remove_demo

    store = open_store(tmp_path / "data")
    try:
        generate_demo(store, years=0.05, today=TODAY)
        own = store.entries.add(StressEntry(occurred_at=datetime.now().astimezone() - timedelta(days=3), level=4))
        lines = store.entries.journal()
        assert [line.id for line in lines if not line.demo] == [own.id]
        assert sum(line.demo for line in lines) == store.entries.count(source=DEMO_SOURCE) > 0
        # Deleting an example entry and undoing it brings it back as an example entry; the person's stays theirs.
        example = next(line for line in lines if line.demo)
        store.entries.restore(store.entries.delete(example.id))
        store.entries.restore(store.entries.delete(own.id))
        assert {line.id: line.demo for line in store.entries.journal()} == {line.id: line.demo for line in lines}
        remove_demo(store)
        assert [(line.id, line.demo) for line in store.entries.journal()] == [(own.id, False)]
    finally:
        store.close()
