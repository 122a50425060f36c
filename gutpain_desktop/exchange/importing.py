"""What every importer shares: reading a file safely, the plan shown as a preview, and applying it all or nothing.

An importer reads the whole file first and builds an :class:`ImportPlan`: the entries it would add, the symptoms and
categories it would create, what it skipped, and every problem found (line, column, reason). Nothing is written while
planning. :func:`apply_plan` then writes the plan in one transaction (``EntryRepository.bulk.import_entries``): a
plan with problems is refused, and a failure while writing rolls everything back, so nothing is ever half imported.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.entries import KIND_LABELS, AnyEntry
from ..storage.bulk import ImportOutcome

#: The two formats the importer reads.
GUTPAIN, FLAREDOWN = "gutpain", "flaredown"


def guess_format(path: Path) -> str:
    """FLAREDOWN when the first line starts with Date and names Tags and Foods (Flaredown's export), else GUTPAIN."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(4096).decode("utf-8-sig", errors="replace").strip().lower()
    except OSError:
        return GUTPAIN
    return FLAREDOWN if first.startswith("date") and "tags" in first and "foods" in first else GUTPAIN


#: Files larger than this are refused before reading (a diary of decades is a few hundred MB at most).
MAX_FILE_BYTES = 512 * 1024 * 1024
#: A single cell longer than this is not a diary value (the csv module's own limit is 128 KiB).
MAX_CELL_CHARS = 100_000
#: Stop collecting problems after this many: the first ones say enough.
MAX_PROBLEMS = 50


class ImportFailed(Exception):
    """The file cannot be imported at all (unreadable, not text, not the expected format). Nothing was written."""


@dataclass(frozen=True, slots=True)
class ImportProblem:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}, {self.column}: {self.reason}" if self.column else f"{where}: {self.reason}"


@dataclass
class ImportPlan:
    """What an import would do. Nothing is written until :func:`apply_plan`."""

    path: Path
    format: str
    entries: list[AnyEntry] = field(default_factory=list)
    #: Catalog items to create, as (key, name).
    new_categories: list[tuple[str, str]] = field(default_factory=list)
    new_symptoms: list[tuple[str, str]] = field(default_factory=list)
    #: Entries of the file whose id is stored already (they are left as they are).
    already_present: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    #: What was left out on purpose, with how many (for example "weather columns": 6).
    skipped: dict[str, int] = field(default_factory=dict)
    #: Data rows read.
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_add(self) -> int:
        return len(self.entries) - self.already_present

    def counts_by_kind(self) -> dict[str, int]:
        counted = Counter(KIND_LABELS[e.kind] for e in self.entries)
        return dict(sorted(counted.items()))

    def summary(self) -> str:
        """A few plain lines for the preview and the command line."""
        lines = [f"{self.rows} rows read from {self.path.name} ({self.format})."]
        if self.problems:
            shown = "\n".join(f"  {p}" for p in self.problems[:20])
            more = len(self.problems) - 20
            lines.append(f"{len(self.problems)} problem(s); nothing will be imported until they are fixed:\n{shown}")
            if more > 0:
                lines.append(f"  ... and {more} more")
            return "\n".join(lines)
        kinds = ", ".join(f"{n} {kind.lower()}" for kind, n in self.counts_by_kind().items()) or "no entries"
        lines.append(f"{len(self.entries)} entries in the file: {kinds}.")
        lines.append(f"{self.to_add()} new, {self.already_present} already in your journal (kept as they are).")
        if self.new_symptoms:
            lines.append("New symptoms: " + ", ".join(name for _key, name in self.new_symptoms) + ".")
        if self.new_categories:
            lines.append("New trigger categories: " + ", ".join(name for _key, name in self.new_categories) + ".")
        for what, n in self.skipped.items():
            lines.append(f"Skipped: {n} {what}.")
        return "\n".join(lines)


def read_text(path: Path) -> str:
    """The file as text, or :class:`ImportFailed` with a message a person can act on."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}") from None
    if not path.is_file():
        raise ImportFailed(f"{path} is not a file.")
    if size > MAX_FILE_BYTES:
        raise ImportFailed(
            f"{path.name} is {size / 1e6:.0f} MB, more than the {MAX_FILE_BYTES // 2**20} MB an import accepts. "
            "Export a shorter date range and import the parts one by one."
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFailed(
            f"{path.name} is saved as UTF-16 text. Save it again as 'CSV UTF-8 (comma delimited)' and import that."
        )
    if b"\x00" in raw[:1_000_000]:
        raise ImportFailed(f"{path.name} does not look like a CSV text file (it contains binary data).")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            f"{path.name} is not UTF-8 text (line {line} has the byte 0x{raw[exc.start]:02x}). It may have been saved "
            "by a spreadsheet in another encoding: save it again as 'CSV UTF-8' and import that."
        ) from None


#: Characters of text handed to one ``io.StringIO`` at a time by :func:`_lines`.
LINES_PIECE = 1 << 20


def _lines(text: str, piece: int = LINES_PIECE) -> Iterator[str]:
    """The lines of ``text`` exactly as ``io.StringIO(text, newline="")`` gives them, made from pieces of about
    ``piece`` characters that end just after a "\\n" (so a "\\r\\n" is never split). One StringIO of a whole
    large file is one long copy that holds the GIL (80 ms for a 25 MB file, the window frozen meanwhile)."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + piece)
        end = len(text) if cut < 0 else cut + 1
        yield from io.StringIO(text[start:end], newline="")
        start = end


def csv_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each non-empty row; :class:`ImportFailed` for text that is not well-formed CSV."""
    reader = csv.reader(_lines(text), strict=True)
    previous_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS)
    try:
        line = 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailed(f"{name}, line {reader.line_num}: not readable as CSV ({exc}).") from None
    finally:
        csv.field_size_limit(previous_limit)


def apply_plan(store: Any, plan: ImportPlan, *, source: str = "import") -> ImportOutcome:
    """Write ``plan`` in one transaction. Refuses a plan with problems; on any error nothing is written."""
    if plan.problems:
        raise ImportFailed(f"{len(plan.problems)} problem(s) in {plan.path.name}: nothing was imported.")
    outcome: ImportOutcome = store.entries.bulk.import_entries(
        plan.entries, new_categories=plan.new_categories, new_symptoms=plan.new_symptoms, source=source
    )
    return outcome
