"""Entries a person records. Frozen dataclasses: no Qt, no SQLAlchemy.

Every entry has a UUID that stays the same across export and import, the moment it happened as a local
time *with* its UTC offset, optional created/updated stamps (filled by storage) and an optional note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import ClassVar
from uuid import UUID, uuid4

from ..i18n import QT_TRANSLATE_NOOP
from .scales import SITE_INFO, BodySite, Region


class EntryKind(StrEnum):
    MEAL = "meal"
    PAIN = "pain"
    SYMPTOM = "symptom"
    STRESS = "stress"
    SLEEP = "sleep"
    BOWEL = "bowel"
    DIET_PHASE = "diet_phase"
    CHALLENGE = "challenge"
    WEEKLY_CHECKIN = "weekly_checkin"
    CONTEXT = "context"


KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.MEAL: QT_TRANSLATE_NOOP("Labels", "Meal"),
    EntryKind.PAIN: QT_TRANSLATE_NOOP("Labels", "Pain"),
    EntryKind.SYMPTOM: QT_TRANSLATE_NOOP("Labels", "Symptom"),
    EntryKind.STRESS: QT_TRANSLATE_NOOP("Labels", "Stress"),
    EntryKind.SLEEP: QT_TRANSLATE_NOOP("Labels", "Sleep"),
    EntryKind.BOWEL: QT_TRANSLATE_NOOP("Labels", "Bowel movement"),
    EntryKind.DIET_PHASE: QT_TRANSLATE_NOOP("Labels", "Diet phase"),
    EntryKind.CHALLENGE: QT_TRANSLATE_NOOP("Labels", "Challenge"),
    EntryKind.WEEKLY_CHECKIN: QT_TRANSLATE_NOOP("Labels", "Weekly check-in"),
    EntryKind.CONTEXT: QT_TRANSLATE_NOOP("Labels", "Context"),
}


class MealType(StrEnum):
    BREAKFAST = "breakfast"
    LUNCH = "lunch"
    DINNER = "dinner"
    SNACK = "snack"
    DRINK = "drink"


class PainRecall(StrEnum):
    NOW = "now"
    AVERAGE_24H = "average_24h"
    WORST = "worst_24h"


RECALL_LABELS: dict[PainRecall, str] = {
    PainRecall.NOW: QT_TRANSLATE_NOOP("Labels", "right now"),
    PainRecall.AVERAGE_24H: QT_TRANSLATE_NOOP("Labels", "average over the last 24 hours"),
    PainRecall.WORST: QT_TRANSLATE_NOOP("Labels", "worst in the last 24 hours"),
}


class PainKind(StrEnum):
    MUSCLE = "muscle"
    JOINT = "joint"
    HEADACHE = "headache"
    ABDOMINAL = "abdominal"
    NERVE = "nerve"


class DietProtocol(StrEnum):
    LOW_FODMAP = "low_fodmap"
    GLUTEN_FREE = "gluten_free"
    DAIRY_FREE = "dairy_free"
    SINGLE_FOOD = "single_food"
    CUSTOM = "custom"


PROTOCOL_LABELS: dict[DietProtocol, str] = {
    DietProtocol.LOW_FODMAP: QT_TRANSLATE_NOOP("Labels", "Low FODMAP"),
    DietProtocol.GLUTEN_FREE: QT_TRANSLATE_NOOP("Labels", "Gluten-free trial"),
    DietProtocol.DAIRY_FREE: QT_TRANSLATE_NOOP("Labels", "Dairy-free trial"),
    DietProtocol.SINGLE_FOOD: QT_TRANSLATE_NOOP("Labels", "Single-food trial"),
    DietProtocol.CUSTOM: QT_TRANSLATE_NOOP("Labels", "Custom"),
}


class DietPhase(StrEnum):
    BASELINE = "baseline"
    ELIMINATION = "elimination"
    REINTRODUCTION = "reintroduction"
    PERSONALISATION = "personalisation"
    PAUSED = "paused"
    STOPPED = "stopped"


class Dose(StrEnum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class ChallengeOutcome(StrEnum):
    PENDING = "pending"
    TOLERATED = "tolerated"
    TOLERATED_UP_TO_DOSE = "tolerated_up_to_dose"
    NOT_TOLERATED = "not_tolerated"
    INCONCLUSIVE = "inconclusive"


class DecidedBy(StrEnum):
    NOBODY = ""
    PERSON = "person"
    PRACTITIONER = "practitioner"


def humanise(key: str) -> str:
    """'refined_sugar' -> 'Refined sugar'."""
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, kw_only=True)
class Entry:
    """Fields every entry shares."""

    kind: ClassVar[EntryKind]

    occurred_at: datetime
    note: str = ""
    id: UUID = field(default_factory=uuid4)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def local_date(self) -> date:
        """The calendar day in the person's local time when it was recorded."""
        return self.occurred_at.date()


@dataclass(frozen=True, slots=True)
class FoodItem:
    name: str
    categories: tuple[str, ...] = ()
    portion: str = ""


@dataclass(frozen=True, kw_only=True)
class MealEntry(Entry):
    kind: ClassVar[EntryKind] = EntryKind.MEAL
    meal_type: MealType
    foods: tuple[FoodItem, ...]
    challenge_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class PainEntry(Entry):
    kind: ClassVar[EntryKind] = EntryKind.PAIN
    intensity: int
    recall: PainRecall = PainRecall.NOW
    sites: frozenset[BodySite] = frozenset()
    pain_kind: PainKind | None = None


@dataclass(frozen=True, kw_only=True)
class SymptomEntry(Entry):
    kind: ClassVar[EntryKind] = EntryKind.SYMPTOM
    symptom: str
    severity: int


@dataclass(frozen=True, kw_only=True)
class StressEntry(Entry):
    kind: ClassVar[EntryKind] = EntryKind.STRESS
    level: int


@dataclass(frozen=True, kw_only=True)
class SleepEntry(Entry):
    """One night, filed under the date the person woke up.

    ``quality`` runs 0 = very poor to 10 = excellent (higher is better).
    """

    kind: ClassVar[EntryKind] = EntryKind.SLEEP
    bed_time: datetime | None = None
    wake_time: datetime | None = None
    minutes_to_sleep: int | None = None
    awakenings: int | None = None
    hours: float | None = None
    quality: int | None = None
    refreshed: bool | None = None

    @property
    def total_hours(self) -> float | None:
        """Hours asleep: as entered, or derived from the times (less the time taken to fall asleep)."""
        if self.hours is not None:
            return self.hours
        if self.bed_time is None or self.wake_time is None:
            return None
        span = self.wake_time - self.bed_time - timedelta(minutes=self.minutes_to_sleep or 0)
        return round(max(span.total_seconds(), 0.0) / 3600.0, 2)


@dataclass(frozen=True, kw_only=True)
class BowelEntry(Entry):
    kind: ClassVar[EntryKind] = EntryKind.BOWEL
    bristol: int
    urgency: bool = False
    straining: bool = False
    blood: bool = False
    at_night: bool = False


@dataclass(frozen=True, kw_only=True)
class DietPhaseEntry(Entry):
    """Where the person is in an elimination diet, from ``start`` (the entry's date) on."""

    kind: ClassVar[EntryKind] = EntryKind.DIET_PHASE
    protocol: DietProtocol
    phase: DietPhase
    protocol_name: str = ""
    planned_end: date | None = None
    ended: date | None = None
    eliminated: tuple[str, ...] = ()

    @property
    def start(self) -> date:
        return self.occurred_at.date()

    @property
    def label(self) -> str:
        name = self.protocol_name or PROTOCOL_LABELS[self.protocol]
        return f"{name}: {self.phase.value}"


@dataclass(frozen=True, slots=True)
class ChallengeDose:
    day: int
    size: Dose
    amount: str = ""


@dataclass(frozen=True, kw_only=True)
class ChallengeEntry(Entry):
    """A reintroduction challenge starting on the entry's date (day 1)."""

    kind: ClassVar[EntryKind] = EntryKind.CHALLENGE
    food: str
    target_symptoms: tuple[str, ...]
    doses: tuple[ChallengeDose, ...] = ()
    washout_days: int = 3
    outcome: ChallengeOutcome = ChallengeOutcome.PENDING
    decided_by: DecidedBy = DecidedBy.NOBODY


@dataclass(frozen=True, kw_only=True)
class WeeklyCheckinEntry(Entry):
    """ACR 2016 WPI sites and SSS items over the past week. Numbers only, never a diagnosis."""

    kind: ClassVar[EntryKind] = EntryKind.WEEKLY_CHECKIN
    sites: frozenset[BodySite] = frozenset()
    fatigue: int = 0
    unrefreshed: int = 0
    cognitive: int = 0
    headaches: bool = False
    lower_abdominal_pain: bool = False
    depression: bool = False

    @property
    def wpi(self) -> int:
        return len(self.sites)

    @property
    def sss(self) -> int:
        return (
            self.fatigue
            + self.unrefreshed
            + self.cognitive
            + int(self.headaches)
            + int(self.lower_abdominal_pain)
            + int(self.depression)
        )

    @property
    def fs(self) -> int:
        return self.wpi + self.sss

    @property
    def regions_with_pain(self) -> frozenset[Region]:
        return frozenset(SITE_INFO[s].region for s in self.sites if SITE_INFO[s].counts_for_generalized)


class Reaction(StrEnum):
    """Reactions that make a food an allergy question: never to be challenged at home."""

    HIVES = "hives"
    SWELLING = "swelling"
    BREATHING_TROUBLE = "breathing_trouble"


REACTION_LABELS: dict[Reaction, str] = {
    Reaction.HIVES: QT_TRANSLATE_NOOP("Labels", "hives"),
    Reaction.SWELLING: QT_TRANSLATE_NOOP("Labels", "swelling"),
    Reaction.BREATHING_TROUBLE: QT_TRANSLATE_NOOP("Labels", "trouble breathing"),
}


@dataclass(frozen=True, kw_only=True)
class ContextEntry(Entry):
    """Things that can confound what the diary shows, and allergic-type reactions to a food.

    ``reactions`` with ``reaction_food`` record that a food once brought hives, swelling or breathing trouble; the
    challenge wizard refuses such a food.
    """

    kind: ClassVar[EntryKind] = EntryKind.CONTEXT
    period: bool = False
    illness: bool = False
    fever: bool = False
    alcohol: bool = False
    exercise: bool = False
    medication: str = ""
    reaction_food: str = ""
    reactions: frozenset[Reaction] = frozenset()


AnyEntry = (
    MealEntry
    | PainEntry
    | SymptomEntry
    | StressEntry
    | SleepEntry
    | BowelEntry
    | DietPhaseEntry
    | ChallengeEntry
    | WeeklyCheckinEntry
    | ContextEntry
)

ENTRY_CLASSES: dict[EntryKind, type[Entry]] = {
    cls.kind: cls
    for cls in (
        MealEntry,
        PainEntry,
        SymptomEntry,
        StressEntry,
        SleepEntry,
        BowelEntry,
        DietPhaseEntry,
        ChallengeEntry,
        WeeklyCheckinEntry,
        ContextEntry,
    )
}


@dataclass(frozen=True, slots=True)
class Category:
    """A trigger category a food can belong to (gluten, dairy, ... or the person's own)."""

    key: str
    name: str
    builtin: bool = False
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class SymptomDef:
    key: str
    name: str
    builtin: bool = False
    tracked: bool = True


BUILTIN_CATEGORIES: tuple[Category, ...] = (
    Category("gluten", QT_TRANSLATE_NOOP("Labels", "Gluten"), True),
    Category("dairy", QT_TRANSLATE_NOOP("Labels", "Dairy"), True),
    Category("refined_sugar", QT_TRANSLATE_NOOP("Labels", "Refined sugar"), True),
    Category("processed_foods", QT_TRANSLATE_NOOP("Labels", "Processed foods"), True),
    Category("seed_oils", QT_TRANSLATE_NOOP("Labels", "Industrial seed oils"), True),
)

BUILTIN_SYMPTOMS: tuple[SymptomDef, ...] = (
    SymptomDef("fatigue", QT_TRANSLATE_NOOP("Labels", "Fatigue"), True, True),
    SymptomDef("brain_fog", QT_TRANSLATE_NOOP("Labels", "Brain fog"), True, True),
    SymptomDef("bloating", QT_TRANSLATE_NOOP("Labels", "Bloating"), True, True),
    SymptomDef("abdominal_pain", QT_TRANSLATE_NOOP("Labels", "Abdominal pain"), True, True),
    SymptomDef("constipation", QT_TRANSLATE_NOOP("Labels", "Constipation"), True, False),
    SymptomDef("diarrhoea", QT_TRANSLATE_NOOP("Labels", "Diarrhoea"), True, False),
    SymptomDef("nausea", QT_TRANSLATE_NOOP("Labels", "Nausea"), True, False),
    SymptomDef("headache", QT_TRANSLATE_NOOP("Labels", "Headache"), True, True),
    SymptomDef("sensitivity_touch", QT_TRANSLATE_NOOP("Labels", "Sensitivity to touch"), True, False),
    SymptomDef("sensitivity_temperature", QT_TRANSLATE_NOOP("Labels", "Sensitivity to temperature"), True, False),
    SymptomDef("sensitivity_sound", QT_TRANSLATE_NOOP("Labels", "Sensitivity to sound"), True, False),
    SymptomDef("sensitivity_light", QT_TRANSLATE_NOOP("Labels", "Sensitivity to light"), True, False),
)


#: The source stored with made-up example entries (``gutpain_desktop.demo``): they are marked and removed by it.
DEMO_SOURCE = "demo"


@dataclass(frozen=True, slots=True)
class JournalRow:
    """One line of the journal: enough to list an entry without loading its details."""

    id: UUID
    kind: EntryKind
    occurred_at: datetime
    summary: str
    #: A made-up example entry (demo data), not the person's own.
    demo: bool = False
