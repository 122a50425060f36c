"""CSV export and import against raw sqlite3 + csv on the same data, in the same run (shared/DESIGN.md section 6:
CSV export <= 2x raw sqlite3 + csv.writer on the same rows).

    python benchmarks/exchange_bench.py [--journal DIR] [--values N]

``bench_exchange(journal, report)`` adds rows to a :class:`run.Report`:

* ``export.app``: entries.csv of the whole journal as the app writes it (one Core query per table, rows built in
  Python, csv.writer, atomic write with fsync). ``export.raw``: plain sqlite3 reading the same tables and csv.writer
  writing one row per value (the same number of rows; no unit/offset/neutralising work). Ratio budget: <= 2x.
* ``export_1m.*``: the same on a synthetic journal of ~1,000,000 values (bowel movements, 5 values each), built once
  into benchmarks/out/ and reused.
* ``import.app``: planning and importing that entries.csv into an empty journal (parse, validate, one transaction).
  ``import.raw``: csv.reader + sqlite3 executemany of the same rows into one table, one transaction. No budget in
  DESIGN; reported as a ratio for the record.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for folder in (REPO, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from run import OUT, Report, Row  # noqa: E402

from gutpain_desktop.domain.entries import BowelEntry  # noqa: E402
from gutpain_desktop.exchange.csv_export import write_entries  # noqa: E402
from gutpain_desktop.exchange.csv_import import plan_gutpain_csv  # noqa: E402
from gutpain_desktop.exchange.importing import apply_plan  # noqa: E402
from gutpain_desktop.storage import DB_FILENAME, open_store  # noqa: E402

EXPORT_BUDGET = 2.0
DEFAULT_JOURNAL = OUT / "demo-10y-seed1"

#: Raw baseline: per kind, the detail columns read and written one row per non-empty value.
RAW_DETAILS = {
    "meal": ("meal", ("meal_type", "challenge_id")),
    "pain": ("pain", ("intensity", "recall", "pain_kind")),
    "symptom": ("symptom_rating", ("symptom_key", "severity")),
    "stress": ("stress", ("level",)),
    "sleep": ("sleep", ("bed_time", "wake_time", "minutes_to_sleep", "awakenings", "total_hours", "quality",
                        "refreshed")),
    "bowel": ("bowel", ("bristol", "urgency", "straining", "blood", "at_night")),
    "diet_phase": ("diet_phase", ("protocol", "protocol_name", "phase", "planned_end", "ended", "eliminated")),
    "challenge": ("challenge", ("food", "target_symptoms", "washout_days", "outcome", "decided_by")),
    "weekly_checkin": ("weekly_checkin", ("fatigue", "unrefreshed", "cognitive", "headaches", "lower_abdominal_pain",
                                          "depression", "wpi", "sss")),
    "context": ("context", ("period", "illness", "fever", "alcohol", "exercise", "medication")),
}  # fmt: skip
RAW_CHILDREN = (
    ("meal_food", "name"),
    ("meal_food_category", "category_key"),
    ("entry_site", "site"),
    ("challenge_dose", "size"),
)


def raw_export(db: Path, out: Path) -> int:
    """sqlite3 + csv.writer: one row per stored value (id, kind, time, offset, measure, value, note)."""
    rows = 0
    con = sqlite3.connect(db)
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(("entry_id", "kind", "occurred_utc", "offset", "measure", "value", "note"))
            for kind, (table, columns) in RAW_DETAILS.items():
                picked = ", ".join("d." + c for c in columns)
                query = (
                    f"SELECT e.id, e.kind, e.occurred_utc, e.utc_offset_min, e.note, {picked}"
                    f" FROM entry e JOIN {table} d ON d.entry_id = e.id WHERE e.kind = ? ORDER BY e.occurred_utc"
                )
                for r in con.execute(query, (kind,)):
                    head = r[:4]
                    for name, value in zip(columns, r[5:], strict=True):
                        if value is not None and value != "":
                            writer.writerow((*head, name, value, r[4]))
                            rows += 1
            for table, column in RAW_CHILDREN:
                query = (
                    f"SELECT e.id, e.kind, e.occurred_utc, e.utc_offset_min, c.{column} FROM entry e "
                    f"JOIN {table} c ON c.entry_id = e.id ORDER BY e.occurred_utc"
                )
                for r in con.execute(query):
                    writer.writerow((*r[:4], column, r[4], ""))
                    rows += 1
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        con.close()
    return rows


def raw_import(csv_path: Path, db: Path) -> int:
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE value (entry_id, kind, occurred_at, date, time, measure, item, value, unit, note)")
        with csv_path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            con.execute("BEGIN")
            rows = list(reader)
            con.executemany("INSERT INTO value VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            con.execute("COMMIT")
    finally:
        con.close()
    return len(rows)


def _best(times: list[float]) -> float:
    return sorted(times)[len(times) // 2]


def _export_pair(name: str, journal: Path, report: Report, runs: int) -> Path:
    store = open_store(journal)
    work = Path(tempfile.mkdtemp(prefix="gutpain-export-bench-"))
    app_s, raw_s = [], []
    values = raw_rows = 0
    try:
        for _ in range(runs):
            started = time.perf_counter()
            data = store.entries.bulk.export_rows()
            values = write_entries(work / "entries.csv", data)
            app_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            raw_rows = raw_export(journal / DB_FILENAME, work / "raw.csv")
            raw_s.append(time.perf_counter() - started)
    finally:
        store.close()
    app, raw = _best(app_s), _best(raw_s)
    ratio = app / raw if raw else None
    report.add(Row(f"{name}.values", float(values), "values"))
    report.add(Row(f"{name}.app", app * 1000, "ms"))
    report.add(Row(f"{name}.raw_sqlite3_csv", raw * 1000, "ms"))
    report.add(Row(f"{name}.ratio", ratio, "x", f"<= {EXPORT_BUDGET:g}x", ratio is not None and ratio <= EXPORT_BUDGET))
    app_runs = ", ".join(f"{t * 1000:.0f}" for t in app_s)
    raw_runs = ", ".join(f"{t * 1000:.0f}" for t in raw_s)
    report.note(
        f"{name}: app wrote {values} value rows, raw {raw_rows} rows; runs app {app_runs} ms, raw {raw_runs} ms"
    )
    return work


def million_values_journal(values: int, report: Report) -> Path:
    """A journal of ``values`` exported values: bowel movements (5 values each), cached in benchmarks/out."""
    folder = OUT / f"bulk-{values}-values"
    marker = folder / "done"
    if marker.is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    store = open_store(folder)
    started = time.perf_counter()
    try:
        first = datetime.now().astimezone().replace(microsecond=0) - timedelta(days=3650)
        batch = []
        for i in range(values // 5):
            batch.append(
                BowelEntry(occurred_at=first + timedelta(minutes=25 * i), bristol=1 + i % 7, urgency=i % 3 == 0)
            )
            if len(batch) == 20_000:
                store.entries.add_many(batch, check=False, remember_foods=False)
                batch = []
        if batch:
            store.entries.add_many(batch, check=False, remember_foods=False)
    finally:
        store.close()
    marker.write_text("ok\n", encoding="utf-8")
    report.note(
        f"built a journal of {values // 5} bowel entries ({values} values) in {time.perf_counter() - started:.0f} s"
    )
    return folder


def bench_exchange(journal: Path, report: Report, *, runs: int = 3, million: int = 1_000_000) -> None:
    work = _export_pair("export", journal, report, runs)
    try:
        app_s, raw_s = [], []
        for _ in range(max(runs - 1, 1)):
            with tempfile.TemporaryDirectory(prefix="gutpain-import-bench-") as temp:
                store = open_store(Path(temp) / "app")
                started = time.perf_counter()
                plan = plan_gutpain_csv(work / "entries.csv", store)
                outcome = apply_plan(store, plan)
                app_s.append(time.perf_counter() - started)
                store.close()
                started = time.perf_counter()
                raw_import(work / "entries.csv", Path(temp) / "raw.sqlite")
                raw_s.append(time.perf_counter() - started)
        app, raw = _best(app_s), _best(raw_s)
        report.add(Row("import.entries", float(outcome.added), "entries"))
        report.add(Row("import.app", app * 1000, "ms", "no budget", None))
        report.add(Row("import.raw_csv_sqlite3", raw * 1000, "ms"))
        report.add(Row("import.ratio", app / raw if raw else None, "x", "no budget", None))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if million:
        bench_exchange_million(report, million)


def bench_exchange_million(report: Report, million: int = 1_000_000) -> None:
    """Export of a synthetic journal of ``million`` values against raw sqlite3 + csv."""
    shutil.rmtree(_export_pair("export_1m", million_values_journal(million, report), report, 2), ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL)
    parser.add_argument("--values", type=int, default=1_000_000, help="size of the synthetic journal (0: skip it)")
    args = parser.parse_args()
    report = Report()
    with tempfile.TemporaryDirectory(prefix="gutpain-bench-copy-") as temp:
        copy = Path(temp) / "journal"
        copy.mkdir()
        src, dst = sqlite3.connect(args.journal / DB_FILENAME), sqlite3.connect(copy / DB_FILENAME)
        src.backup(dst)
        src.close()
        dst.close()
        bench_exchange(copy, report, million=args.values)
    print(report.table())
    print("\n".join(f"note: {n}" for n in report.notes))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
