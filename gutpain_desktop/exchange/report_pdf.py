"""Draw :class:`~.report.ReportData` as a one- or two-page A4 PDF with real, selectable text.

matplotlib's own PDF backend (no Qt, no pyplot, no new dependency): text is drawn as text with the TrueType font
embedded (``pdf.fonttype`` 42), so it can be selected, searched and read aloud. matplotlib is imported only when a
report is drawn, never at start-up.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import IO, Any

from .. import APP_NAME, __version__
from .files import atomic_bytes
from .report import BRISTOL_SHORT, ReportData

A4 = (8.27, 11.69)
LEFT = 0.07
WIDTH = 0.86
BODY_PT = 8.5
CHARS_PER_LINE = 118  # at BODY_PT across WIDTH
LINE = 0.0125  # figure fraction per body line
DISCLAIMER = (
    "Made by the person with GutPain Desktop from their own diary, to share with a clinician or dietitian. It "
    "summarises what they logged; it does not diagnose anything."
)


class _Page:
    def __init__(self, figure: Any) -> None:
        self.figure = figure
        self.y = 0.955

    def text(self, text: str, *, size: float = BODY_PT, bold: bool = False, indent: float = 0.0, gap: float = 0.0,
             colour: str = "#222222", chars: int = CHARS_PER_LINE) -> None:  # fmt: skip
        self.y -= gap
        width = int(chars * BODY_PT / size) - int(indent * 140)
        for line in textwrap.wrap(text, width=max(width, 20)) or [""]:
            self.figure.text(LEFT + indent, self.y, line, fontsize=size, weight="bold" if bold else "normal",
                             color=colour, va="top", ha="left")  # fmt: skip
            self.y -= LINE * size / BODY_PT
        self.y -= 0.002

    def heading(self, text: str) -> None:
        self.text(text, size=10.5, bold=True, gap=0.008, colour="#1f3d5a")

    def bullets(self, items: list[str], empty: str) -> None:
        if not items:
            self.text(empty, indent=0.01, colour="#555555")
        for item in items:
            self.text("• " + item, indent=0.01)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _change(value: float | None, higher_better: bool) -> str:
    if value is None:
        return "–"
    if abs(value) < 0.25:
        return "about the same"
    word = "up" if value > 0 else "down"
    better = (value > 0) == higher_better
    return f"{word} {abs(value):.1f} ({'better' if better else 'worse'})"


def _averages(page: _Page, data: ReportData) -> None:
    columns = (0.0, 0.30, 0.40, 0.52, 0.64, 0.80)
    header = ("", "mean", "1st half", "2nd half", "change", "days rated")
    rows = [header] + [
        (a.label + f" ({a.unit})", _fmt(a.mean), _fmt(a.first_half), _fmt(a.second_half),
         _change(a.change, a.higher_better), str(a.days))
        for a in data.averages
        if a.days
    ]  # fmt: skip
    for i, row in enumerate(rows):
        for x, cell in zip(columns, row, strict=True):
            page.figure.text(LEFT + x * WIDTH / 0.92, page.y, cell, fontsize=BODY_PT, va="top",
                             weight="bold" if i == 0 else "normal", color="#222222")  # fmt: skip
        page.y -= LINE
    page.y -= 0.004


def _charts(page: _Page, data: ReportData) -> None:
    import matplotlib.dates as mdates

    height = 0.13
    panels = [(t, s) for t, s in zip(data.chart_titles, data.charts, strict=True) if any(x.values for x in s)]
    panels = [(t, s) for t, s in panels if any(v is not None for x in s for v in x.values)]
    for i, (title, series) in enumerate(panels):
        col, row = i % 2, i // 2
        left = LEFT + col * (WIDTH / 2 + 0.01)
        bottom = page.y - (row + 1) * (height + 0.035) + 0.012
        ax = page.figure.add_axes((left + 0.03, bottom, WIDTH / 2 - 0.06, height))
        for s in series:
            xs = [w for w, v in zip(s.weeks, s.values, strict=True) if v is not None]
            ys = [v for v in s.values if v is not None]
            if ys:
                ax.plot(xs, ys, marker="o" if len(ys) < 30 else None, markersize=2.5, linewidth=1.2, label=s.label)
        ax.set_title(title + " — weekly means", fontsize=8, loc="left")
        ax.tick_params(labelsize=6.5)
        if "0-10" in title:
            ax.set_ylim(0, 10)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))  # type: ignore[no-untyped-call]
        ax.grid(alpha=0.3)
        ax.legend(fontsize=6, loc="upper left", frameon=False, ncol=3)
    rows = (len(panels) + 1) // 2
    page.y -= rows * (height + 0.035) + 0.006


def _bristol(page: _Page, data: ReportData) -> None:
    total = sum(data.bristol.values())
    if not total:
        page.text("No bowel movements logged in this period.", colour="#555555")
        return
    height = 0.085
    ax = page.figure.add_axes((LEFT + 0.03, page.y - height - 0.01, 0.38, height))
    types = list(range(1, 8))
    counts = [data.bristol.get(t, 0) for t in types]
    colours = ["#8c6d31" if t <= 2 else "#4a7f3b" if t <= 4 else "#b5651d" for t in types]
    ax.bar(types, counts, color=colours)
    ax.set_xticks(types)
    ax.tick_params(labelsize=6.5)
    ax.set_title(f"Bristol type of {total} bowel movements", fontsize=8, loc="left")
    x = LEFT + 0.47
    y = page.y - 0.004
    for t in types:
        share = data.bristol.get(t, 0) / total
        page.figure.text(x, y, f"Type {t}: {share:4.0%}  {BRISTOL_SHORT[t]}", fontsize=7.5, va="top")
        y -= LINE * 0.9
    page.y -= height + 0.03


def draw_report(data: ReportData, stream: IO[bytes]) -> int:
    """Write the PDF to ``stream``; return the number of pages."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}):
        pages = []
        first = Figure(figsize=A4)
        page = _Page(first)
        title = "Symptom diary summary" + (f" — {data.name}" if data.name else "")
        page.text(title, size=15, bold=True, colour="#1f3d5a")
        page.text(
            f"Period {data.start.isoformat()} to {data.end.isoformat()} ({data.days} days). Entries on "
            f"{data.days_with_entries} of those days, {data.entries} entries in all. Made {data.generated.isoformat()} "
            f"with {APP_NAME} {__version__}.",
            gap=0.004,
        )
        page.text(DISCLAIMER, colour="#555555", size=7.5)
        page.heading("Averages and trends")
        page.text(
            "Mean of daily values; first and second half of the period compared. 'Days rated' counts days with at "
            "least one rating: days without one are left out, never counted as 0.",
            size=7.5,
            colour="#555555",
        )
        _averages(page, data)
        _charts(page, data)
        page.heading("Stool form")
        _bristol(page, data)
        page.heading("Red-flag events logged (worth a clinician's attention)")
        page.bullets(data.red_flags, "None logged in this period (blood with a bowel movement, waking at night for "
                     "one, fever).")  # fmt: skip
        pages.append(first)

        second = Figure(figsize=A4)
        page = _Page(second)
        page.text(f"Symptom diary summary, {data.start.isoformat()} to {data.end.isoformat()} (page 2)", size=10,
                  bold=True, colour="#1f3d5a")  # fmt: skip
        page.heading("Diet phases")
        page.bullets(data.phases, "No elimination diet logged in this period.")
        page.heading("Reintroduction challenges and their outcomes")
        page.bullets(data.challenges, "No challenge in this period.")
        page.heading("Strongest food-symptom associations")
        page.bullets(data.associations, "")
        page.text(data.associations_note, colour="#444444", indent=0.01)
        page.heading("Scales used")
        page.bullets(data.scales, "")
        pages.append(second)

        with PdfPages(stream, metadata={"Title": title, "Creator": f"{APP_NAME} {__version__}"}) as pdf:
            for figure in pages:
                pdf.savefig(figure)
    return len(pages)


def write_report(data: ReportData, path: Path) -> int:
    """Write the PDF atomically (temporary file, fsync, rename) with owner-only permissions."""
    pages = 0

    def write(stream: IO[bytes]) -> None:
        nonlocal pages
        pages = draw_report(data, stream)

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_bytes(path, write)
    return pages


__all__ = ["date", "draw_report", "write_report"]
