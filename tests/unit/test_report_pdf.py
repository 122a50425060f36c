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
