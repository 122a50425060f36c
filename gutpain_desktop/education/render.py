"""Panels to HTML for Qt's rich-text browser: a small Markdown subset, evidence badges, numbered citations,
the source list and the disclaimer. Written here (not by Qt's Markdown reader) so badges and citations are ours."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .panels import CITATION, DISCLAIMER, EVIDENCE_LABELS, MARKER, REVIEWED, SOURCES_HEADING, Panel


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours for badges on a light or a dark background."""

    established: str = "#1b5e20"
    established_bg: str = "#dcefdc"
    emerging: str = "#7a4b00"
    emerging_bg: str = "#fff0cc"
    not_supported: str = "#8a1c1c"
    not_supported_bg: str = "#f9dcdc"
    muted: str = "#555555"


@dataclass(frozen=True, slots=True)
class Wording:
    """The short words around every panel. English here; the UI passes them through Qt's translation."""

    evidence: dict[str, str] = field(default_factory=lambda: dict(EVIDENCE_LABELS))
    sources: str = SOURCES_HEADING
    disclaimer: str = DISCLAIMER
    #: "{0}" is the date the panel was last reviewed (ISO).
    reviewed: str = REVIEWED


ENGLISH_WORDING = Wording()
LIGHT = Theme()
DARK = Theme(
    established="#c8f0c8",
    established_bg="#1f4d22",
    emerging="#ffe2a8",
    emerging_bg="#5a4300",
    not_supported="#ffd0d0",
    not_supported_bg="#5c1e1e",
    muted="#b8b8b8",
)


def _badge(level: str, theme: Theme, wording: Wording) -> str:
    colour, background = {
        "established": (theme.established, theme.established_bg),
        "emerging": (theme.emerging, theme.emerging_bg),
        "not-supported": (theme.not_supported, theme.not_supported_bg),
    }[level]
    return (
        f'<span style="color:{colour}; background-color:{background}; font-weight:600;">'
        f"&nbsp;{html.escape(wording.evidence[level])}&nbsp;</span> "
    )


def _inline(text: str, panel: Panel, theme: Theme, wording: Wording) -> str:
    out = html.escape(text, quote=False)
    out = MARKER.sub(lambda m: _badge(m.group(1), theme, wording), out)

    def cite(match: re.Match[str]) -> str:
        try:
            number = panel.source_number(match.group(1))
        except KeyError:
            return match.group(0)
        return f'<a href="#source-{number}"><sup>[{number}]</sup></a>'

    out = CITATION.sub(cite, out)
    out = re.sub(r"\[([^\]]+)\]\((panel:[a-z0-9-]+|#[\w-]+)\)", r'<a href="\2">\1</a>', out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


def _blocks(body: str) -> list[tuple[str, list[str]]]:
    """('h2'|'h3'|'p'|'ul'|'ol', lines) in order."""
    blocks: list[tuple[str, list[str]]] = []
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped:
            blocks.append(("blank", []))
            continue
        heading = re.match(r"^(#{2,4})\s+(.*)$", stripped)
        bullet = re.match(r"^[-*]\s+(.*)$", stripped)
        numbered = re.match(r"^\d+\.\s+(.*)$", stripped)
        if heading:
            blocks.append((f"h{min(len(heading.group(1)), 3)}", [heading.group(2)]))
        elif bullet or numbered:
            kind = "ul" if bullet else "ol"
            item = (bullet or numbered).group(1)  # type: ignore[union-attr]
            if blocks and blocks[-1][0] == kind:
                blocks[-1][1].append(item)
            else:
                blocks.append((kind, [item]))
        elif blocks and blocks[-1][0] in ("p", "ul", "ol") and line.startswith((" ", "\t")):
            blocks[-1][1][-1] += " " + stripped  # continuation of a list item or paragraph
        elif blocks and blocks[-1][0] == "p":
            blocks[-1][1].append(stripped)
        else:
            blocks.append(("p", [stripped]))
    return [b for b in blocks if b[0] != "blank"]


def render_html(panel: Panel, theme: Theme = LIGHT, *, font_pt: int = 12, wording: Wording = ENGLISH_WORDING) -> str:
    parts = [
        f'<html><body style="font-size:{font_pt}pt;">',
        f'<h2 style="font-size:{font_pt + 6}pt;">{html.escape(panel.title)}</h2>',
    ]
    for kind, lines in _blocks(panel.body):
        if kind in ("ul", "ol"):
            items = "".join(f"<li>{_inline(item, panel, theme, wording)}</li>" for item in lines)
            parts.append(f"<{kind}>{items}</{kind}>")
        elif kind == "p":
            parts.append(f"<p>{_inline(' '.join(lines), panel, theme, wording)}</p>")
        else:
            parts.append(f"<{kind}>{_inline(lines[0], panel, theme, wording)}</{kind}>")
    parts.append(f"<h3>{html.escape(wording.sources)}</h3><ol>")
    for number, source in enumerate(panel.sources, start=1):
        parts.append(f'<li><a name="source-{number}"></a>{html.escape(source.citation)}</li>')
    parts.append("</ol>")
    reviewed = wording.reviewed.replace("{0}", panel.reviewed.isoformat())
    parts.append(
        f'<p style="color:{theme.muted};"><i>{html.escape(wording.disclaimer)}</i><br>{html.escape(reviewed)}</p>'
    )
    parts.append("</body></html>")
    return "\n".join(parts)
