"""What the PDF summary says, as plain data (the drawing is in :mod:`.report_pdf`).

For a chosen period: who and when, averages and how they moved (first half against second half) for pain, stress,
sleep and the gut symptoms, weekly series for small charts, the Bristol distribution, the diet phases and every
challenge with its outcome, the strongest associations from the insights with their caveats, the red-flag events
logged, and the scales used. Read through the repositories only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..domain.entries import (
    REACTION_LABELS,
    BowelEntry,
    ChallengeEntry,
    ChallengeOutcome,
    ContextEntry,
    EntryKind,
    Reaction,
    humanise,
)
from ..domain.measurements import Measurements
from ..domain.scales import BRISTOL_DESCRIPTIONS

#: The period when none is given: the last 13 weeks.
DEFAULT_DAYS = 91
#: Gut symptoms shown in the averages and the chart when they were rated.
GUT_SYMPTOMS = ("bloating", "abdominal_pain", "constipation", "diarrhoea", "nausea")
MAX_ASSOCIATIONS = 4
MAX_RED_FLAGS = 8

OUTCOME_LABELS = {
    ChallengeOutcome.PENDING: "pending",
    ChallengeOutcome.TOLERATED: "tolerated",
    ChallengeOutcome.TOLERATED_UP_TO_DOSE: "tolerated up to a dose",
    ChallengeOutcome.NOT_TOLERATED: "not tolerated",
    ChallengeOutcome.INCONCLUSIVE: "inconclusive",
}
ASSOCIATION_CAVEAT = (
    "These are patterns in this diary, not proof of what is behind a symptom: they may be chance, or other things "
    "that go with these foods (stress, sleep, other foods eaten with them). A structured reintroduction can test one."
)


@dataclass(frozen=True)
class Average:
    label: str
    unit: str
    mean: float | None
    first_half: float | None
    second_half: float | None
    days: int
    #: True when a higher value is better (sleep).
    higher_better: bool = False

    @property
    def change(self) -> float | None:
        if self.first_half is None or self.second_half is None:
            return None
        return self.second_half - self.first_half


@dataclass(frozen=True)
class Series:
    label: str
    #: Monday of each week, and that week's mean (None: nothing logged that week).
    weeks: list[date]
    values: list[float | None]


@dataclass
class ReportData:
    start: date
    end: date
    generated: date
    name: str = ""
    entries: int = 0
    days_with_entries: int = 0
    averages: list[Average] = field(default_factory=list)
    charts: list[list[Series]] = field(default_factory=list)
    chart_titles: list[str] = field(default_factory=list)
    bristol: dict[int, int] = field(default_factory=dict)
    phases: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    associations: list[str] = field(default_factory=list)
    associations_note: str = ""
    red_flags: list[str] = field(default_factory=list)
    scales: list[str] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _by_day(dates: Sequence[date], values: Sequence[float | int | None]) -> dict[date, float]:
    sums: dict[date, list[float]] = defaultdict(list)
    for day, value in zip(dates, values, strict=True):
        if value is not None:
            sums[day].append(float(value))
    return {d: sum(v) / len(v) for d, v in sums.items()}


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _average(label: str, unit: str, daily: dict[date, float], start: date, end: date, better: bool = False) -> Average:
    middle = start + timedelta(days=((end - start).days + 1) // 2)
    first = [v for d, v in daily.items() if d < middle]
    second = [v for d, v in daily.items() if d >= middle]
    return Average(label, unit, _mean(list(daily.values())), _mean(first), _mean(second), len(daily), better)


def _weekly(label: str, daily: dict[date, float], start: date, end: date) -> Series:
    monday = start - timedelta(days=start.weekday())
    weeks: list[date] = []
    values: list[float | None] = []
    while monday <= end:
        week = [daily[d] for d in (monday + timedelta(days=i) for i in range(7)) if d in daily]
        weeks.append(monday)
        values.append(_mean(week))
        monday += timedelta(days=7)
    return Series(label, weeks, values)


def build_report(
    store: Any,
    start: date | None = None,
    end: date | None = None,
    *,
    name: str = "",
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReportData:
    """Everything the PDF shows for ``start``..``end`` (default: the last :data:`DEFAULT_DAYS` days to today)."""
    report = progress or (lambda _d, _t: None)
    today = today or date.today()
    end = end or today
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise ValueError(f"the first day ({start}) is after the last day ({end})")
    report(0, 4)
    names = store.catalog.names()
    m: Measurements = store.entries.measurements(start=start, end=end, foods=True, context=True)
    data = ReportData(start, end, today, name.strip())
    data.entries = store.entries.count(start=start, end=end)
    days_with: set[date] = set()
    for column in (m.pain_dates, m.stress_dates, m.sleep_dates, m.symptom_dates, m.bowel_dates, m.food_dates):
        days_with.update(column)
    data.days_with_entries = len(days_with)

    pain = _by_day(m.pain_dates, m.pain_intensity)
    stress = _by_day(m.stress_dates, m.stress_level)
    hours = _by_day(m.sleep_dates, m.sleep_hours)
    quality = _by_day(m.sleep_dates, m.sleep_quality)
    symptoms: dict[str, dict[date, list[float]]] = defaultdict(lambda: defaultdict(list))
    for day, key, value in zip(m.symptom_dates, m.symptom_keys, m.symptom_severity, strict=True):
        symptoms[key][day].append(float(value))
    symptom_daily = {k: {d: sum(v) / len(v) for d, v in days.items()} for k, days in symptoms.items()}
    worst: dict[date, float] = {}
    for day, value in zip(m.pain_dates, m.pain_intensity, strict=True):
        worst[day] = max(worst.get(day, 0.0), float(value))

    nrs = "0-10"
    data.averages = [
        _average("Pain (mean of the day)", nrs, pain, start, end),
        _average("Pain (worst of the day)", nrs, worst, start, end),
        _average("Stress", nrs, stress, start, end),
        _average("Sleep, hours", "h", hours, start, end, better=True),
        _average("Sleep quality", "0-10, 10 best", quality, start, end, better=True),
    ]
    ordered = [k for k in GUT_SYMPTOMS if k in symptom_daily]
    ordered += sorted(k for k in symptom_daily if k not in GUT_SYMPTOMS)
    for key in ordered:
        data.averages.append(_average(names.get(key) or humanise(key), nrs, symptom_daily[key], start, end))
    data.chart_titles = ["Pain and stress (0-10)", "Sleep", "Gut symptoms (0-10)", "Other symptoms (0-10)"]
    data.charts = [
        [_weekly("pain", pain, start, end), _weekly("stress", stress, start, end)],
        [_weekly("hours", hours, start, end), _weekly("quality (0-10)", quality, start, end)],
        [
            _weekly(names.get(k) or humanise(k), symptom_daily[k], start, end)
            for k in GUT_SYMPTOMS
            if k in symptom_daily
        ],
        [_weekly(names.get(k) or humanise(k), symptom_daily[k], start, end) for k in ordered if k not in GUT_SYMPTOMS][
            :4
        ],
    ]
    data.bristol = dict(sorted(Counter(m.bowel_bristol).items()))
    report(1, 4)

    for span in m.diet_phases:
        if span.ended is not None and span.ended < start:
            continue
        data.phases.append(
            f"{span.protocol}: {span.phase} from {span.start.isoformat()}"
            + (f" (ended {span.ended.isoformat()})" if span.ended else "")
        )
    data.phases = data.phases[-6:]
    _challenges(store, data, names, start, end)
    _red_flags(store, data, start, end)
    report(2, 4)
    _associations(m, data, names, start, end)
    report(3, 4)
    data.scales = _scales(m, store, start, end)
    report(4, 4)
    return data


def _challenges(store: Any, data: ReportData, names: dict[str, str], start: date, end: date) -> None:
    found = store.entries.entries(kinds=[EntryKind.CHALLENGE], start=start - timedelta(days=20), end=end)
    for c in found:
        if not isinstance(c, ChallengeEntry):
            continue
        last = c.local_date + timedelta(days=2 + c.washout_days)
        if last < start:
            continue
        doses = ", ".join(f"day {d.day} {d.size.value}" + (f" ({d.amount})" if d.amount else "") for d in c.doses)
        targets = ", ".join((names.get(t) or humanise(t)).lower() for t in c.target_symptoms)
        who = f", decided by the {c.decided_by.value}" if c.decided_by.value else ""
        data.challenges.append(
            f"{c.food} from {c.local_date.isoformat()} (watching {targets}; {doses or 'no doses logged'}): "
            f"{OUTCOME_LABELS[c.outcome]}{who}"
        )


def _red_flags(store: Any, data: ReportData, start: date, end: date) -> None:
    events: list[str] = []
    for e in store.entries.entries(kinds=[EntryKind.BOWEL, EntryKind.CONTEXT], start=start, end=end):
        day = e.local_date.isoformat()
        if isinstance(e, BowelEntry):
            if e.blood:
                events.append(f"{day}: blood seen with a bowel movement")
            if e.at_night:
                events.append(f"{day}: bowel movement that woke them at night")
        elif isinstance(e, ContextEntry):
            if e.fever:
                events.append(f"{day}: fever")
            if e.reactions:
                signs = ", ".join(REACTION_LABELS[r] for r in Reaction if r in e.reactions)
                events.append(f"{day}: {signs} after {e.reaction_food}")
    if len(events) > MAX_RED_FLAGS:
        extra = len(events) - MAX_RED_FLAGS + 1
        events = [*events[: MAX_RED_FLAGS - 1], f"... and {extra} more such events in the period"]
    data.red_flags = events


def _associations(m: Measurements, data: ReportData, names: dict[str, str], start: date, end: date) -> None:
    from ..analysis.insights import PAIN, insights

    outcomes = [PAIN, *sorted(set(m.symptom_keys))]
    try:
        found = insights(m, start, end, names=names, outcomes=outcomes)
    except Exception as exc:  # the summary is still useful without this part
        data.associations_note = f"The associations could not be computed ({type(exc).__name__})."
        return
    notable = found.notable[:MAX_ASSOCIATIONS]
    for a in notable:
        text = a.sentence
        if a.context_sentence:
            text += " " + a.context_sentence
        data.associations.append(text)
    if notable:
        data.associations_note = (
            f"{len(found.notable)} of {found.tests} comparisons stood out after allowing for the number of "
            f"comparisons (false discovery rate {found.settings.fdr:.0%}); the strongest are listed. "
            + ASSOCIATION_CAVEAT
        )
    elif found.tests:
        data.associations_note = (
            f"None of the {found.tests} food-symptom comparisons with enough data stood out in this period."
        )
    else:
        data.associations_note = (
            "Not enough data in this period to compare days after foods with days without them (about 10 days "
            "with and 10 without a food, over 4 weeks or more, are needed)."
        )


def _scales(m: Measurements, store: Any, start: date, end: date) -> list[str]:
    lines = [
        "Pain, stress and symptoms: 0-10 numeric rating scale, 0 = none (no pain), 10 = worst imaginable. Pain "
        "entries state their recall period (now, average or worst of the last 24 h); a change of about 2 points or "
        "30% is often treated as important (Farrar et al. 2001).",
        "Sleep quality: 0-10 where 10 = excellent (higher is better); hours asleep as entered or from bed and wake "
        "times (Consensus Sleep Diary fields, Carney et al. 2012).",
    ]
    if m.bowel_bristol:
        lines.append(
            "Stool form: Bristol Stool Form Scale 1-7 (Lewis & Heaton 1997): 1-2 lean to constipation, 3-4 typical, "
            "5-7 increasingly loose."
        )
    if store.entries.count(kinds=[EntryKind.WEEKLY_CHECKIN], start=start, end=end):
        lines.append(
            "Weekly check-ins: Widespread Pain Index (0-19) and Symptom Severity Scale (0-12) items of the ACR 2016 "
            "criteria, as numbers only; the self-report form is not for diagnosis (Wolfe et al. 2016)."
        )
    return lines


BRISTOL_SHORT = {k: v.split(",")[0] for k, v in BRISTOL_DESCRIPTIONS.items()}
