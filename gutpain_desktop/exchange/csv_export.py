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
from ..storage.bulk import ExportRows, shrink
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


Value = tuple[str, str, str, str]  # (measure, item, value, unit)
#: A batch of rows is written once it holds this many (one csv call for many rows, without holding on to them all).
BATCH_ROWS = 2000


def entry_row_batches(data: ExportRows, size: int = BATCH_ROWS) -> Iterator[list[tuple[str, ...]]]:
    """The rows of entries.csv (without the header), oldest entry first, in lists of about ``size`` rows.

    The hot loop of an export (one pass per entry, hundreds of thousands of them): each kind's values come from its
    own function, looked up by the stored kind text, and the rows of an entry are built in one list.
    """
    zones: dict[int, tuple[timedelta, str]] = {}
    details = data.details
    makers = _MAKERS
    parse = datetime.fromisoformat
    empty = ("",)
    batch: list[tuple[str, ...]] = []
    for eid, kind_value, utc_text, offset, note in data.entries:
        values = makers[kind_value](eid, details[kind_value][eid], data)  # type: ignore[index]
        if not values:
            continue
        zone = zones.get(offset)
        if zone is None:
            zone = zones[offset] = (timedelta(minutes=offset), _offset_text(offset))
        stamp = (parse(utc_text) + zone[0]).isoformat()
        head = (eid, kind_value, stamp + zone[1], stamp[:10], stamp[11:])
        first = len(batch)
        batch.extend([head + value + empty for value in values])
        if note:
            batch[first] = head + values[0] + (neutralise(note),)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def entry_rows(data: ExportRows) -> Iterator[tuple[str, ...]]:
    """The rows of entries.csv (without the header), oldest entry first."""
    for batch in entry_row_batches(data):
        yield from batch


def _units() -> dict[str, str]:
    return {name: m.unit for (_kind, name), m in BY_NAME.items()}


_UNIT = _units()
_U = _UNIT


def _pain(eid: str, d: tuple[Any, ...], data: ExportRows) -> list[Value]:
    intensity, recall, pain_kind = d
    values = [
        ("pain_intensity", "", str(intensity), _U["pain_intensity"]),
        ("pain_recall", "", recall, _U["pain_recall"]),
    ]
    sites = data.sites.get(eid)
    if sites:
        unit = _U["body_site"]
        values.extend([("body_site", "", site, unit) for site in sites])
    if pain_kind:
        values.append(("pain_kind", "", pain_kind, _U["pain_kind"]))
    return values


def _symptom(_eid: str, d: tuple[Any, ...], _data: ExportRows) -> list[Value]:
    return [(d[0], "", str(d[1]), NRS_UNIT)]


_STRESS_UNIT = _U["stress_level"]


def _stress(_eid: str, d: tuple[Any, ...], _data: ExportRows) -> list[Value]:
    return [("stress_level", "", str(d[0]), _STRESS_UNIT)]


def _meal(eid: str, d: tuple[Any, ...], data: ExportRows) -> list[Value]:
    meal_type, challenge_id = d
    values = [("meal_type", "", meal_type, _U["meal_type"])]
    cats: dict[int, list[str]] = {}
    for position, key in data.food_categories.get(eid, ()):
        cats.setdefault(position, []).append(key)
    category_unit = _U["food_category"]
    for number, (position, name, portion) in enumerate(data.foods.get(eid, ()), start=1):
        item = str(number)
        values.append(("food", item, neutralise(name), "text"))
        if portion:
            values.append(("portion", item, neutralise(portion), "text"))
        for key in cats.get(position, ()):
            values.append(("food_category", item, key, category_unit))
    if challenge_id:
        values.append(("challenge_id", "", challenge_id, "UUID"))
    return values


def _sleep(_eid: str, d: tuple[Any, ...], _data: ExportRows) -> list[Value]:
    bed, wake, minutes, awakenings, hours, quality, refreshed = d
    u = _U
    values: list[Value] = []
    if bed:
        values.append(("bed_time", "", bed, TIME_UNIT))
    if wake:
        values.append(("wake_time", "", wake, TIME_UNIT))
    if minutes is not None:
        values.append(("minutes_to_sleep", "", str(minutes), u["minutes_to_sleep"]))
    if awakenings is not None:
        values.append(("awakenings", "", str(awakenings), u["awakenings"]))
    if hours is not None:
        values.append(("sleep_hours", "", _number(float(hours)), u["sleep_hours"]))
    if quality is not None:
        values.append(("sleep_quality", "", str(quality), u["sleep_quality"]))
    if refreshed is not None:
        values.append(("woke_refreshed", "", _yes_no(refreshed), u["woke_refreshed"]))
    return values


def _bowel(_eid: str, d: tuple[Any, ...], _data: ExportRows) -> list[Value]:
    bristol, urgency, straining, blood, at_night = d
    u = _U
    return [
        ("bristol_type", "", str(bristol), u["bristol_type"]),
        ("urgency", "", _yes_no(urgency), u["urgency"]),
        ("straining", "", _yes_no(straining), u["straining"]),
        ("blood_seen", "", _yes_no(blood), u["blood_seen"]),
        ("at_night", "", _yes_no(at_night), u["at_night"]),
    ]


def _diet_phase(_eid: str, d: tuple[Any, ...], _data: ExportRows) -> list[Value]:
    protocol, protocol_name, phase, planned_end, ended, eliminated = d
    u = _U
    values = [("protocol", "", protocol, u["protocol"])]
    if protocol_name:
        values.append(("protocol_name", "", neutralise(protocol_name), "text"))
    values.append(("phase", "", phase, u["phase"]))
    if planned_end is not None:
        values.append(("planned_end", "", planned_end.isoformat(), u["planned_end"]))
    if ended is not None:
        values.append(("ended", "", ended.isoformat(), u["ended"]))
    for number, item in enumerate((x for x in eliminated.split("\n") if x), start=1):
        values.append(("eliminated", str(number), neutralise(item), "text"))
    return values


def _challenge(eid: str, d: tuple[Any, ...], data: ExportRows) -> list[Value]:
    food, targets, washout, outcome, decided_by = d
    u = _U
    values = [("challenge_food", "", neutralise(food), "text")]
    for number, key in enumerate(targets.split(), start=1):
        values.append(("target_symptom", str(number), key, u["target_symptom"]))
    for day, size, amount in data.doses.get(eid, ()):
        values.append(("dose_size", str(day), size, u["dose_size"]))
        if amount:
            values.append(("dose_amount", str(day), neutralise(amount), "text"))
    values.append(("washout_days", "", str(washout), u["washout_days"]))
    values.append(("outcome", "", outcome, u["outcome"]))
    if decided_by:
        values.append(("decided_by", "", decided_by, u["decided_by"]))
    return values


def _weekly_checkin(eid: str, d: tuple[Any, ...], data: ExportRows) -> list[Value]:
    fatigue, unrefreshed, cognitive, headaches, lower, depression, wpi, sss = d
    u = _U
    values = [("wpi_site", "", site, u["wpi_site"]) for site in data.sites.get(eid, ())]
    values += [
        ("sss_fatigue", "", str(fatigue), u["sss_fatigue"]),
        ("sss_unrefreshed", "", str(unrefreshed), u["sss_unrefreshed"]),
        ("sss_cognitive", "", str(cognitive), u["sss_cognitive"]),
        ("sss_headaches", "", _yes_no(headaches), u["sss_headaches"]),
        ("sss_lower_abdominal_pain", "", _yes_no(lower), u["sss_lower_abdominal_pain"]),
        ("sss_depression", "", _yes_no(depression), u["sss_depression"]),
        ("wpi", "", str(wpi), u["wpi"]),
        ("sss", "", str(sss), u["sss"]),
        ("fs", "", str(wpi + sss), u["fs"]),
    ]
    return values


def _context(_eid: str, d: tuple[Any, ...], _data: ExportRows) -> list[Value]:
    period, illness, fever, alcohol, exercise, medication, reaction_food, reactions = d
    u = _U
    values = [
        ("period", "", _yes_no(period), u["period"]),
        ("illness", "", _yes_no(illness), u["illness"]),
        ("fever", "", _yes_no(fever), u["fever"]),
        ("alcohol", "", _yes_no(alcohol), u["alcohol"]),
        ("exercise", "", _yes_no(exercise), u["exercise"]),
    ]
    if medication:
        values.append(("medication", "", neutralise(medication), "text"))
    if reaction_food:
        values.append(("reaction_food", "", neutralise(reaction_food), "text"))
    unit = u["reaction"]
    values.extend([("reaction", "", reaction, unit) for reaction in reactions.split(",") if reaction])
    return values


#: (measure, item, value, unit) of one entry, in a fixed order, per stored kind.
_MAKERS: dict[str, Callable[[str, tuple[Any, ...], ExportRows], list[Value]]] = {
    EntryKind.PAIN.value: _pain,
    EntryKind.SYMPTOM.value: _symptom,
    EntryKind.STRESS.value: _stress,
    EntryKind.MEAL.value: _meal,
    EntryKind.SLEEP.value: _sleep,
    EntryKind.BOWEL.value: _bowel,
    EntryKind.DIET_PHASE.value: _diet_phase,
    EntryKind.CHALLENGE.value: _challenge,
    EntryKind.WEEKLY_CHECKIN.value: _weekly_checkin,
    EntryKind.CONTEXT.value: _context,
}


def write_entries(path: Path, data: ExportRows, *, excel_bom: bool = False) -> int:
    """Write entries.csv atomically; return the number of value rows."""
    count = 0
    with atomic_text(path, encoding="utf-8-sig" if excel_bom else "utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(ENTRY_COLUMNS)
        for batch in entry_row_batches(data):
            writer.writerows(batch)
            count += len(batch)
    return count


def write_rows(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], *, excel_bom: bool = False) -> None:
    with atomic_text(path, encoding="utf-8-sig" if excel_bom else "utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(header)
        for first in range(0, len(rows), BATCH_ROWS):  # one long csv call would hold the GIL throughout
            writer.writerows(rows[first : first + BATCH_ROWS])


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
    symptoms_logged = {d[0] for d in data.details.get(EntryKind.SYMPTOM, {}).values()}
    used_categories = sorted({key for cats in data.food_categories.values() for _pos, key in cats})
    data.release()  # now, in steps, rather than all at once when the last reference goes
    del data
    if stop():
        raise ExportCancelled
    report(2, 4)
    names = {d.key: d.name for d in store.catalog.symptoms()}
    category_names = {c.key: c.name for c in store.catalog.categories()}
    measured = store.entries.measurements(start=options.start, end=options.end)
    header, rows, symptoms = daily_summary_rows(measured, options.start, options.end, names=names)
    del measured
    result.days = len(rows)
    path = folder / DAILY_FILE
    write_rows(path, header, rows, excel_bom=options.excel_bom)
    shrink(rows)
    result.files.append(path)
    report(3, 4)
    used_symptoms = sorted(symptoms_logged | set(symptoms))
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
