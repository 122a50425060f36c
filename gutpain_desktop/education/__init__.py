"""Educational panels: loading, checking, searching and rendering them to HTML. No Qt."""

from .panels import (
    DISCLAIMER,
    EVIDENCE_LABELS,
    Panel,
    PanelError,
    PanelLibrary,
    Source,
    load_library,
    parse_panel,
    problems_in,
)
from .render import render_html

__all__ = [
    "DISCLAIMER",
    "EVIDENCE_LABELS",
    "Panel",
    "PanelError",
    "PanelLibrary",
    "Source",
    "load_library",
    "parse_panel",
    "problems_in",
    "render_html",
]
