"""Import of our own entries.csv (see :mod:`.csv_export`): export -> import into an empty journal -> export again
gives the same files; importing a file twice adds nothing (entry ids are kept); two devices' exports merge.

If a data_dictionary.csv lies beside the file, the names of the person's own symptoms and categories are taken from it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

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
    humanise,
)
from ..domain.scales import BodySite
from ..domain.validation import KEY_PATTERN, ValidationError, validate
from .csv_export import DICTIONARY_FILE, ENTRY_COLUMNS
from .files import restore
from .importing import MAX_PROBLEMS, ImportFailed, ImportPlan, ImportProblem, csv_rows, read_text
from .vocabulary import BY_NAME, DERIVED

REQUIRED = ("entry_id", "kind", "occurred_at", "measure", "item", "value")
TIME_HINT = "like 2025-03-01T08:30:00+01:00; was the file re-saved by a spreadsheet?"


class _Bad(Exception):
    def __init__(self, line: int, column: str, reason: str) -> None:
        super().__init__(reason)
        self.problem = ImportProblem(line, column, reason)


@dataclass
class _Value:
    line: int
    item: str
    value: str


@dataclass
class _Entry:
    line: int
    kind: EntryKind
    occurred_at: datetime
    note: str = ""
    values: dict[str, list[_Value]] = field(default_factory=dict)

    def all(self, measure: str) -> list[_Value]:
        return self.values.get(measure, [])

    def first(self, measure: str) -> _Value | None:
        found = self.values.get(measure)
        return found[0] if found else None

    def text(self, measure: str, default: str = "") -> str:
        found = self.first(measure)
        return default if found is None else found.value

    def required(self, measure: str) -> _Value:
        found = self.first(measure)
        if found is None:
            raise _Bad(self.line, "measure", f"a {self.kind.value} entry needs a '{measure}' row")
        return found

    def number(self, measure: str, *, required: bool = False) -> int | None:
        found = self.required(measure) if required else self.first(measure)
        if found is None:
            return None
        try:
            return int(found.value)
        except ValueError:
            raise _Bad(found.line, "value", f"{measure} must be a whole number, not '{found.value}'") from None

    def decimal(self, measure: str) -> float | None:
        found = self.first(measure)
        if found is None:
            return None
        try:
            return float(found.value)
        except ValueError:
            raise _Bad(found.line, "value", f"{measure} must be a number, not '{found.value}'") from None

    def flag(self, measure: str) -> bool | None:
        found = self.first(measure)
        if found is None:
            return None
        if found.value not in ("yes", "no"):
            raise _Bad(found.line, "value", f"{measure} must be yes or no, not '{found.value}'")
        return found.value == "yes"

    def choice(self, measure: str, enum: Callable[[str], Any], *, required: bool = True) -> Any:
        found = self.required(measure) if required else self.first(measure)
        if found is None:
            return None
        try:
            return enum(found.value)
        except ValueError:
            raise _Bad(found.line, "value", f"'{found.value}' is not a known {measure.replace('_', ' ')}") from None

    def moment(self, measure: str) -> datetime | None:
        found = self.first(measure)
        if found is None:
            return None
        return _aware(found.value, found.line, "value")

    def day(self, measure: str) -> date | None:
        found = self.first(measure)
        if found is None:
            return None
        try:
            return date.fromisoformat(found.value)
        except ValueError:
            raise _Bad(found.line, "value", f"{measure} must be a date like 2025-03-01, not '{found.value}'") from None


def _aware(text: str, line: int, column: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _Bad(line, column, f"'{text}' is not an ISO 8601 date-time with a UTC offset ({TIME_HINT})") from None
    if moment.tzinfo is None:
        raise _Bad(line, column, f"'{text}' has no UTC offset ({TIME_HINT})")
    return moment


def _item(value: _Value) -> int:
    try:
        return int(value.item)
    except ValueError:
        raise _Bad(value.line, "item", f"must be a number, not '{value.item}'") from None


def dictionary_names(folder: Path) -> dict[tuple[str, str], str]:
    """(measure or "food_category", key) -> name, from a data_dictionary.csv in ``folder`` (empty when absent)."""
    path = folder / DICTIONARY_FILE
    names: dict[tuple[str, str], str] = {}
    try:
        text = read_text(path)
        for row in csv.DictReader(io.StringIO(text, newline="")):
            label = restore(row.get("label") or "")
            if not label:
                continue
            if row.get("kind") == "symptom" and row.get("measure"):
                names[("symptom", row["measure"])] = label
            elif row.get("measure") == "food_category" and row.get("code"):
                names[("category", row["code"])] = label
    except (ImportFailed, csv.Error, OSError, KeyError):
        return {}
    return names


def plan_gutpain_csv(path: Path, store: Any) -> ImportPlan:
    """Read our own entries.csv into a plan (nothing is written). :class:`ImportFailed` for an unusable file."""
    plan = ImportPlan(path, "GutPain Desktop entries.csv")
    text = read_text(path)
    rows = csv_rows(text, path.name)
    first = next(rows, None)
    if first is None:
        raise ImportFailed(f"{path.name} is empty.")
    _line, header = first
    header = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        hint = " It looks like a Flaredown export: choose that format." if header[:1] == ["Date"] else ""
        raise ImportFailed(
            f"{path.name} is not a GutPain Desktop entries.csv: it has no column {', '.join(missing)}.{hint}"
        )
    at = {name: header.index(name) for name in ENTRY_COLUMNS if name in header}
    entries: dict[str, _Entry] = {}
    problems = plan.problems

    def problem(p: ImportProblem) -> bool:
        problems.append(p)
        return len(problems) >= MAX_PROBLEMS

    for line, cells in rows:
        plan.rows += 1
        if len(cells) < len(header):
            cells = cells + [""] * (len(header) - len(cells))
        eid, kind_text, when = cells[at["entry_id"]], cells[at["kind"]], cells[at["occurred_at"]]
        try:
            key = str(UUID(eid))
        except ValueError:
            if problem(ImportProblem(line, "entry_id", f"'{eid[:60]}' is not an entry id (UUID)")):
                break
            continue
        found = entries.get(key)
        try:
            if found is None:
                try:
                    kind = EntryKind(kind_text)
                except ValueError:
                    raise _Bad(line, "kind", f"'{kind_text[:60]}' is not a kind of entry") from None
                found = entries[key] = _Entry(line, kind, _aware(when, line, "occurred_at"))
            elif kind_text != found.kind.value:
                raise _Bad(line, "kind", f"entry {key} is a {found.kind.value} on line {found.line}")
            measure = cells[at["measure"]]
            if found.kind is EntryKind.SYMPTOM:
                if not KEY_PATTERN.match(measure):
                    raise _Bad(line, "measure", f"'{measure[:60]}' is not a symptom key")
                text_value = False
            else:
                spec = BY_NAME.get((found.kind, measure))
                if spec is None:
                    raise _Bad(line, "measure", f"'{measure[:60]}' is not a measure of a {found.kind.value} entry")
                text_value = spec.text
            value = cells[at["value"]]
            found.values.setdefault(measure, []).append(
                _Value(line, cells[at["item"]], restore(value) if text_value else value)
            )
            note = cells[at["note"]] if "note" in at else ""
            if note and not found.note:
                found.note = restore(note)
        except _Bad as bad:
            if problem(bad.problem):
                break
    if problems:
        return plan

    names = dictionary_names(path.parent)
    symptoms = {d.key: d.name for d in store.catalog.symptoms()}
    categories = {c.key: c.name for c in store.catalog.categories()}
    built: list[AnyEntry] = []
    for key, raw in entries.items():
        try:
            entry = _build(UUID(key), raw)
        except _Bad as bad:
            if problem(bad.problem):
                break
            continue
        for sym in _symptoms_of(entry):
            if sym not in symptoms:
                symptoms[sym] = names.get(("symptom", sym)) or humanise(sym)
                plan.new_symptoms.append((sym, symptoms[sym]))
        for cat in _categories_of(entry):
            if cat not in categories:
                categories[cat] = names.get(("category", cat)) or humanise(cat)
                plan.new_categories.append((cat, categories[cat]))
        built.append(entry)
    if problems:
        return plan
    _check(built, entries, symptoms, categories, plan)
    if problems:
        return plan
    built = _drop_dangling_links(built, store, plan)
    plan.entries = built
    present = store.entries.bulk.existing_ids(str(e.id) for e in built)
    plan.already_present = len(present)
    return plan


def _check(
    built: list[AnyEntry],
    raw: Mapping[str, _Entry],
    symptoms: Mapping[str, str],
    categories: Mapping[str, str],
    plan: ImportPlan,
) -> None:
    today = datetime.now().astimezone().date()
    for entry in built:
        try:
            validate(entry, today=today, categories=categories, symptoms=symptoms)
        except ValidationError as exc:
            line = raw[str(entry.id)].line
            for p in exc.problems:
                plan.problems.append(ImportProblem(line, "value", f"{entry.kind.value} entry: {p}"))
            if len(plan.problems) >= MAX_PROBLEMS:
                return


def _drop_dangling_links(built: list[AnyEntry], store: Any, plan: ImportPlan) -> list[AnyEntry]:
    """Meals linked to a challenge that is neither in the file nor stored lose the link (counted as skipped)."""
    import dataclasses

    ids = {str(e.id) for e in built}
    wanted = {str(e.challenge_id) for e in built if isinstance(e, MealEntry) and e.challenge_id}
    missing = wanted - ids
    if missing:
        missing -= store.entries.bulk.existing_ids(missing)
    if not missing:
        return built
    out: list[AnyEntry] = []
    dropped = 0
    for e in built:
        if isinstance(e, MealEntry) and e.challenge_id and str(e.challenge_id) in missing:
            e = dataclasses.replace(e, challenge_id=None)
            dropped += 1
        out.append(e)
    plan.skipped["links from meals to challenges not in the file"] = dropped
    return out


def _symptoms_of(entry: AnyEntry) -> list[str]:
    if isinstance(entry, SymptomEntry):
        return [entry.symptom]
    if isinstance(entry, ChallengeEntry):
        return list(entry.target_symptoms)
    return []


def _categories_of(entry: AnyEntry) -> list[str]:
    if isinstance(entry, MealEntry):
        return [c for food in entry.foods for c in food.categories]
    return []


def _build(eid: UUID, r: _Entry) -> AnyEntry:
    common: dict[str, Any] = {"id": eid, "occurred_at": r.occurred_at, "note": r.note}
    kind = r.kind
    if kind is EntryKind.MEAL:
        foods: dict[int, dict[str, Any]] = {}
        for v in r.all("food"):
            foods.setdefault(_item(v), {"cats": []})["name"] = v.value
        for v in r.all("portion"):
            foods.setdefault(_item(v), {"cats": []})["portion"] = v.value
        for v in r.all("food_category"):
            foods.setdefault(_item(v), {"cats": []})["cats"].append(v.value)
        items = []
        for number in sorted(foods):
            food = foods[number]
            if "name" not in food:
                raise _Bad(r.line, "item", f"food {number} of this meal has a portion or category but no name")
            items.append(FoodItem(food["name"], tuple(sorted(food["cats"])), food.get("portion", "")))
        link = r.first("challenge_id")
        try:
            challenge = UUID(link.value) if link is not None else None
        except ValueError:
            raise _Bad(link.line if link else r.line, "value", "challenge_id is not an entry id (UUID)") from None
        return MealEntry(
            meal_type=r.choice("meal_type", MealType), foods=tuple(items), challenge_id=challenge, **common
        )
    if kind is EntryKind.PAIN:
        return PainEntry(
            intensity=r.number("pain_intensity", required=True) or 0,
            recall=r.choice("pain_recall", PainRecall),
            sites=frozenset(_site(v) for v in r.all("body_site")),
            pain_kind=r.choice("pain_kind", PainKind, required=False),
            **common,
        )
    if kind is EntryKind.SYMPTOM:
        if len(r.values) != 1:
            raise _Bad(r.line, "measure", "a symptom entry has exactly one row: the symptom and its severity")
        symptom = next(iter(r.values))
        return SymptomEntry(symptom=symptom, severity=r.number(symptom, required=True) or 0, **common)
    if kind is EntryKind.STRESS:
        return StressEntry(level=r.number("stress_level", required=True) or 0, **common)
    if kind is EntryKind.SLEEP:
        return _sleep(r, common)
    if kind is EntryKind.BOWEL:
        return BowelEntry(
            bristol=r.number("bristol_type", required=True) or 0,
            urgency=bool(r.flag("urgency")),
            straining=bool(r.flag("straining")),
            blood=bool(r.flag("blood_seen")),
            at_night=bool(r.flag("at_night")),
            **common,
        )
    if kind is EntryKind.DIET_PHASE:
        return DietPhaseEntry(
            protocol=r.choice("protocol", DietProtocol),
            phase=r.choice("phase", DietPhase),
            protocol_name=r.text("protocol_name"),
            planned_end=r.day("planned_end"),
            ended=r.day("ended"),
            eliminated=tuple(v.value for v in sorted(r.all("eliminated"), key=_item)),
            **common,
        )
    if kind is EntryKind.CHALLENGE:
        amounts = {_item(v): v.value for v in r.all("dose_amount")}
        doses = []
        for v in sorted(r.all("dose_size"), key=_item):
            try:
                size = Dose(v.value)
            except ValueError:
                raise _Bad(v.line, "value", f"'{v.value}' is not a dose size (small, medium, large)") from None
            doses.append(ChallengeDose(_item(v), size, amounts.get(_item(v), "")))
        return ChallengeEntry(
            food=r.required("challenge_food").value,
            target_symptoms=tuple(v.value for v in sorted(r.all("target_symptom"), key=_item)),
            doses=tuple(doses),
            washout_days=r.number("washout_days", required=True) or 0,
            outcome=r.choice("outcome", ChallengeOutcome),
            decided_by=r.choice("decided_by", DecidedBy, required=False) or DecidedBy.NOBODY,
            **common,
        )
    if kind is EntryKind.WEEKLY_CHECKIN:
        return WeeklyCheckinEntry(
            sites=frozenset(_site(v) for v in r.all("wpi_site")),
            fatigue=r.number("sss_fatigue", required=True) or 0,
            unrefreshed=r.number("sss_unrefreshed", required=True) or 0,
            cognitive=r.number("sss_cognitive", required=True) or 0,
            headaches=bool(r.flag("sss_headaches")),
            lower_abdominal_pain=bool(r.flag("sss_lower_abdominal_pain")),
            depression=bool(r.flag("sss_depression")),
            **common,
        )
    # context
    return ContextEntry(
        period=bool(r.flag("period")),
        illness=bool(r.flag("illness")),
        fever=bool(r.flag("fever")),
        alcohol=bool(r.flag("alcohol")),
        exercise=bool(r.flag("exercise")),
        medication=r.text("medication"),
        reaction_food=r.text("reaction_food"),
        reactions=frozenset(_reaction(v) for v in r.all("reaction")),
        **common,
    )


def _sleep(r: _Entry, common: dict[str, Any]) -> SleepEntry:
    bed, wake = r.moment("bed_time"), r.moment("wake_time")
    minutes = r.number("minutes_to_sleep")
    hours = r.decimal("sleep_hours")
    derived = SleepEntry(bed_time=bed, wake_time=wake, minutes_to_sleep=minutes, **common).total_hours
    return SleepEntry(
        bed_time=bed,
        wake_time=wake,
        minutes_to_sleep=minutes,
        awakenings=r.number("awakenings"),
        # Hours that equal what the times give were derived, not typed: keep them derived.
        hours=None if hours is not None and derived is not None and abs(hours - derived) < 1e-9 else hours,
        quality=r.number("sleep_quality"),
        refreshed=r.flag("woke_refreshed"),
        **common,
    )


def _reaction(v: _Value) -> Reaction:
    try:
        return Reaction(v.value)
    except ValueError:
        known = ", ".join(r.value for r in Reaction)
        raise _Bad(v.line, "value", f"'{v.value[:60]}' is not a known reaction ({known})") from None


def _site(v: _Value) -> BodySite:
    try:
        return BodySite(v.value)
    except ValueError:
        raise _Bad(v.line, "value", f"'{v.value[:60]}' is not one of the 19 body sites") from None


__all__ = ["DERIVED", "plan_gutpain_csv"]
