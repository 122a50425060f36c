"""What the PDF summary says, as plain data (the drawing is in :mod:`.report_pdf`).

For a chosen period: who and when, averages and how they moved (first half against second half) for pain, stress,
sleep and the gut symptoms, weekly series for small charts, the Bristol distribution, the diet phases and every
challenge with its outcome, the strongest associations from the insights with their caveats, the red-flag events
logged, and the scales used. Read through the repositories only.

Every text is an :class:`~gutpain_desktop.i18n.Phrase`, a :class:`~gutpain_desktop.i18n.Label` or a
:class:`~gutpain_desktop.i18n.When` (context "Report"): ``str()`` gives the English (the CLI's summary); the UI can
have the summary written in the person's language (see :mod:`.report_pdf`). A name the person typed (a food, their own
symptom) stays a plain string, or a label shown as typed when it has no translation.
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
    DecidedBy,
    EntryKind,
    Reaction,
    humanise,
)
from ..domain.measurements import Measurements
from ..domain.scales import BRISTOL_DESCRIPTIONS
from ..i18n import QT_TRANSLATE_NOOP, Arg, Label, Phrase, When, listed

#: The period when none is given: the last 13 weeks.
DEFAULT_DAYS = 91
#: Gut symptoms shown in the averages and the chart when they were rated.
GUT_SYMPTOMS = ("bloating", "abdominal_pain", "constipation", "diarrhoea", "nausea")
MAX_ASSOCIATIONS = 4
MAX_RED_FLAGS = 8

#: The outcome of a challenge, as the labels the UI shows (written mid-sentence: "tolerated up to a dose").
OUTCOME_LABELS = {
    ChallengeOutcome.PENDING: "Pending",
    ChallengeOutcome.TOLERATED: "Tolerated",
    ChallengeOutcome.TOLERATED_UP_TO_DOSE: "Tolerated up to a dose",
    ChallengeOutcome.NOT_TOLERATED: "Not tolerated",
    ChallengeOutcome.INCONCLUSIVE: "Inconclusive",
}
ASSOCIATION_CAVEAT = Phrase.of(
    QT_TRANSLATE_NOOP(
        "Report",
        "These are patterns in this diary, not proof of what is behind a symptom: they may be chance, or other "
        "things that go with these foods (stress, sleep, other foods eaten with them). A structured reintroduction "
        "can test one.",
    )
)
#: How a challenge is told, by who decided its outcome.
_CHALLENGE = {
    DecidedBy.NOBODY: QT_TRANSLATE_NOOP("Report", "{food} from {start} (watching {targets}; {doses}): {outcome}"),
    DecidedBy.PERSON: QT_TRANSLATE_NOOP(
        "Report", "{food} from {start} (watching {targets}; {doses}): {outcome}, decided by the person"
    ),
    DecidedBy.PRACTITIONER: QT_TRANSLATE_NOOP(
        "Report", "{food} from {start} (watching {targets}; {doses}): {outcome}, decided by the practitioner"
    ),
}


@dataclass(frozen=True)
class Average:
    label: Arg
    unit: Arg
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
    label: Arg
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
    chart_titles: list[Arg] = field(default_factory=list)
    bristol: dict[int, int] = field(default_factory=dict)
    phases: list[Arg] = field(default_factory=list)
    challenges: list[Arg] = field(default_factory=list)
    associations: list[Arg] = field(default_factory=list)
    associations_note: Arg = ""
    red_flags: list[Arg] = field(default_factory=list)
    scales: list[Arg] = field(default_factory=list)

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


def _average(label: Arg, unit: Arg, daily: dict[date, float], start: date, end: date, better: bool = False) -> Average:
    middle = start + timedelta(days=((end - start).days + 1) // 2)
    first = [v for d, v in daily.items() if d < middle]
    second = [v for d, v in daily.items() if d >= middle]
    return Average(label, unit, _mean(list(daily.values())), _mean(first), _mean(second), len(daily), better)


def _weekly(label: Arg, daily: dict[date, float], start: date, end: date) -> Series:
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
    h, best = Phrase.of(QT_TRANSLATE_NOOP("Report", "h")), Phrase.of(QT_TRANSLATE_NOOP("Report", "0-10, 10 best"))
    data.averages = [
        _average(Phrase.of(QT_TRANSLATE_NOOP("Report", "Pain (mean of the day)")), nrs, pain, start, end),
        _average(Phrase.of(QT_TRANSLATE_NOOP("Report", "Pain (worst of the day)")), nrs, worst, start, end),
        _average(Phrase.of(QT_TRANSLATE_NOOP("Report", "Stress")), nrs, stress, start, end),
        _average(Phrase.of(QT_TRANSLATE_NOOP("Report", "Sleep, hours")), h, hours, start, end, better=True),
        _average(Phrase.of(QT_TRANSLATE_NOOP("Report", "Sleep quality")), best, quality, start, end, better=True),
    ]
    ordered = [k for k in GUT_SYMPTOMS if k in symptom_daily]
    ordered += sorted(k for k in symptom_daily if k not in GUT_SYMPTOMS)

    def symptom(key: str) -> Label:
        return Label(names.get(key) or humanise(key))

    for key in ordered:
        data.averages.append(_average(symptom(key), nrs, symptom_daily[key], start, end))
    data.chart_titles = [
        Phrase.of(QT_TRANSLATE_NOOP("Report", "Pain and stress (0-10)")),
        Phrase.of(QT_TRANSLATE_NOOP("Report", "Sleep")),
        Phrase.of(QT_TRANSLATE_NOOP("Report", "Gut symptoms (0-10)")),
        Phrase.of(QT_TRANSLATE_NOOP("Report", "Other symptoms (0-10)")),
    ]
    data.charts = [
        [
            _weekly(Phrase.of(QT_TRANSLATE_NOOP("Report", "pain")), pain, start, end),
            _weekly(Phrase.of(QT_TRANSLATE_NOOP("Report", "stress")), stress, start, end),
        ],
        [
            _weekly(Phrase.of(QT_TRANSLATE_NOOP("Report", "hours")), hours, start, end),
            _weekly(Phrase.of(QT_TRANSLATE_NOOP("Report", "quality (0-10)")), quality, start, end),
        ],
        [_weekly(symptom(k), symptom_daily[k], start, end) for k in GUT_SYMPTOMS if k in symptom_daily],
        [_weekly(symptom(k), symptom_daily[k], start, end) for k in ordered if k not in GUT_SYMPTOMS][:4],
    ]
    data.bristol = dict(sorted(Counter(m.bowel_bristol).items()))
    report(1, 4)

    for span in m.diet_phases:
        if span.ended is not None and span.ended < start:
            continue
        protocol, phase, since = Label(span.protocol), Label(humanise(span.phase), lower=True), When(span.start, "iso")
        if span.ended is None:
            said = Phrase.of(
                QT_TRANSLATE_NOOP("Report", "{protocol}: {phase} from {start}"),
                protocol=protocol,
                phase=phase,
                start=since,
            )
        else:
            said = Phrase.of(
                QT_TRANSLATE_NOOP("Report", "{protocol}: {phase} from {start} (ended {end})"),
                protocol=protocol,
                phase=phase,
                start=since,
                end=When(span.ended, "iso"),
            )
        data.phases.append(said)
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
        doses = listed([_dose(d.day, Label(humanise(d.size.value), lower=True), d.amount) for d in c.doses])
        data.challenges.append(
            Phrase.of(
                _CHALLENGE[c.decided_by],
                food=c.food,
                start=When(c.local_date, "iso"),
                targets=listed([Label(names.get(t) or humanise(t), lower=True) for t in c.target_symptoms]),
                doses=doses or Phrase.of(QT_TRANSLATE_NOOP("Report", "no doses logged")),
                outcome=Label(OUTCOME_LABELS[c.outcome], lower=True),
            )
        )


def _dose(day: int, size: Label, amount: str) -> Phrase:
    if amount:
        return Phrase.of(QT_TRANSLATE_NOOP("Report", "day {day} {size} ({amount})"), day=day, size=size, amount=amount)
    return Phrase.of(QT_TRANSLATE_NOOP("Report", "day {day} {size}"), day=day, size=size)


def _red_flags(store: Any, data: ReportData, start: date, end: date) -> None:
    events: list[Arg] = []
    for e in store.entries.entries(kinds=[EntryKind.BOWEL, EntryKind.CONTEXT], start=start, end=end):
        day = When(e.local_date, "iso")
        if isinstance(e, BowelEntry):
            if e.blood:
                events.append(
                    Phrase.of(QT_TRANSLATE_NOOP("Report", "{day}: blood seen with a bowel movement"), day=day)
                )
            if e.at_night:
                events.append(
                    Phrase.of(QT_TRANSLATE_NOOP("Report", "{day}: bowel movement that woke them at night"), day=day)
                )
        elif isinstance(e, ContextEntry):
            if e.fever:
                events.append(Phrase.of(QT_TRANSLATE_NOOP("Report", "{day}: fever"), day=day))
            if e.reactions:
                signs = listed([Label(REACTION_LABELS[r]) for r in Reaction if r in e.reactions])
                events.append(
                    Phrase.of(
                        QT_TRANSLATE_NOOP("Report", "{day}: {signs} after {food}"),
                        day=day,
                        signs=signs,
                        food=e.reaction_food,
                    )
                )
    if len(events) > MAX_RED_FLAGS:
        extra = len(events) - MAX_RED_FLAGS + 1
        more = Phrase.counted(
            extra,
            QT_TRANSLATE_NOOP("Report", "... and %n more such events in the period", None, 2),
            "... and %n more such event in the period",
        )
        events = [*events[: MAX_RED_FLAGS - 1], more]
    data.red_flags = events


def _associations(m: Measurements, data: ReportData, names: dict[str, str], start: date, end: date) -> None:
    from ..analysis.insights import PAIN, insights

    outcomes = [PAIN, *sorted(set(m.symptom_keys))]
    try:
        found = insights(m, start, end, names=names, outcomes=outcomes)
    except Exception as exc:  # the summary is still useful without this part
        data.associations_note = Phrase.of(
            QT_TRANSLATE_NOOP("Report", "The associations could not be computed ({problem})."),
            problem=type(exc).__name__,
        )
        return
    notable = found.notable[:MAX_ASSOCIATIONS]
    for a in notable:
        said: Arg = a.phrase
        if a.context_phrase is not None:
            said = Phrase.of(QT_TRANSLATE_NOOP("Report", "{finding} {context}"), finding=said, context=a.context_phrase)
        data.associations.append(said)
    if notable:
        data.associations_note = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Report",
                "{notable} of {tests} comparisons stood out after allowing for the number of comparisons (false "
                "discovery rate {fdr:.0%}); the strongest are listed. {caveat}",
            ),
            notable=len(found.notable),
            tests=found.tests,
            fdr=found.settings.fdr,
            caveat=ASSOCIATION_CAVEAT,
        )
    elif found.tests:
        data.associations_note = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Report", "None of the {tests} food-symptom comparisons with enough data stood out in this period."
            ),
            tests=found.tests,
        )
    else:
        data.associations_note = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Report",
                "Not enough data in this period to compare days after foods with days without them (about 10 days "
                "with and 10 without a food, over 4 weeks or more, are needed).",
            )
        )


def _scales(m: Measurements, store: Any, start: date, end: date) -> list[Arg]:
    lines: list[Arg] = [
        Phrase.of(
            QT_TRANSLATE_NOOP(
                "Report",
                "Pain, stress and symptoms: 0-10 numeric rating scale, 0 = none (no pain), 10 = worst imaginable. "
                "Pain entries state their recall period (now, average or worst of the last 24 h); a change of about "
                "2 points or 30% is often treated as important (Farrar et al. 2001).",
            )
        ),
        Phrase.of(
            QT_TRANSLATE_NOOP(
                "Report",
                "Sleep quality: 0-10 where 10 = excellent (higher is better); hours asleep as entered or from bed and "
                "wake times (Consensus Sleep Diary fields, Carney et al. 2012).",
            )
        ),
    ]
    if m.bowel_bristol:
        lines.append(
            Phrase.of(
                QT_TRANSLATE_NOOP(
                    "Report",
                    "Stool form: Bristol Stool Form Scale 1-7 (Lewis & Heaton 1997): 1-2 lean to constipation, 3-4 "
                    "typical, 5-7 increasingly loose.",
                )
            )
        )
    if store.entries.count(kinds=[EntryKind.WEEKLY_CHECKIN], start=start, end=end):
        lines.append(
            Phrase.of(
                QT_TRANSLATE_NOOP(
                    "Report",
                    "Weekly check-ins: Widespread Pain Index (0-19) and Symptom Severity Scale (0-12) items of the "
                    "ACR 2016 criteria, as numbers only; the self-report form is not for diagnosis (Wolfe et al. "
                    "2016).",
                )
            )
        )
    return lines


def bristol_short(words: str) -> str:
    """A Bristol type's description up to its first comma ("Lumpy, sausage-shaped" -> "Lumpy"), in any language."""
    return words.split(",")[0]


#: The Bristol types' descriptions (labels, "Labels" context), for the summary's legend (see :func:`bristol_short`).
BRISTOL_LABELS = {k: Label(v) for k, v in BRISTOL_DESCRIPTIONS.items()}
