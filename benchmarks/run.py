"""Measure every performance budget of shared/DESIGN.md section 6 in one run, as ratios where there is a baseline.

    python benchmarks/run.py [--json FILE] [--quick] [--years N] [--seed N] [--no-10x]

Prints one table (name, value, unit, budget, holds); ``--json FILE`` writes the same rows. The full run builds (once,
cached in benchmarks/out/, git-ignored) a 10-year demo journal (~52,000 entries), its 10x (the same diary over 100
years, ~525,000 entries), journals of 100,000 and 1,000,000 entries for the journal view and a journal of 1,000,000
exported values; then measures, on each demo journal (rows of the 10x one start with ``x10.``):

1. Start-up: ``python -m gutpain_desktop --data-dir DIR`` against a bare PySide6 QMainWindow in the same kind of child
   process, runs interleaved. Each child prints ``shown-after-ms <float>`` (process start, as the OS records it, to
   the first event-loop turn after the window is shown; the app does so when GUTPAIN_BENCH_EXIT_AFTER_SHOW is set)
   and ``peak-rss-kb`` (peak resident memory then), and quits. Reported: the median (5 runs, 3 with --quick or at
   10x), the parent's wall time from Popen to exit, and the peak RSS. Budget: app <= 2x bare. Both children may write
   and reuse bytecode (in benchmarks/out/pycache), as an installed app would.
2. Save one entry: p50 and p95 of ``store.entries.add(entry)`` (each its own durable commit) for ~300 single entries.
   Budget: p95 <= 20 ms. For context, a raw sqlite3 INSERT + COMMIT in a WAL / synchronous=FULL database.
3. Trends: query and aggregation (off the UI thread) and the redraw of the charts on screen for every range; the most
   points drawn per line. Budget: redraw <= 100 ms, <= ~2,000 points per line.
4. Insights (insights_bench.py): query + analysis <= 1 s, off the UI thread.
5. Backup (backup_bench.py): the app's backup <= 2x the backup API alone.
6. CSV export and import (exchange_bench.py) against raw sqlite3 + csv on the same rows. Export budget: <= 2x.
7. The journal view at 100k and 1M entries (scale_bench.py): first paint and scrolling <= 100 ms, in English and with
   a translation installed (each line shown composed from its entry).
8. UI responsiveness (scale_bench.py): the longest event-loop gap while insights, export, import and backup run
   through the real window and dialogs on the 10x journal. Budget: <= 100 ms.

``--quick`` (under about a minute once its journals are cached): 1 year of data, its 10x is 10 years, the journal view
at 100k only, fewer runs, no 1M-value export. Each measurement works on a fresh copy (made with the SQLite backup API)
of a cached journal, so nothing saved by one run leaks into the next. Exit code 0 even when a budget is missed (this
is a report); 1 when a figure could not be measured or something else went wrong. The machines we run on are shared:
compare ratios measured in the same run, and expect single figures to move between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out"
if str(REPO) not in sys.path:  # run as a script from anywhere, without installing the package
    sys.path.insert(0, str(REPO))

from gutpain_desktop.domain.entries import AnyEntry, FoodItem, MealEntry, MealType, PainEntry, StressEntry  # noqa: E402
from gutpain_desktop.domain.scales import BodySite  # noqa: E402
from gutpain_desktop.storage import DB_FILENAME, Store, open_store  # noqa: E402

MARKER = "demo-marker.json"
SHOWN_PREFIX = "shown-after-ms"
CHILD_TIMEOUT_S = 60
APP_MODULE = "gutpain_desktop"
STARTUP_BUDGET = 2.0  # app / bare
SAVE_P95_BUDGET_MS = 20.0

# The bare baseline: the same process-start clock as gutpain_desktop.app, a QMainWindow, and the same report line
# on the first event-loop turn after show().
BARE_WINDOW = textwrap.dedent(
    """
    import os, sys, time

    def process_start():
        try:
            with open("/proc/self/stat") as handle:
                ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
            with open("/proc/uptime") as handle:
                uptime = float(handle.read().split()[0])
            return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return time.time()

    started = process_start()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 760)
    window.show()

    def report():
        print(f"shown-after-ms {(time.time() - started) * 1000:.1f}", flush=True)
        with open("/proc/self/status") as handle:  # VmHWM: ru_maxrss can carry the parent's over fork + exec
            peak = next((line.split()[1] for line in handle if line.startswith("VmHWM:")), "0")
        print(f"peak-rss-kb {peak}", flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, report)
    sys.exit(app.exec())
    """
)


# The floor of this stack: the bare window, after importing what the app must load before its window can show
# anything of the journal (SQLAlchemy's ORM, ~0.2 s here, more than the whole bare window). No app built on the
# mandated storage stack can start faster than this; the app's own work is measured against it.
FLOOR_WINDOW = BARE_WINDOW.replace(
    "started = process_start()\n", "started = process_start()\nimport sqlalchemy.orm  # the storage stack\n", 1
)
assert FLOOR_WINDOW != BARE_WINDOW
EMPTY_VS_FULL_BUDGET = 1.25  # start-up with 10 years of data against an empty journal: nothing scales with entries
FLOOR_BUDGET = 2.0  # app / floor (proposed, see bench_startup)


@dataclass
class Row:
    name: str
    value: float | None
    unit: str
    budget: str | None = None
    holds: bool | None = None

    def cells(self) -> list[str]:
        if self.value is None:
            value = "FAILED"
        elif self.unit == "entries":
            value = f"{self.value:.0f}"
        else:
            value = f"{self.value:.2f}" if abs(self.value) < 10 else f"{self.value:.1f}"
        holds = "-" if self.holds is None else ("yes" if self.holds else "no")
        return [self.name, value, self.unit, self.budget or "-", holds]


class Report:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.failed = False
        #: Put before every row name and note while set (e.g. "x10" for the figures on the 10x journal).
        self.prefix = ""

    def add(self, row: Row) -> None:
        if self.prefix:
            row.name = f"{self.prefix}.{row.name}"
        self.rows.append(row)
        if row.value is None:
            self.failed = True

    def note(self, text: str) -> None:
        if self.prefix:
            text = f"{self.prefix}: {text}"
        self.notes.append(text)
        print(f"  {text}", file=sys.stderr, flush=True)

    def table(self) -> str:
        header = ["name", "value", "unit", "budget", "holds"]
        lines = [header, *(r.cells() for r in self.rows)]
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        text = [
            "  ".join(
                cell.ljust(w) if i != 1 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))
            )
            for line in lines
        ]
        text.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(text)


# --- the demo journal ------------------------------------------------------------------------------------------------


def _generator_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO / "gutpain_desktop" / "demo").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_journal(years: float, seed: int, report: Report) -> Path:
    """The folder of a demo journal with ``years`` of data, built now unless a matching one is cached."""
    folder = OUT / f"demo-{years:g}y-seed{seed}"
    marker_path = folder / MARKER
    wanted = {"years": years, "seed": seed, "generator": _generator_hash()}
    marker: dict[str, Any] = {}
    if marker_path.is_file() and (folder / DB_FILENAME).is_file():
        try:
            marker = json.loads(marker_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            marker = {}
    if any(marker.get(k) != v for k, v in wanted.items()):
        from gutpain_desktop.demo import generate_demo

        print(f"building a {years:g}-year demo journal in {folder} ...", file=sys.stderr, flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        store = open_store(folder)
        try:
            started = time.perf_counter()
            entries = generate_demo(store, years=years, seed=seed)
            seconds = time.perf_counter() - started
        finally:
            store.close()
        marker = {**wanted, "entries": entries, "generate_s": round(seconds, 2), "built": datetime.now().isoformat()}
        marker_path.write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")  # last: a partial build is redone
        report.note(f"built the demo journal: {entries} entries in {seconds:.1f} s")
    else:
        report.note(f"reusing the demo journal built {marker.get('built', '?')} ({marker.get('entries')} entries)")
    report.add(Row("demo.entries", float(marker["entries"]), "entries"))
    report.add(Row("demo.generate_time", float(marker["generate_s"]), "s"))
    return folder


def working_copy(source: Path) -> Path:
    """A fresh copy of the cached journal (backup API: a plain copy of a WAL database can miss data), migrated."""
    target = OUT / "work"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True, mode=0o700)
    src = sqlite3.connect(source / DB_FILENAME)
    dst = sqlite3.connect(target / DB_FILENAME)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    open_store(target).close()  # migrate (and take any backup) now, not inside the timed start-up
    return target


# --- 1. start-up -----------------------------------------------------------------------------------------------------


@dataclass
class ChildRun:
    shown_ms: float | None
    wall_ms: float
    problem: str = ""
    rss_kb: float | None = None


def _child_env(extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("GUTPAIN_DATA_DIR", None)
    # Bytecode as an installed app has it: written once (by the warm-up run) outside the source tree, then reused.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return env


def run_child(command: Sequence[str], env: dict[str, str]) -> ChildRun:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            list(command),
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ChildRun(None, (time.perf_counter() - started) * 1000, f"no exit within {CHILD_TIMEOUT_S} s")
    wall = (time.perf_counter() - started) * 1000
    rss = None
    for line in done.stdout.splitlines():
        if line.startswith("peak-rss-kb"):
            rss = float(line.split()[1])
    for line in done.stdout.splitlines():
        if line.startswith(SHOWN_PREFIX):
            try:
                return ChildRun(float(line.split()[1]), wall, rss_kb=rss)
            except (IndexError, ValueError):
                return ChildRun(None, wall, f"unreadable line {line!r}")
    last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
    return ChildRun(None, wall, f"no '{SHOWN_PREFIX}' line (exit code {done.returncode}); stderr: {last[:200]}")


def bench_startup(journal: Path, runs: int, report: Report, name: str = "startup") -> None:
    """Four kinds of child, interleaved: the bare window, the stack's floor, the app on ``journal`` and the app on an
    empty journal. Budgets: app <= 2x bare (DESIGN section 6); app <= 2x floor (proposed: the bare window cannot be
    met by any app that imports SQLAlchemy before its window, as the floor row shows); app on ``journal`` <= 1.25x
    the app on an empty journal (nothing at start-up scales with the number of entries)."""
    with tempfile.TemporaryDirectory(prefix="gutpain-bench-") as temp:
        bare_script = Path(temp) / "bare_window.py"
        bare_script.write_text(BARE_WINDOW, encoding="utf-8")
        floor_script = Path(temp) / "floor_window.py"
        floor_script.write_text(FLOOR_WINDOW, encoding="utf-8")
        empty = Path(temp) / "empty"
        empty.mkdir(mode=0o700)
        open_store(empty).close()  # created and migrated now, not inside the timed start-up
        app_env = _child_env({"GUTPAIN_BENCH_EXIT_AFTER_SHOW": "1"})
        kinds: dict[str, tuple[list[str], dict[str, str]]] = {
            "bare": ([sys.executable, str(bare_script)], _child_env({})),
            "floor": ([sys.executable, str(floor_script)], _child_env({})),
            "app": ([sys.executable, "-m", APP_MODULE, "--data-dir", str(journal)], app_env),
            "app_empty": ([sys.executable, "-m", APP_MODULE, "--data-dir", str(empty)], app_env),
        }
        # One untimed run of each warms the file cache, so no side pays for the first read from disk. A side that
        # cannot report even then is not run again (each failure could cost the whole child time-out).
        warm = {kind: run_child(*child) for kind, child in kinds.items()}
        found: dict[str, list[ChildRun]] = {kind: [] for kind in kinds}
        for _ in range(runs):  # interleaved: a noisy moment on the shared machine hits every side alike
            for kind, child in kinds.items():
                found[kind].append(run_child(*child) if warm[kind].shown_ms is not None else warm[kind])

    def summarise(label: str, runs_of: list[ChildRun]) -> float | None:
        shown = [r.shown_ms for r in runs_of if r.shown_ms is not None]
        problems = sorted({r.problem for r in runs_of if r.problem})
        for problem in problems:
            report.note(f"{name}.{label}: {problem}")
        value = statistics.median(shown) if len(shown) == len(runs_of) else None
        report.add(Row(f"{name}.{label}.shown", value, "ms"))
        report.add(Row(f"{name}.{label}.wall", statistics.median(r.wall_ms for r in runs_of), "ms"))
        rss = [r.rss_kb for r in runs_of if r.rss_kb]
        if rss:
            report.add(Row(f"{name}.{label}.peak_rss", max(rss) / 1024, "MiB"))
        if shown:
            report.note(f"{name}.{label}.shown runs (ms): {', '.join(f'{x:.0f}' for x in shown)}")
        return value

    medians = {kind: summarise(kind, runs_of) for kind, runs_of in found.items()}

    def ratio(row: str, top: str, bottom: str, budget: float | None, label: str = "") -> None:
        high, low = medians[top], medians[bottom]
        value = high / low if high is not None and low else None
        # A figure that could not be measured fails its budget (value FAILED, holds no) rather than passing quietly.
        holds = None if budget is None else value is not None and value <= budget
        limit = None if budget is None else f"<= {budget:g}{label}"
        report.add(Row(f"{name}.{row}", value, "x", limit, holds))

    ratio("app_vs_bare", "app", "bare", STARTUP_BUDGET)
    ratio("floor_vs_bare", "floor", "bare", None)
    ratio("app_vs_floor", "app", "floor", FLOOR_BUDGET, " (proposed)")
    ratio("app_vs_empty_journal", "app", "app_empty", EMPTY_VS_FULL_BUDGET)


# --- 2. save one entry -----------------------------------------------------------------------------------------------


def _percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * pct / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def sample_entries(count: int) -> list[AnyEntry]:
    """Entries a person saves one at a time: stress, pain with sites, a meal of two foods; in the last 30 days."""
    rng = random.Random(20)
    now = datetime.now().astimezone().replace(microsecond=0)
    sites = list(BodySite)
    entries: list[AnyEntry] = []
    for i in range(count):
        moment = now - timedelta(minutes=rng.randint(1, 30 * 24 * 60))
        if i % 3 == 0:
            entries.append(StressEntry(occurred_at=moment, level=rng.randint(0, 10)))
        elif i % 3 == 1:
            chosen = frozenset(rng.sample(sites, rng.randint(1, 5)))
            entries.append(PainEntry(occurred_at=moment, intensity=rng.randint(0, 10), sites=chosen))
        else:
            foods = (FoodItem("Toast with butter", ("gluten", "dairy")), FoodItem(f"Apple {i % 7}", ()))
            entries.append(MealEntry(occurred_at=moment, meal_type=MealType.BREAKFAST, foods=foods))
    return entries


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def bench_save(journal: Path, count: int, report: Report) -> None:
    entries = sample_entries(count)
    store: Store = open_store(journal)
    try:
        store.entries.add(sample_entries(1)[0])  # warm up: first connection, statement caches
        times = [_timed(partial(store.entries.add, entry)) for entry in entries]
    finally:
        store.close()
    p95 = _percentile(times, 95)
    report.add(Row("save_entry.p50", _percentile(times, 50), "ms"))
    report.add(Row("save_entry.p95", p95, "ms", f"<= {SAVE_P95_BUDGET_MS:g} ms", p95 <= SAVE_P95_BUDGET_MS))

    raw_path = journal / "raw-baseline.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{raw_path}{suffix}").unlink(missing_ok=True)
    raw = sqlite3.connect(raw_path, isolation_level=None)
    try:
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("CREATE TABLE t (id TEXT PRIMARY KEY, kind TEXT, occurred TEXT, payload TEXT)")

        def insert_one(i: int) -> None:
            raw.execute("BEGIN")
            raw.execute(
                "INSERT INTO t VALUES (?, ?, ?, ?)", (f"id-{i}", "stress", datetime.now().isoformat(), "x" * 40)
            )
            raw.execute("COMMIT")

        insert_one(-1)
        raw_times = [_timed(partial(insert_one, i)) for i in range(count)]
    finally:
        raw.close()
    raw_p95 = _percentile(raw_times, 95)
    report.add(Row("save_entry.raw_sqlite.p50", _percentile(raw_times, 50), "ms"))
    report.add(Row("save_entry.raw_sqlite.p95", raw_p95, "ms"))
    if raw_p95 > 0:
        report.add(Row("save_entry.p95_vs_raw", p95 / raw_p95, "x"))


TRENDS_REDRAW_BUDGET_MS = 100.0


def bench_trends(journal: Path, report: Report) -> None:
    """Switching range: the background query + aggregation, and the redraw of all six charts on the UI thread,
    against matplotlib (Agg) drawing the same pain arrays in a bare figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PySide6.QtWidgets import QApplication

    from gutpain_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store: Store = open_store(journal)
    try:
        window = MainWindow(store)
        window.resize(1280, 900)
        window.show()
        window.show_view("Trends")
        view = window.trends
        view.runner.wait()
        app.processEvents()
        from gutpain_desktop.analysis.trends import trends_data

        categories = [c.key for c in store.catalog.categories(include_hidden=False)]
        most_points = 0
        for index, name in ((0, "2w"), (1, "3m"), (2, "1y"), (3, "all")):
            view.range.blockSignals(True)
            view.range.setCurrentIndex(index)
            view.range.blockSignals(False)
            start, end = view.chosen_range()

            def compute(start: date | None = start, end: date = end) -> object:
                measured = store.entries.measurements(start=start, end=end)
                first = start or (measured.span() or (end, end))[0]
                return trends_data(measured, first, end, categories)

            data_times, draw_times, all_times, raw_times, overlay_times = [], [], [], [], []
            for _ in range(3):
                t0 = time.perf_counter()
                data = compute()
                data_times.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                view.show_data(data)  # type: ignore[arg-type]  # draws the charts on screen, defers the rest
                for chart in view.charts:
                    if chart._pending is None:
                        chart.canvas.draw()
                draw_times.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                for chart in view.charts:
                    if chart._pending is not None:  # the ones below the fold, as the person scrolls to them
                        chart.ensure_drawn()
                        chart.canvas.draw()
                all_times.append((time.perf_counter() - t0) * 1000 + draw_times[-1])
                chosen = list(view.overlay.chosen)
                t0 = time.perf_counter()
                view.overlay.set_overlays([*chosen, "bloating"])  # the person ticks one more overlay
                view.overlay.canvas.draw()
                overlay_times.append((time.perf_counter() - t0) * 1000)
                view.overlay.set_overlays(chosen)
                figure = Figure(figsize=(8, 3))
                axes = figure.add_subplot()
                t0 = time.perf_counter()
                for values in (data.pain_mean, data.pain_worst, data.pain_rolling):  # type: ignore[attr-defined]
                    axes.plot(data.days, values)  # type: ignore[attr-defined]
                FigureCanvasAgg(figure).draw()
                raw_times.append((time.perf_counter() - t0) * 1000)
            for chart in (view.pain, view.overlay):
                for _x, y in chart.drawn.values():
                    most_points = max(most_points, len(y))
            redraw = sorted(draw_times)[1]
            report.add(Row(f"trends.data.{name}", sorted(data_times)[1], "ms", "off the UI thread", None))
            report.add(
                Row(
                    f"trends.redraw.{name}",
                    redraw,
                    "ms",
                    f"<= {TRENDS_REDRAW_BUDGET_MS:g} ms",
                    redraw <= TRENDS_REDRAW_BUDGET_MS,
                )
            )
            overlay = sorted(overlay_times)[1]
            report.add(
                Row(
                    f"trends.overlay_switch.{name}",
                    overlay,
                    "ms",
                    f"<= {TRENDS_REDRAW_BUDGET_MS:g} ms",
                    overlay <= TRENDS_REDRAW_BUDGET_MS,
                )
            )
            report.add(Row(f"trends.redraw_all_six.{name}", sorted(all_times)[1], "ms"))
            report.add(Row(f"trends.raw_matplotlib_pain.{name}", sorted(raw_times)[1], "ms"))
        report.add(Row("trends.max_points_per_line", most_points, "points", "<= ~2000", most_points <= 2100))
        on_screen = [chart.title for chart in view.charts if chart.canvas_on_screen()]
        report.note(f"trends: window 1280x900, charts on screen: {', '.join(on_screen)}")
        window.close()
        app.processEvents()
    finally:
        store.close()


# --- main ------------------------------------------------------------------------------------------------------------


def measure_journal(cached: Path, report: Report, *, runs: int, saves: int, exchange_runs: int, million: int) -> None:
    """Every per-journal figure on a fresh working copy of ``cached``."""
    print(f"start-up: {runs} runs each of a bare window and the app ...", file=sys.stderr, flush=True)
    bench_startup(working_copy(cached), runs, report)
    print(f"saving {saves} single entries ...", file=sys.stderr, flush=True)
    bench_save(working_copy(cached), saves, report)
    print("trends: query, aggregate and redraw for each range ...", file=sys.stderr, flush=True)
    bench_trends(working_copy(cached), report)
    print("insights: query and analysis ...", file=sys.stderr, flush=True)
    from insights_bench import bench_insights  # beside this file; it imports Row and Report from here

    bench_insights(working_copy(cached), report, runs=runs)
    print("backup: the app's backup against the backup API alone ...", file=sys.stderr, flush=True)
    from backup_bench import bench_backup  # beside this file, like insights_bench

    bench_backup(working_copy(cached), report, runs=runs)
    print("exchange: CSV export and import against raw sqlite3 + csv ...", file=sys.stderr, flush=True)
    from exchange_bench import bench_exchange  # beside this file, like insights_bench

    bench_exchange(working_copy(cached), report, runs=exchange_runs, million=million)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="FILE", help="also write the rows as a JSON list to FILE")
    parser.add_argument(
        "--quick", action="store_true", help="1 year of data (10 years as its 10x), 3 start-up runs, 150 saves"
    )
    parser.add_argument("--years", type=float, help="years of demo data (default 10, or 1 with --quick)")
    parser.add_argument("--seed", type=int, default=1, help="demo data seed (default 1)")
    parser.add_argument("--no-10x", dest="tenfold", action="store_false", help="skip the journal of 10x the entries")
    args = parser.parse_args(argv)
    years = args.years if args.years is not None else (1.0 if args.quick else 10.0)
    if not 0 < years <= 10:
        parser.error("--years must be more than 0 and at most 10 (its 10x journal has ten times the years)")
    runs = 3 if args.quick else 5
    saves = 150 if args.quick else 300
    journal_sizes = (100_000,) if args.quick else (100_000, 1_000_000)

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.umask(0o077)
    OUT.mkdir(parents=True, exist_ok=True)
    report = Report()
    started = time.perf_counter()
    try:
        cached = cached_journal(years, args.seed, report)
        measure_journal(cached, report, runs=runs, saves=saves, exchange_runs=2 if args.quick else 3, million=0)
        from scale_bench import bench_journal, bench_responsiveness, stress_journal  # beside this file

        for size in journal_sizes:
            name = f"journal_{size // 1000}k" if size < 1_000_000 else f"journal_{size // 1_000_000}m"
            print(f"journal view: first paint and scrolling at {size:,} entries ...", file=sys.stderr, flush=True)
            bench_journal(stress_journal(size, report), name, report)
            bench_journal(stress_journal(size, report), f"{name}.translated", report, translated=True)
        if args.tenfold:
            # About ten times the entries: the same diary over ten times the years (the generator's density).
            report.prefix = "x10"
            big = cached_journal(years * 10, args.seed, report)
            measure_journal(big, report, runs=3, saves=saves, exchange_runs=1, million=0)
            report.prefix = ""
            print("UI responsiveness: insights, export, import and backup on the 10x journal ...", file=sys.stderr)
            bench_responsiveness(working_copy(big), cached, "x10.ui", report)
        if not args.quick:
            print("export of a journal of 1,000,000 values ...", file=sys.stderr, flush=True)
            from exchange_bench import bench_exchange_million

            bench_exchange_million(report, 1_000_000)
    except Exception as exc:  # report what was measured so far, then fail
        report.prefix = ""
        report.note(f"error: {type(exc).__name__}: {exc}")
        report.failed = True
        import traceback

        traceback.print_exc()

    print()
    print(
        f"GutPain Desktop benchmarks: {years:g} years of demo data (and {years * 10:g} for x10.*), "
        f"{os.cpu_count()} CPUs, {sys.platform}, {time.perf_counter() - started:.0f} s"
    )
    print(report.table())
    if report.notes:
        print()
        print("\n".join(f"note: {n}" for n in report.notes))
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in report.rows], indent=2) + "\n", encoding="utf-8")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
