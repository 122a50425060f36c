"""What the person chose to track, and in which order the daily check-in asks. Pure Python: no Qt, no SQLAlchemy.

Stored as a few text settings beside the data (the ``setting`` table), so the choices travel with the journal and its
backups. Unknown or missing values fall back to the defaults: everything shown, in the original order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Tracker(StrEnum):
    """Parts of the app a person can hide when they do not use them."""

    PAIN = "pain"
    SITES = "sites"
    STRESS = "stress"
    SLEEP = "sleep"
    SYMPTOMS = "symptoms"
    MEALS = "meals"
    BOWEL = "bowel"
    CONTEXT = "context"
    DIET = "diet"
    WEEKLY = "weekly"


#: The sections of the daily check-in, in their default order (the note always comes last).
CHECKIN_SECTIONS: tuple[Tracker, ...] = (Tracker.PAIN, Tracker.SITES, Tracker.STRESS, Tracker.SLEEP, Tracker.SYMPTOMS)

TRACKER_LABELS: dict[Tracker, str] = {
    Tracker.PAIN: "Pain (0–10)",
    Tracker.SITES: "Where it hurts (body map)",
    Tracker.STRESS: "Stress (0–10)",
    Tracker.SLEEP: "Sleep last night",
    Tracker.SYMPTOMS: "Symptoms",
    Tracker.MEALS: "Meals and foods",
    Tracker.BOWEL: "Bowel movements (Bristol scale)",
    Tracker.CONTEXT: "Context (period, illness, medication, food reactions)",
    Tracker.DIET: "An elimination diet you follow or plan, and reintroduction challenges",
    Tracker.WEEKLY: "Weekly check-in (widespread pain and symptom severity, as used in fibromyalgia care)",
}

HIDDEN_KEY = "tracking.hidden"
ORDER_KEY = "tracking.checkin_order"
WELCOMED_KEY = "welcome.done"
#: Set while demo (example) entries are in the journal, so the app can say so without counting entries at start.
DEMO_PRESENT_KEY = "demo.present"


@dataclass(frozen=True)
class TrackingPreferences:
    hidden: frozenset[Tracker] = frozenset()
    checkin_order: tuple[Tracker, ...] = CHECKIN_SECTIONS
    #: The first-start welcome was shown and answered (or skipped).
    welcomed: bool = False

    def shows(self, tracker: Tracker) -> bool:
        return tracker not in self.hidden

    def visible_sections(self) -> tuple[Tracker, ...]:
        return tuple(s for s in self.checkin_order if s not in self.hidden)

    def with_shown(self, tracker: Tracker, shown: bool) -> TrackingPreferences:
        hidden = self.hidden - {tracker} if shown else self.hidden | {tracker}
        return TrackingPreferences(frozenset(hidden), self.checkin_order, self.welcomed)

    def with_order(self, order: Iterable[Tracker]) -> TrackingPreferences:
        return TrackingPreferences(self.hidden, normalise_order(order), self.welcomed)

    def welcomed_now(self) -> TrackingPreferences:
        return TrackingPreferences(self.hidden, self.checkin_order, True)

    def to_settings(self) -> dict[str, str]:
        return {
            HIDDEN_KEY: " ".join(t.value for t in Tracker if t in self.hidden),
            ORDER_KEY: " ".join(t.value for t in self.checkin_order),
            WELCOMED_KEY: "1" if self.welcomed else "",
        }

    @classmethod
    def from_settings(cls, setting: Callable[[str], str | None] | Mapping[str, str]) -> TrackingPreferences:
        get = setting.get if isinstance(setting, Mapping) else setting
        hidden = frozenset(_trackers((get(HIDDEN_KEY) or "").split()))
        order = normalise_order(_trackers((get(ORDER_KEY) or "").split()))
        return cls(hidden, order, (get(WELCOMED_KEY) or "") == "1")


def _trackers(values: Iterable[str]) -> list[Tracker]:
    found = []
    for value in values:
        try:
            found.append(Tracker(value))
        except ValueError:  # a value from a newer or older version: ignored
            continue
    return found


def normalise_order(order: Iterable[Tracker]) -> tuple[Tracker, ...]:
    """Check-in sections only, each once, with any missing ones added in their default place at the end."""
    chosen = [s for s in dict.fromkeys(order) if s in CHECKIN_SECTIONS]
    return tuple(chosen + [s for s in CHECKIN_SECTIONS if s not in chosen])
