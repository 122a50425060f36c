"""Short one-line descriptions of entries, as the journal shows them.

:func:`summary_phrase` builds the line as an :class:`~gutpain_desktop.i18n.Phrase` (context "Summaries"), so the UI
can show it in the person's language; :func:`describe` is its English text, which storage keeps with every entry
(the journal's search, the CLI and the tests read it). Where the kind of entry is shown beside the line (the Journal's
Kind column, Today's list) the line leaves out the kind it would otherwise start with: ``with_kind=False``, or
:func:`without_kind` on a stored English summary ("Sleep: 8.5 h" -> "8.5 h"), which also serves rows saved earlier.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..i18n import ENUM_LABELS, LABELS, QT_TRANSLATE_NOOP, Arg, Label, Phrase, Source, When, listed
from .diet import eliminated_words
from .entries import (
    BUILTIN_CATEGORIES,
    BUILTIN_SYMPTOMS,
    KIND_LABELS,
    PROTOCOL_LABELS,
    REACTION_LABELS,
    RECALL_LABELS,
    BowelEntry,
    ChallengeEntry,
    ContextEntry,
    DietPhaseEntry,
    Entry,
    EntryKind,
    MealEntry,
    PainEntry,
    Reaction,
    SleepEntry,
    StressEntry,
    SymptomEntry,
    WeeklyCheckinEntry,
    humanise,
)
from .scales import BRISTOL_DESCRIPTIONS, SITE_INFO, BodySite

#: The English words a stored summary starts with when it names its own kind (what :func:`without_kind` removes).
#: The kinds whose stored line starts with the kind's name, and how ("Pain 6/10", "Sleep: 7.5 h, ...").
WITH_KIND: dict[EntryKind, Source] = {
    EntryKind.PAIN: QT_TRANSLATE_NOOP("Summaries", "Pain {details}"),
    EntryKind.STRESS: QT_TRANSLATE_NOOP("Summaries", "Stress {details}"),
    EntryKind.SLEEP: QT_TRANSLATE_NOOP("Summaries", "Sleep: {details}"),
    EntryKind.CHALLENGE: QT_TRANSLATE_NOOP("Summaries", "Challenge: {details}"),
    EntryKind.WEEKLY_CHECKIN: QT_TRANSLATE_NOOP("Summaries", "Weekly check-in: {details}"),
    EntryKind.CONTEXT: QT_TRANSLATE_NOOP("Summaries", "Context: {details}"),
}
#: The English those lines start with, which :func:`without_kind` takes off a stored line.
KIND_PREFIXES: dict[EntryKind, str] = {kind: str(text).split("{details}")[0] for kind, text in WITH_KIND.items()}

#: Words of the lines that stand alone (no placeholders): flags of a bowel movement (urgency, straining, blood,
#: at night), of a day's context (period, illness, fever, alcohol, exercise), how one woke.
BOWEL_FLAGS = (
    QT_TRANSLATE_NOOP("Summaries", "urgent"),
    QT_TRANSLATE_NOOP("Summaries", "straining"),
    QT_TRANSLATE_NOOP("Summaries", "blood seen"),
    QT_TRANSLATE_NOOP("Summaries", "at night"),
)
CONTEXT_FLAGS = (
    QT_TRANSLATE_NOOP("Summaries", "period"),
    QT_TRANSLATE_NOOP("Summaries", "ill"),
    QT_TRANSLATE_NOOP("Summaries", "fever"),
    QT_TRANSLATE_NOOP("Summaries", "alcohol"),
    QT_TRANSLATE_NOOP("Summaries", "exercise"),
)
WOKE = {
    True: QT_TRANSLATE_NOOP("Summaries", "woke refreshed"),
    False: QT_TRANSLATE_NOOP("Summaries", "woke unrefreshed"),
}
NOTHING_UNUSUAL = QT_TRANSLATE_NOOP("Summaries", "nothing unusual")


def searchable_words() -> list[Source]:
    """The fixed words the stored lines are made of (labels, the standalone words above), each knowing its context:
    a search typed in the person's language can look for the English of the words it matches."""
    words: list[str] = [*KIND_LABELS.values(), *(info.label for info in SITE_INFO.values())]
    words += [*BRISTOL_DESCRIPTIONS.values(), *RECALL_LABELS.values(), *REACTION_LABELS.values()]
    words += [*PROTOCOL_LABELS.values(), *ENUM_LABELS, *(c.name for c in BUILTIN_CATEGORIES)]
    words += [*(d.name for d in BUILTIN_SYMPTOMS), *BOWEL_FLAGS, *CONTEXT_FLAGS, *WOKE.values(), NOTHING_UNUSUAL]
    return [w if isinstance(w, Source) else Source(w, LABELS) for w in dict.fromkeys(words)]


def describe(entry: Entry, names: Mapping[str, str] | None = None) -> str:
    """The English line stored with the entry. ``names`` maps category and symptom keys to the names the person
    sees."""
    return str(summary_phrase(entry, names))


def summary_phrase(entry: Entry, names: Mapping[str, str] | None = None, *, with_kind: bool = True) -> Arg:
    """The line as a phrase the UI translates (``str()`` is :func:`describe`'s English). ``with_kind=False``: for
    showing beside the entry's kind, without the kind at its start ("8.5 h, quality 5/10", not "Sleep: 8.5 h, …")."""
    found = names or {}

    def name(key: str) -> Label:
        return Label(found.get(key) or humanise(key))

    details = _details(entry, name, found)
    said = _with_kind(entry, details) if with_kind else details
    note = entry.note.strip().splitlines()[0][:80] if entry.note and entry.note.strip() else ""
    if note:
        said = Phrase.of(QT_TRANSLATE_NOOP("Summaries", "{summary} — {note}"), summary=said, note=note)
    return said


def without_kind(summary: str, kind: EntryKind) -> str:
    """A stored English summary without the kind it starts with ("Stress 6/10" -> "6/10"); others as they are."""
    prefix = KIND_PREFIXES.get(kind)
    if prefix and summary.startswith(prefix) and len(summary) > len(prefix):
        return summary[len(prefix) :]
    return summary


def _with_kind(entry: Entry, details: Arg) -> Arg:
    """The line as stored: the details, after the kind for the kinds that name it."""
    template = WITH_KIND.get(entry.kind)
    return details if template is None else Phrase.of(template, details=details)


def _details(entry: Entry, name: Callable[[str], Label], names: Mapping[str, str]) -> Arg:
    if isinstance(entry, MealEntry):
        return _meal(entry, name)
    if isinstance(entry, PainEntry):
        return _pain(entry)
    if isinstance(entry, SymptomEntry):
        return Phrase.of(
            QT_TRANSLATE_NOOP("Summaries", "{symptom} {severity}/10"),
            symptom=name(entry.symptom),
            severity=entry.severity,
        )
    if isinstance(entry, StressEntry):
        return Phrase.of(QT_TRANSLATE_NOOP("Summaries", "{level}/10"), level=entry.level)
    if isinstance(entry, SleepEntry):
        return _sleep(entry)
    if isinstance(entry, BowelEntry):
        return _bowel(entry)
    if isinstance(entry, DietPhaseEntry):
        return _diet_phase(entry, names)
    if isinstance(entry, ChallengeEntry):
        outcome = humanise(entry.outcome.value).replace("Tolerated up to dose", "Tolerated up to a dose")
        return Phrase.of(
            QT_TRANSLATE_NOOP("Summaries", "{food} (watching {targets}) — {outcome}"),
            food=entry.food,
            targets=listed([name(s) for s in entry.target_symptoms]),
            outcome=Label(outcome),
        )
    if isinstance(entry, WeeklyCheckinEntry):
        return Phrase.of(
            QT_TRANSLATE_NOOP("Summaries", "WPI {wpi}, SSS {sss}, FS {fs}"), wpi=entry.wpi, sss=entry.sss, fs=entry.fs
        )
    if isinstance(entry, ContextEntry):
        return _context(entry)
    return entry.kind.value


def _meal(entry: MealEntry, name: Callable[[str], Label]) -> Phrase:
    foods = listed([f.name for f in entry.foods])
    meal = Label(humanise(entry.meal_type.value))
    categories = sorted({name(c) for f in entry.foods for c in f.categories}, key=str)
    if not categories:
        return Phrase.of(QT_TRANSLATE_NOOP("Summaries", "{meal}: {foods}"), meal=meal, foods=foods)
    return Phrase.of(
        QT_TRANSLATE_NOOP("Summaries", "{meal}: {foods} [{categories}]"),
        meal=meal,
        foods=foods,
        categories=listed(categories),
    )


def _pain(entry: PainEntry) -> Phrase:
    recall = Label(RECALL_LABELS[entry.recall])
    if entry.pain_kind:
        kind = Label(humanise(entry.pain_kind.value), lower=True)
        said = Phrase.of(
            QT_TRANSLATE_NOOP("Summaries", "{intensity}/10 ({kind}), {recall}"),
            intensity=entry.intensity,
            kind=kind,
            recall=recall,
        )
    else:
        said = Phrase.of(
            QT_TRANSLATE_NOOP("Summaries", "{intensity}/10, {recall}"), intensity=entry.intensity, recall=recall
        )
    if not entry.sites:
        return said
    sites = listed([Label(SITE_INFO[s].label) for s in sorted(entry.sites, key=_site_order)])
    return Phrase.of(QT_TRANSLATE_NOOP("Summaries", "{pain} at {sites}"), pain=said, sites=sites)


def _sleep(entry: SleepEntry) -> Arg:
    parts: list[Arg] = []
    hours = entry.total_hours
    if hours is not None:
        parts.append(Phrase.of(QT_TRANSLATE_NOOP("Summaries", "{hours:g} h"), hours=hours))
    if entry.quality is not None:
        parts.append(Phrase.of(QT_TRANSLATE_NOOP("Summaries", "quality {quality}/10"), quality=entry.quality))
    if entry.refreshed is not None:
        parts.append(Phrase.of(WOKE[entry.refreshed]))
    return listed(parts)


def _bowel(entry: BowelEntry) -> Phrase:
    on = (entry.urgency, entry.straining, entry.blood, entry.at_night)
    flags = [Phrase.of(words) for words, marked in zip(BOWEL_FLAGS, on, strict=True) if marked]
    said = Phrase.of(
        QT_TRANSLATE_NOOP("Summaries", "Bristol type {bristol}: {form}"),
        bristol=entry.bristol,
        form=Label(BRISTOL_DESCRIPTIONS.get(entry.bristol, "")),
    )
    if not flags:
        return said
    return Phrase.of(QT_TRANSLATE_NOOP("Summaries", "{stool} ({flags})"), stool=said, flags=listed(flags))


def _diet_phase(entry: DietPhaseEntry, names: Mapping[str, str]) -> Phrase:
    protocol: Arg = entry.protocol_name or Label(PROTOCOL_LABELS[entry.protocol])
    said = Phrase.of(
        QT_TRANSLATE_NOOP("Summaries", "{protocol}: {phase} from {start}"),
        protocol=protocol,
        phase=Label(humanise(entry.phase.value), lower=True),
        start=When(entry.start, "iso"),
    )
    if not entry.eliminated:
        return said
    return Phrase.of(
        QT_TRANSLATE_NOOP("Summaries", "{phase}, leaving out {foods}"),
        phase=said,
        foods=listed([eliminated_words(e, dict(names)) for e in entry.eliminated]),
    )


def _context(entry: ContextEntry) -> Arg:
    on = (entry.period, entry.illness, entry.fever, entry.alcohol, entry.exercise)
    flags: list[Arg] = [Phrase.of(words) for words, marked in zip(CONTEXT_FLAGS, on, strict=True) if marked]
    if entry.medication:
        flags.append(Phrase.of(QT_TRANSLATE_NOOP("Summaries", "medication: {medication}"), medication=entry.medication))
    if entry.reactions:
        signs = listed([Label(REACTION_LABELS[r]) for r in Reaction if r in entry.reactions])
        flags.append(
            Phrase.of(
                QT_TRANSLATE_NOOP("Summaries", "reaction to {food}: {signs}"), food=entry.reaction_food, signs=signs
            )
        )
    return listed(flags) if flags else Phrase.of(NOTHING_UNUSUAL)


_ORDER: dict[BodySite, int] = {site: i for i, site in enumerate(SITE_INFO)}


def _site_order(site: BodySite) -> int:
    return _ORDER.get(site, 99)
