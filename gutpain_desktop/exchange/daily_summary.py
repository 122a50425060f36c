"""daily_summary.csv: one row per calendar day of the range, every day, empty cells where nothing was logged.

Built from the columns of :class:`~gutpain_desktop.domain.measurements.Measurements` (the repository's fast query).
A day without a value has an empty cell, never a 0: "not logged" and "none" are different things.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from ..domain.entries import BUILTIN_SYMPTOMS
from ..domain.measurements import ChallengeSpan, Measurements, PhaseSpan
from .files import neutralise

FIXED_START = ("date", "pain_mean", "pain_worst", "stress_mean", "sleep_hours", "sleep_quality")
FIXED_END = (
    "bristol_types",
    "bowel_movements",
    "trigger_categories",
    "diet_protocol",
    "diet_phase",
    "challenge_food",
    "challenge_day",
    "challenge_stage",
    "challenge_dose",
)
_BUILTIN_ORDER = {d.key: i for i, d in enumerate(BUILTIN_SYMPTOMS)}


def symptom_column(key: str) -> str:
    return f"{key}_mean"


def _mean(values: list[float]) -> str:
    return _fmt(sum(values) / len(values))


def _fmt(value: float) -> str:
    rounded = round(value, 2)
    return str(int(rounded)) if float(rounded).is_integer() else f"{rounded:g}"


def _by_day(dates: Iterable[date], values: Iterable[float | int | None]) -> dict[date, list[float]]:
    found: dict[date, list[float]] = defaultdict(list)
    for day, value in zip(dates, values, strict=True):
        if value is not None:
            found[day].append(float(value))
    return found


def ordered_symptoms(keys: Iterable[str]) -> list[str]:
    """Built-in symptoms in their usual order, then the person's own by key."""
    return sorted(set(keys), key=lambda k: (_BUILTIN_ORDER.get(k, len(_BUILTIN_ORDER)), k))


def phase_on(phases: list[PhaseSpan], day: date) -> PhaseSpan | None:
    """The diet phase in force on ``day`` (the latest started on or before it, unless stopped or ended)."""
    current = None
    for span in phases:
        if span.start <= day:
            current = span
    if current is None or current.phase == "stopped" or (current.ended is not None and current.ended < day):
        return None
    return current


def challenge_on(challenges: list[ChallengeSpan], day: date) -> ChallengeSpan | None:
    running = [c for c in challenges if c.start <= day <= c.window_end]
    return running[-1] if running else None


def daily_summary_rows(
    m: Measurements, start: date | None, end: date | None, *, names: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[str]], list[str]]:
    """(header, rows, symptom keys with a column). Days run from ``start`` (default: the first day with data) to
    ``end`` (default: the last day with data); no data and no range gives no rows."""
    span = m.span()
    first = start or (span[0] if span else None)
    last = end or (span[1] if span else None)
    symptoms = ordered_symptoms(m.symptom_keys)
    header = [*FIXED_START, *(symptom_column(k) for k in symptoms), *FIXED_END]
    if first is None or last is None or last < first:
        return header, [], symptoms
    pain = _by_day(m.pain_dates, m.pain_intensity)
    stress = _by_day(m.stress_dates, m.stress_level)
    sleep_hours = _by_day(m.sleep_dates, m.sleep_hours)
    sleep_quality = _by_day(m.sleep_dates, m.sleep_quality)
    bristol = _by_day(m.bowel_dates, m.bowel_bristol)
    per_symptom: dict[str, dict[date, list[float]]] = {k: defaultdict(list) for k in symptoms}
    for day, key, value in zip(m.symptom_dates, m.symptom_keys, m.symptom_severity, strict=True):
        per_symptom[key][day].append(float(value))
    categories: dict[date, list[str]] = defaultdict(list)
    for day, key in zip(m.meal_dates, m.meal_categories, strict=True):
        categories[day].append(key)
    phases = sorted(m.diet_phases, key=lambda p: p.start)
    challenges = sorted(m.challenges, key=lambda c: c.start)
    rows: list[list[str]] = []
    day = first
    while day <= last:
        row = [day.isoformat()]
        p = pain.get(day)
        row += [_mean(p), _fmt(max(p))] if p else ["", ""]
        s = stress.get(day)
        row.append(_mean(s) if s else "")
        h = sleep_hours.get(day)
        row.append(_mean(h) if h else "")
        q = sleep_quality.get(day)
        row.append(_mean(q) if q else "")
        for key in symptoms:
            values = per_symptom[key].get(day)
            row.append(_mean(values) if values else "")
        b = bristol.get(day)
        row.append(" ".join(str(int(t)) for t in sorted(set(b))) if b else "")
        row.append(str(len(b)) if b else "")
        row.append(" ".join(sorted(categories.get(day, []))))
        phase = phase_on(phases, day)
        row += [neutralise(phase.protocol), phase.phase] if phase else ["", ""]
        challenge = challenge_on(challenges, day)
        if challenge is None:
            row += ["", "", "", ""]
        else:
            number = (day - challenge.start).days + 1
            stage = "dose" if number <= 3 else "washout"
            row += [neutralise(challenge.food), str(number), stage, challenge.dose_on(day)]
        rows.append(row)
        day += timedelta(days=1)
    return header, rows, symptoms
