"""Import of a Flaredown CSV export (rubyforgood/Flaredown, ``backend/app/jobs/data_export_job.rb``).

The file has ``Date`` (like ``2021-11-06T00:00:00+00:00``), then one column per condition, symptom and treatment,
then ``Tags`` and ``Foods`` (each joined by ``"; "``), then weather columns. Condition and symptom cells are 0-4;
treatment cells are a dose, ``Taken`` or ``Not Taken``. The header does not say which middle column is which: a column
whose cells are all whole numbers is read as a rating, any other as a treatment.

What it becomes, per day (Flaredown records days, not times; entries are put at 12:00 local time and say so):

* each rating column -> a symptom entry of the symptom it is mapped to (default: ours with the same name, ignoring
  case, else a new symptom of that name); 0-4 is rescaled to 0-10 (x 2.5, halves rounded up) and the note records it;
* treatments taken -> one context entry with the medication, where the day's tags are kept as its note;
* foods -> one snack entry with those foods (categories from your food memory when the food is known);
* weather columns are skipped and counted.

Ids are derived from the day and the column, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..domain.entries import AnyEntry, ContextEntry, FoodItem, MealEntry, MealType, SymptomEntry
from ..domain.validation import MAX_NAME_LENGTH, ValidationError, category_key, validate
from .importing import MAX_PROBLEMS, ImportFailed, ImportPlan, ImportProblem, csv_rows, read_text

NAMESPACE = uuid.UUID("6f1d2a4e-3c55-4b8e-9a57-1f0e8c2b7d10")
SEPARATOR = "; "
NOT_TAKEN = "not taken"
TAKEN = "taken"
WEATHER = "weather columns"


class ColumnKind(StrEnum):
    RATING = "rating"
    TREATMENT = "treatment"


class Target(StrEnum):
    SYMPTOM = "symptom"  # an existing symptom (key)
    NEW_SYMPTOM = "new_symptom"  # create one (name)
    MEDICATION = "medication"
    SKIP = "skip"


@dataclass(frozen=True)
class Mapping_:
    target: Target
    #: The symptom key (SYMPTOM) or the new symptom's name (NEW_SYMPTOM).
    value: str = ""


@dataclass
class FlaredownColumn:
    name: str
    index: int
    kind: ColumnKind
    #: A few non-empty cells, for the preview.
    samples: list[str] = field(default_factory=list)
    filled: int = 0


@dataclass
class FlaredownFile:
    path: Path
    header: list[str]
    columns: list[FlaredownColumn]
    tags_at: int
    foods_at: int
    weather: int
    rows: list[tuple[int, list[str]]]


def inspect_flaredown(path: Path) -> FlaredownFile:
    """Read the file and classify its columns (nothing is written). :class:`ImportFailed` when it is not one."""
    text = read_text(path)
    rows = list(csv_rows(text, path.name))
    if not rows:
        raise ImportFailed(f"{path.name} is empty.")
    _line, header = rows[0]
    header = [h.strip() for h in header]
    lowered = [h.lower() for h in header]
    if not header or lowered[0] != "date" or "tags" not in lowered or "foods" not in lowered:
        hint = " It looks like a GutPain Desktop entries.csv: choose that format." if "entry_id" in lowered else ""
        raise ImportFailed(f"{path.name} is not a Flaredown export: it needs the columns Date, ..., Tags, Foods.{hint}")
    tags_at, foods_at = lowered.index("tags"), lowered.index("foods")
    if not 0 < tags_at < foods_at:
        raise ImportFailed(f"{path.name}: the Tags column should come just before Foods, after the ratings.")
    body = rows[1:]
    columns: list[FlaredownColumn] = []
    for index in range(1, tags_at):
        cells = [cells[index].strip() for _l, cells in body if index < len(cells) and cells[index].strip()]
        numeric = all(_is_number(c) for c in cells)
        kind = ColumnKind.RATING if numeric else ColumnKind.TREATMENT
        columns.append(FlaredownColumn(header[index], index, kind, cells[:5], len(cells)))
    return FlaredownFile(path, header, columns, tags_at, foods_at, max(len(header) - foods_at - 1, 0), body)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def default_mapping(file: FlaredownFile, symptoms: Mapping[str, str]) -> dict[str, Mapping_]:
    """Each rating column -> our symptom of the same name or key (ignoring case), else a new one; treatments ->
    medication. ``symptoms``: key -> name."""
    by_name = {name.strip().lower(): key for key, name in symptoms.items()}
    mapping: dict[str, Mapping_] = {}
    for column in file.columns:
        if column.kind is ColumnKind.TREATMENT:
            mapping[column.name] = Mapping_(Target.MEDICATION)
            continue
        key = by_name.get(column.name.strip().lower())
        if key is None and category_key(column.name) in symptoms:
            key = category_key(column.name)
        mapping[column.name] = Mapping_(Target.SYMPTOM, key) if key else Mapping_(Target.NEW_SYMPTOM, column.name)
    return mapping


def rescale(value: float) -> int:
    """0-4 -> 0-10: x 2.5, halves rounded up (1 -> 3, 2 -> 5, 3 -> 8)."""
    return int(value * 2.5 + 0.5)


def _noon(day: date) -> datetime:
    """12:00 local time on ``day`` with the offset of that date, but never later than now."""
    moment = datetime.combine(day, time(12)).astimezone()
    now = datetime.now().astimezone().replace(microsecond=0)
    return min(moment, now)


def _id(day: date, what: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"flaredown:{day.isoformat()}:{what}")


def _day(text: str, line: int) -> date:
    cleaned = text.strip()
    try:
        return datetime.fromisoformat(cleaned).date() if "T" in cleaned else date.fromisoformat(cleaned)
    except ValueError:
        raise _Bad(ImportProblem(line, "Date", f"'{cleaned[:40]}' is not a date like 2021-11-06")) from None


class _Bad(Exception):
    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def plan_flaredown(
    source: Path | FlaredownFile, store: Any, mapping: Mapping[str, Mapping_] | None = None
) -> ImportPlan:
    """The plan of importing a Flaredown export with ``mapping`` (default: :func:`default_mapping`)."""
    file = source if isinstance(source, FlaredownFile) else inspect_flaredown(source)
    plan = ImportPlan(file.path, "Flaredown CSV")
    symptoms = {d.key: d.name for d in store.catalog.symptoms()}
    categories = {c.key: c.name for c in store.catalog.categories()}
    chosen = dict(default_mapping(file, symptoms))
    chosen.update(mapping or {})
    keys: dict[str, str] = {}  # column -> symptom key
    for column in file.columns:
        target = chosen[column.name]
        if target.target is Target.SYMPTOM:
            if target.value not in symptoms:
                raise ImportFailed(f"Column '{column.name}' is mapped to an unknown symptom '{target.value}'.")
            keys[column.name] = target.value
        elif target.target is Target.NEW_SYMPTOM:
            name = target.value.strip()[:MAX_NAME_LENGTH] or column.name
            key = category_key(name)
            if not key:
                raise ImportFailed(f"Column '{column.name}': '{name}' cannot be a symptom name (no letter or digit).")
            if key not in symptoms:
                symptoms[key] = name
                plan.new_symptoms.append((key, name))
            keys[column.name] = key
    if file.weather:
        plan.skipped[WEATHER] = file.weather
    seen: dict[date, int] = {}
    memory: dict[str, tuple[str, ...]] = {}
    entries: list[AnyEntry] = []
    for line, cells in file.rows:
        plan.rows += 1
        cells = cells + [""] * (len(file.header) - len(cells))
        try:
            day = _day(cells[0], line)
            if day in seen:
                raise _Bad(ImportProblem(line, "Date", f"{day} is already on line {seen[day]}"))
            seen[day] = line
            entries.extend(_day_entries(file, chosen, keys, day, line, cells, store, memory, categories))
        except _Bad as bad:
            plan.problems.append(bad.problem)
            if len(plan.problems) >= MAX_PROBLEMS:
                return plan
    today = datetime.now().astimezone().date()
    for entry, line in entries_lines(entries, seen):
        try:
            validate(entry, today=today, categories=categories, symptoms=symptoms)
        except ValidationError as exc:
            plan.problems.extend(ImportProblem(line, "", f"{entry.kind.value}: {p}") for p in exc.problems)
            if len(plan.problems) >= MAX_PROBLEMS:
                return plan
    if not plan.problems:
        plan.entries = entries
        plan.already_present = len(store.entries.bulk.existing_ids(str(e.id) for e in entries))
    return plan


def entries_lines(entries: list[AnyEntry], lines: Mapping[date, int]) -> list[tuple[AnyEntry, int]]:
    return [(e, lines.get(e.local_date, 0)) for e in entries]


def _day_entries(
    file: FlaredownFile,
    chosen: Mapping[str, Mapping_],
    keys: Mapping[str, str],
    day: date,
    line: int,
    cells: list[str],
    store: Any,
    memory: dict[str, tuple[str, ...]],
    categories: Mapping[str, str],
) -> list[AnyEntry]:
    at = _noon(day)
    found: list[AnyEntry] = []
    medication: list[str] = []
    for column in file.columns:
        cell = cells[column.index].strip()
        if not cell:
            continue
        target = chosen[column.name].target
        if target is Target.SKIP:
            continue
        if column.kind is ColumnKind.TREATMENT:
            if target is Target.MEDICATION and cell.lower() != NOT_TAKEN:
                medication.append(column.name if cell.lower() == TAKEN else f"{column.name} {cell}")
            continue
        try:
            value = float(cell)
        except ValueError:
            raise _Bad(ImportProblem(line, column.name, f"'{cell[:40]}' is not a rating from 0 to 4")) from None
        if not 0 <= value <= 4:
            raise _Bad(ImportProblem(line, column.name, f"{cell} is outside Flaredown's 0-4 scale"))
        if target is Target.MEDICATION:
            continue
        severity = rescale(value)
        shown = f"{value:g}"
        note = (
            f"Imported from Flaredown ('{column.name}'): {shown} on its 0-4 scale, rescaled to {severity} on 0-10 "
            "(x 2.5). Flaredown records the day, not the time."
        )
        found.append(
            SymptomEntry(
                id=_id(day, f"rating:{column.name}"), occurred_at=at, symptom=keys[column.name], severity=severity,
                note=note,
            )
        )  # fmt: skip
    tags = [t.strip() for t in cells[file.tags_at].split(";") if t.strip()]
    if medication or tags:
        note = "Imported from Flaredown." + (f" Tags: {SEPARATOR.join(tags)}." if tags else "")
        found.append(
            ContextEntry(id=_id(day, "context"), occurred_at=at, medication=SEPARATOR.join(medication), note=note)
        )
    foods = [f.strip() for f in cells[file.foods_at].split(";") if f.strip()]
    if foods:
        items = []
        for name in foods:
            if name not in memory:
                remembered = store.catalog.remembered_categories(name) or ()
                memory[name] = tuple(sorted(c for c in remembered if c in categories))
            items.append(FoodItem(name[:MAX_NAME_LENGTH], memory[name]))
        found.append(
            MealEntry(
                id=_id(day, "foods"), occurred_at=at, meal_type=MealType.SNACK, foods=tuple(items),
                note="Imported from Flaredown: the foods of that day (Flaredown records no meal or time).",
            )
        )  # fmt: skip
    return found


__all__ = [
    "ColumnKind",
    "FlaredownColumn",
    "FlaredownFile",
    "Mapping_",
    "Target",
    "default_mapping",
    "inspect_flaredown",
    "plan_flaredown",
    "rescale",
]
