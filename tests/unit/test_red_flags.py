"""Each red-flag rule fires on a crafted history and stays silent on an ordinary one."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta

import pytest

from gutpain_desktop.domain.entries import (
    BowelEntry,
    ContextEntry,
    Entry,
    Reaction,
    StressEntry,
    SymptomEntry,
)
from gutpain_desktop.domain.red_flags import Profile, Sex, red_flags

TODAY = date(2026, 6, 30)


def at(days_ago: int, hour: int = 9) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(hour)).astimezone()


def ordinary_history(days: int = 60) -> list[Entry]:
    """Ten weeks of an ordinary diary: typical stools, some bloating, no fever."""
    entries: list[Entry] = []
    for d in range(days):
        entries.append(BowelEntry(occurred_at=at(d, 8), bristol=3 + d % 3))
        entries.append(StressEntry(occurred_at=at(d, 20), level=4))
        if d % 4 == 0:
            entries.append(SymptomEntry(occurred_at=at(d, 21), symptom="bloating", severity=3))
        if d % 10 == 0:
            entries.append(ContextEntry(occurred_at=at(d, 21), exercise=True))
    return entries


def rules(entries: list[Entry], profile: Profile | None = None) -> set[str]:
    return {flag.rule for flag in red_flags(entries, TODAY, profile)}


def test_an_ordinary_history_raises_nothing() -> None:
    assert rules(ordinary_history()) == set()
    assert rules(ordinary_history(), Profile(Sex.FEMALE, 63)) == set()
    assert rules([]) == set()


def test_blood_in_the_last_two_weeks() -> None:
    history = [*ordinary_history(), BowelEntry(occurred_at=at(3), bristol=4, blood=True)]
    assert rules(history) == {"blood"}
    (flag,) = red_flags(history, TODAY)
    assert "doctor" in flag.message and "not a diagnosis" in flag.message
    assert flag.panel == "when-to-see-a-doctor"
    old = [*ordinary_history(), BowelEntry(occurred_at=at(30), bristol=4, blood=True)]
    assert rules(old) == set()


def test_a_bowel_movement_at_night() -> None:
    assert rules([*ordinary_history(), BowelEntry(occurred_at=at(1, 3), bristol=5, at_night=True)]) == {"night_bowel"}


def test_loose_stools_on_most_days_for_more_than_six_weeks() -> None:
    loose = [BowelEntry(occurred_at=at(d), bristol=6 + d % 2) for d in range(50)]
    assert rules(loose) == {"loose_stools"}
    # Loose on fewer than half the days: silent.
    some = [BowelEntry(occurred_at=at(d), bristol=7 if d % 3 == 0 else 4) for d in range(50)]
    assert rules(some) == set()


def test_loose_stools_need_six_weeks_of_history() -> None:
    three_weeks = [BowelEntry(occurred_at=at(d), bristol=7) for d in range(21)]
    assert rules(three_weeks) == set()


def test_a_fever_this_week() -> None:
    assert rules([*ordinary_history(), ContextEntry(occurred_at=at(2), fever=True)]) == {"fever"}
    assert rules([*ordinary_history(), ContextEntry(occurred_at=at(12), fever=True)]) == set()


def test_a_food_reaction_this_month() -> None:
    hives = ContextEntry(occurred_at=at(20), reaction_food="prawns", reactions=frozenset({Reaction.HIVES}))
    assert rules([*ordinary_history(), hives]) == {"food_reaction"}
    assert rules([*ordinary_history(), dataclasses.replace(hives, occurred_at=at(40))]) == set()


@pytest.mark.parametrize(
    ("profile", "fires"),
    [
        (Profile(Sex.FEMALE, 55), True),
        (Profile(Sex.FEMALE, 49), False),
        (Profile(Sex.MALE, 70), False),
        (Profile(None, 60), False),
        (Profile(Sex.FEMALE, None), False),
        (None, False),
    ],
)
def test_bloating_on_twelve_days_a_month_only_when_age_and_sex_were_given(profile: Profile | None, fires: bool) -> None:
    bloated = [SymptomEntry(occurred_at=at(d), symptom="bloating", severity=4) for d in range(0, 28, 2)]  # 14 days
    assert ("bloating_50" in rules(bloated, profile)) is fires


def test_bloating_on_fewer_than_twelve_days_is_silent() -> None:
    bloated = [SymptomEntry(occurred_at=at(d), symptom="bloating", severity=4) for d in range(0, 30, 3)]  # 10 days
    assert rules(bloated, Profile(Sex.FEMALE, 60)) == set()
