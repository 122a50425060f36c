"""Validation of entries before anything is written. Messages name the field in plain words."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from ..i18n import QT_TRANSLATE_NOOP, Phrase
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

#: What the person sees is said in words: ``Problem.field_words`` and ``Problem.phrase`` translate in the UI;
#: ``field`` and ``message`` are the English (CLI, import reports, logs).
FIELDS = "Fields"
VALIDATION = "Validation"

Said = Phrase | str  # a plain str is shown as it is (already in the person's words, or a name they typed)


@dataclass(frozen=True, slots=True)
class Problem:
    field_words: Said
    phrase: Said

    @property
    def field(self) -> str:
        return str(self.field_words)

    @property
    def message(self) -> str:
        return str(self.phrase)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ValueError):
    """One or more problems with what was entered. Nothing has been saved."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: Said, message: Said) -> ValidationError:
        return cls([Problem(field, message)])

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p.field for p in self.problems)


MAX_NOTE_LENGTH = 10_000
MAX_NAME_LENGTH = 200
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]{0,62}$")


REQUIRED = QT_TRANSLATE_NOOP("Validation", "is required")


def parse_int(text: str, field: Said, low: int, high: int, *, required: bool = True) -> int | None:
    """Read a whole number typed by a person, or explain what is wrong with it."""
    number = _parse_number(
        text.strip(),
        field,
        int,
        required=required,
        not_a_number=Phrase.of(
            QT_TRANSLATE_NOOP("Validation", "must be a whole number from {low} to {high}, not '{typed}'"),
            low=low,
            high=high,
            typed=text.strip(),
        ),
    )
    if number is not None and not low <= number <= high:
        raise ValidationError.single(
            field,
            Phrase.of(
                QT_TRANSLATE_NOOP("Validation", "must be from {low} to {high}, not {value}"),
                low=low,
                high=high,
                value=number,
            ),
        )
    return number


def parse_float(text: str, field: Said, low: float, high: float, *, required: bool = True) -> float | None:
    cleaned = text.strip().replace(",", ".")
    number = _parse_number(
        cleaned,
        field,
        float,
        required=required,
        not_a_number=Phrase.of(
            QT_TRANSLATE_NOOP("Validation", "must be a number from {low:g} to {high:g}, not '{typed}'"),
            low=low,
            high=high,
            typed=cleaned,
        ),
    )
    if number is not None and (math.isnan(number) or not low <= number <= high):
        raise ValidationError.single(
            field,
            Phrase.of(
                QT_TRANSLATE_NOOP("Validation", "must be from {low:g} to {high:g}, not {typed}"),
                low=low,
                high=high,
                typed=cleaned,
            ),
        )
    return number


N = TypeVar("N", int, float)


def _parse_number(cleaned: str, field: Said, kind: type[N], *, required: bool, not_a_number: Phrase) -> N | None:
    """``cleaned`` as a number of ``kind``; None when empty and not required."""
    if not cleaned:
        if required:
            raise ValidationError.single(field, Phrase.of(REQUIRED))
        return None
    try:
        return kind(cleaned)
    except ValueError:
        raise ValidationError.single(field, not_a_number) from None


def category_key(name: str) -> str:
    """A stable key for a category or symptom name the person typed: 'Caffeine & tea' -> 'caffeine_tea'."""
    key = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    return key[:63]


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: Said, message: Phrase) -> None:
        self.problems.append(Problem(field, message))

    def score(self, field: Said, value: object, low: int = NRS_MIN, high: int = NRS_MAX) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(
                field,
                Phrase.of(
                    QT_TRANSLATE_NOOP("Validation", "must be a whole number from {low} to {high}"), low=low, high=high
                ),
            )
        elif not low <= value <= high:
            self.add(
                field,
                Phrase.of(
                    QT_TRANSLATE_NOOP("Validation", "must be from {low} to {high}, not {value}"),
                    low=low,
                    high=high,
                    value=value,
                ),
            )

    def optional_score(self, field: Said, value: object, low: int = NRS_MIN, high: int = NRS_MAX) -> None:
        if value is not None:
            self.score(field, value, low, high)

    def text(self, field: Said, value: object, limit: int = MAX_NAME_LENGTH, *, required: bool = False) -> None:
        if not isinstance(value, str):
            self.add(field, Phrase.of(QT_TRANSLATE_NOOP("Validation", "must be text")))
        elif required and not value.strip():
            self.add(field, Phrase.of(REQUIRED))
        elif len(value) > limit:
            self.add(
                field,
                Phrase.of(
                    QT_TRANSLATE_NOOP("Validation", "is too long ({length} characters, at most {limit})"),
                    length=len(value),
                    limit=limit,
                ),
            )

    def key(self, field: Said, value: object) -> None:
        if not isinstance(value, str) or not KEY_PATTERN.match(value):
            self.add(
                field, Phrase.of(QT_TRANSLATE_NOOP("Validation", "'{value}' is not a known name"), value=str(value))
            )

    def known(self, field: Said, value: object, known: Mapping[str, object] | None) -> None:
        self.key(field, value)
        if known is not None and isinstance(value, str) and value not in known:
            self.add(field, Phrase.of(QT_TRANSLATE_NOOP("Validation", "'{value}' is not in your list"), value=value))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


WITH_OFFSET = QT_TRANSLATE_NOOP("Validation", "must be a date and time with its UTC offset")
BEFORE_START = QT_TRANSLATE_NOOP("Validation", "is before the start")


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
        c.add(Phrase.of(QT_TRANSLATE_NOOP("Fields", "time")), Phrase.of(WITH_OFFSET))
    elif when.date() > today:
        c.add(
            Phrase.of(QT_TRANSLATE_NOOP("Fields", "date")),
            Phrase.of(
                QT_TRANSLATE_NOOP("Validation", "{day} is in the future; entries can be made for today or earlier"),
                day=when.date().isoformat(),
            ),
        )
    c.text(Phrase.of(QT_TRANSLATE_NOOP("Fields", "note")), entry.note, MAX_NOTE_LENGTH)

    if isinstance(entry, MealEntry):
        if not entry.foods:
            c.add(
                Phrase.of(QT_TRANSLATE_NOOP("Fields", "foods")),
                Phrase.of(QT_TRANSLATE_NOOP("Validation", "add at least one food or drink")),
            )
        for i, food in enumerate(entry.foods, start=1):
            c.text(food_field(i), food.name, required=True)
            c.text(Phrase.of(QT_TRANSLATE_NOOP("Fields", "food {number} portion"), number=i), food.portion)
            for cat in food.categories:
                c.known(Phrase.of(QT_TRANSLATE_NOOP("Fields", "food {number} category"), number=i), cat, categories)
    elif isinstance(entry, PainEntry):
        c.score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "pain")), entry.intensity)
        _check_sites(c, entry.sites)
    elif isinstance(entry, SymptomEntry):
        c.known(Phrase.of(QT_TRANSLATE_NOOP("Fields", "symptom")), entry.symptom, symptoms)
        c.score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "severity")), entry.severity)
    elif isinstance(entry, StressEntry):
        c.score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "stress")), entry.level)
    elif isinstance(entry, SleepEntry):
        _check_sleep(c, entry)
    elif isinstance(entry, BowelEntry):
        c.score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "Bristol type")), entry.bristol, 1, 7)
    elif isinstance(entry, DietPhaseEntry):
        c.text(Phrase.of(QT_TRANSLATE_NOOP("Fields", "protocol name")), entry.protocol_name)
        if entry.planned_end is not None and entry.planned_end < entry.start:
            c.add(Phrase.of(QT_TRANSLATE_NOOP("Fields", "planned end")), Phrase.of(BEFORE_START))
        if entry.ended is not None and entry.ended < entry.start:
            c.add(Phrase.of(QT_TRANSLATE_NOOP("Fields", "end")), Phrase.of(BEFORE_START))
        for item in entry.eliminated:
            c.text(Phrase.of(QT_TRANSLATE_NOOP("Fields", "eliminated")), item, required=True)
    elif isinstance(entry, ChallengeEntry):
        _check_challenge(c, entry, symptoms)
    elif isinstance(entry, WeeklyCheckinEntry):
        _check_sites(c, entry.sites)
        c.score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "fatigue")), entry.fatigue, 0, 3)
        c.score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "unrefreshed")), entry.unrefreshed, 0, 3)
        c.score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "cognitive")), entry.cognitive, 0, 3)
    elif isinstance(entry, ContextEntry):
        _check_context(c, entry)
    c.raise_if_any()


def food_field(number: int) -> Phrase:
    """ "food 2": the second food of a meal, as a field name."""
    return Phrase.of(QT_TRANSLATE_NOOP("Fields", "food {number}"), number=number)


def _check_challenge(c: _Checker, entry: ChallengeEntry, symptoms: Mapping[str, object] | None) -> None:
    targets = Phrase.of(QT_TRANSLATE_NOOP("Fields", "target symptoms"))
    c.text(Phrase.of(QT_TRANSLATE_NOOP("Fields", "food")), entry.food, required=True)
    if not 1 <= len(entry.target_symptoms) <= 3:
        c.add(targets, Phrase.of(QT_TRANSLATE_NOOP("Validation", "choose 1 to 3 symptoms before the challenge starts")))
    if len(set(entry.target_symptoms)) != len(entry.target_symptoms):
        c.add(targets, Phrase.of(QT_TRANSLATE_NOOP("Validation", "a symptom is chosen twice")))
    for key in entry.target_symptoms:
        c.known(targets, key, symptoms)
    days = [d.day for d in entry.doses]
    if len(set(days)) != len(days) or any(not 1 <= d <= 3 for d in days):
        c.add(
            Phrase.of(QT_TRANSLATE_NOOP("Fields", "doses")),
            Phrase.of(QT_TRANSLATE_NOOP("Validation", "one dose per day, on days 1 to 3")),
        )
    c.score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "washout days")), entry.washout_days, 0, 14)


def _check_context(c: _Checker, entry: ContextEntry) -> None:
    food = Phrase.of(QT_TRANSLATE_NOOP("Fields", "reaction food"))
    reactions = Phrase.of(QT_TRANSLATE_NOOP("Fields", "reactions"))
    c.text(Phrase.of(QT_TRANSLATE_NOOP("Fields", "medication")), entry.medication, 1000)
    c.text(food, entry.reaction_food, 200)
    if entry.reactions and not entry.reaction_food.strip():
        c.add(
            food,
            Phrase.of(
                QT_TRANSLATE_NOOP(
                    "Validation", "is needed when a reaction is ticked: name the food or meal you suspect"
                )
            ),
        )
    if entry.reaction_food.strip() and not entry.reactions:
        c.add(
            reactions,
            Phrase.of(QT_TRANSLATE_NOOP("Validation", "tick what happened (hives, swelling or trouble breathing)")),
        )
    for reaction in entry.reactions:
        if not isinstance(reaction, Reaction):
            c.add(
                reactions,
                Phrase.of(
                    QT_TRANSLATE_NOOP("Validation", "has an unknown reaction {reaction}"), reaction=repr(reaction)
                ),
            )


def _check_sites(c: _Checker, sites: Iterable[object]) -> None:
    for site in sites:
        if not isinstance(site, BodySite):
            c.add(
                Phrase.of(QT_TRANSLATE_NOOP("Fields", "body sites")),
                Phrase.of(QT_TRANSLATE_NOOP("Validation", "'{site}' is not one of the 19 body sites"), site=str(site)),
            )


def _check_sleep(c: _Checker, entry: SleepEntry) -> None:
    c.optional_score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "sleep quality")), entry.quality)
    c.optional_score(
        Phrase.of(QT_TRANSLATE_NOOP("Fields", "minutes to fall asleep")), entry.minutes_to_sleep, 0, 24 * 60
    )
    c.optional_score(Phrase.of(QT_TRANSLATE_NOOP("Fields", "awakenings")), entry.awakenings, 0, 100)
    if entry.hours is not None and (
        isinstance(entry.hours, bool) or not isinstance(entry.hours, (int, float)) or not 0 <= entry.hours <= 24
    ):
        c.add(
            Phrase.of(QT_TRANSLATE_NOOP("Fields", "hours slept")),
            Phrase.of(QT_TRANSLATE_NOOP("Validation", "must be from 0 to 24")),
        )
    aware = True
    woke = Phrase.of(QT_TRANSLATE_NOOP("Fields", "woke up"))
    for field, moment in (
        (Phrase.of(QT_TRANSLATE_NOOP("Fields", "went to bed")), entry.bed_time),
        (woke, entry.wake_time),
    ):
        if moment is not None and (not isinstance(moment, datetime) or moment.utcoffset() is None):
            c.add(field, Phrase.of(WITH_OFFSET))
            aware = False
    if aware and entry.bed_time is not None and entry.wake_time is not None:
        if entry.wake_time <= entry.bed_time:
            c.add(woke, Phrase.of(QT_TRANSLATE_NOOP("Validation", "must be after going to bed")))
        elif (entry.wake_time - entry.bed_time).total_seconds() > 24 * 3600:
            c.add(woke, Phrase.of(QT_TRANSLATE_NOOP("Validation", "is more than 24 hours after going to bed")))
    if (
        entry.hours is None
        and entry.quality is None
        and entry.refreshed is None
        and (entry.bed_time is None or entry.wake_time is None)
    ):
        c.add(
            Phrase.of(QT_TRANSLATE_NOOP("Fields", "sleep")),
            Phrase.of(
                QT_TRANSLATE_NOOP("Validation", "give the hours slept, the bed and wake times, or a quality rating")
            ),
        )
