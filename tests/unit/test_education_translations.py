"""Translated panels: a language folder beside the English panels, read panel by panel with English as the fallback,
chosen the way Qt chooses its translation file, and checked like the English panels."""

from __future__ import annotations

from pathlib import Path

import pytest

from gutpain_desktop.education import choose_language, languages, load_library, render_html, translation_problems
from gutpain_desktop.education.panels import language_chain
from gutpain_desktop.education.render import Wording
from tests.panel_translations import ENGLISH, XX_SENTENCE, english_copy, translate


def test_a_partial_translation_gives_the_translated_panel_and_english_for_the_rest(tmp_path: Path) -> None:
    folder = english_copy(tmp_path)
    translate(folder, "xx", "food-reactions", "Xx: Reaktionen auf Essen")
    library = load_library(folder, language="xx")
    assert [p.id for p in library.panels] == [p.id for p in ENGLISH.panels]  # same panels, same order
    shown = library.get("food-reactions")
    assert shown is not None and shown.language == "xx" and shown.title == "Xx: Reaktionen auf Essen"
    assert XX_SENTENCE in shown.body
    for panel in library.panels:
        if panel.id != "food-reactions":
            english = ENGLISH.get(panel.id)
            assert english is not None and panel.language == "en"
            assert (panel.title, panel.body) == (english.title, english.body)
    assert library.search("Übersetzung")[0].id == "food-reactions"  # search reads the language shown
    page = render_html(shown)
    assert "Xx: Reaktionen auf Essen" in page and "Übersetzung" in page and "[src:" not in page
    assert translation_problems("xx", folder) == []
    assert languages(folder) == ["xx"]


def test_a_region_folder_wins_over_its_language_and_both_over_english(tmp_path: Path) -> None:
    folder = english_copy(tmp_path)
    translate(folder, "xx", "food-reactions", "Xx food")
    translate(folder, "xx", "blood-sugar", "Xx sugar")
    translate(folder, "xx_YY", "food-reactions", "Xx-YY food")
    library = load_library(folder, language="xx_YY")
    assert library.get("food-reactions").title == "Xx-YY food"  # type: ignore[union-attr]
    assert library.get("blood-sugar").title == "Xx sugar"  # type: ignore[union-attr]
    assert library.get("gut-brain-axis").language == "en"  # type: ignore[union-attr]
    assert load_library(folder, language="").get("food-reactions").language == "en"  # type: ignore[union-attr]
    assert load_library(folder, language="zz").get("food-reactions").language == "en"  # type: ignore[union-attr]


def test_a_translation_keeps_the_english_order_and_places(tmp_path: Path) -> None:
    folder = english_copy(tmp_path)
    translate(folder, "xx", "bristol-scale", "Xx Bristol", header={"order": "1", "related": "about"})
    shown = load_library(folder, language="xx").get("bristol-scale")
    english = ENGLISH.get("bristol-scale")
    assert shown is not None and english is not None and shown.title == "Xx Bristol"
    assert (shown.order, shown.related) == (english.order, english.related)  # the forms' Learn-more links still work
    assert any("keep the English order" in p for p in translation_problems("xx", folder))


def test_a_broken_or_unknown_translated_panel_is_named_and_shown_in_english(tmp_path: Path) -> None:
    folder = english_copy(tmp_path)
    translate(folder, "xx", "food-reactions", "Xx food", header={"id": "food-reaktionen"})
    broken = translate(folder, "xx", "blood-sugar", "Xx sugar")
    broken.write_text("no header", encoding="utf-8")
    translate(folder, "xx", "stress-and-gut", "Xx stress").rename(folder / "xx" / "06-stress.md")
    library = load_library(folder, language="xx")  # never fails because of a translation
    assert all(p.language == "en" for p in library.panels if p.id != "stress-and-gut")
    problems = translation_problems("xx", folder)
    assert any("no English panel has the id 'food-reaktionen'" in p for p in problems), problems
    assert any("05-blood-sugar.md" in p and "header" in p for p in problems), problems
    assert any("06-stress.md" in p and "same file name" in p for p in problems), problems


def test_a_translated_panel_is_checked_like_an_english_one(tmp_path: Path) -> None:
    folder = english_copy(tmp_path)
    target = translate(folder, "xx", "food-reactions", "Xx food")
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("](panel:", "](panel:missing-", 1), encoding="utf-8")
    assert any("links to a panel that does not exist" in p for p in translation_problems("xx", folder))


@pytest.mark.parametrize(
    ("name", "chain"),
    [
        ("de_DE", ["de_DE", "de"]),
        ("de-Latn-AT", ["de_Latn_AT", "de_Latn", "de"]),
        ("pt_BR.UTF-8", ["pt_BR", "pt"]),
        ("DE", ["de"]),
        ("en_GB", []),
        ("C", []),
        ("", []),
    ],
)
def test_a_locale_name_gives_the_folders_to_look_in(name: str, chain: list[str]) -> None:
    assert language_chain(name) == chain


def test_the_first_preferred_language_with_panels_is_chosen(tmp_path: Path) -> None:
    folder = english_copy(tmp_path)
    translate(folder, "de", "food-reactions", "Reaktionen")
    translate(folder, "fr", "food-reactions", "Réactions")
    assert choose_language(["de-Latn-AT", "de-AT", "de-Latn", "de"], folder) == "de"
    assert choose_language(["it-IT", "fr-FR", "de-DE"], folder) == "fr"
    assert choose_language(["en-GB", "en"], folder) == ""
    assert choose_language(["C"], folder) == ""


def test_the_words_around_a_panel_can_be_given_in_another_language() -> None:
    panel = ENGLISH.get("food-reactions")
    assert panel is not None
    wording = Wording(
        evidence={"established": "Gut belegt", "emerging": "Erste Hinweise", "not-supported": "Nicht belegt"},
        sources="Quellen",
        disclaimer="Zum Lernen, keine Diagnose.",
        reviewed="Zuletzt geprüft am {0}.",
    )
    page = render_html(panel, wording=wording)
    assert "<h3>Quellen</h3>" in page and "Zum Lernen, keine Diagnose." in page
    assert f"Zuletzt geprüft am {panel.reviewed.isoformat()}." in page
    assert "Well established" not in page and "Sources" not in page
    assert all(label in page for level, label in wording.evidence.items() if level in panel.evidence)
