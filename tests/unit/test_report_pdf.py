"""The PDF summary: a real PDF whose text can be selected (read back with pypdf), with what a clinician needs."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from gutpain_desktop.domain.entries import BowelEntry
from gutpain_desktop.exchange.report import build_report
from gutpain_desktop.exchange.report_pdf import write_report
from gutpain_desktop.storage import Store

pypdf = pytest.importorskip("pypdf")


def test_the_summary_reads_as_text(store: Store, tmp_path: Path) -> None:
    from gutpain_desktop.demo import generate_demo

    generate_demo(store, years=1.0, seed=1)
    day = date.today() - timedelta(days=10)
    from datetime import datetime, time

    store.entries.add(
        BowelEntry(occurred_at=datetime.combine(day, time(3, 0)).astimezone(), bristol=5, blood=True, at_night=True)
    )
    data = build_report(store, date.today() - timedelta(days=180), date.today(), name="Alex Example")
    path = tmp_path / "summary.pdf"
    pages = write_report(data, path)
    assert pages == 2
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for words in (
        "Symptom diary summary — Alex Example",
        "Averages and trends",
        "Pain (mean of the day)",
        "Sleep quality",
        "Bloating",
        "Bristol type of",
        "Diet phases",
        "Reintroduction challenges and their outcomes",
        "Strongest food-symptom associations",
        "not proof",
        "Red-flag events logged",
        f"{day.isoformat()}: blood seen with a bowel movement",
        "Scales used",
        "Lewis & Heaton 1997",
        "does not diagnose",
    ):
        assert words in flat, words
    assert "causes" not in flat.lower()
    assert "dairy" in flat.lower()  # the planted association is among the strongest


def test_an_empty_period_still_makes_a_readable_summary(store: Store, tmp_path: Path) -> None:
    data = build_report(store, date(2020, 1, 1), date(2020, 3, 31))
    path = tmp_path / "empty.pdf"
    write_report(data, path)
    flat = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages).split())
    assert "No bowel movements logged in this period." in flat
    assert "No challenge in this period." in flat and "Not enough data in this period" in flat
    with pytest.raises(ValueError, match="after the last day"):
        build_report(store, date(2020, 3, 1), date(2020, 1, 1))


ENGLISH = Path(__file__).resolve().parents[1] / "fixtures" / "report" / "english_summary.txt"


def test_the_english_summary_reads_word_for_word_as_it_did_before_it_could_be_translated(
    store: Store, tmp_path: Path
) -> None:
    """The summary's texts are phrases now; written in English (the CLI's default) the PDF says exactly what it said
    when its texts were English strings (tests/fixtures/report/english_summary.txt, the text pypdf read from the PDF
    drawn by that code for the same journal). If matplotlib moves a chart's date ticks, rewrite the fixture."""
    from gutpain_desktop import __version__
    from tests.report_journal import FIRST_DAY, LAST_DAY, NAME, fill_report_journal

    fill_report_journal(store)
    data = build_report(store, FIRST_DAY, LAST_DAY, name=NAME, today=LAST_DAY)
    path = tmp_path / "summary.pdf"
    assert write_report(data, path) == 2
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    expected = ENGLISH.read_text(encoding="utf-8").replace("{version}", __version__)
    assert " ".join(text.split()) == " ".join(expected.split())
    assert pypdf.PdfReader(str(path)).metadata.title == f"Symptom diary summary — {NAME}"


def _longer(said: object) -> str:
    """A stand-in for a language with longer words: every word of the English half as long again."""
    import re

    english = f"{said:.1f}" if isinstance(said, float) else str(said)
    return re.sub(r"[A-Za-z]{4,}", lambda word: word.group(0) + word.group(0)[: len(word.group(0)) // 2 + 1], english)


def test_longer_translated_words_wrap_and_stay_on_the_page(store: Store, tmp_path: Path) -> None:
    """Written with longer words, every text lies inside the page (at most half a margin into the right one), the
    table's cells do not run into the next column, and what does not fit goes on on another page rather than off the
    bottom."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from gutpain_desktop.exchange.report_pdf import LEFT, WIDTH, draw_pages
    from tests.report_journal import FIRST_DAY, LAST_DAY, NAME, fill_report_journal

    fill_report_journal(store)
    data = build_report(store, FIRST_DAY, LAST_DAY, name=NAME, today=LAST_DAY)
    title, figures = draw_pages(data, _longer)
    assert title.startswith("SymptomSymp diarydia summarysumm")
    assert len(figures) >= 2
    for number, figure in enumerate(figures, 1):
        renderer = FigureCanvasAgg(figure).get_renderer()
        inverse = figure.transFigure.inverted()
        texts = [t for t in figure.texts if t.get_text().strip()]
        assert texts or number > 1
        for text in texts:
            (x0, y0), (x1, y1) = inverse.transform(text.get_window_extent(renderer).get_points())
            assert x0 >= LEFT - 0.001 and x1 <= 1 - LEFT / 2 and y0 >= 0.0 and y1 <= 1.0, (number, text)
        row = [t for t in texts if t.get_text().startswith("SleepSle qualityqual")]
        assert row or number > 1
        for cell in row:  # the first column's text ends before the second column starts
            right = inverse.transform(cell.get_window_extent(renderer).get_points())[1][0]
            assert right < LEFT + 0.30 * WIDTH / 0.92, cell.get_text()
        for ax in figure.axes:
            title_box = inverse.transform(ax.title.get_window_extent(renderer).get_points())
            assert title_box[1][0] <= 1 - LEFT / 2, ax.title.get_text()


def test_every_sentence_of_the_summary_fills_exactly_its_placeholders_and_is_marked_for_report(store: Store) -> None:
    """Each phrase in the summary's data (nested ones too) gets exactly the values its template names, so no
    translation can ask for a value that is not there; the summary's own texts are in the "Report" context."""
    from gutpain_desktop.i18n import Phrase
    from tests.report_journal import FIRST_DAY, LAST_DAY, fill_report_journal

    fill_report_journal(store)
    data = build_report(store, FIRST_DAY, LAST_DAY, today=LAST_DAY)
    said = [a.label for a in data.averages] + [a.unit for a in data.averages] + data.chart_titles
    said += [s.label for chart in data.charts for s in chart]
    said += [*data.phases, *data.challenges, *data.associations, data.associations_note, *data.red_flags, *data.scales]
    phrases = [p for value in said if isinstance(value, Phrase) for p in value.walk()]
    assert len(phrases) > 40
    assert [p.template for p in phrases if p.placeholders() != {name for name, _ in p.args}] == []
    contexts = {p.context for p in phrases}
    assert "Report" in contexts and contexts <= {"Report", "Lists", "Insights"}, contexts
    assert all(isinstance(value, Phrase) for value in [*data.phases, *data.challenges, *data.red_flags, *data.scales])
