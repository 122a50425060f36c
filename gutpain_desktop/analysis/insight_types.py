"""The records of a food–symptom analysis: settings, exposures, outcomes, comparisons and the report (see
:mod:`.insights` for the method)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

import numpy as np
from numpy.typing import NDArray

from ..i18n import Phrase

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

#: The outcome key of daily pain (the mean of the day's pain ratings, whatever their recall period).
PAIN = "pain"
#: Fewer rotated copies at least as extreme as the real one than this: the p-value is read from a normal tail.
TAIL_EXCEEDANCES = 10
#: Fewer usable shifts than this (short diaries): the count alone gives p, however coarse.
MIN_SHIFTS_FOR_TAIL = 50


class AnalysisCancelled(Exception):
    """Raised when ``cancelled()`` returned True: the caller asked the analysis to stop."""


class Lag(IntEnum):
    """How long after the exposure the outcome is looked at, in whole days."""

    SAME_DAY = 0
    NEXT_DAY = 1
    DAY_AFTER_NEXT = 2

    @property
    def label(self) -> str:
        """The window as the person reads it: "0–24 h", "24–48 h", "48–72 h"."""
        return f"{24 * self.value}–{24 * self.value + 24} h"

    @property
    def key(self) -> str:
        """A stable ASCII name for files and scripts: "0-24h", "24-48h", "48-72h"."""
        return f"{24 * self.value}-{24 * self.value + 24}h"


class ExposureKind(StrEnum):
    CATEGORY = "category"
    FOOD = "food"


class Status(StrEnum):
    OK = "ok"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True)
class InsightSettings:
    """What to compare and how. The defaults are the ones the app promises (shared/DOMAIN.md section 3)."""

    lags: tuple[Lag, ...] = (Lag.SAME_DAY, Lag.NEXT_DAY, Lag.DAY_AFTER_NEXT)
    #: The false discovery rate promised: results with q <= fdr are notable.
    fdr: float = 0.10
    min_exposed_days: int = 10
    min_unexposed_days: int = 10
    #: Exposed and unexposed outcome days together must span at least this many days (first to last, inclusive).
    min_span_days: int = 28
    #: A food is analysed when eaten on at least this many (usable) days ...
    min_food_days: int = 10
    #: ... and is among the ``max_foods`` most often eaten (None: all of them). Every extra test costs power.
    max_foods: int | None = 20
    bootstrap_samples: int = 1000
    #: Bootstrap blocks: whole calendar weeks (Monday first) when 7.
    block_days: int = 7
    confidence: float = 0.95
    seed: int = 20240229
    #: Also run the comparisons without high-stress and short-sleep days.
    context: bool = True
    high_stress: float = 7.0
    short_sleep_hours: float = 6.0
    #: Diet phases whose days are left out (DietPhase values).
    exclude_phases: tuple[str, ...] = ("elimination",)


@dataclass(frozen=True)
class Exposure:
    kind: ExposureKind
    #: The category key, or the food key (lower case, single spaces).
    key: str
    #: What the person sees: the category's name, or the food as they last wrote it.
    label: str
    #: Days it was logged on in the analysed days.
    days: int = 0


@dataclass(frozen=True)
class Outcome:
    #: :data:`PAIN` or a symptom key.
    key: str
    label: str


@dataclass(frozen=True)
class Comparison:
    """One comparison: the outcome on days following the exposure against days following meals without it."""

    status: Status
    exposed_days: int
    unexposed_days: int
    exposed_mean: float | None
    unexposed_mean: float | None
    #: exposed_mean - unexposed_mean, in points (positive: higher after the exposure).
    difference: float | None
    #: The bootstrap interval of the difference (``confidence``, 95% by default); None when not enough data.
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    q_value: float | None = None
    notable: bool = False
    #: How many more exposed / unexposed outcome days, and how many more days of diary, the minimum rule needs.
    more_exposed_days_needed: int = 0
    more_unexposed_days_needed: int = 0
    more_days_needed: int = 0
    #: How many rotated copies of the exposure series made the permutation null distribution.
    shifts: int = 0


@dataclass(frozen=True)
class Overlap:
    """Another exposure that travels with this one and shows a bigger gap for the same symptom and lag.

    Foods eaten together cannot be told apart by a diary (wheat is gluten and fructans; a latte is dairy and often
    sugar): when ``other`` was logged on a clearly different share of this exposure's days than of the other days
    with meals, part or all of this exposure's gap may be ``other``'s.
    """

    other: Exposure
    #: Share of this exposure's days (with meals, included) on which ``other`` was logged too (0-1) ...
    share_with: float
    #: ... and share of the other days with meals on which ``other`` was logged.
    share_without: float


@dataclass(frozen=True)
class Association:
    """One exposure, outcome and lag: the comparison on all days and, optionally, without stress/sleep days."""

    exposure: Exposure
    outcome: Outcome
    lag: Lag
    all_days: Comparison
    #: The same comparison leaving out high-stress and short-sleep days (None when not asked for).
    context: Comparison | None
    #: A plain sentence for the person, worded as an association (``str()`` is the English).
    phrase: Phrase
    #: What is left once high-stress and short-sleep days are left out (None when not asked for).
    context_phrase: Phrase | None = None
    #: For notable results only: a stronger notable exposure that often comes with this one (None when none) ...
    overlap: Overlap | None = None
    #: ... and the sentence saying so.
    overlap_phrase: Phrase | None = None

    @property
    def sentence(self) -> str:
        """The result in English, with the overlap remark when there is one (CLI, JSON, PDF)."""
        text = str(self.phrase)
        return f"{text} {self.overlap_phrase}" if self.overlap_phrase is not None else text

    @property
    def context_sentence(self) -> str | None:
        return None if self.context_phrase is None else str(self.context_phrase)

    @property
    def notable(self) -> bool:
        return self.all_days.notable

    @property
    def status(self) -> Status:
        return self.all_days.status


@dataclass(frozen=True, eq=False)
class DailySeries:
    """The daily arrays the analysis works on (one slot per day from ``days[0]``)."""

    days: NDArray[np.datetime64]
    #: Outcome key -> daily mean (NaN = no rating that day).
    outcomes: dict[str, Floats]
    outcome_labels: dict[str, str]
    exposures: list[Exposure]
    #: ``exposed[i, d]``: exposures[i] was logged on day d.
    exposed: Bools
    #: Days with any meal logged: the only days that can count as exposed or unexposed.
    meals_logged: Bools
    #: Days that take part at all (False: in an excluded diet phase).
    included: Bools
    #: Days without high stress or a short night (for the context comparisons).
    calm: Bools


@dataclass(frozen=True, eq=False)
class InsightsReport:
    """What :func:`insights` / :func:`analyse` return: every association, ranked, and the daily series behind them."""

    start: date
    end: date
    settings: InsightSettings
    #: Ranked: notable results first (largest difference first), then the others by p, then "not enough data".
    results: tuple[Association, ...]
    #: Comparisons with enough data: the size of the Benjamini–Hochberg family (all days; context).
    tests: int
    context_tests: int
    series: DailySeries = field(repr=False)

    @property
    def notable(self) -> list[Association]:
        return [r for r in self.results if r.all_days.notable]

    @property
    def days_with_meals(self) -> int:
        return int(np.count_nonzero(self.series.meals_logged & self.series.included))

    @property
    def excluded_days(self) -> int:
        return int(np.count_nonzero(~self.series.included))

    def values(self, association: Association, *, context: bool = False) -> tuple[Floats, Floats]:
        """The outcome on the exposed days and on the unexposed days of ``association`` (for a small chart)."""
        s = self.series
        wanted = (association.exposure.kind, association.exposure.key)
        row = next(i for i, e in enumerate(s.exposures) if (e.kind, e.key) == wanted)
        y = s.outcomes[association.outcome.key]
        valid = ~np.isnan(y) & s.included
        if context:
            valid &= s.calm
        known = s.meals_logged & s.included
        exposed = _lagged(s.exposed[row] & known, association.lag)
        unexposed = _lagged(known & ~s.exposed[row], association.lag)
        return y[valid & exposed], y[valid & unexposed]


ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


def _lagged(flags: Bools, lag: int) -> Bools:
    """``flags`` moved ``lag`` days later: slot t holds flags[t - lag] (False before the start)."""
    if lag == 0:
        return flags
    moved = np.zeros_like(flags)
    moved[lag:] = flags[:-lag]
    return moved
