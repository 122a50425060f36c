"""The shipped panels: all present, sound, sourced, linked, searchable, and loadable from a wheel; the same checks
for every translated panel in resources/education/<language>/."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gutpain_desktop.education import (
    DISCLAIMER,
    EVIDENCE_LABELS,
    languages,
    load_library,
    problems_in,
    render_html,
    translation_problems,
)
from gutpain_desktop.education.panels import education_dir

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = (
    "gut-brain-axis",
    "intestinal-permeability",
    "microbiome-and-pain",
    "food-reactions",
    "blood-sugar",
    "stress-and-gut",
    "sleep-and-pain",
    "elimination-diets",
    "reading-your-trends",
    "when-to-see-a-doctor",
    "about-this-app",
    "bristol-scale",
)
#: Places in the app a panel may say it explains (resources/education/README.md).
PLACES = {
    *("checkin.pain", "checkin.sites", "checkin.stress", "checkin.sleep", "checkin.symptoms", "meal", "bowel"),
    *("meal.categories", "bowel.bristol", "bowel.blood", "diet", "diet.gluten", "challenge", "weekly", "context"),
    *("journal", "trends.pain", "trends.overlays", "trends.calendar", "trends.meals", "trends.stool"),
    *("trends.sites", "insights", "export", "about"),
}
#: Links the app itself places in forms and views (ui/): each must reach a panel.
LINKED_FROM_THE_APP = re.compile(r'learn_link\(\s*services,\s*"([a-z0-9-]+)"')

LIBRARY = load_library()
ENGLISH_IDS = [p.id for p in LIBRARY.panels]
#: Every shipped panel: the English ones and each translated one (a translation's fallbacks are English: listed once).
EVERY_PANEL = [
    *LIBRARY.panels,
    *(p for language in languages() for p in load_library(language=language).panels if p.language == language),
]


def _name(panel) -> str:  # type: ignore[no-untyped-def]
    return panel.id if panel.language == "en" else f"{panel.language}/{panel.id}"


def test_every_topic_is_there_in_order() -> None:
    ids = [p.id for p in LIBRARY.panels]
    assert set(REQUIRED) <= set(ids)
    assert ids[: len(REQUIRED)] == list(REQUIRED)


@pytest.mark.parametrize("panel", EVERY_PANEL, ids=_name)
def test_each_panel_is_sound(panel) -> None:  # type: ignore[no-untyped-def]
    assert panel.title
    assert panel.sources, "a panel without sources"
    assert problems_in(panel, ENGLISH_IDS) == []
    assert set(panel.related) <= PLACES
    words = len(panel.plain_text().split())
    assert 200 <= words <= 800, f"{words} words"


@pytest.mark.parametrize("panel", EVERY_PANEL, ids=_name)
def test_each_panel_shows_its_evidence_sources_and_the_disclaimer(panel) -> None:  # type: ignore[no-untyped-def]
    page = render_html(panel)
    for level in panel.evidence:
        assert EVIDENCE_LABELS[level] in page
    for number, source in enumerate(panel.sources, start=1):
        assert f'name="source-{number}"' in page
        assert source.citation.split(",")[0].replace("&", "&amp;") in page
    assert page.rstrip().endswith("</html>") and DISCLAIMER in page
    assert not re.search(r"\{[a-z-]+\}|\[src:|\*\*|\]\(", page), "Markdown or markers left unrendered"


@pytest.mark.parametrize("panel", EVERY_PANEL, ids=_name)
def test_no_panel_recommends_a_product_or_sends_anyone_online(panel) -> None:  # type: ignore[no-untyped-def]
    body = panel.body.lower()
    assert "http" not in body and "www." not in body
    assert "®" not in body and "™" not in body
    assert not re.search(r"\b(buy|order online|discount|our partner)\b", body)


def test_the_english_panels_are_sound_as_a_library() -> None:
    assert LIBRARY.problems() == {}
    assert all(p.language == "en" for p in LIBRARY.panels)


@pytest.mark.parametrize(
    "language",
    languages() or [pytest.param("", marks=pytest.mark.skip(reason="no translated panels ship yet"))],
)
def test_every_translated_panel_translates_an_english_one_under_its_file_name(language: str) -> None:
    """Every panel id in every language folder exists in English (and the file is named as the English one)."""
    assert translation_problems(language) == []
    translated = load_library(language=language)
    assert [p.id for p in translated.panels] == ENGLISH_IDS  # same panels, same order, whatever is translated


def test_links_placed_in_the_app_reach_a_panel() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "gutpain_desktop").rglob("*.py"))
    targets = set(LINKED_FROM_THE_APP.findall(sources))
    assert targets, "no Learn-more links found in the app"
    assert targets <= {p.id for p in LIBRARY.panels}
    assert "when-to-see-a-doctor" in sources  # the red-flag notices link there


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("vagus nerve", "gut-brain-axis"),
        ("IgG", "food-reactions"),
        ("regression to the mean", "reading-your-trends"),
        ("Bristol", "bristol-scale"),
        ("washout", "elimination-diets"),
    ],
)
def test_search_finds_a_panel_by_words_in_its_body(words: str, expected: str) -> None:
    found = [p.id for p in LIBRARY.search(words)]
    assert expected in found[:3], found


def test_panels_load_from_an_installed_wheel(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("gutpain_desktop-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    script = (
        "from gutpain_desktop.education import load_library; from gutpain_desktop.education.panels import "
        "education_dir; lib = load_library(); print(len(lib), education_dir())"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    count, folder = done.stdout.split(maxsplit=1)
    assert int(count) == len(LIBRARY)
    assert Path(folder.strip()).is_relative_to(site)


def test_panels_load_from_the_source_checkout() -> None:
    assert education_dir() == ROOT / "resources" / "education"
    assert len(LIBRARY) >= len(REQUIRED)
