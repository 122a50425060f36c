"""Showing labels and sentences that come from below the UI (domain tables, the catalogue, analysis) through Qt's
translators."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..domain.entries import KIND_LABELS, EntryKind
from ..education import choose_language
from ..i18n import LABELS, QT_TRANSLATE_NOOP, Arg, Label, Phrase, When, lower_first
from .formats import DisplayFormats

#: A question to the translator, answered by translating it (Qt's own idiom, as for ``QT_LAYOUT_DIRECTION``): whether
#: a label ("Bloating", "Dairy") takes a small first letter inside a sentence in their language. English lowers it
#: ("after dairy"); a German noun keeps its capital ("nach Milchprodukten"), so a translated label is only lowered
#: when the translator answered "yes".
LOWER_MID_SENTENCE = QT_TRANSLATE_NOOP(
    "Lists",
    "A label such as 'Bloating' takes a small first letter inside a sentence: translate as yes or no "
    "(English and French: yes; German: no)",
)


def label(text: str) -> str:
    """The label in the person's language (the text itself when there is no translation)."""
    return QCoreApplication.translate(LABELS, text) if text else text


def mid_sentence(text: str) -> str:
    """A label written inside a sentence. The translator decides (:data:`LOWER_MID_SENTENCE`): "yes" lowers its first
    letter ("bloating"), "no" keeps it as translated (German nouns, even one spelt as in English: "Stress"). Without
    an answer only an untranslated (English) label is lowered; a translated one is shown as the translator wrote it."""
    words = label(text)
    answer = QCoreApplication.translate("Lists", LOWER_MID_SENTENCE).strip().lower()
    if answer == "yes" or (answer != "no" and words == text):
        return lower_first(words)
    return words


def phrase(said: Arg) -> str:
    """A sentence composed below the UI, in the person's language: its template, and every phrase and label inside
    it, translated. A label alone is translated too; a plain string is shown as it is (a name the person typed)."""
    if isinstance(said, Phrase):
        return said.render(_template, _part, QLocale().decimalPoint())
    if isinstance(said, (Label, When)):
        return _part(said)
    return str(said)


def _template(said: Phrase) -> str:
    if said.count is None:
        return QCoreApplication.translate(said.context, said.template)
    done = QCoreApplication.translate(said.context, said.template, None, said.count)
    if done == said.template.replace("%n", str(said.count)):  # no translation: English picks its own form
        return said.english_template()
    return done


def _part(part: Label | When) -> str:
    if isinstance(part, When):
        if part.style in ("date", "iso"):
            return DisplayFormats.short_date(part.day)
        if part.style == "day_month":
            return DisplayFormats.day_month(part.day)
        if part.style == "month":
            return QLocale().standaloneMonthName(part.day.month, QLocale.FormatType.ShortFormat)
        return f"{DisplayFormats.weekday(part.day)} {DisplayFormats.day_month(part.day)}"
    return mid_sentence(part.text) if part.lower else label(part.text)


def install_translations(app: QCoreApplication, folder: Path, locale: QLocale | None = None) -> list[QTranslator]:
    """Load ``gutpain_<language>.qm`` from ``folder`` and Qt's own texts for the system language, when they exist.
    Returns the translators installed (none for English, or when no file matches)."""
    chosen = locale or QLocale()
    installed: list[QTranslator] = []
    for name, where in (
        ("gutpain", str(folder)),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(chosen, name, "_", where):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def panel_language(locale: QLocale | None = None) -> str:
    """The language the educational panels are read in, as a plain folder name for the layers below ("de", or ""
    for English): the first of the locale's languages that has translated panels, as Qt picks the .qm file."""
    return choose_language((locale or QLocale()).uiLanguages())


def kind_words(kind: EntryKind) -> str:
    """The name of a kind of entry written mid-sentence ('delete {0}' -> 'delete bowel movement'; see
    :func:`mid_sentence`)."""
    return mid_sentence(KIND_LABELS[kind])


def number(value: float, decimals: int = 1) -> str:
    """A decimal number the way the person's locale writes it ('5.3', or '5,3' in German). Exports keep their own
    format: this is for what the app shows."""
    return QLocale().toString(float(value), "f", decimals)


def written(said: Arg) -> str:
    """Like :func:`phrase`, with a decimal number written as :func:`number` writes it ("4,5" in German): the words of
    the PDF summary in the person's language (``exchange.report_pdf.Render``)."""
    if isinstance(said, float):
        return number(said, 1)
    return phrase(said)


def plural(done: str, count: int, many: str, one: str) -> str:
    """A counted text in the person's language: ``done`` is ``tr(many, "", count)`` (translators fill in every plural
    form of their language). Without a translation the English source comes back for every count, so English picks
    its singular ``one`` here ('%n day', not '1 days')."""
    if count == 1 and done == many.replace("%n", "1"):
        return one.replace("%n", "1")
    return done
