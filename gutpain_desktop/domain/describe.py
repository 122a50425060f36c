"""Short one-line descriptions of entries, as the journal shows them."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .entries import (
    PROTOCOL_LABELS,
    REACTION_LABELS,
    RECALL_LABELS,
    BowelEntry,
    ChallengeEntry,
    ContextEntry,
    DietPhaseEntry,
    Entry,
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


def describe(entry: Entry, names: Mapping[str, str] | None = None) -> str:
    """``names`` maps category and symptom keys to the names the person sees."""
    names = names or {}

    def name(key: str) -> str:
        return names.get(key) or humanise(key)

    text = _describe(entry, name)
    if entry.note:
        first_line = entry.note.strip().splitlines()[0] if entry.note.strip() else ""
        if first_line:
            text = f"{text} — {first_line[:80]}"
    return text


def _describe(entry: Entry, name: Callable[[str], str]) -> str:
    if isinstance(entry, MealEntry):
        foods = ", ".join(f.name for f in entry.foods)
        cats = sorted({name(c) for f in entry.foods for c in f.categories})
        extra = f" [{', '.join(cats)}]" if cats else ""
        return f"{humanise(entry.meal_type.value)}: {foods}{extra}"
    if isinstance(entry, PainEntry):
        sites = ", ".join(SITE_INFO[s].label for s in sorted(entry.sites, key=_site_order))
        where = f" at {sites}" if sites else ""
        kind = f" ({entry.pain_kind.value})" if entry.pain_kind else ""
        return f"Pain {entry.intensity}/10{kind}, {RECALL_LABELS[entry.recall]}{where}"
    if isinstance(entry, SymptomEntry):
        return f"{name(entry.symptom)} {entry.severity}/10"
    if isinstance(entry, StressEntry):
        return f"Stress {entry.level}/10"
    if isinstance(entry, SleepEntry):
        parts = []
        hours = entry.total_hours
        if hours is not None:
            parts.append(f"{hours:g} h")
        if entry.quality is not None:
            parts.append(f"quality {entry.quality}/10")
        if entry.refreshed is not None:
            parts.append("woke refreshed" if entry.refreshed else "woke unrefreshed")
        return "Sleep: " + ", ".join(parts)
    if isinstance(entry, BowelEntry):
        flags = [
            label
            for label, on in (
                ("urgent", entry.urgency),
                ("straining", entry.straining),
                ("blood seen", entry.blood),
                ("at night", entry.at_night),
            )
            if on
        ]
        extra = f" ({', '.join(flags)})" if flags else ""
        return f"Bristol type {entry.bristol}: {BRISTOL_DESCRIPTIONS.get(entry.bristol, '')}{extra}"
    if isinstance(entry, DietPhaseEntry):
        protocol = entry.protocol_name or PROTOCOL_LABELS[entry.protocol]
        text = f"{protocol}: {entry.phase.value} from {entry.start.isoformat()}"
        if entry.eliminated:
            text += f", leaving out {', '.join(name(e) for e in entry.eliminated)}"
        return text
    if isinstance(entry, ChallengeEntry):
        targets = ", ".join(name(s) for s in entry.target_symptoms)
        outcome = humanise(entry.outcome.value).replace("Tolerated up to dose", "Tolerated up to a dose")
        return f"Challenge: {entry.food} (watching {targets}) — {outcome}"
    if isinstance(entry, WeeklyCheckinEntry):
        return f"Weekly check-in: WPI {entry.wpi}, SSS {entry.sss}, FS {entry.fs}"
    if isinstance(entry, ContextEntry):
        flags = [
            label
            for label, on in (
                ("period", entry.period),
                ("ill", entry.illness),
                ("fever", entry.fever),
                ("alcohol", entry.alcohol),
                ("exercise", entry.exercise),
            )
            if on
        ]
        if entry.medication:
            flags.append(f"medication: {entry.medication}")
        if entry.reactions:
            signs = ", ".join(REACTION_LABELS[r] for r in Reaction if r in entry.reactions)
            flags.append(f"reaction to {entry.reaction_food}: {signs}")
        return "Context: " + (", ".join(flags) if flags else "nothing unusual")
    return entry.kind.value


_ORDER: dict[BodySite, int] = {site: i for i, site in enumerate(SITE_INFO)}


def _site_order(site: BodySite) -> int:
    return _ORDER.get(site, 99)
