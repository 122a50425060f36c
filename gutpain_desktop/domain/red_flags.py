"""Rules that suggest seeing a doctor (shared/DOMAIN.md section 5). Gentle reminders, never a diagnosis.

Each rule looks at recent entries only and says why it fired, so the notice can be specific and kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from ..i18n import QT_TRANSLATE_NOOP, Label, Phrase, listed
from .entries import REACTION_LABELS, BowelEntry, ContextEntry, Entry, Reaction, SymptomEntry

DOCTOR_PANEL = "when-to-see-a-doctor"
LOOSE_WEEKS = 6


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Profile:
    """Optional facts the person chose to give; rules that need them stay silent without them."""

    sex: Sex | None = None
    age: int | None = None


@dataclass(frozen=True, slots=True)
class RedFlag:
    rule: str
    #: What the notice says (``str()`` is the English; the UI shows it translated).
    phrase: Phrase
    panel: str = DOCTOR_PANEL

    @property
    def message(self) -> str:
        return str(self.phrase)


E = TypeVar("E", bound=Entry)


def _recent(entries: Sequence[E], today: date, days: int) -> list[E]:
    start = today - timedelta(days=days - 1)
    return [e for e in entries if start <= e.local_date <= today]


def red_flags(entries: Sequence[Entry], today: date, profile: Profile | None = None) -> list[RedFlag]:
    """The rules that fire on ``entries`` (any kinds; at least the last 7 weeks are needed for every rule)."""
    found: list[RedFlag] = []
    bowel = [e for e in entries if isinstance(e, BowelEntry)]
    if any(e.blood for e in _recent(bowel, today, 14)):
        found.append(
            RedFlag(
                "blood",
                Phrase.of(
                    QT_TRANSLATE_NOOP(
                        "RedFlags",
                        "You noted blood with a bowel movement. Often the cause is minor, such as a small tear or "
                        "haemorrhoids, but blood in the stool, or black stools, should always be checked by a doctor. "
                        "If there is a lot of blood, or you feel faint or unwell, seek urgent care now. This is a "
                        "reminder, not a diagnosis.",
                    )
                ),
            )
        )
    if any(e.at_night for e in _recent(bowel, today, 14)):
        found.append(
            RedFlag(
                "night_bowel",
                Phrase.of(
                    QT_TRANSLATE_NOOP(
                        "RedFlags",
                        "You noted a bowel movement that woke you at night. Gut symptoms that wake you from sleep are "
                        "worth mentioning to a doctor. This is a reminder, not a diagnosis.",
                    )
                ),
            )
        )
    if _loose_most_days(bowel, today):
        found.append(
            RedFlag(
                "loose_stools",
                Phrase.of(
                    QT_TRANSLATE_NOOP(
                        "RedFlags",
                        "Your stools have been loose (Bristol type 6 or 7) on most days for more than {weeks} weeks. "
                        "A change like this that lasts is worth checking with a doctor. This is a reminder, not a "
                        "diagnosis.",
                    ),
                    weeks=LOOSE_WEEKS,
                ),
            )
        )
    context = [e for e in entries if isinstance(e, ContextEntry)]
    if any(e.fever for e in _recent(context, today, 7)):
        found.append(
            RedFlag(
                "fever",
                Phrase.of(
                    QT_TRANSLATE_NOOP(
                        "RedFlags",
                        "You noted a fever. A fever together with gut or pain symptoms, or one that lasts, is a reason "
                        "to contact a doctor. This is a reminder, not a diagnosis.",
                    )
                ),
            )
        )
    reactions = [e for e in _recent(context, today, 30) if e.reactions]
    if reactions:
        last = max(reactions, key=lambda e: e.occurred_at)
        found.append(
            RedFlag(
                "food_reaction",
                Phrase.of(
                    QT_TRANSLATE_NOOP(
                        "RedFlags",
                        "You noted a reaction ({reactions}) after {food}. Hives, swelling or trouble breathing after "
                        "eating are worth telling a doctor about, and that food should not be tried again at home to "
                        "see what happens. If swelling of the face or throat or trouble breathing happens again, call "
                        "your local emergency number. This is a reminder, not a diagnosis.",
                    ),
                    reactions=listed([Label(REACTION_LABELS[r]) for r in Reaction if r in last.reactions]),
                    food=last.reaction_food,
                ),
            )
        )
    if profile is not None and profile.sex is Sex.FEMALE and profile.age is not None and profile.age >= 50:
        bloated_days = {
            e.local_date
            for e in _recent(entries, today, 30)
            if isinstance(e, SymptomEntry) and e.symptom == "bloating" and e.severity > 0
        }
        if len(bloated_days) >= 12:
            found.append(
                RedFlag(
                    "bloating_50",
                    Phrase.of(
                        QT_TRANSLATE_NOOP(
                            "RedFlags",
                            "You noted bloating on {days} days in the last month. For women aged 50 or over, bloating "
                            "on more than 12 days a month is worth discussing with a doctor, even when it feels "
                            "ordinary. This is a reminder, not a diagnosis.",
                        ),
                        days=len(bloated_days),
                    ),
                )
            )
    return found


def _loose_most_days(bowel: Sequence[BowelEntry], today: date) -> bool:
    """Loose stools on most days of the last six weeks, with bowel entries covering that whole time."""
    span = LOOSE_WEEKS * 7
    window = _recent(bowel, today, span)
    if not window or min(e.local_date for e in bowel) > today - timedelta(days=span - 1):
        return False  # not six weeks of history yet
    loose_days = {e.local_date for e in window if e.bristol >= 6}
    return len(loose_days) > span // 2
