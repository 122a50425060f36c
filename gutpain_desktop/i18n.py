"""Marks for translators, and sentences that translate later, without Qt (the layers below the UI cannot import it).

``QT_TRANSLATE_NOOP("Labels", "Neck")`` returns the text unchanged; ``pyside6-lupdate`` finds the call by its name and
lists the text for translation under its context. The UI then shows it through ``ui.translate.label()``, which asks
Qt's installed translators (``QCoreApplication.translate("Labels", text)``).

Sentences composed below the UI are :class:`Phrase` values: a marked template with named ``{placeholders}`` and the
values that fill them. ``str(phrase)`` is the English sentence (what the CLI, the logs, the CSV and the PDF show); the
UI shows ``ui.translate.phrase(phrase)``, which translates the template and every nested phrase and label. What lupdate
reads (checked with pyside6-lupdate 6.x on Python files):

- only ``QT_TRANSLATE_NOOP("Context", "literal")`` with both arguments written as literals, positionally (a context
  held in a constant, keyword arguments or an f-string are missed or extracted wrongly); implicit concatenation of
  literals is fine;
- a fourth argument that is a number literal marks the text as a plural ("numerus") message:
  ``QT_TRANSLATE_NOOP("Insights", "%n days", None, 2)``. See :meth:`Phrase.counted`.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, Union

#: The context of labels defined below the UI (kinds, scales, body sites, built-in symptoms and categories).
LABELS = "Labels"
#: The context of the little words that join lists ("a, b and c").
LISTS = "Lists"


class Source(str):
    """A text marked for translation: the English text itself, which also knows its translation context."""

    context: str

    def __new__(cls, text: str, context: str) -> Source:
        made = super().__new__(cls, text)
        made.context = context
        return made

    def __reduce__(self) -> tuple[type[Source], tuple[str, str]]:  # copies and pickles keep the context
        return Source, (str(self), self.context)


def QT_TRANSLATE_NOOP(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> Source:
    """Mark ``text`` for pyside6-lupdate under ``context``; returns it unchanged (as a :class:`Source`).
    ``disambiguation`` and ``n`` only inform lupdate (a number as ``n`` marks a plural message)."""
    return Source(text, context)


@dataclass(frozen=True, slots=True)
class Label:
    """A label defined below the UI (translated in the "Labels" context) used inside a sentence.

    ``lower``: written mid-sentence, so its first letter is lowered ("Bloating" -> "bloating"), but "FODMAP" or
    "IBS pain" stay as written (:func:`lower_first`)."""

    text: str
    lower: bool = False

    def __str__(self) -> str:
        return lower_first(self.text) if self.lower else self.text


#: How a :class:`When` is written in English (strftime), by style.
_ENGLISH_DATES = {
    "date": "%d %b %Y",
    "day_month": "%d %b",
    "weekday_day_month": "%a %d %b",
    "iso": "%Y-%m-%d",
    "month": "%b",
}


@dataclass(frozen=True, slots=True)
class When:
    """A date inside a sentence: "02 Dec 2026" ("date"), "02 Dec" ("day_month") or "Wed 02 Dec"
    ("weekday_day_month") in English; the UI writes it the person's way (their locale's order and month names).
    "iso" is "2026-12-02" in English (as the journal's stored lines have it) and a short date in the UI. "month" is
    the month's short name alone ("Dec"; a chart's tick)."""

    day: date
    style: Literal["date", "day_month", "weekday_day_month", "iso", "month"] = "date"

    def __str__(self) -> str:
        return self.day.strftime(_ENGLISH_DATES[self.style])


#: What fills a placeholder: a plain value (numbers keep the template's format spec), a label, a date or a phrase.
Arg = Union[str, int, float, "Phrase", Label, When]
#: The words of a label or a date inside a sentence (``str`` gives the English).
Part = Callable[[Label | When], str]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A sentence (or part of one) to be shown in the person's language; ``str()`` gives the English text.

    Make one with :meth:`of` or :meth:`counted` around a ``QT_TRANSLATE_NOOP`` call, so lupdate lists the template.
    """

    context: str
    #: The English template, as translators see it; placeholders are ``{name}`` or ``{name:format}``.
    template: str
    args: tuple[tuple[str, Arg], ...] = ()
    #: For a plural message: the number that chooses the form (``%n`` in the template stands for it).
    count: int | None = None
    #: The English singular template, used when ``count`` is 1 (English has two forms; other languages have more).
    one: str | None = None

    @classmethod
    def of(cls, template: Source, /, **args: Arg) -> Phrase:
        return cls(template.context, str(template), tuple(args.items()))

    @classmethod
    def counted(cls, count: int, template: Source, one: str, /, **args: Arg) -> Phrase:
        """A plural message: ``template`` is the English plural form ("%n days", marked with a fourth argument so
        lupdate gives translators every plural form of their language), ``one`` the English singular ("%n day")."""
        return cls(template.context, str(template), tuple(args.items()), count, one)

    def english_template(self) -> str:
        """The English template with the plural form chosen and ``%n`` filled in."""
        if self.count is None:
            return self.template
        chosen = self.one if self.count == 1 and self.one is not None else self.template
        return chosen.replace("%n", str(self.count))

    def render(self, template: Callable[[Phrase], str], part: Part, decimal_point: str = ".") -> str:
        """The text, with ``template`` giving each phrase's template and ``part`` the words of each label and date
        (the UI passes its translators and date formats; ``str()`` the English). Decimal numbers are written with
        ``decimal_point`` (the UI passes its locale's: "4,8" in German)."""
        values = {name: _render(value, template, part, decimal_point) for name, value in self.args}
        if decimal_point == ".":
            return template(self).format(**values)
        return _LocaleNumbers(decimal_point).vformat(template(self), (), values)

    def __str__(self) -> str:
        return self.render(Phrase.english_template, str)

    def placeholders(self) -> set[str]:
        """The names the template (and the singular form) asks for."""
        return placeholders(self.template) | (placeholders(self.one) if self.one is not None else set())

    def walk(self) -> list[Phrase]:
        """This phrase and every phrase nested in its arguments."""
        found = [self]
        for _, value in self.args:
            if isinstance(value, Phrase):
                found.extend(value.walk())
        return found


class _LocaleNumbers(string.Formatter):
    """Formats as ``str.format`` does, then writes a decimal number's point as the locale does."""

    def __init__(self, decimal_point: str) -> None:
        super().__init__()
        self.decimal_point = decimal_point

    def format_field(self, value: object, format_spec: str) -> str:
        text: str = super().format_field(value, format_spec)
        return text.replace(".", self.decimal_point) if isinstance(value, float) else text


def _render(value: Arg, template: Callable[[Phrase], str], part: Part, decimal_point: str = ".") -> Arg:
    if isinstance(value, Phrase):
        return value.render(template, part, decimal_point)
    if isinstance(value, (Label, When)):
        return part(value)
    return value


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template fills ("{x:.1f}" -> "x")."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def lower_first(text: str) -> str:
    """Lower-case the first letter ("Bloating" -> "bloating"), but leave "FODMAP" or "IBS pain" as written."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """Capitalise the first letter only ("food 1 category" -> "Food 1 category")."""
    return text[:1].upper() + text[1:]


def listed(parts: Sequence[Arg]) -> Arg:
    """ "a, b, c" as a phrase whose commas translate ("" for no parts)."""
    if not parts:
        return ""
    head: Arg = parts[0]
    for part in parts[1:]:
        head = Phrase.of(QT_TRANSLATE_NOOP("Lists", "{first}, {next}"), first=head, next=part)
    return head


def joined(parts: Sequence[Arg]) -> Arg:
    """ "a, b and c" as a phrase whose joining words translate ("" for no parts)."""
    if len(parts) < 2:
        return listed(parts)
    return Phrase.of(QT_TRANSLATE_NOOP("Lists", "{first} and {last}"), first=listed(parts[:-1]), last=parts[-1])


#: Labels made from enum values (``humanise``) rather than written out: listed here so lupdate finds them.
ENUM_LABELS = (
    QT_TRANSLATE_NOOP("Labels", "Breakfast"),
    QT_TRANSLATE_NOOP("Labels", "Lunch"),
    QT_TRANSLATE_NOOP("Labels", "Dinner"),
    QT_TRANSLATE_NOOP("Labels", "Snack"),
    QT_TRANSLATE_NOOP("Labels", "Drink"),
    QT_TRANSLATE_NOOP("Labels", "Muscle"),
    QT_TRANSLATE_NOOP("Labels", "Joint"),
    QT_TRANSLATE_NOOP("Labels", "Headache"),
    QT_TRANSLATE_NOOP("Labels", "Abdominal"),
    QT_TRANSLATE_NOOP("Labels", "Nerve"),
    QT_TRANSLATE_NOOP("Labels", "Baseline"),
    QT_TRANSLATE_NOOP("Labels", "Elimination"),
    QT_TRANSLATE_NOOP("Labels", "Reintroduction"),
    QT_TRANSLATE_NOOP("Labels", "Personalisation"),
    QT_TRANSLATE_NOOP("Labels", "Paused"),
    QT_TRANSLATE_NOOP("Labels", "Stopped"),
    QT_TRANSLATE_NOOP("Labels", "Small"),
    QT_TRANSLATE_NOOP("Labels", "Medium"),
    QT_TRANSLATE_NOOP("Labels", "Large"),
    QT_TRANSLATE_NOOP("Labels", "Pending"),
    QT_TRANSLATE_NOOP("Labels", "Tolerated"),
    QT_TRANSLATE_NOOP("Labels", "Tolerated up to a dose"),
    QT_TRANSLATE_NOOP("Labels", "Not tolerated"),
    QT_TRANSLATE_NOOP("Labels", "Inconclusive"),
    QT_TRANSLATE_NOOP("Labels", "Right side"),
    QT_TRANSLATE_NOOP("Labels", "Centre"),
    QT_TRANSLATE_NOOP("Labels", "Left side"),
    QT_TRANSLATE_NOOP("Labels", "Learn more"),
)
