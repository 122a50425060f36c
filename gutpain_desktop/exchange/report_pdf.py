"""Draw :class:`~.report.ReportData` as a one- or two-page A4 PDF with real, selectable text.

matplotlib's own PDF backend (no Qt, no pyplot, no new dependency): text is drawn as text with the TrueType font
embedded (``pdf.fonttype`` 42), so it can be selected, searched and read aloud. matplotlib is imported only when a
report is drawn, never at start-up.

Every text on the page is written by a :data:`Render` function: :func:`english` (``str``) by default, as the CLI
writes the summary; the UI passes one that goes through Qt's translators and the person's locale (dates, decimal
point). Texts wrap (paragraphs, table cells, chart titles, the Bristol legend) so longer translated words fit, and a
page that is full goes on on a new one.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Any

from .. import APP_NAME, __version__
from ..i18n import QT_TRANSLATE_NOOP, Arg, Phrase, When
from .files import atomic_bytes
from .report import BRISTOL_LABELS, ReportData, bristol_short

#: How a text of the summary is written on the page: a phrase, label or date (or a name as typed) gives its words; a
#: float is a number written with one decimal.
Render = Callable[[Arg], str]

A4 = (8.27, 11.69)
LEFT = 0.07
WIDTH = 0.86
BODY_PT = 8.5
CHARS_PER_LINE = 110  # at BODY_PT across WIDTH (118 fit English text; words with wide letters need room)
LINE = 0.0125  # figure fraction per body line
TOP = 0.955
BOTTOM = 0.03  # below this a page is full
BOLD = 0.76  # a bold line holds about this share of the characters of a normal one
DISCLAIMER = Phrase.of(
    QT_TRANSLATE_NOOP(
        "Report",
        "Made by the person with GutPain Desktop from their own diary, to share with a clinician or dietitian. It "
        "summarises what they logged; it does not diagnose anything.",
    )
)
_CHANGE = {
    (True, True): QT_TRANSLATE_NOOP("Report", "up {amount:.1f} (better)"),
    (True, False): QT_TRANSLATE_NOOP("Report", "up {amount:.1f} (worse)"),
    (False, True): QT_TRANSLATE_NOOP("Report", "down {amount:.1f} (better)"),
    (False, False): QT_TRANSLATE_NOOP("Report", "down {amount:.1f} (worse)"),
}


def english(said: Arg) -> str:
    """The summary's words in English, as the CLI writes them (the default :data:`Render`)."""
    return f"{said:.1f}" if isinstance(said, float) else str(said)


class _Pages:
    """The figures drawn so far and where the next line goes on the last one; a full page goes on on a new one."""

    def __init__(self, render: Render) -> None:
        from matplotlib.figure import Figure

        self._figure_type = Figure
        self.render = render
        self.figures: list[Any] = []
        self.figure: Any = None
        self.new_page()

    def new_page(self) -> None:
        self.figure = self._figure_type(figsize=A4)
        self.figures.append(self.figure)
        self.y = TOP

    def room(self, height: float) -> None:
        """Go on on a new page unless ``height`` (figure fraction) still fits on this one."""
        if self.y - height < BOTTOM and self.y < TOP:
            self.new_page()

    def text(self, said: Arg, *, size: float = BODY_PT, bold: bool = False, indent: float = 0.0, gap: float = 0.0,
             colour: str = "#222222", chars: int = CHARS_PER_LINE, prefix: str = "") -> None:  # fmt: skip
        self.y -= gap
        width = int(chars * BODY_PT / size * (BOLD if bold else 1.0)) - int(indent * 140)
        step = LINE * size / BODY_PT
        for line in textwrap.wrap(prefix + self.render(said), width=max(width, 20)) or [""]:
            self.room(step)
            self.figure.text(LEFT + indent, self.y, line, fontsize=size, weight="bold" if bold else "normal",
                             color=colour, va="top", ha="left")  # fmt: skip
            self.y -= step
        self.y -= 0.002

    def heading(self, said: Arg, keep: float = 0.0) -> None:
        """A heading, on a new page unless it and ``keep`` (the height of what follows it) fit on this one."""
        self.room(LINE * 4 + keep)
        self.text(said, size=10.5, bold=True, gap=0.008, colour="#1f3d5a")

    def bullets(self, items: list[Arg], empty: Arg) -> None:
        if not items:
            self.text(empty, indent=0.01, colour="#555555")
        for item in items:
            self.text(item, indent=0.01, prefix="• ")


def _fmt(render: Render, value: float | None) -> str:
    return "–" if value is None else render(float(value))


def _change(value: float | None, higher_better: bool) -> Arg:
    if value is None:
        return "–"
    if abs(value) < 0.25:
        return Phrase.of(QT_TRANSLATE_NOOP("Report", "about the same"))
    return Phrase.of(_CHANGE[(value > 0, (value > 0) == higher_better)], amount=abs(value))


def _averages(page: _Pages, data: ReportData) -> None:
    render = page.render
    columns = (0.0, 0.30, 0.40, 0.52, 0.64, 0.80)
    left = [LEFT + x * WIDTH / 0.92 for x in columns]
    widths = [
        int((right - x) * CHARS_PER_LINE / WIDTH) - 1 for x, right in zip(left, [*left[1:], LEFT + WIDTH], strict=True)
    ]
    header = [
        "",
        render(Phrase.of(QT_TRANSLATE_NOOP("Report", "mean"))),
        render(Phrase.of(QT_TRANSLATE_NOOP("Report", "1st half"))),
        render(Phrase.of(QT_TRANSLATE_NOOP("Report", "2nd half"))),
        render(Phrase.of(QT_TRANSLATE_NOOP("Report", "change"))),
        render(Phrase.of(QT_TRANSLATE_NOOP("Report", "days rated"))),
    ]
    rows = [header] + [
        [render(Phrase.of(QT_TRANSLATE_NOOP("Report", "{label} ({unit})"), label=a.label, unit=a.unit)),
         _fmt(render, a.mean), _fmt(render, a.first_half), _fmt(render, a.second_half),
         render(_change(a.change, a.higher_better)), str(a.days)]
        for a in data.averages
        if a.days
    ]  # fmt: skip
    for i, row in enumerate(rows):
        fits = 0.9 if i == 0 else 1.0  # the header is bold (short words: wider than BOLD allows for long lines)
        cells = [textwrap.wrap(cell, width=max(int(width * fits), 4)) or [""] for cell, width in
                 zip(row, widths, strict=True)]  # fmt: skip
        lines = max(len(cell) for cell in cells)
        page.room(LINE * lines)
        for x, cell in zip(left, cells, strict=True):
            page.figure.text(x, page.y, "\n".join(cell), fontsize=BODY_PT, va="top", linespacing=1.15,
                             weight="bold" if i == 0 else "normal", color="#222222")  # fmt: skip
        page.y -= LINE * lines
    page.y -= 0.004


def _month_names(render: Render) -> Callable[[str], str]:
    """Writes the month names in a tick label the way ``render`` writes a month ("Dec", or "Dez" in German); English
    tick labels are left as matplotlib writes them."""
    months = {date(2000, m, 1).strftime("%b"): render(When(date(2000, m, 1), "month")) for m in range(1, 13)}
    months = {english_name: name for english_name, name in months.items() if english_name != name}
    if not months:
        return lambda text: text
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in months) + r")\b")
    return lambda text: pattern.sub(lambda found: months[found.group(0)], text)


def _date_formatter(locator: Any, render: Render) -> Any:
    import matplotlib.dates as mdates

    swap = _month_names(render)

    class Formatter(mdates.ConciseDateFormatter):
        def format_ticks(self, values: Any) -> list[str]:
            return [swap(text) for text in super().format_ticks(values)]  # type: ignore[no-untyped-call]

        def get_offset(self) -> str:
            return swap(str(super().get_offset()))  # type: ignore[no-untyped-call]

    return Formatter(locator)  # type: ignore[no-untyped-call]


def _charts(page: _Pages, data: ReportData) -> None:
    render = page.render
    height = 0.13
    panels = [(t, s) for t, s in zip(data.chart_titles, data.charts, strict=True) if any(x.values for x in s)]
    panels = [(t, s) for t, s in panels if any(v is not None for x in s for v in x.values)]
    titles = [
        textwrap.wrap(render(Phrase.of(QT_TRANSLATE_NOOP("Report", "{title} — weekly means"), title=t)), width=38)
        for t, _ in panels
    ]
    # titles stay clear of the date offset ("2026-Jul") at the right under the chart above; each row of two charts
    # is as tall as the chart, its ticks and its longer title
    tall = [height + 0.035 + 0.013 * (max(len(t) for t in titles[r : r + 2]) - 1) for r in range(0, len(panels), 2)]
    page.room(sum(tall) + 0.006)
    for i, (title, series) in enumerate(panels):
        col, row = i % 2, i // 2
        left = LEFT + col * (WIDTH / 2 + 0.01)
        bottom = page.y - sum(tall[: row + 1]) + 0.012
        ax = page.figure.add_axes((left + 0.03, bottom, WIDTH / 2 - 0.06, height))
        labels = [render(s.label) for s in series]
        for s, label in zip(series, labels, strict=True):
            xs = [w for w, v in zip(s.weeks, s.values, strict=True) if v is not None]
            ys = [v for v in s.values if v is not None]
            if ys:
                ax.plot(xs, ys, marker="o" if len(ys) < 30 else None, markersize=2.5, linewidth=1.2, label=label)
        ax.set_title("\n".join(titles[i]), fontsize=8, loc="left")
        ax.tick_params(labelsize=6.5)
        if "0-10" in str(title):
            ax.set_ylim(0, 10)
        ax.xaxis.set_major_formatter(_date_formatter(ax.xaxis.get_major_locator(), render))
        ax.grid(alpha=0.3)
        longest = max((len(label) for label in labels), default=0)
        ax.legend(fontsize=6, loc="upper left", frameon=False, ncol=3 if longest <= 18 else 2 if longest <= 30 else 1)
    page.y -= sum(tall) + 0.006


def _bristol(page: _Pages, data: ReportData) -> None:
    render = page.render
    total = sum(data.bristol.values())
    if not total:
        page.text(Phrase.of(QT_TRANSLATE_NOOP("Report", "No bowel movements logged in this period.")), colour="#555555")
        return
    height = 0.085
    types = list(range(1, 8))
    legend: list[str] = []
    for t in types:
        form, share = bristol_short(render(BRISTOL_LABELS[t])), data.bristol.get(t, 0) / total
        said = Phrase.of(
            QT_TRANSLATE_NOOP("Report", "Type {type}: {share:4.0%}  {form}"), type=t, share=share, form=form
        )
        legend += textwrap.wrap(render(said), width=62, subsequent_indent="    ", drop_whitespace=False) or [""]
    used = max(height + 0.03, len(legend) * LINE * 0.9 + 0.012)
    page.room(used)
    ax = page.figure.add_axes((LEFT + 0.03, page.y - height - 0.01, 0.38, height))
    counts = [data.bristol.get(t, 0) for t in types]
    colours = ["#8c6d31" if t <= 2 else "#4a7f3b" if t <= 4 else "#b5651d" for t in types]
    ax.bar(types, counts, color=colours)
    ax.set_xticks(types)
    ax.tick_params(labelsize=6.5)
    title = render(Phrase.of(QT_TRANSLATE_NOOP("Report", "Bristol type of {total} bowel movements"), total=total))
    ax.set_title(title, fontsize=8, loc="left")
    x = LEFT + 0.47
    y = page.y - 0.004
    for line in legend:
        page.figure.text(x, y, line, fontsize=7.5, va="top")
        y -= LINE * 0.9
    page.y -= used


def _period(data: ReportData) -> Phrase:
    return Phrase.of(
        QT_TRANSLATE_NOOP(
            "Report",
            "Period {start} to {end} ({days}). Entries on {days_with} of those days, {entries} in all. Made {made} "
            "with {app} {version}.",
        ),
        start=When(data.start, "iso"),
        end=When(data.end, "iso"),
        days=Phrase.counted(data.days, QT_TRANSLATE_NOOP("Report", "%n days", None, 2), "%n day"),
        days_with=data.days_with_entries,
        entries=Phrase.counted(data.entries, QT_TRANSLATE_NOOP("Report", "%n entries", None, 2), "%n entry"),
        made=When(data.generated, "iso"),
        app=APP_NAME,
        version=__version__,
    )


def _first_part(page: _Pages, data: ReportData, title: Phrase) -> None:
    page.text(title, size=15, bold=True, colour="#1f3d5a")
    page.text(_period(data), gap=0.004)
    page.text(DISCLAIMER, colour="#555555", size=7.5)
    page.heading(Phrase.of(QT_TRANSLATE_NOOP("Report", "Averages and trends")))
    page.text(
        Phrase.of(
            QT_TRANSLATE_NOOP(
                "Report",
                "Mean of daily values; first and second half of the period compared. 'Days rated' counts days with "
                "at least one rating: days without one are left out, never counted as 0.",
            )
        ),
        size=7.5,
        colour="#555555",
    )
    _averages(page, data)
    _charts(page, data)
    page.heading(Phrase.of(QT_TRANSLATE_NOOP("Report", "Stool form")), keep=0.115 if data.bristol else 0.0)
    _bristol(page, data)
    page.heading(Phrase.of(QT_TRANSLATE_NOOP("Report", "Red-flag events logged (worth a clinician's attention)")))
    page.bullets(
        data.red_flags,
        Phrase.of(
            QT_TRANSLATE_NOOP(
                "Report", "None logged in this period (blood with a bowel movement, waking at night for one, fever)."
            )
        ),
    )


def _second_part(page: _Pages, data: ReportData) -> None:
    page.new_page()
    page.text(
        Phrase.of(
            QT_TRANSLATE_NOOP("Report", "Symptom diary summary, {start} to {end} (page {page})"),
            start=When(data.start, "iso"),
            end=When(data.end, "iso"),
            page=len(page.figures),
        ),
        size=10,
        bold=True,
        colour="#1f3d5a",
    )
    page.heading(Phrase.of(QT_TRANSLATE_NOOP("Report", "Diet phases")))
    page.bullets(data.phases, Phrase.of(QT_TRANSLATE_NOOP("Report", "No elimination diet logged in this period.")))
    page.heading(Phrase.of(QT_TRANSLATE_NOOP("Report", "Reintroduction challenges and their outcomes")))
    page.bullets(data.challenges, Phrase.of(QT_TRANSLATE_NOOP("Report", "No challenge in this period.")))
    page.heading(Phrase.of(QT_TRANSLATE_NOOP("Report", "Strongest food-symptom associations")))
    page.bullets(data.associations, "")
    page.text(data.associations_note, colour="#444444", indent=0.01)
    page.heading(Phrase.of(QT_TRANSLATE_NOOP("Report", "Scales used")))
    page.bullets(data.scales, "")


def draw_pages(data: ReportData, render: Render = english) -> tuple[str, list[Any]]:
    """The summary's title and its pages (matplotlib figures, one per A4 page), every text written by ``render``."""
    import matplotlib

    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}):
        page = _Pages(render)
        if data.name:
            title = Phrase.of(QT_TRANSLATE_NOOP("Report", "Symptom diary summary — {name}"), name=data.name)
        else:
            title = Phrase.of(QT_TRANSLATE_NOOP("Report", "Symptom diary summary"))
        _first_part(page, data, title)
        _second_part(page, data)
    return render(title), page.figures


def draw_report(data: ReportData, stream: IO[bytes], render: Render = english) -> int:
    """Write the PDF to ``stream`` with every text written by ``render`` (English by default); return the number of
    pages."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    title, pages = draw_pages(data, render)
    metadata = {"Title": title, "Creator": f"{APP_NAME} {__version__}"}
    with (
        matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}),
        PdfPages(stream, metadata=metadata) as pdf,
    ):
        for figure in pages:
            pdf.savefig(figure)
    return len(pages)


def write_report(data: ReportData, path: Path, render: Render = english) -> int:
    """Write the PDF atomically (temporary file, fsync, rename) with owner-only permissions; see :func:`draw_report`."""
    pages = 0

    def write(stream: IO[bytes]) -> None:
        nonlocal pages
        pages = draw_report(data, stream, render)

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_bytes(path, write)
    return pages


__all__ = ["Render", "date", "draw_pages", "draw_report", "english", "write_report"]
