"""``gutpain-desktop --self-test``: prove that this copy of the app (from source or from an installer) works.

It opens the main window offscreen, creates a journal in a temporary folder (running every migration), saves and reads
back one entry of each kind, draws the trends charts, opens an educational panel, writes a CSV export and the PDF
summary. Each check
prints one line; the first failure stops the test with its reason and a non-zero exit status. Nothing is written
outside the temporary folder (except the screenshot, when one is asked for), and the person's own journal is never
opened.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import APP_NAME, __version__

#: How long the trends may take to load their data in the background before the check fails.
WAIT_SECONDS = 60.0


class SelfTestFailure(Exception):
    """A check found something wrong; the message says what."""


def _say(text: str) -> None:
    stream = sys.stdout  # None in a windowed Windows build: the console build (gutpain-desktop-cli) shows it
    if stream is not None:
        print(text, file=stream, flush=True)


def _check(ok: bool, reason: str) -> None:
    if not ok:
        raise SelfTestFailure(reason)


def run_self_test(screenshot: str | None = None) -> int:
    """Run every check; 0 when all pass, 1 at the first failure."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")  # a Windows console in a legacy code page must not end the test over a dash
    frozen = "frozen bundle" if getattr(sys, "frozen", False) else "source"
    _say(f"{APP_NAME} {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, {sys.platform})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gutpain-selftest-") as folder:
        checks = _Checks(Path(folder), screenshot)
        try:
            checks.run()
        except Exception as exc:  # every failure, whatever its kind, must end as a reason and exit status 1
            _say(f"FAILED  {checks.current}: {exc}")
            _say(traceback.format_exc().rstrip())
            return 1
        finally:
            checks.close()
    _say(f"all {checks.passed} checks passed in {time.perf_counter() - started:.1f} s")
    return 0


class _Checks:
    def __init__(self, folder: Path, screenshot: str | None):
        self.folder = folder
        self.screenshot = screenshot
        self.current = "start"
        self.passed = 0
        self.store: Any = None
        self.window: Any = None
        self.app: Any = None

    def step(self, name: str, check: Callable[[], str]) -> None:
        self.current = name
        detail = check()
        self.passed += 1
        _say(f"ok      {name}: {detail}")

    def run(self) -> None:
        self.step("Qt", self.qt)
        self.step("font", self.font)
        self.step("database and migrations", self.database)
        self.step("save and read back each kind of entry", self.entries)
        self.step("encrypted journal", self.encrypted)
        self.step("main window", self.main_window)
        self.step("trends chart", self.trends)
        self.step("chart images", self.chart_images)
        self.step("educational panel", self.education)
        self.step("CSV export", self.export)
        self.step("PDF summary", self.pdf_report)
        if self.screenshot:
            self.step("screenshot", self.save_screenshot)

    def close(self) -> None:
        if self.window is not None:
            self.window.hide()
            self.window.deleteLater()
            self.window = None
        if self.app is not None:
            self.app.processEvents()
        if self.store is not None:
            self.store.close()
            self.store = None

    # --- the checks ------------------------------------------------------------------------------------------------

    def qt(self) -> str:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([sys.argv[0]])
        if not isinstance(app, QApplication):
            raise SelfTestFailure("a Qt application without widgets is already running")
        self.app = app
        app.setApplicationName(APP_NAME)
        return f"PySide6 {pyside_version}, platform {app.platformName()}"

    def font(self) -> str:
        from PySide6.QtGui import QFontInfo

        from .ui.fonts import register_fonts

        families = register_fonts(self.app)
        _check(bool(families), "the shipped font (resources/fonts) could not be loaded")
        return f"shipped {', '.join(families)}; widgets use {QFontInfo(self.app.font()).family()}"

    def database(self) -> str:
        from .storage import open_store
        from .storage.migrate import head_revision

        self.store = open_store(self.folder / "journal")
        head = head_revision()
        migration = self.store.migration
        _check(migration.before is None, f"the new journal already had schema {migration.before}")
        _check(migration.after == head, f"migrated to {migration.after}, expected {head}")
        return f"new journal migrated to {head} ({self.store.path.name})"

    def entries(self) -> str:
        from .demo.samples import every_kind

        now = datetime.now().astimezone().replace(microsecond=0) - timedelta(minutes=5)
        samples = every_kind(now)
        kinds = []
        for entry in samples:
            saved = self.store.entries.add(entry)
            got = self.store.entries.get(entry.id)
            _check(got is not None, f"the {entry.kind.value} entry was saved but could not be read back")
            expected = dataclasses.replace(entry, created_at=saved.created_at, updated_at=saved.updated_at)
            _check(got == expected, f"the {entry.kind.value} entry came back different: {got!r}")
            kinds.append(entry.kind.value)
        count = self.store.entries.count()
        _check(count == len(samples), f"{count} entries in the journal, expected {len(samples)}")
        return ", ".join(kinds)

    def encrypted(self) -> str:
        """A journal encrypted with SQLCipher (the optional encryption at rest): created, written, reopened; a wrong
        passphrase is refused."""
        from .demo.samples import every_kind
        from .storage import open_store
        from .storage.cipher import PassphraseError, check_passphrase, driver

        key = "self-test passphrase, not a secret"
        folder = self.folder / "encrypted"
        entry = every_kind(datetime.now().astimezone().replace(microsecond=0))[3]
        store = open_store(folder, key=key)
        try:
            store.entries.add(entry)
        finally:
            store.close()
        header = store.path.read_bytes()[:16]
        _check(header != b"SQLite format 3\x00", "the encrypted journal was written as a plain SQLite file")
        store = open_store(folder, key=key)
        try:
            got = store.entries.get(entry.id)
        finally:
            store.close()
        _check(got is not None, f"the {entry.kind.value} entry was not found after reopening the encrypted journal")
        try:
            check_passphrase(store.path, "not the passphrase at all")
        except PassphraseError:
            pass
        else:
            raise SelfTestFailure("a wrong passphrase opened the encrypted journal")
        probe = driver().connect(":memory:")
        try:
            version = probe.execute("PRAGMA cipher_version").fetchone()[0]
        finally:
            probe.close()
        return (
            f"written, reopened with the passphrase, {entry.kind.value} entry read back, a wrong passphrase refused "
            f"(SQLCipher {version})"
        )

    def main_window(self) -> str:
        from .ui.main_window import MainWindow

        self.window = MainWindow(self.store, data_dir=self.store.path.parent)
        self.window.resize(1180, 800)
        self.window.show()
        self.app.processEvents()
        _check(self.window.isVisible(), "the main window did not show")
        return f"'{self.window.windowTitle()}' shown, {self.window.width()}x{self.window.height()}"

    def trends(self) -> str:
        import matplotlib
        import numpy as np

        self.window.show_view("Trends")
        view = self.window.trends
        self._wait(lambda: view.data is not None, "the trends data did not arrive")
        for chart in view.charts:
            chart.ensure_drawn()
            chart.canvas.draw()
        pixels = np.asarray(view.pain.canvas.buffer_rgba())
        colours = len(np.unique(pixels.reshape(-1, 4), axis=0))
        _check(pixels.size > 0 and colours > 2, "the pain chart drew an empty picture")
        backend = matplotlib.get_backend()
        _check(backend.lower() == "qtagg", f"matplotlib uses the {backend} backend, expected QtAgg")
        drawn = f"{len(view.charts)} charts drawn with matplotlib {matplotlib.__version__} ({backend})"
        return f"{drawn}; {view.status.text()}"

    def chart_images(self) -> str:
        """What "Save image…" writes: PNG and SVG (savefig imports the SVG writer by name: a bundle can lack it)."""
        chart = self.window.trends.pain
        sizes = []
        for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<svg")):
            path = self.folder / f"pain{suffix}"
            chart.save_image(str(path))
            data = path.read_bytes() if path.is_file() else b""
            _check(magic in data[:400], f"saving the pain chart as {suffix[1:].upper()} wrote no image")
            sizes.append(f"{path.name} {len(data) // 1024} KB")
        return ", ".join(sizes)

    def education(self) -> str:
        self.window.show_view("Learn")
        library = self.window.services.library
        panels = library.search("")
        panel = library.get("bristol-scale") or (panels[0] if panels else None)
        if panel is None:
            raise SelfTestFailure("no educational panel was found in resources/education")
        self.window.learn.open_panel(panel.id)
        self.app.processEvents()
        shown = self.window.learn.reader.toPlainText()
        _check(panel.title in shown, f"the panel '{panel.title}' did not show its text")
        return f"'{panel.title}' shown ({len(shown)} characters; {len(panels)} panels)"

    def export(self) -> str:
        import csv

        from .exchange.csv_export import export_csv

        out = self.folder / "export"
        result = export_csv(self.store, out)
        names = [p.name for p in result.files]
        _check(len(result.files) == 3 and all(p.is_file() for p in result.files), f"export wrote only {names}")
        with result.files[0].open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        ids = {row[0] for row in rows[1:]}
        _check(result.entries == self.store.entries.count(), f"{result.entries} entries exported")
        _check(len(ids) == result.entries, f"entries.csv holds {len(ids)} entries, expected {result.entries}")
        return f"{', '.join(names)}: {result.entries} entries, {result.values} values"

    def pdf_report(self) -> str:
        from .exchange.report import build_report
        from .exchange.report_pdf import write_report

        out = self.folder / "export" / "summary.pdf"
        pages = write_report(build_report(self.store, None, None), out)
        head = out.read_bytes()[:5] if out.is_file() else b""
        _check(pages >= 1 and head == b"%PDF-", f"the summary was not written as a PDF ({pages} pages)")
        return f"{out.name}: {pages} page(s), {out.stat().st_size // 1024} KB"

    def save_screenshot(self) -> str:
        assert self.screenshot is not None
        self.window.show_view("Today")
        self.app.processEvents()
        path = Path(self.screenshot).expanduser().resolve()
        _check(self.window.grab().save(str(path)), f"could not save {path}")
        return str(path)

    def _wait(self, done: Callable[[], bool], reason: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while not done():
            _check(time.monotonic() < deadline, f"{reason} within {WAIT_SECONDS:.0f} s")
            self.app.processEvents()
            time.sleep(0.01)
