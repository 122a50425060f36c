"""The panel format: header parsing, the content checks, search and rendering, on crafted panels."""
# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

import pytest

from gutpain_desktop.education import DISCLAIMER, PanelError, PanelLibrary, parse_panel, problems_in, render_html

GOOD = """---
id: sample-topic
title: A sample topic
order: 1
related: bowel, trends.stool
evidence: established, not-supported
reviewed: 2026-11-25
source: lewis1997 | Lewis SJ, Heaton KW. Stool form scale as a useful guide to intestinal transit time. Scand J Gastroenterol. 1997;32(9):920-924.
source: nice | NICE. Irritable bowel syndrome in adults (CG61). 2008, updated 2017.
---
Some kind framing with **bold** and *italic* words.

{established} Stool form tracks how fast food moves through the gut [src:lewis1997].

- {not-supported} A claim that is not supported [src:nice].
- A practical tip, see [the other panel](panel:other-topic).
"""


def test_a_sound_panel_parses_and_passes_the_checks() -> None:
    panel = parse_panel(GOOD, Path("01-sample-topic.md"))
    assert panel.id == "sample-topic" and panel.order == 1
    assert panel.related == ("bowel", "trends.stool")
    assert [s.key for s in panel.sources] == ["lewis1997", "nice"]
    assert problems_in(panel, ["sample-topic", "other-topic"]) == []


def test_rendering_shows_badges_numbered_citations_sources_and_the_disclaimer() -> None:
    page = render_html(parse_panel(GOOD))
    assert "Well established" in page and "Not supported by evidence" in page
    assert '<a href="#source-1"><sup>[1]</sup></a>' in page and "[2]" in page
    assert "Sources" in page and "Lewis SJ, Heaton KW" in page
    assert DISCLAIMER in page
    assert '<a href="panel:other-topic">the other panel</a>' in page
    assert "<b>bold</b>" in page and "<i>italic</i>" in page
    assert "{established}" not in page and "[src:" not in page and "**" not in page


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("[src:lewis1997]", ""), "a marked claim has no source"),
        (("[src:nice]", "[src:nobody]"), "cites [src:nobody] but does not declare it"),
        (("panel:other-topic", "panel:missing"), "links to a panel that does not exist"),
        (("evidence: established, not-supported", "evidence: established"), "header evidence"),
        (("{established} Stool", "{established} {emerging} Stool"), "two evidence levels"),
        (("{established} Stool", "{proven} Stool"), "unknown evidence markers"),
    ],
)
def test_content_problems_are_named(change: tuple[str, str], problem: str) -> None:
    panel = parse_panel(GOOD.replace(*change))
    found = problems_in(panel, ["sample-topic", "other-topic"])
    assert any(problem in p for p in found), found


@pytest.mark.parametrize(
    "text",
    [
        "no header at all",
        "---\nid: x\n",
        "---\ntitle: T\norder: 1\nreviewed: 2026-01-01\n---\nbody",
        GOOD.replace("order: 1", "order: first"),
    ],
)
def test_broken_headers_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(PanelError):
        parse_panel(text, Path("01-x.md"))


def test_search_needs_every_word_and_ranks_titles_first() -> None:
    a = parse_panel(GOOD)
    b = parse_panel(GOOD.replace("id: sample-topic", "id: other-topic").replace("A sample topic", "Stool form"))
    library = PanelLibrary([a, b])
    assert [p.id for p in library.search("stool")] == ["other-topic", "sample-topic"]
    assert library.search("stool unicorn") == []
    assert len(library.search("")) == 2
    assert {p.id for p in library.for_place("bowel.bristol")} == {"sample-topic", "other-topic"}
