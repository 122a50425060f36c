"""Educational panels: loading, checking, searching and rendering them to HTML. No Qt."""

from .panels import (
    DISCLAIMER,
    EVIDENCE_LABELS,
    Panel,
    PanelError,
    PanelLibrary,
    Source,
    choose_language,
    languages,
    load_library,
    parse_panel,
    problems_in,
    translation_problems,
)
from .render import Wording, render_html

__all__ = [
    "DISCLAIMER",
    "EVIDENCE_LABELS",
    "Panel",
    "PanelError",
    "PanelLibrary",
    "Source",
    "Wording",
    "choose_language",
    "languages",
    "load_library",
    "parse_panel",
    "problems_in",
    "render_html",
    "translation_problems",
]
