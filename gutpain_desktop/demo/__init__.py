"""Realistic synthetic journal entries, for exploring the app, demos and benchmarks. No Qt.

:func:`generate_demo` writes a diary of one imaginary person ending on ``today``: meals with foods and their trigger
categories, pain (0-10, with body sites), stress, sleep, the tracked symptoms, bowel movements, context (period,
illness, alcohol, exercise, medication), a weekly check-in, and one elimination diet with a reintroduction.
Everything is stored with source ``"demo"`` so it can be told apart from (and removed without touching) the person's
own entries. The same ``seed`` and ``today`` give the same diary (same ids too, when written into a journal without
demo entries); entries later than the current time are left out when ``today`` is today.

Relationships planted on purpose (so the analyses have something true to find, and so their limits show):

* **Dairy -> next-day bloating.** Bloating on day D+1 rises by 2.5 x the dairy "lactose load" of day D. The load is the
  sum over the day's dairy foods of their lactose weight (milk, yogurt, ice cream, milky coffee = 1; cheese dishes,
  tea with milk, chocolate = 0.6; butter, hard cheese = 0.3), capped at 1. On an ordinary dairy day this is about
  +2 points. Outside the elimination diet about half the days include dairy, chosen independently day by day.
  Dairy also makes the next day's stools looser (Bristol 5-7 more often) and a little more frequent.
* **Short sleep -> pain.** A night under 6 hours (the sleep entry filed under the morning of day D) raises day D's
  pain by 1 point. Stress above 5 shortens that evening's sleep (0.2 h per point) and lengthens falling asleep;
  alcohol shortens it by ~0.4 h.
* **High stress -> same-day abdominal pain.** Stress 7 or more raises the same day's abdominal pain by 2 points.
* **Weekly rhythm.** Stress is ~1.5 points higher on working days; pain is highest on Mondays (+0.5) and lowest at
  weekends (-0.4), about 0.9 points apart.
* **Seasonal drift.** Pain follows a yearly wave of +-0.7 points (worst in late January) plus a slow random drift
  of about +-0.5 points over months.
* **Confounders.** A period every 26-31 days for 4-5 days (pain +0.8, abdominal pain +1.2, bloating +0.6); 3-4
  illnesses a year of 3-8 days (fatigue +2.5, pain +1, headache +1.5, brain fog +1, sometimes fever and paracetamol);
  alcohol (mostly Friday and Saturday) raises the next day's headache by 1.5; pain of 7 or more sometimes brings
  ibuprofen. Exercise (~30% of days) is recorded but has no planted effect. Fatigue follows sleep and pain; brain
  fog follows fatigue.
* **Elimination diet** (in the most recent year; for spans under ~4 months proportionally shorter): baseline
  (2 weeks) -> elimination (4 weeks; dairy-free or low FODMAP, chosen by the seed) -> reintroduction with two
  3-day challenges (small / medium / large dose, then a 3-day washout) -> personalisation (the lactose-rich foods
  are mostly avoided, with the occasional lapse). Meals on challenge days carry the challenge's id. A finished
  challenge's outcome is the suggested verdict of :func:`gutpain_desktop.analysis.challenges.suggest_verdict` on the
  generated target scores and the confounders of each day (illness, a period, stress >= 7, a night under 5 hours).
  Over 100 seeds (1 year each): milk (small dose ~+1 point of bloating) comes out tolerated up to the small dose
  or not tolerated in ~60% of challenges, hard cheese tolerated in ~half and wheat in ~a quarter; close to half of
  all challenges are inconclusive, mostly because a period or a stressful day fell in the week around them. Wheat,
  which has no planted effect, is still called not tolerated in ~15% of its challenges: single noisy days against a
  low baseline, a limit of the rule shown on purpose.
* **Noise.** Gaussian noise on every score, values rounded and clipped to their scales, and ~5% of days with no
  entries at all (never a diet-phase or challenge day).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..domain.entries import DEMO_SOURCE, AnyEntry, MealEntry
from ..domain.preferences import DEMO_PRESENT_KEY
from ..storage import Store
from .diary import _Diary
from .plan import _Ids

__all__ = ["DEMO_SOURCE", "generate_demo", "remove_demo"]
#: Days written per ``add_many`` call (one transaction each).
BATCH_DAYS = 90
MAX_YEARS = 100


# --- public ---------------------------------------------------------------------------------------------------------


def generate_demo(store: Store, *, years: float = 1.0, seed: int = 1, today: date | None = None) -> int:
    """Write ``years`` (more than 0, at most :data:`MAX_YEARS`) of synthetic entries ending on ``today`` (default:
    the local date) and return how many were written.

    Entries are written with source ``"demo"`` in one transaction per ~:data:`BATCH_DAYS` days (a batch is never cut
    inside a challenge window). Raises ValueError for an out-of-range ``years`` or a ``today`` in the future.
    """
    if not 0 < years <= MAX_YEARS:
        raise ValueError(f"years must be more than 0 and at most {MAX_YEARS}, not {years}")
    real_now = datetime.now().astimezone()
    if today is not None and today > real_now.date():
        raise ValueError(f"today ({today.isoformat()}) is in the future; entries can only be made up to today")
    today = today or real_now.date()
    days = max(1, round(years * 365.25))
    first = today - timedelta(days=days - 1)
    cutoff = real_now if today == real_now.date() else None
    existing = store.entries.count(source=DEMO_SOURCE)
    diary = _Diary(seed, today, first, _Ids(f"gutpain-demo-ids:{seed}:{today.isoformat()}:{existing}"))

    written = batch_days = 0
    batch: list[AnyEntry] = []
    for index in range(days):
        day = first + timedelta(days=index)
        entries = diary.day(day)
        diary.end_week(day)
        if cutoff is not None and day == today:
            dropped = {e.id for e in entries if e.occurred_at > cutoff}
            entries = [
                e
                for e in entries
                if e.id not in dropped and not (isinstance(e, MealEntry) and e.challenge_id in dropped)
            ]
        batch.extend(entries)
        batch_days += 1
        # A meal may only be written with or after the challenge it points to (a foreign key), and a challenge is
        # written when its window closes: never cut a batch inside a challenge window.
        if (batch_days >= BATCH_DAYS and not diary.challenge_open(day)) or index == days - 1:
            if batch:
                store.entries.add_many(batch, source=DEMO_SOURCE, check=False)
            written += len(batch)
            batch, batch_days = [], 0
    if written:
        store.catalog.set_setting(DEMO_PRESENT_KEY, "1")
    return written


def remove_demo(store: Store) -> int:
    """Remove every demo entry (the person's own entries stay) and return how many were removed."""
    removed = store.entries.delete_source(DEMO_SOURCE)
    store.catalog.set_setting(DEMO_PRESENT_KEY, "")
    return removed
