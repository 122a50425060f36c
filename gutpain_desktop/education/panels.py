"""Panels are Markdown files with a small ``key: value`` header (see resources/education/README.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..paths import resource

EVIDENCE_LABELS: dict[str, str] = {
    "established": "Well established",
    "emerging": "Emerging evidence",
    "not-supported": "Not supported by evidence",
}
DISCLAIMER = (
    "This panel is for learning, not a diagnosis or a treatment plan. Your pain is real and deserves care: talk to "
    "your doctor, or a registered dietitian, before you cut out foods or change a treatment."
)

MARKER = re.compile(r"\{(established|emerging|not-supported)\}")
CITATION = re.compile(r"\[src:([a-z0-9]+)\]")
PANEL_LINK = re.compile(r"\]\(panel:([a-z0-9-]+)\)")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED = ("id", "title", "order", "reviewed")


class PanelError(ValueError):
    """A panel file that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    citation: str


@dataclass(frozen=True, slots=True)
class Panel:
    id: str
    title: str
    order: int
    related: tuple[str, ...]
    evidence: tuple[str, ...]
    reviewed: date
    sources: tuple[Source, ...]
    body: str
    path: Path | None = None

    def plain_text(self) -> str:
        """The body as words only (markers, citations and link targets removed), for search."""
        text = MARKER.sub(" ", self.body)
        text = CITATION.sub(" ", text)
        text = re.sub(r"\]\([^)]*\)", "]", text)
        return re.sub(r"[#*_\[\]`>-]", " ", text)

    def source_number(self, key: str) -> int:
        """1-based position of a source in the panel's list (citations are numbered by it)."""
        for number, source in enumerate(self.sources, start=1):
            if source.key == key:
                return number
        raise KeyError(key)


def parse_panel(text: str, path: Path | None = None) -> Panel:
    where = path.name if path else "panel"
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise PanelError(f"{where}: must start with a '---' header")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise PanelError(f"{where}: the header has no closing '---'") from None
    fields: dict[str, str] = {}
    sources: list[Source] = []
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise PanelError(f"{where} line {number}: expected 'key: value'")
        key, value = key.strip(), value.strip()
        if key == "source":
            skey, bar, citation = value.partition("|")
            if not bar or not skey.strip() or not citation.strip():
                raise PanelError(f"{where} line {number}: a source is 'key | full citation'")
            sources.append(Source(skey.strip(), citation.strip()))
        else:
            fields[key] = value
    missing = [k for k in REQUIRED if not fields.get(k)]
    if missing:
        raise PanelError(f"{where}: the header lacks {', '.join(missing)}")
    try:
        order = int(fields["order"])
        reviewed = date.fromisoformat(fields["reviewed"])
    except ValueError as exc:
        raise PanelError(f"{where}: {exc}") from None
    return Panel(
        id=fields["id"],
        title=fields["title"],
        order=order,
        related=_split(fields.get("related", "")),
        evidence=_split(fields.get("evidence", "")),
        reviewed=reviewed,
        sources=tuple(sources),
        body="\n".join(lines[end + 1 :]).strip() + "\n",
        path=path,
    )


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _claim_blocks(body: str) -> Iterable[str]:
    """Paragraphs and list items: the units a marker and a citation belong to."""
    block: list[str] = []
    for line in body.split("\n"):
        starts_item = line.lstrip().startswith(("- ", "* ")) or re.match(r"^\s*\d+\. ", line) is not None
        if not line.strip() or line.startswith("#") or starts_item:
            if block:
                yield " ".join(block)
            block = [line] if line.strip() and not line.startswith("#") else []
        else:
            block.append(line)
    if block:
        yield " ".join(block)


def problems_in(panel: Panel, known_ids: Iterable[str]) -> list[str]:
    """Everything wrong with a panel's content, in words; empty when it is sound."""
    problems: list[str] = []
    ids = set(known_ids)
    if not ID_PATTERN.match(panel.id):
        problems.append(f"id '{panel.id}' is not lowercase words joined by hyphens")
    if panel.path is not None and panel.path.stem.split("-", 1)[-1] != panel.id:
        problems.append(f"file name {panel.path.name} does not end with the id '{panel.id}'")
    declared = [s.key for s in panel.sources]
    if not declared:
        problems.append("lists no sources")
    if len(set(declared)) != len(declared):
        problems.append("a source key is declared twice")
    cited = set(CITATION.findall(panel.body))
    for key in sorted(cited - set(declared)):
        problems.append(f"cites [src:{key}] but does not declare it")
    for key in sorted(set(declared) - cited):
        problems.append(f"declares source '{key}' but never cites it")
    used = set(MARKER.findall(panel.body))
    if not used:
        problems.append("marks no claim with an evidence level")
    if set(panel.evidence) != used:
        problems.append(f"header evidence {sorted(panel.evidence)} differs from the levels used {sorted(used)}")
    for block in _claim_blocks(panel.body):
        if MARKER.search(block) and not CITATION.search(block):
            problems.append(f"a marked claim has no source: '{block.strip()[:70]}…'")
        if len(MARKER.findall(block)) > 1:
            problems.append(f"one claim carries two evidence levels: '{block.strip()[:70]}…'")
    for target in PANEL_LINK.findall(panel.body):
        if target not in ids:
            problems.append(f"links to a panel that does not exist: panel:{target}")
    leftovers = re.findall(r"\{[a-z -]+\}", MARKER.sub("", panel.body))
    if leftovers:
        problems.append(f"unknown evidence markers {leftovers}")
    return problems


class PanelLibrary:
    """All panels, in reading order, with look-up, search and the panels that explain a place in the app."""

    def __init__(self, panels: Sequence[Panel]):
        self.panels: list[Panel] = sorted(panels, key=lambda p: (p.order, p.id))
        self._by_id = {p.id: p for p in self.panels}
        self._text = {p.id: f"{p.title}\n{p.plain_text()}".lower() for p in self.panels}

    def __len__(self) -> int:
        return len(self.panels)

    def get(self, panel_id: str) -> Panel | None:
        return self._by_id.get(panel_id)

    def for_place(self, place: str) -> list[Panel]:
        """Panels whose header names ``place`` (e.g. 'bowel.bristol') or its parent ('bowel') as related."""
        parent = place.split(".", 1)[0]
        return [p for p in self.panels if place in p.related or parent in p.related]

    def search(self, query: str) -> list[Panel]:
        """Panels containing every word of the query, best matches first (title hits count more)."""
        words = [w for w in re.findall(r"\w+", query.lower()) if len(w) > 1]
        if not words:
            return list(self.panels)
        scored = []
        for panel in self.panels:
            text = self._text[panel.id]
            if all(w in text for w in words):
                title = panel.title.lower()
                score = sum(text.count(w) + 5 * title.count(w) for w in words)
                scored.append((-score, panel.order, panel))
        return [p for _, _, p in sorted(scored, key=lambda t: (t[0], t[1]))]

    def problems(self) -> dict[str, list[str]]:
        ids = list(self._by_id)
        found = {p.id: problems_in(p, ids) for p in self.panels}
        return {k: v for k, v in found.items() if v}


def education_dir() -> Path:
    return resource("education")


def load_library(folder: Path | None = None) -> PanelLibrary:
    """Read every ``*.md`` panel in ``folder`` (default: the bundled resources/education)."""
    folder = folder or education_dir()
    panels = [parse_panel(path.read_text(encoding="utf-8"), path) for path in sorted(folder.glob("[0-9]*.md"))]
    seen: set[str] = set()
    for panel in panels:
        if panel.id in seen:
            raise PanelError(f"two panels have the id '{panel.id}'")
        seen.add(panel.id)
    return PanelLibrary(panels)
