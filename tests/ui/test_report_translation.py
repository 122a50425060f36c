"""The PDF summary in the person's language: with a translation installed the Report dialog offers to write it in
that language (the default) or in English, for a practitioner who may not read theirs. Written in the language, every
heading, row and sentence comes through Qt's translators (here the pseudo-translation, ⟦ ⟧) with the locale's dates
and decimal comma (German); written in English it is the English the CLI writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from gutpain_desktop.ui.formats import DisplayFormats
from tests.report_journal import FIRST_DAY, LAST_DAY, NAME, fill_report_journal
from tests.ui.conftest import click, type_into

from .test_translation_ready import CLOSE, OPEN, german, lupdate_catalogue, pseudo  # noqa: F401 (fixtures)

pypdf = pytest.importorskip("pypdf")


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages).split())


def _write(qtbot, dialog, path: Path) -> str:  # type: ignore[no-untyped-def]
    dialog.written = None
    type_into(qtbot, dialog.path, str(path))
    click(qtbot, dialog.create_button)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=60_000)
    assert dialog.written == path
    return _text(path)


def _open(qtbot, window, ui_store):  # type: ignore[no-untyped-def]
    fill_report_journal(ui_store)
    dialog = window.open_report()
    dialog.range.start.setDate(QDate(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day))
    dialog.range.end.setDate(QDate(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day))
    type_into(qtbot, dialog.name, NAME)
    return dialog


def test_the_summary_is_written_in_the_persons_language_or_in_english(  # type: ignore[no-untyped-def]
    qtbot,
    pseudo,  # noqa: F811
    german,  # noqa: F811
    ui_store,
    window,
    tmp_path,
) -> None:
    dialog = _open(qtbot, window, ui_store)
    assert dialog.language_row.isVisibleTo(dialog)
    assert dialog.in_language.isChecked() and not dialog.in_english.isChecked()
    assert dialog.in_language.text().startswith(OPEN) and dialog.in_english.text() == f"{OPEN}English{CLOSE}"
    pseudo.asked.clear()

    flat = _write(qtbot, dialog, tmp_path / "translated.pdf")
    for heading in ("Averages and trends", "Stool form", "Diet phases", "Strongest food-symptom associations",
                    "Scales used", "mean", "days rated", "Sleep quality", "Bloating"):  # fmt: skip
        assert f"{OPEN}{heading}{CLOSE}" in flat, heading
    assert f"{OPEN}{OPEN}Symptom diary summary — {NAME}{CLOSE}" not in flat  # the title is translated once
    assert f"{OPEN}Symptom diary summary — {NAME}{CLOSE}" in flat
    assert "Averages and trends" not in flat.replace(f"{OPEN}Averages and trends{CLOSE}", "")
    # dates as the German locale writes them, never ISO; decimal commas in the table and in the sentences
    assert DisplayFormats.short_date(FIRST_DAY) in flat and DisplayFormats.short_date(LAST_DAY) in flat
    assert not re.search(r"\d{4}-\d{2}-\d{2}", flat), re.findall(r"\d{4}-\d{2}-\d{2}", flat)[:3]
    table = re.search(r"Sleep quality.*?⟧ (\d+,\d) (\d+,\d) (\d+,\d)", flat)
    assert table is not None, flat[:1500]
    assert not re.search(r"\d\.\d", flat.replace(__import__("gutpain_desktop").__version__, "")), re.findall(
        r".{20}\d\.\d.{20}", flat
    )[:3]
    assert {"Mär", "Apr", "Mai", "Jun"} <= set(re.findall(r"\b[A-Z][a-zä]{2}\b", flat))  # the charts' months

    # every text the summary asked for is in the catalogue translators get (a name the person typed needs none)
    catalogue = lupdate_catalogue(tmp_path)
    asked = {(c, text) for c, text in pseudo.asked if not c.startswith("Q") and any(ch.isalpha() for ch in text)}
    assert ("Report", "Averages and trends") in asked and ("Labels", "Dairy-free trial") in asked
    assert ("Insights", "{finding} {context}") not in asked  # the association's sentence keeps its own context
    if catalogue is not None:
        own = set(ui_store.catalog.names().values())
        missing = sorted(item for item in asked - catalogue if not (item[0] == "Labels" and item[1] in own))
        assert missing == [], missing

    click(qtbot, dialog.in_english)
    assert dialog.in_english.isChecked()
    flat = _write(qtbot, dialog, tmp_path / "english.pdf")
    assert OPEN not in flat and CLOSE not in flat
    assert f"Symptom diary summary — {NAME}" in flat and "Averages and trends" in flat
    assert f"Period {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()} (121 days)." in flat
    assert re.search(r"Sleep quality \(0-10, 10 best\) \d\.\d \d\.\d \d\.\d", flat), flat[:1500]
    dialog.reject()


def test_without_a_translation_there_is_no_choice_and_the_summary_is_english(  # type: ignore[no-untyped-def]
    qtbot, ui_store, window, tmp_path
) -> None:
    dialog = _open(qtbot, window, ui_store)
    assert not dialog.language_row.isVisibleTo(dialog)
    flat = _write(qtbot, dialog, tmp_path / "summary.pdf")
    assert f"Period {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()} (121 days)." in flat and OPEN not in flat
    dialog.reject()
