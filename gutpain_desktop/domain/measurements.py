"""What the Trends charts draw, as columns of plain values (no Qt, no SQLAlchemy, no numpy).

:class:`Measurements` holds one set of parallel lists per kind of entry ("columnar"): ``pain_dates[i]``,
``pain_intensity[i]`` and ``pain_recall[i]`` describe the same pain entry. Columns are plain Python lists, so nothing
here depends on numpy; ``analysis.daily`` turns them into arrays (date columns through ``to_days``, which is ~20 times
faster than numpy's own conversion of ``datetime.date`` objects).

Each series is in time order (oldest first); the meal categories, one row per day and category, are ordered by day
then key. Dates are the person's local calendar days. The analysis functions do not depend on any order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

#: A challenge gives the food on days 1 to 3, then waits ``washout_days`` before the next one.
CHALLENGE_DOSE_DAYS = 3


class PhaseSpan(NamedTuple):
    """A diet phase as the charts need it: from ``start`` until the next phase starts (or ``ended``)."""

    start: date
    #: A :class:`~gutpain_desktop.domain.entries.DietPhase` value: "baseline", "elimination", ..., "stopped".
    phase: str
    #: The protocol as the person sees it: their own name for it, else the built-in label ("Low FODMAP").
    protocol: str
    ended: date | None = None


class ChallengeSpan(NamedTuple):
    """A reintroduction challenge: dose days from ``start`` (day 1), then the washout."""

    start: date
    food: str
    washout_days: int
    #: How many dose days were logged (0 to 3).
    doses: int
    #: A :class:`~gutpain_desktop.domain.entries.ChallengeOutcome` value ("pending", "tolerated", ...).
    outcome: str = "pending"
    #: The dose logged on day 1, 2 and 3 (a :class:`~gutpain_desktop.domain.entries.Dose` value, "" = none logged).
    dose_sizes: tuple[str, ...] = ()

    def dose_on(self, day: date) -> str:
        """The dose size logged for ``day`` ("" when that day is not a dose day or has no dose logged)."""
        index = (day - self.start).days
        return self.dose_sizes[index] if 0 <= index < len(self.dose_sizes) else ""

    @property
    def last_dose_day(self) -> date:
        return self.start + timedelta(days=CHALLENGE_DOSE_DAYS - 1)

    @property
    def window_end(self) -> date:
        """The last day of the washout (inclusive)."""
        return self.last_dose_day + timedelta(days=self.washout_days)


@dataclass(frozen=True)
class Measurements:
    """Everything the Trends charts draw over a range of local dates, as parallel columns.

    Returned by ``EntryRepository.measurements``. Optional values (sleep hours and quality) are ``None`` when the
    person did not give them; the analysis layer turns ``None`` into NaN, never into 0.
    """

    #: The range asked for (inclusive); ``None`` = open-ended.
    start: date | None = None
    end: date | None = None

    # Pain (0-10 NRS), one row per pain entry.
    pain_dates: list[date] = field(default_factory=list)
    pain_intensity: list[int] = field(default_factory=list)
    #: :class:`~gutpain_desktop.domain.entries.PainRecall` values: "now", "average_24h", "worst_24h".
    pain_recall: list[str] = field(default_factory=list)

    # Stress (0-10), one row per stress entry.
    stress_dates: list[date] = field(default_factory=list)
    stress_level: list[int] = field(default_factory=list)

    # Sleep, one row per night, filed under the date the person woke up.
    sleep_dates: list[date] = field(default_factory=list)
    sleep_hours: list[float | None] = field(default_factory=list)
    #: 0 = very poor .. 10 = excellent (higher is better).
    sleep_quality: list[int | None] = field(default_factory=list)

    # Symptoms (severity 0-10), one row per symptom rating.
    symptom_dates: list[date] = field(default_factory=list)
    symptom_keys: list[str] = field(default_factory=list)
    symptom_severity: list[int] = field(default_factory=list)

    #: Trigger categories eaten: one row per distinct (date, category key), by date then key.
    meal_dates: list[date] = field(default_factory=list)
    meal_categories: list[str] = field(default_factory=list)

    #: Foods eaten (only filled when asked for with ``measurements(foods=True)``): one row per distinct (date, food
    #: key), by date then key. The key folds case and spaces ("Greek  Yogurt" -> "greek yogurt"), as the food memory
    #: does. A day with any food is a day with meals logged.
    food_dates: list[date] = field(default_factory=list)
    food_names: list[str] = field(default_factory=list)
    #: Food key -> the name as the person last wrote it, for display.
    food_labels: dict[str, str] = field(default_factory=dict)

    # Context entries (only filled when asked for with ``measurements(context=True)``), one row per entry, by time:
    # what can confound a challenge.
    context_dates: list[date] = field(default_factory=list)
    context_period: list[bool] = field(default_factory=list)
    context_illness: list[bool] = field(default_factory=list)
    context_fever: list[bool] = field(default_factory=list)
    #: Medication taken, as typed ("" when none).
    context_medication: list[str] = field(default_factory=list)

    # Bowel movements: local date, local hour of the day (0 <= h < 24, e.g. 7.5 = 07:30), Bristol type 1-7.
    bowel_dates: list[date] = field(default_factory=list)
    bowel_hours: list[float] = field(default_factory=list)
    bowel_bristol: list[int] = field(default_factory=list)

    #: Body sites of pain entries (weekly check-ins not included): one row per (pain entry, site).
    site_dates: list[date] = field(default_factory=list)
    #: :class:`~gutpain_desktop.domain.scales.BodySite` values.
    site_keys: list[str] = field(default_factory=list)

    #: Diet phases by start. Includes phases that started before ``start`` (the one in force at the start of the
    #: range, and earlier ones), so bands can be drawn from the first day; ``analysis.daily.phase_bands`` clips.
    diet_phases: list[PhaseSpan] = field(default_factory=list)
    #: Challenges by day 1 whose dose days or washout overlap the range.
    challenges: list[ChallengeSpan] = field(default_factory=list)

    def is_empty(self) -> bool:
        """True when no series has a single value (phases and challenges alone draw no line)."""
        return not any(self._date_columns())

    def span(self) -> tuple[date, date] | None:
        """The first and last day with a measurement in any series, or ``None`` when there is none."""
        columns = [c for c in self._date_columns() if c]
        if not columns:
            return None
        return min(min(c) for c in columns), max(max(c) for c in columns)

    def _date_columns(self) -> tuple[list[date], ...]:
        return (
            self.pain_dates,
            self.stress_dates,
            self.sleep_dates,
            self.symptom_dates,
            self.meal_dates,
            self.food_dates,
            self.bowel_dates,
            self.site_dates,
        )
