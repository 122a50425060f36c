"""Translation between domain entries and table rows (plain dicts and Core rows, never ORM objects)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

from sqlalchemy import Row, Table, select
from sqlalchemy.orm import Session

from ..domain.entries import (
    AnyEntry,
    BowelEntry,
    ChallengeDose,
    ChallengeEntry,
    ChallengeOutcome,
    ContextEntry,
    DecidedBy,
    DietPhase,
    DietPhaseEntry,
    DietProtocol,
    Dose,
    Entry,
    EntryKind,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    PainKind,
    PainRecall,
    Reaction,
    SleepEntry,
    StressEntry,
    SymptomEntry,
    WeeklyCheckinEntry,
)
from ..domain.scales import BodySite
from .models import (
    BowelRow,
    ChallengeDoseRow,
    ChallengeRow,
    ContextRow,
    DietPhaseRow,
    EntryRow,
    EntrySiteRow,
    MealFoodCategoryRow,
    MealFoodRow,
    MealRow,
    PainRow,
    SleepRow,
    StressRow,
    SymptomRatingRow,
    WeeklyCheckinRow,
)

ENTRY: Table = EntryRow.__table__  # type: ignore[assignment]
MEAL: Table = MealRow.__table__  # type: ignore[assignment]
MEAL_FOOD: Table = MealFoodRow.__table__  # type: ignore[assignment]
MEAL_FOOD_CATEGORY: Table = MealFoodCategoryRow.__table__  # type: ignore[assignment]
PAIN: Table = PainRow.__table__  # type: ignore[assignment]
ENTRY_SITE: Table = EntrySiteRow.__table__  # type: ignore[assignment]
SYMPTOM_RATING: Table = SymptomRatingRow.__table__  # type: ignore[assignment]
STRESS: Table = StressRow.__table__  # type: ignore[assignment]
SLEEP: Table = SleepRow.__table__  # type: ignore[assignment]
BOWEL: Table = BowelRow.__table__  # type: ignore[assignment]
DIET_PHASE: Table = DietPhaseRow.__table__  # type: ignore[assignment]
CHALLENGE: Table = ChallengeRow.__table__  # type: ignore[assignment]
CHALLENGE_DOSE: Table = ChallengeDoseRow.__table__  # type: ignore[assignment]
WEEKLY_CHECKIN: Table = WeeklyCheckinRow.__table__  # type: ignore[assignment]
CONTEXT: Table = ContextRow.__table__  # type: ignore[assignment]

#: The one-row-per-entry detail table of each kind.
DETAIL_TABLE: dict[EntryKind, Table] = {
    EntryKind.MEAL: MEAL,
    EntryKind.PAIN: PAIN,
    EntryKind.SYMPTOM: SYMPTOM_RATING,
    EntryKind.STRESS: STRESS,
    EntryKind.SLEEP: SLEEP,
    EntryKind.BOWEL: BOWEL,
    EntryKind.DIET_PHASE: DIET_PHASE,
    EntryKind.CHALLENGE: CHALLENGE,
    EntryKind.WEEKLY_CHECKIN: WEEKLY_CHECKIN,
    EntryKind.CONTEXT: CONTEXT,
}
#: Child tables with several rows per entry, in the order they must be written.
CHILD_TABLES: dict[EntryKind, tuple[Table, ...]] = {
    EntryKind.MEAL: (MEAL_FOOD, MEAL_FOOD_CATEGORY),
    EntryKind.PAIN: (ENTRY_SITE,),
    EntryKind.CHALLENGE: (CHALLENGE_DOSE,),
    EntryKind.WEEKLY_CHECKIN: (ENTRY_SITE,),
}

Rows = dict[Table, list[dict[str, Any]]]


# --- time ----------------------------------------------------------------------------------------------------


def to_utc(moment: datetime) -> tuple[datetime, int]:
    """An aware local time -> (naive UTC, offset in minutes)."""
    offset = moment.utcoffset() or timedelta(0)
    utc = (moment - offset).replace(tzinfo=None)
    return utc, int(offset.total_seconds() // 60)


def from_utc(utc: datetime, offset_min: int) -> datetime:
    tz = UTC if offset_min == 0 else timezone(timedelta(minutes=offset_min))
    return (utc + timedelta(minutes=offset_min)).replace(tzinfo=tz)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _from_iso(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


# --- domain -> rows ------------------------------------------------------------------------------------------


def entry_rows(
    entry: Entry, *, summary: str, source: str, created: datetime, updated: datetime, rows: Rows | None = None
) -> Rows:
    """Append the rows that store ``entry`` to ``rows`` (grouped by table, so many entries insert in bulk)."""
    rows = rows if rows is not None else defaultdict(list)
    utc, offset = to_utc(entry.occurred_at)
    eid = str(entry.id)
    rows[ENTRY].append(
        {
            "id": eid,
            "kind": entry.kind.value,
            "occurred_utc": utc,
            "utc_offset_min": offset,
            "local_date": entry.occurred_at.date(),
            "note": entry.note,
            "summary": summary,
            "source": source,
            "created_utc": created,
            "updated_utc": updated,
        }
    )
    detail_rows(entry, rows)
    return rows


def detail_rows(entry: Entry, rows: Rows) -> None:
    eid = str(entry.id)
    if isinstance(entry, MealEntry):
        rows[MEAL].append(
            {
                "entry_id": eid,
                "meal_type": entry.meal_type.value,
                "challenge_id": str(entry.challenge_id) if entry.challenge_id else None,
            }
        )
        for pos, food in enumerate(entry.foods):
            rows[MEAL_FOOD].append(
                {"entry_id": eid, "position": pos, "name": food.name.strip(), "portion": food.portion}
            )
            for key in dict.fromkeys(food.categories):
                rows[MEAL_FOOD_CATEGORY].append({"entry_id": eid, "position": pos, "category_key": key})
    elif isinstance(entry, PainEntry):
        rows[PAIN].append(
            {
                "entry_id": eid,
                "intensity": entry.intensity,
                "recall": entry.recall.value,
                "pain_kind": entry.pain_kind.value if entry.pain_kind else None,
            }
        )
        rows[ENTRY_SITE].extend({"entry_id": eid, "site": s.value} for s in sorted(entry.sites))
    elif isinstance(entry, SymptomEntry):
        rows[SYMPTOM_RATING].append({"entry_id": eid, "symptom_key": entry.symptom, "severity": entry.severity})
    elif isinstance(entry, StressEntry):
        rows[STRESS].append({"entry_id": eid, "level": entry.level})
    elif isinstance(entry, SleepEntry):
        rows[SLEEP].append(
            {
                "entry_id": eid,
                "bed_time": _iso(entry.bed_time),
                "wake_time": _iso(entry.wake_time),
                "minutes_to_sleep": entry.minutes_to_sleep,
                "awakenings": entry.awakenings,
                "hours": entry.hours,
                "total_hours": entry.total_hours,
                "quality": entry.quality,
                "refreshed": entry.refreshed,
            }
        )
    elif isinstance(entry, BowelEntry):
        rows[BOWEL].append(
            {
                "entry_id": eid,
                "bristol": entry.bristol,
                "urgency": entry.urgency,
                "straining": entry.straining,
                "blood": entry.blood,
                "at_night": entry.at_night,
            }
        )
    elif isinstance(entry, DietPhaseEntry):
        rows[DIET_PHASE].append(
            {
                "entry_id": eid,
                "protocol": entry.protocol.value,
                "protocol_name": entry.protocol_name,
                "phase": entry.phase.value,
                "planned_end": entry.planned_end,
                "ended": entry.ended,
                "eliminated": "\n".join(entry.eliminated),
            }
        )
    elif isinstance(entry, ChallengeEntry):
        rows[CHALLENGE].append(
            {
                "entry_id": eid,
                "food": entry.food.strip(),
                "target_symptoms": " ".join(entry.target_symptoms),
                "washout_days": entry.washout_days,
                "outcome": entry.outcome.value,
                "decided_by": entry.decided_by.value,
            }
        )
        rows[CHALLENGE_DOSE].extend(
            {"entry_id": eid, "day": d.day, "size": d.size.value, "amount": d.amount} for d in entry.doses
        )
    elif isinstance(entry, WeeklyCheckinEntry):
        rows[WEEKLY_CHECKIN].append(
            {
                "entry_id": eid,
                "fatigue": entry.fatigue,
                "unrefreshed": entry.unrefreshed,
                "cognitive": entry.cognitive,
                "headaches": entry.headaches,
                "lower_abdominal_pain": entry.lower_abdominal_pain,
                "depression": entry.depression,
                "wpi": entry.wpi,
                "sss": entry.sss,
            }
        )
        rows[ENTRY_SITE].extend({"entry_id": eid, "site": s.value} for s in sorted(entry.sites))
    elif isinstance(entry, ContextEntry):
        rows[CONTEXT].append(
            {
                "entry_id": eid,
                "period": entry.period,
                "illness": entry.illness,
                "fever": entry.fever,
                "alcohol": entry.alcohol,
                "exercise": entry.exercise,
                "medication": entry.medication,
                "reaction_food": entry.reaction_food,
                "reactions": ",".join(sorted(r.value for r in entry.reactions)),
            }
        )
    else:  # pragma: no cover - every kind is handled above
        raise TypeError(f"unknown entry type {type(entry).__name__}")


# --- rows -> domain ------------------------------------------------------------------------------------------

_CHUNK = 500


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _by_entry(session: Session, table: Table, ids: Sequence[str], order: Any = None) -> dict[str, list[Row[Any]]]:
    found: dict[str, list[Row[Any]]] = defaultdict(list)
    for chunk in _chunks(ids):
        query = select(table).where(table.c.entry_id.in_(chunk))
        if order is not None:
            query = query.order_by(order)
        for row in session.execute(query):
            found[row.entry_id].append(row)
    return found


def load_entries(session: Session, entry_rows_: Sequence[Row[Any]]) -> list[AnyEntry]:
    """Build domain entries for the given ``entry`` rows, keeping their order."""
    ids_by_kind: dict[str, list[str]] = defaultdict(list)
    for row in entry_rows_:
        ids_by_kind[row.kind].append(row.id)
    details: dict[str, Row[Any]] = {}
    children: dict[Table, dict[str, list[Row[Any]]]] = {}
    for kind_value, ids in ids_by_kind.items():
        kind = EntryKind(kind_value)
        for eid, found in _by_entry(session, DETAIL_TABLE[kind], ids).items():
            details[eid] = found[0]
        for table in CHILD_TABLES.get(kind, ()):
            order = table.c.position if "position" in table.c else None
            children.setdefault(table, {}).update(_by_entry(session, table, ids, order))
    return [_build(row, details.get(row.id), children) for row in entry_rows_]


def _kids(children: Mapping[Table, Mapping[str, list[Row[Any]]]], table: Table, eid: str) -> list[Row[Any]]:
    return children.get(table, {}).get(eid, [])


def _build(row: Row[Any], d: Row[Any] | None, children: Mapping[Table, Mapping[str, list[Row[Any]]]]) -> AnyEntry:
    if d is None:
        raise LookupError(f"entry {row.id} has no {row.kind} details")
    common: dict[str, Any] = {
        "id": UUID(row.id),
        "occurred_at": from_utc(row.occurred_utc, row.utc_offset_min),
        "note": row.note,
        "created_at": row.created_utc.replace(tzinfo=UTC),
        "updated_at": row.updated_utc.replace(tzinfo=UTC),
    }
    kind = EntryKind(row.kind)
    eid = row.id
    if kind is EntryKind.MEAL:
        cats: dict[int, list[str]] = defaultdict(list)
        for c in _kids(children, MEAL_FOOD_CATEGORY, eid):
            cats[c.position].append(c.category_key)
        foods = tuple(
            FoodItem(f.name, tuple(sorted(cats.get(f.position, []))), f.portion)
            for f in _kids(children, MEAL_FOOD, eid)
        )
        return MealEntry(
            meal_type=MealType(d.meal_type),
            foods=foods,
            challenge_id=UUID(d.challenge_id) if d.challenge_id else None,
            **common,
        )
    if kind is EntryKind.PAIN:
        return PainEntry(
            intensity=d.intensity,
            recall=PainRecall(d.recall),
            sites=frozenset(BodySite(s.site) for s in _kids(children, ENTRY_SITE, eid)),
            pain_kind=PainKind(d.pain_kind) if d.pain_kind else None,
            **common,
        )
    if kind is EntryKind.SYMPTOM:
        return SymptomEntry(symptom=d.symptom_key, severity=d.severity, **common)
    if kind is EntryKind.STRESS:
        return StressEntry(level=d.level, **common)
    if kind is EntryKind.SLEEP:
        return SleepEntry(
            bed_time=_from_iso(d.bed_time),
            wake_time=_from_iso(d.wake_time),
            minutes_to_sleep=d.minutes_to_sleep,
            awakenings=d.awakenings,
            hours=d.hours,
            quality=d.quality,
            refreshed=d.refreshed,
            **common,
        )
    if kind is EntryKind.BOWEL:
        return BowelEntry(
            bristol=d.bristol,
            urgency=d.urgency,
            straining=d.straining,
            blood=d.blood,
            at_night=d.at_night,
            **common,
        )
    if kind is EntryKind.DIET_PHASE:
        return DietPhaseEntry(
            protocol=DietProtocol(d.protocol),
            protocol_name=d.protocol_name,
            phase=DietPhase(d.phase),
            planned_end=d.planned_end,
            ended=d.ended,
            eliminated=tuple(x for x in d.eliminated.split("\n") if x),
            **common,
        )
    if kind is EntryKind.CHALLENGE:
        return ChallengeEntry(
            food=d.food,
            target_symptoms=tuple(d.target_symptoms.split()),
            doses=tuple(
                ChallengeDose(x.day, Dose(x.size), x.amount)
                for x in sorted(_kids(children, CHALLENGE_DOSE, eid), key=lambda x: x.day)
            ),
            washout_days=d.washout_days,
            outcome=ChallengeOutcome(d.outcome),
            decided_by=DecidedBy(d.decided_by),
            **common,
        )
    if kind is EntryKind.WEEKLY_CHECKIN:
        return WeeklyCheckinEntry(
            sites=frozenset(BodySite(s.site) for s in _kids(children, ENTRY_SITE, eid)),
            fatigue=d.fatigue,
            unrefreshed=d.unrefreshed,
            cognitive=d.cognitive,
            headaches=d.headaches,
            lower_abdominal_pain=d.lower_abdominal_pain,
            depression=d.depression,
            **common,
        )
    if kind is EntryKind.CONTEXT:
        return ContextEntry(
            period=d.period,
            illness=d.illness,
            fever=d.fever,
            alcohol=d.alcohol,
            exercise=d.exercise,
            medication=d.medication,
            reaction_food=d.reaction_food,
            reactions=frozenset(Reaction(r) for r in d.reactions.split(",") if r),
            **common,
        )
    raise LookupError(f"unknown kind {kind}")  # pragma: no cover
