"""Repositories: the only place with SQL. They take and return frozen domain dataclasses.

Every public method opens one short session (``with self._sessions.begin()``) and commits before returning, so a
returned save is durable (WAL + synchronous=FULL).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import Select, String, Table, delete, func, insert, or_, select, type_coerce, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.describe import describe
from ..domain.entries import (
    DEMO_SOURCE,
    PROTOCOL_LABELS,
    AnyEntry,
    ContextEntry,
    DietProtocol,
    Entry,
    EntryKind,
    JournalRow,
    MealEntry,
)
from ..domain.measurements import CHALLENGE_DOSE_DAYS, ChallengeSpan, Measurements, PhaseSpan
from ..domain.validation import validate
from .errors import writing
from .mapping import (
    BOWEL,
    CHALLENGE,
    CHALLENGE_DOSE,
    CHILD_TABLES,
    CONTEXT,
    DETAIL_TABLE,
    DIET_PHASE,
    ENTRY,
    ENTRY_SITE,
    MEAL,
    MEAL_FOOD,
    MEAL_FOOD_CATEGORY,
    PAIN,
    SLEEP,
    STRESS,
    SYMPTOM_RATING,
    Rows,
    entry_rows,
    from_utc,
    load_entries,
    now_utc,
    to_utc,
)

if TYPE_CHECKING:
    from .bulk import BulkRepository

from .catalog import FOOD_MEMORY, CatalogRepository, _chunked, _food_key, _remember_foods, _texts


class EntryNotFoundError(LookupError):
    pass


def local_today() -> date:
    return datetime.now().astimezone().date()


class EntryRepository:
    """Saving, changing, deleting and listing entries of every kind."""

    def __init__(self, sessions: sessionmaker[Session], catalog: CatalogRepository) -> None:
        self._sessions = sessions
        self._catalog = catalog
        #: Meals unlinked from a challenge by its deletion (ON DELETE SET NULL), relinked if it is restored (undo).
        self._unlinked_meals: dict[str, list[str]] = {}
        #: Where deleted entries came from ("demo"...), when not the person: a restored entry keeps it (undo).
        self._deleted_sources: dict[str, str] = {}
        #: Whether SQLite has its JSON functions (see :meth:`measurements`); found out on first use.
        self._json_arrays: bool | None = None

    def forget_cached(self) -> None:
        """Drop what was remembered about the file (after a restore replaced its contents)."""
        self._unlinked_meals.clear()
        self._deleted_sources.clear()
        self._json_arrays = None

    @property
    def bulk(self) -> BulkRepository:
        """Bulk reads for export and the one-transaction write of an import (see :mod:`.bulk`)."""
        from .bulk import BulkRepository

        return BulkRepository(self._sessions, self._catalog)

    # --- writing -----------------------------------------------------------------------------------------------

    def add(self, entry: AnyEntry) -> AnyEntry:
        return self.add_many([entry])[0]

    def add_many(
        self, entries: Sequence[AnyEntry], *, source: str = "user", check: bool = True, remember_foods: bool = True
    ) -> list[AnyEntry]:
        """Save all of ``entries`` in one transaction: either every one is saved or none is."""
        names = self._catalog.names()
        if check:
            self._validate(entries)
        stamp = now_utc()
        rows: Rows = defaultdict(list)
        for entry in entries:
            entry_rows(entry, summary=describe(entry, names), source=source, created=stamp, updated=stamp, rows=rows)
        with writing(), self._sessions.begin() as s:
            _insert_rows(s, rows)
            if remember_foods:
                _remember_foods(s, (e for e in entries if isinstance(e, MealEntry)), stamp)
        aware = stamp.replace(tzinfo=UTC)
        return [dataclasses.replace(e, created_at=aware, updated_at=aware) for e in entries]

    def update(self, entry: AnyEntry) -> AnyEntry:
        """Replace the stored entry with the same id by ``entry`` (same kind)."""
        names = self._catalog.names()
        self._validate([entry])
        stamp = now_utc()
        eid = str(entry.id)
        with writing(), self._sessions.begin() as s:
            found = s.execute(select(ENTRY.c.kind, ENTRY.c.created_utc).where(ENTRY.c.id == eid)).first()
            if found is None:
                raise EntryNotFoundError(f"entry {eid} no longer exists")
            if found.kind != entry.kind.value:
                raise ValueError(f"entry {eid} is a {found.kind}, not a {entry.kind.value}")
            rows = entry_rows(
                entry, summary=describe(entry, names), source="user", created=found.created_utc, updated=stamp
            )
            entry_values = rows.pop(ENTRY)[0]
            entry_values.pop("source")
            s.execute(update(ENTRY).where(ENTRY.c.id == eid).values(**entry_values))
            for table in reversed((DETAIL_TABLE[entry.kind], *CHILD_TABLES.get(entry.kind, ()))):
                s.execute(delete(table).where(table.c.entry_id == eid))
            _insert_rows(s, rows)
            if isinstance(entry, MealEntry):
                _remember_foods(s, [entry], stamp, count=False)
        return dataclasses.replace(
            entry, created_at=found.created_utc.replace(tzinfo=UTC), updated_at=stamp.replace(tzinfo=UTC)
        )

    def delete(self, entry_id: UUID) -> AnyEntry:
        """Delete an entry and return it as it was, so it can be restored (undo)."""
        eid = str(entry_id)
        with writing(), self._sessions.begin() as s:
            row = s.execute(select(ENTRY).where(ENTRY.c.id == eid)).first()
            if row is None:
                raise EntryNotFoundError(f"entry {eid} no longer exists")
            snapshot = load_entries(s, [row])[0]
            linked: list[str] = list(s.scalars(select(MEAL.c.entry_id).where(MEAL.c.challenge_id == eid)))
            s.execute(delete(ENTRY).where(ENTRY.c.id == eid))  # details follow by ON DELETE CASCADE
        if linked:
            self._unlinked_meals[eid] = linked
        if row.source != "user":
            self._deleted_sources[eid] = row.source
        return snapshot

    def restore(self, entry: AnyEntry) -> AnyEntry:
        """Put back a deleted entry with its original id and creation time."""
        names = self._catalog.names()
        created = (entry.created_at or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
        updated = entry.updated_at.astimezone(UTC).replace(tzinfo=None) if entry.updated_at else now_utc()
        source = self._deleted_sources.pop(str(entry.id), "user")  # an example entry comes back as one
        rows = entry_rows(entry, summary=describe(entry, names), source=source, created=created, updated=updated)
        relink = self._unlinked_meals.pop(str(entry.id), [])
        with writing(), self._sessions.begin() as s:
            _insert_rows(s, rows)
            if relink:
                s.execute(
                    update(MEAL)
                    .where(MEAL.c.entry_id.in_(relink), MEAL.c.challenge_id.is_(None))
                    .values(challenge_id=str(entry.id))
                )
        return entry

    def delete_source(self, source: str) -> int:
        """Remove every entry that came from ``source`` (for example the demo data), and forget the foods that
        no remaining meal has, so nothing of them is offered as you type."""
        self._deleted_sources = {k: v for k, v in self._deleted_sources.items() if v != source}
        with writing(), self._sessions.begin() as s:
            result = s.execute(delete(ENTRY).where(ENTRY.c.source == source))
            eaten = {_food_key(name) for name in _texts(s.scalars(select(MEAL_FOOD.c.name).distinct()))}
            stale = [k for k in _texts(s.scalars(select(FOOD_MEMORY.c.name_key))) if k not in eaten]
            for chunk in _chunked(stale):
                s.execute(delete(FOOD_MEMORY).where(FOOD_MEMORY.c.name_key.in_(chunk)))
            return int(getattr(result, "rowcount", 0) or 0)

    def is_empty(self) -> bool:
        """Whether the journal holds no entry at all (one indexed look-up, whatever its size)."""
        with self._sessions() as s:
            return s.execute(select(ENTRY.c.id).limit(1)).first() is None

    def _validate(self, entries: Iterable[Entry]) -> None:
        # Categories and symptoms checked against their own lists: a symptom key is not a food category.
        categories = {c.key: c.name for c in self._catalog.categories()}
        symptoms = {d.key: d.name for d in self._catalog.symptoms()}
        today = local_today()
        for entry in entries:
            validate(entry, today=today, categories=categories, symptoms=symptoms)

    # --- reading -----------------------------------------------------------------------------------------------

    def get(self, entry_id: UUID) -> AnyEntry | None:
        with self._sessions() as s:
            row = s.execute(select(ENTRY).where(ENTRY.c.id == str(entry_id))).first()
            return None if row is None else load_entries(s, [row])[0]

    def by_ids(self, entry_ids: Iterable[UUID]) -> list[AnyEntry]:
        """The entries with these ids, in one read (those that no longer exist are left out), in no set order.
        For the page of journal lines on screen; keep it to a few hundred ids."""
        wanted = [str(i) for i in entry_ids]
        if not wanted:
            return []
        with self._sessions() as s:
            return load_entries(s, s.execute(select(ENTRY).where(ENTRY.c.id.in_(wanted))).all())

    def entries(
        self,
        *,
        kinds: Iterable[EntryKind] | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[AnyEntry]:
        """Full entries in a range of local dates (inclusive), oldest first."""
        with self._sessions() as s:
            query = _filtered(select(ENTRY), kinds, start, end, None).order_by(ENTRY.c.occurred_utc, ENTRY.c.id)
            return load_entries(s, s.execute(query).all())

    def food_reactions(self) -> list[ContextEntry]:
        """Every entry that logs hives, swelling or trouble breathing after a food, oldest first."""
        query = (
            select(ENTRY)
            .join(CONTEXT, CONTEXT.c.entry_id == ENTRY.c.id)
            .where(CONTEXT.c.reactions != "")
            .order_by(ENTRY.c.occurred_utc, ENTRY.c.id)
        )
        with self._sessions() as s:
            return [e for e in load_entries(s, s.execute(query).all()) if isinstance(e, ContextEntry)]

    def latest(self, kind: EntryKind, *, on_or_before: date | None = None) -> AnyEntry | None:
        """The most recent entry of ``kind`` up to a local date (for example the diet phase in force that day)."""
        query = select(ENTRY).where(ENTRY.c.kind == kind.value)
        if on_or_before is not None:
            query = query.where(ENTRY.c.local_date <= on_or_before)
        query = query.order_by(ENTRY.c.occurred_utc.desc(), ENTRY.c.created_utc.desc()).limit(1)
        with self._sessions() as s:
            row = s.execute(query).first()
            return None if row is None else load_entries(s, [row])[0]

    def journal(
        self,
        *,
        kinds: Iterable[EntryKind] | None = None,
        start: date | None = None,
        end: date | None = None,
        text: str | Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        after: JournalRow | None = None,
    ) -> list[JournalRow]:
        """Journal lines newest first, filtered by kind, local date range (inclusive) and text (in the line or the
        note, any case; several texts: any of them).

        ``after``: only the lines that come after this one (the last line already shown). Unlike ``offset`` this
        reads the index from that point on, so the next page costs the same at the millionth line as at the first.
        """
        demo = (ENTRY.c.source == DEMO_SOURCE).label("demo")
        columns = select(ENTRY.c.id, ENTRY.c.kind, ENTRY.c.occurred_utc, ENTRY.c.utc_offset_min, ENTRY.c.summary, demo)
        query = _filtered(columns, kinds, start, end, text).order_by(ENTRY.c.occurred_utc.desc(), ENTRY.c.id.desc())
        if after is not None:
            utc = to_utc(after.occurred_at)[0]
            query = query.where(
                ENTRY.c.occurred_utc <= utc,  # a range on the occurred_utc index
                (ENTRY.c.occurred_utc < utc) | (ENTRY.c.id < str(after.id)),
            )
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self._sessions() as s:
            return [
                JournalRow(
                    UUID(r.id), EntryKind(r.kind), from_utc(r.occurred_utc, r.utc_offset_min), r.summary, bool(r.demo)
                )
                for r in s.execute(query)
            ]

    def count(
        self,
        *,
        kinds: Iterable[EntryKind] | None = None,
        start: date | None = None,
        end: date | None = None,
        text: str | Sequence[str] | None = None,
        source: str | None = None,
    ) -> int:
        query = _filtered(select(func.count()).select_from(ENTRY), kinds, start, end, text)
        if source is not None:
            query = query.where(ENTRY.c.source == source)
        with self._sessions() as s:
            return int(s.scalar(query) or 0)

    def measurements(
        self, *, start: date | None = None, end: date | None = None, foods: bool = False, context: bool = False
    ) -> Measurements:
        """What the Trends charts draw between two local dates (inclusive; ``None`` = open), as parallel columns.

        With ``foods=True`` the food columns (``food_dates``, ``food_names``, ``food_labels``: one row per distinct
        day and food) are filled too, for the insights; with ``context=True`` the context entries (period, illness,
        fever, medication), for challenge verdicts. The charts need neither and skip those queries.

        One read session, one Core SELECT per series: ``entry`` joined with the kind's detail table, filtered by kind
        and local date. No entry objects are built. Diet phases that started before ``start`` and challenges whose
        washout reaches into the range are included.

        Each series comes back as one row of JSON arrays (``json_group_array``), one per column: SQLite does the same
        joins, but Python parses a few long strings instead of building ~60k rows for ten years of data, which more
        than halves the time. SQLite builds without JSON functions (built in since 3.38) get plain rows instead.
        """
        json_arrays = self._has_json_arrays()
        with self._sessions() as s:

            def series(kind: EntryKind, detail: Table, *columns: Any, distinct: bool = False) -> list[list[Any]]:
                # Dates and times as the text SQLite stores, parsed below with the fast ISO parsers.
                day = type_coerce(ENTRY.c.local_date, String).label("day")
                query = (
                    select(day, *columns)
                    .join_from(ENTRY, detail, detail.c.entry_id == ENTRY.c.id)
                    .where(ENTRY.c.kind == kind.value)
                )
                query = _in_dates(query, start, end)
                if distinct:  # one row per (date, value), sorted by them
                    query = query.distinct().order_by(ENTRY.c.local_date, *columns)
                else:  # by time: the order the index on (kind, occurred_utc) already has, so SQLite need not sort
                    query = query.order_by(ENTRY.c.occurred_utc)
                found = _json_columns(s, query) if json_arrays else _columns(s.execute(query).all(), 1 + len(columns))
                found[0] = list(map(date.fromisoformat, found[0]))
                return found

            utc_text = type_coerce(ENTRY.c.occurred_utc, String)
            pain = series(EntryKind.PAIN, PAIN, PAIN.c.intensity, PAIN.c.recall)
            stress = series(EntryKind.STRESS, STRESS, STRESS.c.level)
            sleep = series(EntryKind.SLEEP, SLEEP, SLEEP.c.total_hours, SLEEP.c.quality)
            symptom = series(EntryKind.SYMPTOM, SYMPTOM_RATING, SYMPTOM_RATING.c.symptom_key, SYMPTOM_RATING.c.severity)
            bowel = series(EntryKind.BOWEL, BOWEL, utc_text, ENTRY.c.utc_offset_min, BOWEL.c.bristol)
            site = series(EntryKind.PAIN, ENTRY_SITE, ENTRY_SITE.c.site)
            meal = series(EntryKind.MEAL, MEAL_FOOD_CATEGORY, MEAL_FOOD_CATEGORY.c.category_key, distinct=True)
            # Foods by time, not DISTINCT: names are folded to their key below, which SQL's ASCII lower() cannot do.
            food = series(EntryKind.MEAL, MEAL_FOOD, MEAL_FOOD.c.name) if foods else [[], []]
            context_columns = (CONTEXT.c.period, CONTEXT.c.illness, CONTEXT.c.fever, CONTEXT.c.medication)
            notes = series(EntryKind.CONTEXT, CONTEXT, *context_columns) if context else [[], [], [], [], []]
            phases = _phase_spans(s, end)
            challenges = _challenge_spans(s, start, end)

        food_dates, food_names, food_labels = _daily_foods(food[0], food[1])
        return Measurements(
            start=start,
            end=end,
            pain_dates=pain[0],
            pain_intensity=pain[1],
            pain_recall=pain[2],
            stress_dates=stress[0],
            stress_level=stress[1],
            sleep_dates=sleep[0],
            sleep_hours=[None if h is None else float(h) for h in sleep[1]],
            sleep_quality=sleep[2],
            symptom_dates=symptom[0],
            symptom_keys=symptom[1],
            symptom_severity=symptom[2],
            meal_dates=meal[0],
            meal_categories=meal[1],
            food_dates=food_dates,
            food_names=food_names,
            food_labels=food_labels,
            context_dates=notes[0],
            context_period=[bool(v) for v in notes[1]],
            context_illness=[bool(v) for v in notes[2]],
            context_fever=[bool(v) for v in notes[3]],
            context_medication=notes[4],
            bowel_dates=bowel[0],
            bowel_hours=list(map(_local_hour, bowel[1], bowel[2])),
            bowel_bristol=bowel[3],
            site_dates=site[0],
            site_keys=site[1],
            diet_phases=phases,
            challenges=challenges,
        )

    def _has_json_arrays(self) -> bool:
        """Whether this SQLite has ``json_group_array`` (asked once)."""
        if self._json_arrays is None:
            try:
                with self._sessions() as s:
                    s.execute(select(func.json_group_array(1))).one()
                self._json_arrays = True
            except OperationalError:  # "no such function": SQLite built without JSON
                self._json_arrays = False
        return self._json_arrays


def _filtered(
    query: Any,
    kinds: Iterable[EntryKind] | None,
    start: date | None,
    end: date | None,
    text: str | Sequence[str] | None,
) -> Any:
    if kinds is not None:
        query = query.where(ENTRY.c.kind.in_([k.value for k in kinds]))
    if start is not None:
        query = query.where(ENTRY.c.local_date >= start)
    if end is not None:
        query = query.where(ENTRY.c.local_date <= end)
    if text:
        wanted = []
        for words in [text] if isinstance(text, str) else text:  # any of them
            pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            wanted += [ENTRY.c.summary.ilike(pattern, escape="\\"), ENTRY.c.note.ilike(pattern, escape="\\")]
        query = query.where(or_(*wanted))
    return query


def _in_dates(query: Select[Any], start: date | None, end: date | None) -> Select[Any]:
    """Entries on local dates ``start`` to ``end`` (inclusive).

    The UTC bounds are implied by the local ones (an offset is always less than a day) and are there for the index
    on (kind, occurred_utc): with them SQLite reads only the entries of one kind in the range.
    """
    if start is not None:
        since = datetime.combine(start - timedelta(days=1), time())
        query = query.where(ENTRY.c.occurred_utc >= since, ENTRY.c.local_date >= start)
    if end is not None:
        until = datetime.combine(end + timedelta(days=2), time())
        query = query.where(ENTRY.c.occurred_utc < until, ENTRY.c.local_date <= end)
    return query


def _columns(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    """Rows -> one list per column."""
    if not rows:
        return [[] for _ in range(width)]
    return [list(column) for column in zip(*rows, strict=True)]


def _json_columns(s: Session, query: Select[Any]) -> list[list[Any]]:
    """The result of ``query`` as one list per column, fetched as one row of JSON arrays.

    The arrays of one aggregate row are filled from the same rows in the same order, so they stay parallel.
    """
    inner = query.subquery()
    row = s.execute(select(*(func.json_group_array(column) for column in inner.c))).one()
    return [json.loads(text) for text in row]


def _phase_spans(s: Session, end: date | None) -> list[PhaseSpan]:
    phase = DIET_PHASE.c
    query = (
        select(ENTRY.c.local_date, phase.phase, phase.protocol, phase.protocol_name, phase.ended)
        .join_from(ENTRY, DIET_PHASE, phase.entry_id == ENTRY.c.id)
        .where(ENTRY.c.kind == EntryKind.DIET_PHASE.value)
    )
    query = _in_dates(query, None, end).order_by(ENTRY.c.occurred_utc, ENTRY.c.created_utc, ENTRY.c.id)
    return [
        PhaseSpan(row.local_date, row.phase, row.protocol_name or _protocol_label(row.protocol), row.ended)
        for row in s.execute(query)
    ]


def _challenge_spans(s: Session, start: date | None, end: date | None) -> list[ChallengeSpan]:
    query = (
        select(ENTRY.c.id, ENTRY.c.local_date, CHALLENGE.c.food, CHALLENGE.c.washout_days, CHALLENGE.c.outcome)
        .join_from(ENTRY, CHALLENGE, CHALLENGE.c.entry_id == ENTRY.c.id)
        .where(ENTRY.c.kind == EntryKind.CHALLENGE.value)
    )
    query = _in_dates(query, None, end).order_by(ENTRY.c.occurred_utc, ENTRY.c.id)
    rows = list(s.execute(query))
    sizes: dict[str, list[str]] = {row.id: [""] * CHALLENGE_DOSE_DAYS for row in rows}
    if sizes:
        doses = select(CHALLENGE_DOSE.c.entry_id, CHALLENGE_DOSE.c.day, CHALLENGE_DOSE.c.size).where(
            CHALLENGE_DOSE.c.entry_id.in_(list(sizes))
        )
        for dose in s.execute(doses):
            day: int = dose.day
            if 1 <= day <= CHALLENGE_DOSE_DAYS:
                sizes[dose.entry_id][day - 1] = dose.size
    spans = [
        ChallengeSpan(
            row.local_date,
            row.food,
            row.washout_days,
            sum(1 for size in sizes[row.id] if size),
            row.outcome,
            tuple(sizes[row.id]),
        )
        for row in rows
    ]
    return [c for c in spans if start is None or c.window_end >= start]


def _daily_foods(days: list[date], names: list[str]) -> tuple[list[date], list[str], dict[str, str]]:
    """Foods in time order -> one row per distinct (day, food key), by day then key, and each key's label.

    The key is the one the food memory uses (lower case, single spaces), so "Greek yogurt" and "greek  yogurt" are
    one food; its label is the spelling used most recently.
    """
    keys: dict[str, str] = {}  # each spelling's key, worked out once (a diary repeats a few hundred spellings)
    latest: dict[str, str] = {}  # key -> the spelling seen last
    by_day: dict[date, set[str]] = {}
    for day, name in zip(days, names, strict=True):
        key = keys.get(name)
        if key is None:
            key = keys[name] = _food_key(name)
        if key:
            eaten = by_day.get(day)
            if eaten is None:
                eaten = by_day[day] = set()
            eaten.add(key)
            latest[key] = name
    # By day, then key: sorting the days and each day's few keys (not one sort of every pair in one long call).
    food_days: list[date] = []
    food_keys: list[str] = []
    for day in sorted(by_day):
        eaten_keys = sorted(by_day[day])
        food_days.extend([day] * len(eaten_keys))
        food_keys.extend(eaten_keys)
    return food_days, food_keys, {key: latest[key].strip() for key in sorted(latest)}


def _local_hour(utc_text: str, offset_min: int) -> float:
    """The local hour of the day (0 <= h < 24) of a UTC time as stored ("YYYY-MM-DD HH:MM:SS.ffffff") and its offset."""
    utc = datetime.fromisoformat(utc_text)
    seconds = utc.hour * 3600 + utc.minute * 60 + utc.second + offset_min * 60
    return (seconds % 86400) / 3600.0


def _protocol_label(protocol: str) -> str:
    try:
        return PROTOCOL_LABELS[DietProtocol(protocol)]
    except ValueError:
        return protocol


def _insert_rows(session: Session, rows: Rows) -> None:
    order = [ENTRY, *DETAIL_TABLE.values()]
    for children in CHILD_TABLES.values():
        order.extend(t for t in children if t not in order)
    for table in order:
        batch = rows.get(table)
        if batch:
            session.execute(insert(table), batch)
