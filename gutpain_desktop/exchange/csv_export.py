"""CSV export for a practitioner or a spreadsheet: entries.csv (long format), daily_summary.csv, data_dictionary.csv.

entries.csv has one row per recorded value: the entry's UUID and kind, when it happened (ISO 8601 local time with
its UTC offset, and the local date and time as separate cells a spreadsheet recognises), the measure, an item number
where an entry holds several (foods of a meal, dose days), the value, its unit or scale, and the entry's note on the
entry's first row. Rows are oldest first, and within an entry in a fixed order, so exporting the same journal twice
gives the same bytes. Text typed by the person is neutralised against spreadsheet formulas (:func:`files.neutralise`);
numbers are left as numbers. Booleans are "yes"/"no"; values that were not given have no row at all.

The rows are built from plain tuples read by one Core query per table (``EntryRepository.bulk.export_rows``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from ..domain.entries import EntryKind
from ..storage.bulk import ExportRows
from .daily_summary import daily_summary_rows
from .dictionary import dictionary_rows
from .files import atomic_text, neutralise
from .vocabulary import BY_NAME, NRS_UNIT, TIME_UNIT

ENTRY_COLUMNS = ("entry_id", "kind", "occurred_at", "date", "time", "measure", "item", "value", "unit", "note")
ENTRIES_FILE = "entries.csv"
DAILY_FILE = "daily_summary.csv"
DICTIONARY_FILE = "data_dictionary.csv"
FILES = (ENTRIES_FILE, DAILY_FILE, DICTIONARY_FILE)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExportCancelled(Exception):
    pass


class ExportSource(Protocol):
    """What the export needs from the store (``Store`` has it)."""

    @property
    def entries(self) -> Any: ...

    @property
    def catalog(self) -> Any: ...


@dataclass(frozen=True)
class ExportOptions:
    start: date | None = None
    end: date | None = None
    kinds: tuple[EntryKind, ...] | None = None
    #: Write a UTF-8 byte order mark so Excel on Windows reads accents right.
    excel_bom: bool = False


@dataclass
class ExportResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    entries: int = 0
    values: int = 0
    days: int = 0


def _number(value: float | int) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _offset_text(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def entry_rows(data: ExportRows) -> Iterator[tuple[str, ...]]:
    """The rows of entries.csv (without the header), oldest entry first."""
    offsets: dict[int, str] = {}
    details = data.details
    text = neutralise
    for eid, kind_value, utc_text, offset, note in data.entries:
        kind = EntryKind(kind_value)
        local = datetime.fromisoformat(utc_text) + timedelta(minutes=offset)
        zone = offsets.get(offset)
        if zone is None:
            zone = offsets[offset] = _offset_text(offset)
        stamp = local.isoformat()
        day, clock = stamp.split("T")
        head = (eid, kind_value, stamp + zone, day, clock)
        values = list(_values(kind, eid, details[kind][eid], data))
        first = True
        for measure, item, value, unit in values:
            yield (*head, measure, item, value, unit, text(note) if first and note else "")
            first = False


def _units() -> dict[str, str]:
    return {name: m.unit for (_kind, name), m in BY_NAME.items()}


_UNIT = _units()


def _values(kind: EntryKind, eid: str, d: tuple[Any, ...], data: ExportRows) -> Iterator[tuple[str, str, str, str]]:
    """(measure, item, value, unit) of one entry, in a fixed order."""
    u = _UNIT
    if kind is EntryKind.PAIN:
        intensity, recall, pain_kind = d
        yield "pain_intensity", "", str(intensity), u["pain_intensity"]
        yield "pain_recall", "", recall, u["pain_recall"]
        for site in data.sites.get(eid, ()):
            yield "body_site", "", site, u["body_site"]
        if pain_kind:
            yield "pain_kind", "", pain_kind, u["pain_kind"]
    elif kind is EntryKind.SYMPTOM:
        key, severity = d
        yield key, "", str(severity), NRS_UNIT
    elif kind is EntryKind.STRESS:
        yield "stress_level", "", str(d[0]), u["stress_level"]
    elif kind is EntryKind.MEAL:
        meal_type, challenge_id = d
        yield "meal_type", "", meal_type, u["meal_type"]
        cats: dict[int, list[str]] = {}
        for position, key in data.food_categories.get(eid, ()):
            cats.setdefault(position, []).append(key)
        for number, (position, name, portion) in enumerate(data.foods.get(eid, ()), start=1):
            item = str(number)
            yield "food", item, neutralise(name), "text"
            if portion:
                yield "portion", item, neutralise(portion), "text"
            for key in cats.get(position, ()):
                yield "food_category", item, key, u["food_category"]
        if challenge_id:
            yield "challenge_id", "", challenge_id, "UUID"
    elif kind is EntryKind.SLEEP:
        bed, wake, minutes, awakenings, hours, quality, refreshed = d
        if bed:
            yield "bed_time", "", bed, TIME_UNIT
        if wake:
            yield "wake_time", "", wake, TIME_UNIT
        if minutes is not None:
            yield "minutes_to_sleep", "", str(minutes), u["minutes_to_sleep"]
        if awakenings is not None:
            yield "awakenings", "", str(awakenings), u["awakenings"]
        if hours is not None:
            yield "sleep_hours", "", _number(float(hours)), u["sleep_hours"]
        if quality is not None:
            yield "sleep_quality", "", str(quality), u["sleep_quality"]
        if refreshed is not None:
            yield "woke_refreshed", "", _yes_no(refreshed), u["woke_refreshed"]
    elif kind is EntryKind.BOWEL:
        bristol, urgency, straining, blood, at_night = d
        yield "bristol_type", "", str(bristol), u["bristol_type"]
        yield "urgency", "", _yes_no(urgency), u["urgency"]
        yield "straining", "", _yes_no(straining), u["straining"]
        yield "blood_seen", "", _yes_no(blood), u["blood_seen"]
        yield "at_night", "", _yes_no(at_night), u["at_night"]
    elif kind is EntryKind.DIET_PHASE:
        protocol, protocol_name, phase, planned_end, ended, eliminated = d
        yield "protocol", "", protocol, u["protocol"]
        if protocol_name:
            yield "protocol_name", "", neutralise(protocol_name), "text"
        yield "phase", "", phase, u["phase"]
        if planned_end is not None:
            yield "planned_end", "", planned_end.isoformat(), u["planned_end"]
        if ended is not None:
            yield "ended", "", ended.isoformat(), u["ended"]
        for number, item in enumerate((x for x in eliminated.split("\n") if x), start=1):
            yield "eliminated", str(number), neutralise(item), "text"
    elif kind is EntryKind.CHALLENGE:
        food, targets, washout, outcome, decided_by = d
        yield "challenge_food", "", neutralise(food), "text"
        for number, key in enumerate(targets.split(), start=1):
            yield "target_symptom", str(number), key, u["target_symptom"]
        for day, size, amount in data.doses.get(eid, ()):
            yield "dose_size", str(day), size, u["dose_size"]
            if amount:
                yield "dose_amount", str(day), neutralise(amount), "text"
        yield "washout_days", "", str(washout), u["washout_days"]
        yield "outcome", "", outcome, u["outcome"]
        if decided_by:
            yield "decided_by", "", decided_by, u["decided_by"]
    elif kind is EntryKind.WEEKLY_CHECKIN:
        fatigue, unrefreshed, cognitive, headaches, lower, depression, wpi, sss = d
        for site in data.sites.get(eid, ()):
            yield "wpi_site", "", site, u["wpi_site"]
        yield "sss_fatigue", "", str(fatigue), u["sss_fatigue"]
        yield "sss_unrefreshed", "", str(unrefreshed), u["sss_unrefreshed"]
        yield "sss_cognitive", "", str(cognitive), u["sss_cognitive"]
        yield "sss_headaches", "", _yes_no(headaches), u["sss_headaches"]
        yield "sss_lower_abdominal_pain", "", _yes_no(lower), u["sss_lower_abdominal_pain"]
        yield "sss_depression", "", _yes_no(depression), u["sss_depression"]
        yield "wpi", "", str(wpi), u["wpi"]
        yield "sss", "", str(sss), u["sss"]
        yield "fs", "", str(wpi + sss), u["fs"]
    elif kind is EntryKind.CONTEXT:
        period, illness, fever, alcohol, exercise, medication, reaction_food, reactions = d
        yield "period", "", _yes_no(period), u["period"]
        yield "illness", "", _yes_no(illness), u["illness"]
        yield "fever", "", _yes_no(fever), u["fever"]
        yield "alcohol", "", _yes_no(alcohol), u["alcohol"]
        yield "exercise", "", _yes_no(exercise), u["exercise"]
        if medication:
            yield "medication", "", neutralise(medication), "text"
        if reaction_food:
            yield "reaction_food", "", neutralise(reaction_food), "text"
        for reaction in (r for r in reactions.split(",") if r):
            yield "reaction", "", reaction, u["reaction"]


def write_entries(path: Path, data: ExportRows, *, excel_bom: bool = False) -> int:
    """Write entries.csv atomically; return the number of value rows."""
    count = 0
    with atomic_text(path, encoding="utf-8-sig" if excel_bom else "utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(ENTRY_COLUMNS)
        for chunk in _chunks(entry_rows(data), 5000):
            writer.writerows(chunk)
            count += len(chunk)
    return count


def write_rows(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], *, excel_bom: bool = False) -> None:
    with atomic_text(path, encoding="utf-8-sig" if excel_bom else "utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def _chunks(rows: Iterator[tuple[str, ...]], size: int) -> Iterator[list[tuple[str, ...]]]:
    chunk: list[tuple[str, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def export_csv(
    store: ExportSource,
    folder: Path,
    options: ExportOptions | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """Write the three files into ``folder`` (created if needed, 0700 when new). Each file is replaced atomically."""
    options = options or ExportOptions()
    if options.start and options.end and options.start > options.end:
        raise ValueError(f"the first day ({options.start}) is after the last day ({options.end})")
    report = progress or (lambda _done, _total: None)
    stop = cancelled or (lambda: False)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    result = ExportResult(folder)
    report(0, 4)
    data = store.entries.bulk.export_rows(start=options.start, end=options.end, kinds=options.kinds)
    if stop():
        raise ExportCancelled
    report(1, 4)
    path = folder / ENTRIES_FILE
    result.values = write_entries(path, data, excel_bom=options.excel_bom)
    result.entries = len(data.entries)
    result.files.append(path)
    if stop():
        raise ExportCancelled
    report(2, 4)
    names = {d.key: d.name for d in store.catalog.symptoms()}
    category_names = {c.key: c.name for c in store.catalog.categories()}
    measured = store.entries.measurements(start=options.start, end=options.end)
    header, rows, symptoms = daily_summary_rows(measured, options.start, options.end, names=names)
    result.days = len(rows)
    path = folder / DAILY_FILE
    write_rows(path, header, rows, excel_bom=options.excel_bom)
    result.files.append(path)
    report(3, 4)
    used_symptoms = sorted({d[0] for d in data.details.get(EntryKind.SYMPTOM, {}).values()} | set(symptoms))
    used_categories = sorted({key for cats in data.food_categories.values() for _pos, key in cats})
    path = folder / DICTIONARY_FILE
    dict_header, dict_rows = dictionary_rows(
        symptoms={k: names.get(k, k) for k in used_symptoms},
        categories={k: category_names.get(k, k) for k in used_categories},
        summary_columns=header,
        summary_symptoms=symptoms,
        symptom_names=names,
    )
    write_rows(path, dict_header, dict_rows, excel_bom=options.excel_bom)
    result.files.append(path)
    report(4, 4)
    return result
