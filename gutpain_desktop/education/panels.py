"""Panels are Markdown files with a small ``key: value`` header (see resources/education/README.md).

English panels sit in ``resources/education``; a translation puts files of the same names in a folder named after
its language (``resources/education/de/04-food-reactions.md``). A panel not (yet) translated is read in English.
The short words around every panel (evidence badges, the disclaimer) go through Qt's translation in the UI.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..i18n import QT_TRANSLATE_NOOP
from ..paths import resource

log = logging.getLogger(__name__)

EVIDENCE_LABELS: dict[str, str] = {
    "established": QT_TRANSLATE_NOOP("Labels", "Well established"),
    "emerging": QT_TRANSLATE_NOOP("Labels", "Emerging evidence"),
    "not-supported": QT_TRANSLATE_NOOP("Labels", "Not supported by evidence"),
}
# One line each, so pyside6-lupdate reads the whole text.
DISCLAIMER = QT_TRANSLATE_NOOP("Labels", "This panel is for learning, not a diagnosis or a treatment plan. Your pain is real and deserves care: talk to your doctor, or a registered dietitian, before you cut out foods or change a treatment.")  # noqa: E501  # fmt: skip
SOURCES_HEADING = QT_TRANSLATE_NOOP("Labels", "Sources")
REVIEWED = QT_TRANSLATE_NOOP("Labels", "Last reviewed {0}.")
#: The language of the panels in ``resources/education`` itself.
ENGLISH = "en"
#: A language folder's name: ``de``, ``pt_BR``, ``zh_Hant`` (the names Qt's locales give, with ``_``).
LANGUAGE_FOLDER = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})*$")

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
    #: The language the title and body are written in ("en", or the name of the folder the file came from).
    language: str = ENGLISH

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


def language_chain(language: str) -> list[str]:
    """The folders to look in for ``language``, most specific first: 'de_DE' (or 'de-DE') -> ['de_DE', 'de'].
    English, 'C' and '' give []: the panels in the main folder are English."""
    parts = language.replace("-", "_").split(".")[0].split("@")[0].split("_")
    if not parts[0] or parts[0].lower() in (ENGLISH, "c", "posix"):
        return []
    parts[0] = parts[0].lower()
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def languages(folder: Path | None = None) -> list[str]:
    """The languages panels are translated into: the sub-folders of ``folder`` named like a language."""
    folder = folder or education_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and LANGUAGE_FOLDER.match(p.name))


def choose_language(wanted: Iterable[str], folder: Path | None = None) -> str:
    """The first of the person's languages (in their order of preference, each tried whole then shortened) that has
    translated panels, as the name of its folder; "" when none has (the panels are then read in English). Qt picks
    its translation file the same way (``QTranslator.load(QLocale, ...)``), so the panels speak the language the
    rest of the app speaks."""
    available = set(languages(folder))
    for language in wanted:
        for candidate in language_chain(language):
            if candidate in available:
                return candidate
    return ""


def _read(folder: Path) -> list[Panel]:
    return [parse_panel(path.read_text(encoding="utf-8"), path) for path in sorted(folder.glob("[0-9]*.md"))]


def translated_panels(folder: Path, language: str, english: Sequence[Panel]) -> list[Panel]:
    """The panels in the language folder ``folder`` that translate one of ``english``, with its order and the places
    it explains taken from the English panel (so a translation cannot move a panel or unlink it from a form).
    A file that cannot be read, or whose id no English panel has, is left out with a warning: that panel is shown
    in English rather than the Learn view failing."""
    by_id = {p.id: p for p in english}
    found: dict[str, Panel] = {}
    for path in sorted(folder.glob("[0-9]*.md")):
        try:
            panel = parse_panel(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError, PanelError) as exc:
            log.warning("translated panel %s/%s left out (English shown): %s", language, path.name, exc)
            continue
        original = by_id.get(panel.id)
        if original is None or panel.id in found:
            why = "no English panel has" if original is None else "an earlier file already has"
            log.warning("translated panel %s/%s left out: %s the id '%s'", language, path.name, why, panel.id)
            continue
        found[panel.id] = dataclasses.replace(panel, order=original.order, related=original.related, language=language)
    return list(found.values())


def translation_problems(language: str, folder: Path | None = None) -> list[str]:
    """Everything wrong with the translated panels in ``folder/language``, in words; empty when all are sound.
    Each file must read, translate an English panel under the same file name, keep its order and places, and pass
    the same content checks as the English panels (sources, evidence markers, links to panels that exist)."""
    folder = folder or education_dir()
    english = {p.id: p for p in _read(folder)}
    problems: list[str] = []
    seen: set[str] = set()
    for path in sorted((folder / language).glob("*.md")):
        where = f"{language}/{path.name}"
        if not path.name[:1].isdigit():
            problems.append(f"{where}: not a panel file name (NN-<id>.md); nothing reads it")
            continue
        try:
            panel = parse_panel(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError, PanelError) as exc:
            problems.append(f"{language}/{exc}")
            continue
        original = english.get(panel.id)
        if original is None:
            problems.append(f"{where}: no English panel has the id '{panel.id}'")
            continue
        if panel.id in seen:
            problems.append(f"{where}: a second translation of '{panel.id}'")
        seen.add(panel.id)
        if original.path is not None and path.name != original.path.name:
            problems.append(f"{where}: the English panel is {original.path.name}; use the same file name")
        if (panel.order, panel.related) != (original.order, original.related):
            problems.append(f"{where}: keep the English order and related places (they are taken from it)")
        problems.extend(f"{where}: {problem}" for problem in problems_in(panel, english))
    return problems


def load_library(folder: Path | None = None, *, language: str = "") -> PanelLibrary:
    """Read every ``*.md`` panel in ``folder`` (default: the bundled resources/education), each in ``language``
    (a locale name such as 'de_DE' or 'de') where its folder has it, else in English."""
    folder = folder or education_dir()
    panels = _read(folder)
    seen: set[str] = set()
    for panel in panels:
        if panel.id in seen:
            raise PanelError(f"two panels have the id '{panel.id}'")
        seen.add(panel.id)
    chosen: dict[str, Panel] = {}
    for candidate in reversed(language_chain(language)):  # the more specific folder ('de_AT') wins over 'de'
        if (folder / candidate).is_dir():
            chosen.update((p.id, p) for p in translated_panels(folder / candidate, candidate, panels))
    return PanelLibrary([chosen.get(p.id, p) for p in panels])
