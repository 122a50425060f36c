"""Measure a backup against shared/DESIGN.md section 6: backup <= 2x the backup API alone, on the same journal.

    python benchmarks/backup_bench.py [--journal DIR] [--runs N]

``bench_backup(journal, report)`` adds to a :class:`run.Report`:

* ``backup.raw_api``: ``sqlite3.Connection.backup`` from the journal into a new file, nothing else.
* ``backup.app``: ``storage.backups.take_backup``: the same copy into a temp file, ``quick_check``, fsync, rename,
  then pruning by the retention rule (what the app does every 30 minutes).
* ``backup.app_vs_raw``: the ratio of the medians. Budget <= 2.
* ``startup.quick_check``: the start-up check on this journal, for context (it runs before every start).

Runs are interleaved, after one untimed warm-up of each.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for folder in (REPO, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from run import Report, Row  # noqa: E402

from gutpain_desktop.storage import DB_FILENAME  # noqa: E402
from gutpain_desktop.storage.backups import take_backup  # noqa: E402
from gutpain_desktop.storage.health import quick_check  # noqa: E402

BACKUP_BUDGET = 2.0
DEFAULT_JOURNAL = REPO / "benchmarks" / "out" / "demo-10y-seed1"


def _raw(db_path: Path, target: Path) -> float:
    started = time.perf_counter()
    source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    return time.perf_counter() - started


def bench_backup(journal: Path, report: Report, runs: int = 5) -> None:
    db_path = journal / DB_FILENAME
    with tempfile.TemporaryDirectory(prefix="gutpain-backup-bench-") as temp:
        out = Path(temp)
        raw_s, app_s, check_s = [], [], []
        for attempt in range(runs + 1):
            raw = _raw(db_path, out / f"raw-{attempt}.sqlite")
            started = time.perf_counter()
            take_backup(db_path, out / "backups", "auto")
            app = time.perf_counter() - started
            check = quick_check(db_path).seconds
            if attempt:  # the first is a warm-up
                raw_s.append(raw)
                app_s.append(app)
                check_s.append(check)
            (out / f"raw-{attempt}.sqlite").unlink()
    raw_ms = statistics.median(raw_s) * 1000
    app_ms = statistics.median(app_s) * 1000
    ratio = app_ms / raw_ms if raw_ms else None
    report.add(Row("backup.raw_api", raw_ms, "ms"))
    report.add(Row("backup.app", app_ms, "ms"))
    report.add(
        Row("backup.app_vs_raw", ratio, "x", f"<= {BACKUP_BUDGET:g}", ratio is not None and ratio <= BACKUP_BUDGET)
    )
    report.add(Row("startup.quick_check", statistics.median(check_s) * 1000, "ms"))
    report.note(f"backup: {db_path.stat().st_size / 1e6:.1f} MB journal, {runs} runs each")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.journal / DB_FILENAME).is_file():
        parser.error(f"no journal in {args.journal} (benchmarks/run.py builds one)")
    report = Report()
    with tempfile.TemporaryDirectory(prefix="gutpain-backup-journal-") as temp:
        copy = Path(temp)
        src = sqlite3.connect(args.journal / DB_FILENAME)
        dst = sqlite3.connect(copy / DB_FILENAME)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        bench_backup(copy, report, runs=args.runs)
        shutil.rmtree(copy, ignore_errors=True)
    print(report.table())
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
