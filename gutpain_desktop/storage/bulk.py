"""Bulk reading and writing for export and import: Core queries returning plain tuples, one transaction per import.

Export reads every table once with a Core SELECT joined to ``entry`` and filtered by kind and local date (never ORM
objects, never one query per entry: ORM loading was 5-7x slower here); the whole journal skips the joins and filters
(each table read straight through, the entries in index order). Import inserts categories, symptoms and entries in
one transaction and skips entries whose id is already stored, so importing a file twice adds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, Table, func, insert, select, type_coerce
from sqlalchemy.orm import Session, sessionmaker

from ..domain.describe import describe
from ..domain.entries import AnyEntry, EntryKind, MealEntry
from ..domain.validation import KEY_PATTERN, category_key
from .mapping import (
    BOWEL,
    CHALLENGE,
    CHALLENGE_DOSE,
    CONTEXT,
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
    WEEKLY_CHECKIN,
    Rows,
    entry_rows,
    now_utc,
)

#: The detail columns exported for each kind, in this order (the tuples of :attr:`ExportRows.details`).
DETAIL_COLUMNS: dict[EntryKind, tuple[Table, tuple[str, ...]]] = {
    EntryKind.MEAL: (MEAL, ("meal_type", "challenge_id")),
    EntryKind.PAIN: (PAIN, ("intensity", "recall", "pain_kind")),
    EntryKind.SYMPTOM: (SYMPTOM_RATING, ("symptom_key", "severity")),
    EntryKind.STRESS: (STRESS, ("level",)),
    EntryKind.SLEEP: (
        SLEEP,
        ("bed_time", "wake_time", "minutes_to_sleep", "awakenings", "total_hours", "quality", "refreshed"),
    ),
    EntryKind.BOWEL: (BOWEL, ("bristol", "urgency", "straining", "blood", "at_night")),
    EntryKind.DIET_PHASE: (DIET_PHASE, ("protocol", "protocol_name", "phase", "planned_end", "ended", "eliminated")),
    EntryKind.CHALLENGE: (CHALLENGE, ("food", "target_symptoms", "washout_days", "outcome", "decided_by")),
    EntryKind.WEEKLY_CHECKIN: (
        WEEKLY_CHECKIN,
        ("fatigue", "unrefreshed", "cognitive", "headaches", "lower_abdominal_pain", "depression", "wpi", "sss"),
    ),
    EntryKind.CONTEXT: (
        CONTEXT,
        ("period", "illness", "fever", "alcohol", "exercise", "medication", "reaction_food", "reactions"),
    ),
}


#: Items freed per step by :meth:`ExportRows.release`: about a millisecond of work.
RELEASE_STEP = 5000


@dataclass
class ExportRows:
    """Everything stored about the entries of a range, as plain tuples keyed by entry id (a UUID string).

    ``entries``: (id, kind, occurred_utc as stored "YYYY-MM-DD HH:MM:SS[.ffffff]", UTC offset in minutes, note), oldest
    first (by UTC time, then id). ``details[kind][id]``: the columns of :data:`DETAIL_COLUMNS` (booleans as bool,
    dates as ``datetime.date``, sleep times as ISO 8601 text, challenge targets space-separated, diet eliminations
    one per line). Children, each in stored order: ``foods[id]`` (position, name, portion), ``food_categories[id]``
    (position, category key, sorted), ``sites[id]`` (site keys, sorted), ``doses[id]`` (day, size, amount).
    """

    entries: list[tuple[str, str, str, int, str]] = field(default_factory=list)
    details: dict[EntryKind, dict[str, tuple[Any, ...]]] = field(default_factory=dict)
    foods: dict[str, list[tuple[int, str, str]]] = field(default_factory=lambda: defaultdict(list))
    food_categories: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    sites: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    doses: dict[str, list[tuple[int, str, str]]] = field(default_factory=lambda: defaultdict(list))

    def release(self, step: int = RELEASE_STEP) -> None:
        """Empty every container, ``step`` items at a time.

        Freeing a few hundred thousand tuples in one go (what happens when the last reference goes) is one long C
        call that holds the GIL: on a background thread that froze the window for 100-200 ms at the end of a large
        export. Emptied in steps, the interpreter can switch to the UI thread between them.
        """
        shrink(self.entries, step)
        containers: list[dict[str, Any]] = [*self.details.values(), self.foods, self.food_categories, self.sites]
        for rows in (*containers, self.doses):
            _drain(rows, step)
        self.details.clear()


def shrink(items: list[Any], step: int = RELEASE_STEP) -> None:
    """Empty ``items`` from the end, ``step`` at a time (see :meth:`ExportRows.release`)."""
    while items:
        del items[-step:]


def _drain(mapping: dict[Any, Any], step: int) -> None:
    while mapping:
        for _ in range(min(step, len(mapping))):
            mapping.popitem()


@dataclass(frozen=True)
class ImportOutcome:
    added: int
    #: Entries whose id was already stored (kept as they are).
    already_present: int
    new_categories: tuple[str, ...] = ()
    new_symptoms: tuple[str, ...] = ()


def _filter(query: Any, kinds: Sequence[EntryKind] | None, start: date | None, end: date | None) -> Any:
    if kinds is not None:
        query = query.where(ENTRY.c.kind.in_([k.value for k in kinds]))
    if start is not None:
        query = query.where(ENTRY.c.local_date >= start)
    if end is not None:
        query = query.where(ENTRY.c.local_date <= end)
    return query


class BulkRepository:
    """Reads for export and the one-transaction write of an import."""

    def __init__(self, sessions: sessionmaker[Session], catalog: Any) -> None:
        self._sessions = sessions
        self._catalog = catalog

    def export_rows(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        kinds: Sequence[EntryKind] | None = None,
    ) -> ExportRows:
        """Every stored value of the entries on local dates ``start`` to ``end`` (inclusive) of ``kinds``."""
        wanted = list(kinds) if kinds is not None else list(EntryKind)
        # The whole journal (every kind, no dates): no filter on ``entry`` at all, so the entries come straight off
        # the index on occurred_utc (no sort of the whole table), and each detail or child table is read on its own,
        # without a join back to ``entry``: its rows all belong to entries of its kind (the foreign keys cascade).
        everything = set(wanted) == set(EntryKind) and start is None and end is None
        found = ExportRows()
        with self._sessions() as s:
            utc = type_coerce(ENTRY.c.occurred_utc, String)
            query = select(ENTRY.c.id, ENTRY.c.kind, utc, ENTRY.c.utc_offset_min, ENTRY.c.note)
            if not everything:
                query = _filter(query, wanted, start, end)
            found.entries = [
                (r[0], r[1], r[2], r[3], r[4]) for r in s.execute(query.order_by(ENTRY.c.occurred_utc, ENTRY.c.id))
            ]

            def of_kind(query: Any, table: Table, kind: EntryKind) -> Any:
                """``query`` on ``table`` limited to the entries of ``kind`` in the range (all of them: as it is)."""
                if everything:
                    return query
                query = query.join_from(ENTRY, table, table.c.entry_id == ENTRY.c.id)
                return _filter(query.where(ENTRY.c.kind == kind.value), None, start, end)

            for kind in wanted:
                table, columns = DETAIL_COLUMNS[kind]
                detail = of_kind(select(table.c.entry_id, *(table.c[c] for c in columns)), table, kind)
                found.details[kind] = {r[0]: tuple(r[1:]) for r in s.execute(detail)}

            def children(kind: EntryKind, table: Table, *columns: str, order: Sequence[str]) -> list[Any]:
                if kind not in wanted:
                    return []
                query = of_kind(select(table.c.entry_id, *(table.c[c] for c in columns)), table, kind)
                return list(s.execute(query.order_by(table.c.entry_id, *(table.c[c] for c in order))))

            for r in children(EntryKind.MEAL, MEAL_FOOD, "position", "name", "portion", order=("position",)):
                found.foods[r[0]].append((r[1], r[2], r[3]))
            for r in children(
                EntryKind.MEAL, MEAL_FOOD_CATEGORY, "position", "category_key", order=("position", "category_key")
            ):
                found.food_categories[r[0]].append((r[1], r[2]))
            if everything:  # both kinds' sites at once
                for r in children(EntryKind.PAIN, ENTRY_SITE, "site", order=("site",)):
                    found.sites[r[0]].append(r[1])
            else:
                for kind in (EntryKind.PAIN, EntryKind.WEEKLY_CHECKIN):
                    for r in children(kind, ENTRY_SITE, "site", order=("site",)):
                        found.sites[r[0]].append(r[1])
            for r in children(EntryKind.CHALLENGE, CHALLENGE_DOSE, "day", "size", "amount", order=("day",)):
                found.doses[r[0]].append((r[1], r[2], r[3]))
        return found

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored already."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self._sessions() as s:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found.update(s.scalars(select(ENTRY.c.id).where(ENTRY.c.id.in_(chunk))))
        return found

    def import_entries(
        self,
        entries: Sequence[AnyEntry],
        *,
        new_categories: Sequence[tuple[str, str]] = (),
        new_symptoms: Sequence[tuple[str, str]] = (),
        source: str = "import",
    ) -> ImportOutcome:
        """Add the categories and symptoms given as (key, name), then every entry whose id is not stored yet: all in one
        transaction, so on any error nothing at all has changed. Entries must have been validated by the caller
        (against the catalog plus the new names). Returns how many were added and how many were already there."""
        from .catalog import CATEGORY, SYMPTOM, _remember_foods
        from .repository import _insert_rows

        stamp = now_utc()
        with self._sessions.begin() as s:
            cats = _add_names(s, CATEGORY, new_categories, {"hidden": False})
            syms = _add_names(s, SYMPTOM, new_symptoms, {"tracked": True})
            names = {str(k): str(v) for k, v in s.execute(select(CATEGORY.c.key, CATEGORY.c.name))}
            names.update({str(k): str(v) for k, v in s.execute(select(SYMPTOM.c.key, SYMPTOM.c.name))})
            ids = [str(e.id) for e in entries]
            present: set[str] = set()
            for start in range(0, len(ids), 500):
                present.update(s.scalars(select(ENTRY.c.id).where(ENTRY.c.id.in_(ids[start : start + 500]))))
            fresh = [e for e in entries if str(e.id) not in present]
            rows: Rows = defaultdict(list)
            for entry in fresh:
                summary = describe(entry, names)
                entry_rows(entry, summary=summary, source=source, created=stamp, updated=stamp, rows=rows)
            _insert_rows(s, rows)
            _remember_foods(s, (e for e in fresh if isinstance(e, MealEntry)), stamp)
        self._catalog._changed()
        return ImportOutcome(len(fresh), len(entries) - len(fresh), cats, syms)


def _add_names(s: Session, table: Table, items: Sequence[tuple[str, str]], extra: dict[str, Any]) -> tuple[str, ...]:
    """Insert catalog items (categories or symptoms) as (key, name), skipping keys already there; return the keys
    added. A key that is not a valid key is made from the name."""
    have = set(s.scalars(select(table.c.key)))
    position = int(s.scalar(select(func.coalesce(func.max(table.c.position), 0))) or 0)
    added: list[str] = []
    for key, name in items:
        key = key if KEY_PATTERN.match(key) else category_key(name)
        if not key or key in have:
            continue
        position += 1
        s.execute(insert(table).values(key=key, name=name.strip(), builtin=False, position=position, **extra))
        have.add(key)
        added.append(key)
    return tuple(added)
