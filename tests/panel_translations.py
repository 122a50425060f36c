"""Pseudo-translated educational panels written to a temporary folder, for tests. Not a test module."""

from __future__ import annotations

import shutil
from pathlib import Path

from gutpain_desktop.education import load_library
from gutpain_desktop.education.panels import education_dir

__all__ = ["ENGLISH", "XX_SENTENCE", "english_copy", "translate"]

ENGLISH = load_library()
#: A sentence only the pseudo-language's version of the food-reactions panel has.
XX_SENTENCE = "Xx-Fassung: dieser Text ist die Übersetzung."


def english_copy(tmp_path: Path) -> Path:
    """A panel folder holding a copy of the shipped English panels."""
    folder = tmp_path / "education"
    folder.mkdir()
    for path in education_dir().glob("[0-9]*.md"):
        shutil.copy(path, folder / path.name)
    return folder


def translate(folder: Path, language: str, panel_id: str, title: str, *, header: dict[str, str] | None = None) -> Path:
    """Write a pseudo-translation of the English panel ``panel_id`` into ``folder/language`` (same file name):
    the title replaced, a sentence put before the body, the header otherwise as in English unless ``header`` says."""
    english = ENGLISH.get(panel_id)
    assert english is not None and english.path is not None
    text = english.path.read_text(encoding="utf-8").replace(f"title: {english.title}", f"title: {title}", 1)
    for key, value in (header or {}).items():
        start = text.index(f"\n{key}: ") + 1
        text = text[:start] + f"{key}: {value}" + text[text.index("\n", start) :]
    head, body = text.split("\n---\n", 1)
    target = folder / language / english.path.name
    target.parent.mkdir(exist_ok=True)
    target.write_text(f"{head}\n---\n{XX_SENTENCE}\n\n{body}", encoding="utf-8")
    return target
