"""Measure the insights (food-symptom associations) on a full journal against the budget of shared/DESIGN.md
section 6: association analysis over 10 years <= 1 s, off the UI thread.

    python benchmarks/insights_bench.py [--journal DIR] [--runs N]

``bench_insights(journal, report)`` adds its rows to a :class:`run.Report` (the table of ``benchmarks/run.py``):

* ``insights.query``: ``store.entries.measurements(foods=True)`` over the whole journal (one read session).
* ``insights.analysis``: ``analysis.insights.insights(...)`` on those columns, with the context comparisons
  (without high-stress and short-sleep days), as the app runs it: pain and the tracked symptoms, every category and
  the 20 most eaten foods, three lags, 1000 bootstrap resamples, every circular shift.
* ``insights.total``: the two together, what the background task does when the Insights view opens. Budget: <= 1 s.

Each figure is the median of ``runs`` timed runs after one untimed warm-up run. ``journal`` is opened as it is: give
it a working copy (``run.working_copy``). Run as a script, it copies the journal's files into a temporary folder
first, so the cached journal is never opened (default: the 10-year demo journal that ``benchmarks/run.py`` caches).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for folder in (REPO, HERE):  # run as a script from anywhere, or imported by run.py
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from run import Report, Row  # noqa: E402

from gutpain_desktop.analysis.insights import PAIN, insights  # noqa: E402
from gutpain_desktop.storage import DB_FILENAME, open_store  # noqa: E402

INSIGHTS_BUDGET_S = 1.0
DEFAULT_JOURNAL = REPO / "benchmarks" / "out" / "demo-10y-seed1"


def bench_insights(journal: Path, report: Report, runs: int = 5) -> None:
    store = open_store(journal)
    try:
        names = store.catalog.names()
        outcomes = [PAIN, *(d.key for d in store.catalog.symptoms(tracked_only=True))]
        query_s, analysis_s, total_s = [], [], []
        found = None
        for attempt in range(runs + 1):  # the first is a warm-up (imports, caches)
            started = time.perf_counter()
            measured = store.entries.measurements(foods=True)
            queried = time.perf_counter()
            found = insights(measured, names=names, outcomes=outcomes)
            done = time.perf_counter()
            if attempt:
                query_s.append(queried - started)
                analysis_s.append(done - queried)
                total_s.append(done - started)
    finally:
        store.close()
    assert found is not None
    total = statistics.median(total_s)
    report.add(Row("insights.query", statistics.median(query_s) * 1000, "ms", "off the UI thread", None))
    report.add(Row("insights.analysis", statistics.median(analysis_s) * 1000, "ms", "off the UI thread", None))
    report.add(
        Row("insights.total", total * 1000, "ms", f"<= {INSIGHTS_BUDGET_S * 1000:g} ms", total <= INSIGHTS_BUDGET_S)
    )
    report.add(Row("insights.comparisons", float(found.tests + found.context_tests), "tests"))
    days = len(found.series.days)
    report.note(
        f"insights: {days} days ({found.start} to {found.end}), {len(found.series.exposures)} exposures x "
        f"{len(found.series.outcomes)} outcomes x 3 lags = {found.tests} comparisons (+ {found.context_tests} without "
        f"stress/sleep days), {len(found.notable)} notable; total runs (ms): "
        + ", ".join(f"{t * 1000:.0f}" for t in total_s)
    )
    for a in found.notable[:5]:
        c = a.all_days
        report.note(
            f"insights notable: {a.exposure.label} -> {a.outcome.label} {a.lag.label}: {c.difference:+.2f} "
            f"({c.ci_low:+.2f} to {c.ci_high:+.2f}), q {c.q_value:.2g}"
        )


def copy_journal(source: Path, target: Path) -> Path:
    """Copy the database files of ``source`` (with any -wal / -shm beside it) into ``target``, unopened."""
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    for suffix in ("", "-wal", "-shm"):
        found = source / f"{DB_FILENAME}{suffix}"
        if found.is_file():
            shutil.copy2(found, target / found.name)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journal", type=Path, default=DEFAULT_JOURNAL, help="folder of the journal to measure")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    args = parser.parse_args(argv)
    if not (args.journal / DB_FILENAME).is_file():
        parser.error(f"no journal in {args.journal} (benchmarks/run.py builds the 10-year demo journal there)")
    os.umask(0o077)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="gutpain-insights-bench-") as temp:
        bench_insights(copy_journal(args.journal, Path(temp) / "journal"), report, runs=args.runs)
    print()
    print(f"GutPain Desktop insights benchmark: {args.journal}, {os.cpu_count()} CPUs, {sys.platform}")
    print(report.table())
    if report.notes:
        print()
        print("\n".join(f"note: {n}" for n in report.notes))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
