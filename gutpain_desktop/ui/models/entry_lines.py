"""The one-line details of entries shown beside their kind (the Journal's Details column, Today's list), in the
person's language.

Storage keeps an English line with every entry (``domain.describe``), which the journal lists without loading the
entries. In English (no translation installed, or none for these texts, and a locale that writes "7.5") that stored
line is shown as it is, minus the kind it starts with (``without_kind``): nothing more is read. Otherwise the line is
composed anew from the entry (``summary_phrase``, translated by ``translate.phrase``, with the locale's decimal point
and dates) for the rows actually shown: the entries of the page on screen are read in one query and their lines kept
by id until the list is reloaded.

The journal's search reads the stored English lines and the notes, in SQL; typed in the person's language it also
looks for the English of the fixed words (kinds, body sites, labels) whose translation matches (:func:`search_texts`).
Words inside a translated template (say "quality") are only found in English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QLocale

from ...domain.describe import KIND_PREFIXES, searchable_words, summary_phrase, without_kind
from ...domain.entries import KIND_LABELS, JournalRow
from ...storage import CatalogRepository, EntryRepository
from ..translate import label, phrase

#: How many rendered lines are kept before the cache starts afresh (a few MB at most, however far one scrolls).
MOST_KEPT = 20_000
#: At most this many English words are searched for besides what was typed.
MOST_SEARCHED = 12


def summaries_translated() -> bool:
    """Whether the installed translation covers the entry lines: the kinds of entry, or the lines that start with
    one, read differently from the English. (A translation that covers neither leaves the stored English.)"""
    if any(label(text) != text for text in KIND_LABELS.values()):
        return True
    templates = [f"{prefix}{{details}}" for prefix in KIND_PREFIXES.values()]
    return any(QCoreApplication.translate("Summaries", text) != text for text in templates)


def search_texts(typed: str) -> str | tuple[str, ...]:
    """What the journal's search looks for in the stored (English) lines and the notes: the words as typed, and
    with a translation also the English of the fixed words whose translation holds them ("nacken" -> "Neck"); for
    three letters or more, and a few words at most, so the search stays one quick pass over the journal."""
    folded = typed.casefold()
    if len(folded) < 3 or not summaries_translated():
        return typed
    english = [
        str(word)
        for word in searchable_words()
        if folded in QCoreApplication.translate(word.context, word).casefold() and folded not in word.casefold()
    ]
    return (typed, *list(dict.fromkeys(english))[:MOST_SEARCHED]) if english else typed


def lines_composed() -> bool:
    """Whether the lines shown are composed from the entries rather than read as stored: with a translation
    (:func:`summaries_translated`), or in a locale whose decimal point is not "." ("7,5 h"; dates in its own way)."""
    return summaries_translated() or QLocale().decimalPoint() != "."


class EntryLines:
    """Lines for journal rows, in the person's language; :meth:`reset` when the rows are read anew."""

    def __init__(self, entries: EntryRepository, catalog: CatalogRepository) -> None:
        self._entries = entries
        self._catalog = catalog
        self._lines: dict[UUID, str] = {}
        self._names: Mapping[str, str] | None = None
        self._composing = lines_composed()

    @property
    def composing(self) -> bool:
        """Whether the lines are composed from the entries (see :func:`lines_composed`), not the stored English."""
        return self._composing

    def __len__(self) -> int:
        """How many lines are made and kept."""
        return len(self._lines)

    def reset(self) -> None:
        """Forget the lines made so far (entries or names may have changed) and look at the translation again."""
        self._lines.clear()
        self._names = None
        self._composing = lines_composed()

    def text(self, row: JournalRow, page: Callable[[], Sequence[JournalRow]] | None = None) -> str:
        """The line for ``row``. When it still has to be made, the lines of ``page()`` (the rows around it, on
        screen) are made with it, in one read."""
        if not self._composing:
            return without_kind(row.summary, row.kind)
        found = self._lines.get(row.id)
        if found is None:
            self.prepare(page() if page is not None else [row])
            found = self._lines.get(row.id)
        return found if found is not None else without_kind(row.summary, row.kind)

    def prepare(self, rows: Iterable[JournalRow]) -> None:
        """Make the lines of ``rows`` not made yet, reading their entries in one query."""
        if not self._composing:
            return
        missing = {row.id: row for row in rows if row.id not in self._lines}
        if not missing:
            return
        if len(self._lines) + len(missing) > MOST_KEPT:
            self._lines.clear()
        if self._names is None:
            self._names = self._catalog.names()
        for entry in self._entries.by_ids(missing):
            self._lines[entry.id] = phrase(summary_phrase(entry, self._names, with_kind=False))
        for entry_id, row in missing.items():  # deleted meanwhile: the stored line, and no second read
            self._lines.setdefault(entry_id, without_kind(row.summary, row.kind))
