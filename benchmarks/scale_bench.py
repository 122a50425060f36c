"""Benchmarks at scale for ``benchmarks/run.py``: the journal view at 100k and 1M entries, and the UI thread's
responsiveness while insights, export, import and backup run (shared/DESIGN.md section 6, issue 10).

* ``journal_{100k,1m}.first_paint``: a JournalView on a journal of that many entries, from ``show()`` (which loads
  the first page and counts the entries) to a painted widget (``grab()``). Budget <= 100 ms.
* ``journal_{100k,1m}.scroll_page.p95``: 3 x 20 scrolls to the end of what is loaded (each fetches the next page of
  500 rows and repaints); p95, and the max for context. Budget <= 100 ms (a scroll must feel like the first paint).
* ``journal_{100k,1m}.translated.*``: the same with a translation installed (a pseudo-translation written in Python,
  slower than a compiled .qm), so each line shown is composed from its entry in the person's language: the entries of
  the rows on screen are read in one query per page (``ui/models/entry_lines.py``). Same budgets.
* ``journal_{100k,1m}.deep_page``: the next page of 500 rows after a row 90% of the way down, as the view asks for it
  (after the last row shown, not by offset). For context: it should cost what the first page costs.
* ``ui.gap.{insights,export,import,backup}``: the longest the UI thread went without turning its event loop while that
  work ran through the real window and dialogs (a 5 ms QTimer records when it fires). Budget <= 100 ms.

The journals of plain stress entries are built once through ``EntryRepository.add_many`` (the storage layer's bulk
path: one transaction per 20,000 entries, no validation) into ``benchmarks/out/journal-<N>`` and reused.
"""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for folder in (REPO, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from run import OUT, Report, Row  # noqa: E402

from gutpain_desktop.domain.entries import StressEntry  # noqa: E402
from gutpain_desktop.storage import DB_FILENAME, Store, open_store  # noqa: E402

JOURNAL_PAINT_BUDGET_MS = 100.0
GAP_BUDGET_MS = 100.0
BATCH = 20_000


def stress_journal(count: int, report: Report) -> Path:
    """A journal of ``count`` stress entries, one every 10 minutes up to now, cached in benchmarks/out."""
    folder = OUT / f"journal-{count}"
    marker = folder / "done"
    if marker.is_file() and (folder / DB_FILENAME).is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"building a journal of {count:,} entries in {folder} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    store = open_store(folder)
    try:
        last = datetime.now().astimezone().replace(microsecond=0) - timedelta(hours=1)
        for first in range(0, count, BATCH):
            batch = [
                StressEntry(occurred_at=last - timedelta(minutes=10 * i), level=i % 11)
                for i in range(first, min(first + BATCH, count))
            ]
            store.entries.add_many(batch, check=False, remember_foods=False)
    finally:
        store.close()
    marker.write_text("ok\n", encoding="utf-8")
    report.note(f"built a journal of {count:,} stress entries in {time.perf_counter() - started:.0f} s")
    return folder


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _services(store: Store) -> Any:
    from PySide6.QtGui import QUndoStack

    from gutpain_desktop.ui.services import DataEvents, Services

    return Services(store.entries, store.catalog, DataEvents(), QUndoStack())


def bench_journal(folder: Path, name: str, report: Report, *, translated: bool = False) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QApplication

    from gutpain_desktop.ui.views.journal import JournalView

    class Wrapping(QTranslator):
        """Every text "translated" (wrapped in ⟦ ⟧)."""

        def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # type: ignore[override]
            return f"⟦{source}⟧"

        def isEmpty(self) -> bool:
            return False

    app = QApplication.instance() or QApplication([])
    store = open_store(folder)
    translator = Wrapping()
    if translated:
        QCoreApplication.installTranslator(translator)
    try:
        total = store.entries.count()
        paints, scrolls = [], []
        for _ in range(3):
            view = JournalView(_services(store))
            view.resize(1100, 700)
            started = time.perf_counter()
            view.show()  # showEvent: the first page and the count
            view.grab()  # painted
            paints.append((time.perf_counter() - started) * 1000)
            bar = view.table.verticalScrollBar()
            for _page in range(20):
                started = time.perf_counter()
                bar.setValue(bar.maximum())
                app.processEvents()  # the view asks the model for more (fetchMore) and lays out the new rows
                view.table.viewport().grab()
                scrolls.append((time.perf_counter() - started) * 1000)
            loaded = view.model.rowCount()
            view.close()
            view.deleteLater()
            app.processEvents()
        anchor = store.entries.journal(limit=1, offset=int(total * 0.9))[0]  # untimed: where the page starts
        started = time.perf_counter()
        store.entries.journal(limit=500, after=anchor)  # how the view asks for its next page
        deep = (time.perf_counter() - started) * 1000
    finally:
        store.close()
        QCoreApplication.removeTranslator(translator)
    paint = sorted(paints)[1]
    scroll = _p95(scrolls)
    budget = f"<= {JOURNAL_PAINT_BUDGET_MS:g} ms"
    report.add(Row(f"{name}.entries", float(total), "entries"))
    report.add(Row(f"{name}.first_paint", paint, "ms", budget, paint <= JOURNAL_PAINT_BUDGET_MS))
    report.add(Row(f"{name}.scroll_page.p95", scroll, "ms", budget, scroll <= JOURNAL_PAINT_BUDGET_MS))
    report.add(Row(f"{name}.scroll_page.max", max(scrolls), "ms"))
    report.add(Row(f"{name}.deep_page", deep, "ms"))
    report.note(f"{name}: first paints {', '.join(f'{p:.0f}' for p in paints)} ms; {loaded} rows after 20 scrolls")


# --- responsiveness --------------------------------------------------------------------------------------------------


class GapMeter:
    """Fires every 5 ms on the UI thread and remembers the longest time between two firings (a blocked UI)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def measure(self, start: Callable[[], object], done: Callable[[], bool], timeout_s: float = 600) -> float:
        """Run ``start()`` on the UI thread and turn the event loop until ``done()``; the longest gap in ms."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(20)
        deadline = time.perf_counter() + timeout_s

        def check() -> None:
            if done() or time.perf_counter() > deadline:
                loop.quit()

        poll.timeout.connect(check)
        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer.start()
        poll.start()
        QTimer.singleShot(0, start)
        loop.exec()
        poll.stop()
        self.timer.stop()
        if not done():
            raise TimeoutError("the work did not finish")
        self._tick()
        return self.longest * 1000


def renumbered_csv(source: Path, target: Path) -> int:
    """``source`` (an entries.csv) with every entry id replaced by a new, stable one: entries the journal lacks."""
    rows = 0
    with source.open(encoding="utf-8-sig", newline="") as inp, target.open("w", encoding="utf-8", newline="") as out:
        reader = csv.reader(inp)
        writer = csv.writer(out)
        header = next(reader)
        writer.writerow(header)
        column = header.index("entry_id")
        for row in reader:
            row[column] = str(uuid.uuid5(uuid.NAMESPACE_OID, "bench-" + row[column]))
            writer.writerow(row)
            rows += 1
    return rows


def bench_responsiveness(journal: Path, import_source: Path, name: str, report: Report) -> None:
    """Insights, export, import and backup through the real window and dialogs on ``journal`` (a working copy);
    ``import_source`` is the folder of another journal whose entries (with new ids) are imported."""
    from PySide6.QtWidgets import QApplication

    from gutpain_desktop.exchange.csv_export import write_entries
    from gutpain_desktop.storage.safety import AutoBackup
    from gutpain_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="gutpain-ui-bench-"))
    source = open_store(import_source)
    try:
        write_entries(work / "source.csv", source.entries.bulk.export_rows())
    finally:
        source.close()
    values = renumbered_csv(work / "source.csv", work / "import.csv")
    store = open_store(journal)
    meter = GapMeter()
    gaps: dict[str, float] = {}
    seconds: dict[str, float] = {}
    try:
        window = MainWindow(store, data_dir=journal, auto_backup=AutoBackup(store.path, work / "backups"))
        window.resize(1280, 900)
        window.show()
        app.processEvents()
        started = time.perf_counter()
        view: Any = window.insights  # the first opening imports numpy and matplotlib: measured on its own
        report.add(Row(f"{name}.insights_view_build", (time.perf_counter() - started) * 1000, "ms"))
        view.runner.cancel()

        def timed(label: str, start: Callable[[], object], done: Callable[[], bool]) -> None:
            began = time.perf_counter()
            gaps[label] = meter.measure(start, done)
            seconds[label] = time.perf_counter() - began

        view.report = None
        timed("insights", lambda: (window.show_view("Insights"), view.run()), lambda: view.report is not None)

        export: Any = window.open_export()
        export.folder.setText(str(work / "export"))
        timed("export", export.export, lambda: export.exported is not None)
        export.close()

        importer: Any = window.open_import()
        importer.path.setText(str(work / "import.csv"))
        importer.plan = None
        timed("import_check", importer.check, importer.check_button.isEnabled)  # disabled while checking
        importer.outcome = None
        timed("import", importer.import_, lambda: importer.outcome is not None)
        importer.close()

        finished: list[object] = []
        timed("backup", lambda: window.safety.backup("bench", force=True, then=finished.append), lambda: bool(finished))
        window.close()
        app.processEvents()
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    for label, gap in gaps.items():
        report.add(Row(f"{name}.gap.{label}", gap, "ms", f"<= {GAP_BUDGET_MS:g} ms", gap <= GAP_BUDGET_MS))
    report.note(
        f"{name}: imported {values} values; seconds of work: "
        + ", ".join(f"{label} {s:.1f}" for label, s in seconds.items())
    )
