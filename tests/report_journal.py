"""A fixed journal for the PDF summary's tests: a year of demo entries ending on a fixed past day, with every kind of
red-flag event, a reaction, a decided challenge and a weekly check-in, so every part of the summary has something
to say. Nothing depends on today's date or the time of day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from gutpain_desktop.domain.entries import (
    BowelEntry,
    ChallengeDose,
    ChallengeEntry,
    ChallengeOutcome,
    ContextEntry,
    DecidedBy,
    Dose,
    Reaction,
    WeeklyCheckinEntry,
)
from gutpain_desktop.storage import Store

#: The last day of the journal and of the summary's period.
LAST_DAY = date(2026, 6, 30)
FIRST_DAY = LAST_DAY - timedelta(days=120)
NAME = "Alex Example"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0)).astimezone()


def fill_report_journal(store: Store) -> None:
    from gutpain_desktop.demo import generate_demo

    generate_demo(store, years=1.0, seed=1, today=LAST_DAY)
    store.entries.add(BowelEntry(occurred_at=_at(LAST_DAY - timedelta(days=10), 3), bristol=6, blood=True,
                                 at_night=True))  # fmt: skip
    store.entries.add(
        ContextEntry(
            occurred_at=_at(LAST_DAY - timedelta(days=20), 12),
            fever=True,
            reaction_food="Prawns",
            reactions=frozenset({Reaction.HIVES, Reaction.SWELLING}),
        )
    )
    store.entries.add(
        ChallengeEntry(
            occurred_at=_at(LAST_DAY - timedelta(days=15), 9),
            food="Garlic",
            target_symptoms=("bloating", "abdominal_pain"),
            doses=(ChallengeDose(1, Dose.SMALL, "1 clove"), ChallengeDose(2, Dose.MEDIUM)),
            outcome=ChallengeOutcome.TOLERATED_UP_TO_DOSE,
            decided_by=DecidedBy.PRACTITIONER,
        )
    )
    store.entries.add(WeeklyCheckinEntry(occurred_at=_at(LAST_DAY - timedelta(days=5), 10)))
