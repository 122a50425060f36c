"""ORM models. Private to storage/: nothing outside this package sees these classes.

Class-table layout: one ``entry`` row per entry (id, kind, times, note, journal summary) and one detail row per
kind keyed by the same id, so the journal lists every kind from one indexed table and each kind keeps real columns
a practitioner's export can rely on.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _entry_fk() -> Mapped[str]:
    return mapped_column(String(36), ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)


class EntryRow(Base):
    __tablename__ = "entry"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: The moment in UTC (naive), plus the offset the person's clock had then.
    occurred_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer)
    #: The person's local calendar day, for day grouping.
    local_date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    #: Where the entry came from: "user", "demo" (synthetic, removable) or "import".
    source: Mapped[str] = mapped_column(String(10), default="user")
    created_utc: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_utc: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index(None, "occurred_utc"),
        Index(None, "kind", "occurred_utc"),
        Index(None, "local_date"),
    )


class CategoryRow(Base):
    __tablename__ = "category"

    key: Mapped[str] = mapped_column(String(63), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SymptomRow(Base):
    __tablename__ = "symptom"

    key: Mapped[str] = mapped_column(String(63), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    tracked: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class MealRow(Base):
    __tablename__ = "meal"

    entry_id: Mapped[str] = _entry_fk()
    meal_type: Mapped[str] = mapped_column(String(20))
    challenge_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("entry.id", ondelete="SET NULL"), nullable=True, index=True
    )


class MealFoodRow(Base):
    __tablename__ = "meal_food"

    entry_id: Mapped[str] = mapped_column(String(36), ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    portion: Mapped[str] = mapped_column(String(200), default="")


class MealFoodCategoryRow(Base):
    __tablename__ = "meal_food_category"

    entry_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_key: Mapped[str] = mapped_column(
        String(63), ForeignKey("category.key", onupdate="CASCADE"), primary_key=True, index=True
    )

    __table_args__ = (
        ForeignKeyConstraint(
            ["entry_id", "position"], ["meal_food.entry_id", "meal_food.position"], ondelete="CASCADE"
        ),
    )


class FoodMemoryRow(Base):
    """The categories a food had the last time it was logged, proposed the next time."""

    __tablename__ = "food_memory"

    name_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    categories: Mapped[str] = mapped_column(Text, default="")  # space-separated category keys
    use_count: Mapped[int] = mapped_column(Integer, default=0)
    last_used_utc: Mapped[dt.datetime] = mapped_column(DateTime)


class PainRow(Base):
    __tablename__ = "pain"

    entry_id: Mapped[str] = _entry_fk()
    intensity: Mapped[int] = mapped_column(Integer)
    recall: Mapped[str] = mapped_column(String(20))
    pain_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)


class EntrySiteRow(Base):
    """Body sites of a pain entry or of a weekly check-in (the 19 WPI sites)."""

    __tablename__ = "entry_site"

    entry_id: Mapped[str] = mapped_column(String(36), ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    site: Mapped[str] = mapped_column(String(30), primary_key=True)


class SymptomRatingRow(Base):
    __tablename__ = "symptom_rating"

    entry_id: Mapped[str] = _entry_fk()
    symptom_key: Mapped[str] = mapped_column(String(63), ForeignKey("symptom.key", onupdate="CASCADE"), index=True)
    severity: Mapped[int] = mapped_column(Integer)


class StressRow(Base):
    __tablename__ = "stress"

    entry_id: Mapped[str] = _entry_fk()
    level: Mapped[int] = mapped_column(Integer)


class SleepRow(Base):
    __tablename__ = "sleep"

    entry_id: Mapped[str] = _entry_fk()
    bed_time: Mapped[str | None] = mapped_column(String(40), nullable=True)  # ISO 8601 with offset
    wake_time: Mapped[str | None] = mapped_column(String(40), nullable=True)
    minutes_to_sleep: Mapped[int | None] = mapped_column(Integer, nullable=True)
    awakenings: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    total_hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    quality: Mapped[int | None] = mapped_column(Integer, nullable=True)
    refreshed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class BowelRow(Base):
    __tablename__ = "bowel"

    entry_id: Mapped[str] = _entry_fk()
    bristol: Mapped[int] = mapped_column(Integer)
    urgency: Mapped[bool] = mapped_column(Boolean, default=False)
    straining: Mapped[bool] = mapped_column(Boolean, default=False)
    blood: Mapped[bool] = mapped_column(Boolean, default=False)
    at_night: Mapped[bool] = mapped_column(Boolean, default=False)


class DietPhaseRow(Base):
    __tablename__ = "diet_phase"

    entry_id: Mapped[str] = _entry_fk()
    protocol: Mapped[str] = mapped_column(String(30))
    protocol_name: Mapped[str] = mapped_column(String(200), default="")
    phase: Mapped[str] = mapped_column(String(30))
    planned_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ended: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    eliminated: Mapped[str] = mapped_column(Text, default="")  # one item per line


class ChallengeRow(Base):
    __tablename__ = "challenge"

    entry_id: Mapped[str] = _entry_fk()
    food: Mapped[str] = mapped_column(String(200))
    target_symptoms: Mapped[str] = mapped_column(Text)  # space-separated symptom keys, in order
    washout_days: Mapped[int] = mapped_column(Integer, default=3)
    outcome: Mapped[str] = mapped_column(String(30))
    decided_by: Mapped[str] = mapped_column(String(30), default="")


class ChallengeDoseRow(Base):
    __tablename__ = "challenge_dose"

    entry_id: Mapped[str] = mapped_column(String(36), ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    size: Mapped[str] = mapped_column(String(10))
    amount: Mapped[str] = mapped_column(String(200), default="")


class WeeklyCheckinRow(Base):
    __tablename__ = "weekly_checkin"

    entry_id: Mapped[str] = _entry_fk()
    fatigue: Mapped[int] = mapped_column(Integer)
    unrefreshed: Mapped[int] = mapped_column(Integer)
    cognitive: Mapped[int] = mapped_column(Integer)
    headaches: Mapped[bool] = mapped_column(Boolean)
    lower_abdominal_pain: Mapped[bool] = mapped_column(Boolean)
    depression: Mapped[bool] = mapped_column(Boolean)
    wpi: Mapped[int] = mapped_column(Integer)
    sss: Mapped[int] = mapped_column(Integer)


class ContextRow(Base):
    __tablename__ = "context"

    entry_id: Mapped[str] = _entry_fk()
    period: Mapped[bool] = mapped_column(Boolean, default=False)
    illness: Mapped[bool] = mapped_column(Boolean, default=False)
    fever: Mapped[bool] = mapped_column(Boolean, default=False)
    alcohol: Mapped[bool] = mapped_column(Boolean, default=False)
    exercise: Mapped[bool] = mapped_column(Boolean, default=False)
    medication: Mapped[str] = mapped_column(Text, default="")
    reaction_food: Mapped[str] = mapped_column(String(200), default="", server_default="")
    #: Comma-separated Reaction values, sorted ("" for none).
    reactions: Mapped[str] = mapped_column(String(100), default="", server_default="")


class SettingRow(Base):
    """Small key/value preferences that belong with the data (not with the window)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
