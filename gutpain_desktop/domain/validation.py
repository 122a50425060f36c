"""Validation of entries before anything is written. Messages name the field in plain words."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from .entries import (
    BowelEntry,
    ChallengeEntry,
    ContextEntry,
    DietPhaseEntry,
    Entry,
    MealEntry,
    PainEntry,
    Reaction,
    SleepEntry,
    StressEntry,
    SymptomEntry,
    WeeklyCheckinEntry,
)
from .scales import NRS_MAX, NRS_MIN, BodySite


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ValueError):
    """One or more problems with what was entered. Nothing has been saved."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls([Problem(field, message)])

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p.field for p in self.problems)


MAX_NOTE_LENGTH = 10_000
MAX_NAME_LENGTH = 200
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]{0,62}$")


def parse_int(text: str, field: str, low: int, high: int, *, required: bool = True) -> int | None:
    """Read a whole number typed by a person, or explain what is wrong with it."""
    cleaned = text.strip()
    if not cleaned:
        if required:
            raise ValidationError.single(field, "is required")
        return None
    try:
        value = int(cleaned)
    except ValueError:
        raise ValidationError.single(field, f"must be a whole number from {low} to {high}, not '{cleaned}'") from None
    if not low <= value <= high:
        raise ValidationError.single(field, f"must be from {low} to {high}, not {value}")
    return value


def parse_float(text: str, field: str, low: float, high: float, *, required: bool = True) -> float | None:
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        if required:
            raise ValidationError.single(field, "is required")
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError.single(field, f"must be a number from {low:g} to {high:g}, not '{cleaned}'") from None
    if math.isnan(value) or not low <= value <= high:
        raise ValidationError.single(field, f"must be from {low:g} to {high:g}, not {cleaned}")
    return value


def category_key(name: str) -> str:
    """A stable key for a category or symptom name the person typed: 'Caffeine & tea' -> 'caffeine_tea'."""
    key = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    return key[:63]


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        self.problems.append(Problem(field, message))

    def score(self, field: str, value: object, low: int = NRS_MIN, high: int = NRS_MAX) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(field, f"must be a whole number from {low} to {high}")
        elif not low <= value <= high:
            self.add(field, f"must be from {low} to {high}, not {value}")

    def optional_score(self, field: str, value: object, low: int = NRS_MIN, high: int = NRS_MAX) -> None:
        if value is not None:
            self.score(field, value, low, high)

    def text(self, field: str, value: object, limit: int = MAX_NAME_LENGTH, *, required: bool = False) -> None:
        if not isinstance(value, str):
            self.add(field, "must be text")
        elif required and not value.strip():
            self.add(field, "is required")
        elif len(value) > limit:
            self.add(field, f"is too long ({len(value)} characters, at most {limit})")

    def key(self, field: str, value: object) -> None:
        if not isinstance(value, str) or not KEY_PATTERN.match(value):
            self.add(field, f"'{value}' is not a known name")

    def known(self, field: str, value: object, known: Mapping[str, object] | None) -> None:
        self.key(field, value)
        if known is not None and isinstance(value, str) and value not in known:
            self.add(field, f"'{value}' is not in your list")

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def validate(
    entry: Entry,
    *,
    today: date | None = None,
    categories: Mapping[str, object] | None = None,
    symptoms: Mapping[str, object] | None = None,
) -> None:
    """Raise ValidationError naming every field that is wrong. ``today`` is the person's local date."""
    c = _Checker()
    today = today or date.today()
    when = entry.occurred_at
    if not isinstance(when, datetime) or when.tzinfo is None or when.utcoffset() is None:
        c.add("time", "must be a date and time with its UTC offset")
    elif when.date() > today:
        c.add("date", f"{when.date().isoformat()} is in the future; entries can be made for today or earlier")
    c.text("note", entry.note, MAX_NOTE_LENGTH)

    if isinstance(entry, MealEntry):
        if not entry.foods:
            c.add("foods", "add at least one food or drink")
        for i, food in enumerate(entry.foods, start=1):
            c.text(f"food {i}", food.name, required=True)
            c.text(f"food {i} portion", food.portion)
            for cat in food.categories:
                c.known(f"food {i} category", cat, categories)
    elif isinstance(entry, PainEntry):
        c.score("pain", entry.intensity)
        _check_sites(c, entry.sites)
    elif isinstance(entry, SymptomEntry):
        c.known("symptom", entry.symptom, symptoms)
        c.score("severity", entry.severity)
    elif isinstance(entry, StressEntry):
        c.score("stress", entry.level)
    elif isinstance(entry, SleepEntry):
        _check_sleep(c, entry)
    elif isinstance(entry, BowelEntry):
        c.score("Bristol type", entry.bristol, 1, 7)
    elif isinstance(entry, DietPhaseEntry):
        c.text("protocol name", entry.protocol_name)
        if entry.planned_end is not None and entry.planned_end < entry.start:
            c.add("planned end", "is before the start")
        if entry.ended is not None and entry.ended < entry.start:
            c.add("end", "is before the start")
        for item in entry.eliminated:
            c.text("eliminated", item, required=True)
    elif isinstance(entry, ChallengeEntry):
        c.text("food", entry.food, required=True)
        if not 1 <= len(entry.target_symptoms) <= 3:
            c.add("target symptoms", "choose 1 to 3 symptoms before the challenge starts")
        if len(set(entry.target_symptoms)) != len(entry.target_symptoms):
            c.add("target symptoms", "a symptom is chosen twice")
        for key in entry.target_symptoms:
            c.known("target symptoms", key, symptoms)
        days = [d.day for d in entry.doses]
        if len(set(days)) != len(days) or any(not 1 <= d <= 3 for d in days):
            c.add("doses", "one dose per day, on days 1 to 3")
        c.score("washout days", entry.washout_days, 0, 14)
    elif isinstance(entry, WeeklyCheckinEntry):
        _check_sites(c, entry.sites)
        for name in ("fatigue", "unrefreshed", "cognitive"):
            c.score(name, getattr(entry, name), 0, 3)
    elif isinstance(entry, ContextEntry):
        c.text("medication", entry.medication, 1000)
        c.text("reaction food", entry.reaction_food, 200)
        if entry.reactions and not entry.reaction_food.strip():
            c.add("reaction food", "is needed when a reaction is ticked: name the food or meal you suspect")
        if entry.reaction_food.strip() and not entry.reactions:
            c.add("reactions", "tick what happened (hives, swelling or trouble breathing)")
        for reaction in entry.reactions:
            if not isinstance(reaction, Reaction):
                c.add("reactions", f"has an unknown reaction {reaction!r}")
    c.raise_if_any()


def _check_sites(c: _Checker, sites: Iterable[object]) -> None:
    for site in sites:
        if not isinstance(site, BodySite):
            c.add("body sites", f"'{site}' is not one of the 19 body sites")


def _check_sleep(c: _Checker, entry: SleepEntry) -> None:
    c.optional_score("sleep quality", entry.quality)
    c.optional_score("minutes to fall asleep", entry.minutes_to_sleep, 0, 24 * 60)
    c.optional_score("awakenings", entry.awakenings, 0, 100)
    if entry.hours is not None and (
        isinstance(entry.hours, bool) or not isinstance(entry.hours, (int, float)) or not 0 <= entry.hours <= 24
    ):
        c.add("hours slept", "must be from 0 to 24")
    aware = True
    for field, moment in (("went to bed", entry.bed_time), ("woke up", entry.wake_time)):
        if moment is not None and (not isinstance(moment, datetime) or moment.utcoffset() is None):
            c.add(field, "must be a date and time with its UTC offset")
            aware = False
    if aware and entry.bed_time is not None and entry.wake_time is not None:
        if entry.wake_time <= entry.bed_time:
            c.add("woke up", "must be after going to bed")
        elif (entry.wake_time - entry.bed_time).total_seconds() > 24 * 3600:
            c.add("woke up", "is more than 24 hours after going to bed")
    if (
        entry.hours is None
        and entry.quality is None
        and entry.refreshed is None
        and (entry.bed_time is None or entry.wake_time is None)
    ):
        c.add("sleep", "give the hours slept, the bed and wake times, or a quality rating")
