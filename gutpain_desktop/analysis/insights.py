"""Food–symptom associations in one person's diary: honest n-of-1 statistics in pure numpy (no Qt, no scipy).

For every exposure (a trigger category, or a food eaten on enough days), every outcome (pain, each symptom) and every
lag (same day, next day, the day after next), the outcome on days that follow the exposure at that lag is compared
with the outcome on days that follow a day with meals logged but without that exposure (shared/DOMAIN.md section 3).

How, and why (the choices a reader of the results should know):

* **Days.** Everything is at daily resolution: the outcome of a day is the mean of its ratings; a day is exposed when
  the category or food was logged in any meal that day. 0–24 h means the same day, 24–48 h the next day, 48–72 h the
  day after next. A day without ratings of an outcome is left out of that outcome's comparisons (never counted as 0);
  a day without any meal logged is neither exposed nor unexposed. Days in the phases named in
  ``InsightSettings.exclude_phases`` (by default the elimination phase) are left out altogether: comparing "before"
  with "during an elimination" mostly shows regression to the mean (people start a diet at a peak).
* **Difference.** Mean on exposed days minus mean on unexposed days, in points of the 0–10 scale.
* **Interval.** A block bootstrap by calendar week (Monday to Sunday; ``block_days``): whole weeks of outcome days
  (each carrying its own exposure flag) are resampled with replacement and the difference recomputed; the interval is
  the 2.5th to 97.5th percentile. Whole weeks keep the day-to-day dependence of a diary inside each block. The same
  resampled weeks are used for every comparison (fast, and the intervals are comparable).
* **p-value.** A circular-shift permutation test: the exposure series is rotated against the outcome series by every
  possible shift (every other day of the range). Each rotated copy keeps both series' own
  autocorrelation (runs of bad weeks, a diet that lasts a month) but breaks their link in time. All shifts of all
  comparisons come out of one FFT cross-correlation each. p is the share of rotated copies at least as far from
  their centre as the real one; when fewer than ``TAIL_EXCEEDANCES`` copies are that far, the count is too coarse to
  be useful among hundreds of comparisons, and the tail is read from a normal curve with the rotated copies' mean and
  spread (the approach of Knijnenburg et al. 2009, Bioinformatics 25:i161, with a normal instead of a Pareto tail).
  Below ``MIN_SHIFTS_FOR_TAIL`` usable shifts the count alone is used (short diaries get coarse, honest p-values).
* **Many comparisons.** Benjamini–Hochberg q-values across every comparison with enough data in one run (each
  family: all days; and separately the "context" family). A result is *notable* when q <= ``fdr`` (0.10): among
  notable results, at most about 10% are expected to be chance findings. When nothing real is there at all, that is
  also the chance that a diary shows any notable result (tests/unit/test_insights.py checks this on 200 histories).
* **Minimum data.** Below ``min_exposed_days`` (10) exposed or ``min_unexposed_days`` (10) unexposed outcome days,
  or when they span fewer than ``min_span_days`` (28) days, the status is "not enough data yet", with how many more
  days are needed. Such comparisons get no interval, p or q and do not count in the Benjamini–Hochberg family.
* **Context.** The same comparisons leaving out outcome days with high stress (>= 7) or a short night (< 6 h, the
  sleep entry filed under that morning), so a person can see whether an association survives them. Days without a
  stress or sleep entry are kept.

Results are associations only: the sentences say what was seen and never that a food is behind a symptom.
Deterministic for a given ``seed``. The work runs off the UI thread; ``progress(done, total)`` is called as it goes
and ``cancelled()`` is polled between steps (raising :class:`AnalysisCancelled`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..domain.measurements import Measurements
from .daily import daily_mean, day_range, phase_bands, to_days

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
    #: A plain sentence for the person, worded as an association.
    sentence: str
    context_sentence: str | None = None
    #: For notable results only: a stronger notable exposure that often comes with this one (None when none).
    overlap: Overlap | None = None

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


# --- building the daily series -------------------------------------------------------------------------------------


def daily_series(
    m: Measurements,
    start: date,
    end: date,
    *,
    names: Mapping[str, str] | None = None,
    outcomes: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    settings: InsightSettings | None = None,
) -> DailySeries:
    """Daily outcome and exposure arrays from ``m`` over ``start``..``end`` (inclusive).

    ``names`` maps category and symptom keys to what the person sees (``CatalogRepository.names()``); unknown keys
    are shown as they are. ``outcomes``: :data:`PAIN` and symptom keys (default: pain and every symptom with a
    rating). ``categories``: the trigger categories to analyse (default: every one logged). Foods come from the food
    columns of ``m`` (ask the repository for ``measurements(foods=True)``), as ``settings`` chooses them.
    """
    settings = settings or InsightSettings()
    names = names or {}
    days = day_range(start, end)
    n = len(days)

    included = np.ones(n, dtype=np.bool_)
    for band in phase_bands(m.diet_phases, start, end):
        if band.phase in settings.exclude_phases:
            first = int((band.start - days[0]).astype(np.int64))
            last = int((band.end - days[0]).astype(np.int64))
            included[max(first, 0) : max(last, 0)] = False

    outcome_values: dict[str, Floats] = {}
    symptom_days = to_days(m.symptom_dates)
    symptom_keys = np.asarray(m.symptom_keys, dtype=object)
    severity = np.asarray(m.symptom_severity, dtype=np.float64)
    wanted = list(outcomes) if outcomes is not None else [PAIN, *dict.fromkeys(m.symptom_keys)]
    for key in wanted:
        if key == PAIN:
            outcome_values[key] = daily_mean(m.pain_dates, m.pain_intensity, start, end)
        else:
            chosen = symptom_keys == key
            outcome_values[key] = daily_mean(symptom_days[chosen], severity[chosen], start, end)
    labels = {key: names.get(key, "Pain" if key == PAIN else key.replace("_", " ").capitalize()) for key in wanted}

    meal_days = to_days(m.meal_dates)
    food_days = to_days(m.food_dates)
    meals_logged = _day_flags(np.concatenate((meal_days, food_days)), days)

    exposures: list[Exposure] = []
    rows: list[Bools] = []
    meal_keys = np.asarray(m.meal_categories, dtype=object)
    chosen_categories = list(categories) if categories is not None else list(dict.fromkeys(sorted(m.meal_categories)))
    for key in chosen_categories:
        flags = _day_flags(meal_days[meal_keys == key], days)
        exposures.append(
            Exposure(
                ExposureKind.CATEGORY,
                key,
                names.get(key, key.replace("_", " ").capitalize()),
                int(np.count_nonzero(flags & included)),
            )
        )
        rows.append(flags)

    food_keys = np.asarray(m.food_names, dtype=object)
    foods: list[tuple[int, str, Bools]] = []
    for key in sorted(set(m.food_names)):
        flags = _day_flags(food_days[food_keys == key], days)
        eaten = int(np.count_nonzero(flags & included))
        if eaten >= settings.min_food_days:
            foods.append((eaten, key, flags))
    foods.sort(key=lambda f: (-f[0], f[1]))
    for eaten, key, flags in foods[: settings.max_foods]:
        exposures.append(Exposure(ExposureKind.FOOD, key, m.food_labels.get(key, key), eaten))
        rows.append(flags)

    stress = daily_mean(m.stress_dates, m.stress_level, start, end)
    sleep = daily_mean(m.sleep_dates, m.sleep_hours, start, end)
    calm = ~((stress >= settings.high_stress) | (sleep < settings.short_sleep_hours))  # NaN compares False: kept

    return DailySeries(
        days=days,
        outcomes=outcome_values,
        outcome_labels=labels,
        exposures=exposures,
        exposed=np.array(rows, dtype=np.bool_).reshape(len(rows), n),
        meals_logged=meals_logged,
        included=included,
        calm=calm,
    )


def _day_flags(dates: NDArray[np.datetime64], days: NDArray[np.datetime64]) -> Bools:
    flags = np.zeros(len(days), dtype=np.bool_)
    if len(days) == 0 or len(dates) == 0:
        return flags
    slots = (dates - days[0]).astype(np.int64)
    inside = (slots >= 0) & (slots < len(days))
    flags[slots[inside]] = True
    return flags


def _lagged(flags: Bools, lag: int) -> Bools:
    """``flags`` moved ``lag`` days later: slot t holds flags[t - lag] (False before the start)."""
    if lag == 0:
        return flags
    moved = np.zeros_like(flags)
    moved[lag:] = flags[:-lag]
    return moved


# --- the statistics ------------------------------------------------------------------------------------------------


def bh_qvalues(p_values: Sequence[float] | Floats) -> Floats:
    """Benjamini–Hochberg adjusted p-values (q-values): ``q_(i) = min over j >= i of m p_(j) / j``, at most 1.

    NaN entries are not tests: they stay NaN and do not count in m.
    """
    p = np.asarray(p_values, dtype=np.float64)
    q = np.full(p.shape, np.nan)
    real = np.flatnonzero(~np.isnan(p))
    if real.size == 0:
        return q
    order = real[np.argsort(p[real], kind="stable")]
    m = order.size
    scaled = p[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return q


def _circular_correlation(spectra: NDArray[np.complex128], other: NDArray[np.complex128], n: int) -> Floats:
    """``result[..., a] = sum_t f[t] g[(t - a) mod n]`` from the rfft spectra of f (``spectra``) and g (``other``)."""
    return np.fft.irfft(spectra * np.conj(other), n=n, axis=-1)


def _normal_two_sided(z: Floats) -> Floats:
    erfc = np.vectorize(math.erfc, otypes=[np.float64])
    return np.asarray(erfc(np.abs(z) / math.sqrt(2.0)), dtype=np.float64)


def _blocks(days: NDArray[np.datetime64], block_days: int) -> tuple[int, int]:
    """Bootstrap blocks of ``block_days`` days: how many slots come before the first day in its block (so that
    7-day blocks run Monday to Sunday), and the number of blocks."""
    if len(days) == 0:
        return 0, 0
    offset = int((days[0].astype(np.int64) + 3) % 7) if block_days == 7 else 0  # 1970-01-01 was a Thursday
    return offset, -(-(offset + len(days)) // block_days)


@dataclass
class _Family:
    """The numbers of one family of comparisons (all days, or the context days), shaped (lags, exposures, outcomes)."""

    exposed_days: NDArray[np.int64]
    unexposed_days: NDArray[np.int64]
    exposed_mean: Floats
    unexposed_mean: Floats
    span: NDArray[np.int64]
    ci_low: Floats
    ci_high: Floats
    p: Floats
    shifts: NDArray[np.int64]
    q: Floats = field(default_factory=lambda: np.zeros(0))
    enough: Bools = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))


def _family(
    series: DailySeries,
    valid_days: Bools,
    settings: InsightSettings,
    resample: Floats,
    offset: int,
    n_blocks: int,
    step: Callable[[], None],
) -> _Family:
    lags = [int(lag) for lag in settings.lags]
    n_lags, n_exp, n_out = len(lags), len(series.exposures), len(series.outcomes)
    n = len(series.days)
    shape = (n_lags, n_exp, n_out)
    fam = _Family(
        exposed_days=np.zeros(shape, dtype=np.int64),
        unexposed_days=np.zeros(shape, dtype=np.int64),
        exposed_mean=np.full(shape, np.nan),
        unexposed_mean=np.full(shape, np.nan),
        span=np.zeros(shape, dtype=np.int64),
        ci_low=np.full(shape, np.nan),
        ci_high=np.full(shape, np.nan),
        p=np.full(shape, np.nan),
        shifts=np.zeros(shape, dtype=np.int64),
    )
    if n == 0 or n_exp == 0 or n_out == 0:
        for _ in range(n_out):
            step()
        return fam

    # Exposure known only on included days with meals; exposed only on included days.
    known = series.meals_logged & series.included
    exposed = series.exposed & known
    max_lag = max(lags)
    padded = n + max_lag  # unknown days after the end, so a real lag never wraps around
    x = np.zeros((n_exp, padded))
    x[:, :n] = exposed
    k = np.zeros(padded)
    k[:n] = known
    x_spec = np.fft.rfft(x, axis=-1)
    k_spec = np.fft.rfft(k)

    # The null: every other alignment. All of them, near ones included: the rotations form a group, which is what
    # makes the test exact when the exposure series is stationary. (Leaving out the shifts near the real alignment
    # drops its correlated neighbours, so a value near a peak looks more extreme than it is: measured on synthetic
    # null diaries with week-long runs of an exposure, 6.8% of p-values fell below 0.05 that way, 5.6% with all.)
    null_offsets = np.arange(1, padded)

    # Per-lag exposure flags on outcome days, laid out in bootstrap blocks: (L, E, W, block_days) and (L, W, bd).
    # A day after a known day without the exposure is unexposed, so its sums are "known" minus "exposed".
    bd = settings.block_days
    x_blocks = _in_blocks(np.stack([[_lagged(row, lag) for row in exposed] for lag in lags]), offset, n_blocks, bd)
    k_blocks = _in_blocks(np.stack([_lagged(known, lag) for lag in lags]), offset, n_blocks, bd)
    alpha = (1.0 - settings.confidence) / 2.0
    samples = resample.shape[0]

    for o, key in enumerate(series.outcomes):
        y = series.outcomes[key]
        v = ~np.isnan(y) & valid_days & series.included
        yv = np.where(v, y, 0.0)
        yv_blocks = _in_blocks(yv, offset, n_blocks, bd)
        v_blocks = _in_blocks(v, offset, n_blocks, bd)

        # Per-block sums and counts of the exposed days and of all known days, per lag (and exposure).
        sum_xb = np.einsum("lewd,wd->lew", x_blocks, yv_blocks)
        cnt_xb = np.einsum("lewd,wd->lew", x_blocks, v_blocks)
        sum_kb = np.einsum("lwd,wd->lw", k_blocks, yv_blocks)
        cnt_kb = np.einsum("lwd,wd->lw", k_blocks, v_blocks)

        # Observed: counts, means and span (first to last day used, the same for every exposure of a lag).
        sx, nx = sum_xb.sum(axis=-1), np.rint(cnt_xb.sum(axis=-1))
        sk, nk = sum_kb.sum(axis=-1), np.rint(cnt_kb.sum(axis=-1))
        su, nu = sk[:, None] - sx, nk[:, None] - nx
        with np.errstate(invalid="ignore", divide="ignore"):
            fam.exposed_mean[:, :, o] = np.where(nx > 0, sx / nx, np.nan)
            fam.unexposed_mean[:, :, o] = np.where(nu > 0, su / nu, np.nan)
        fam.exposed_days[:, :, o] = nx
        fam.unexposed_days[:, :, o] = nu
        for li, lag in enumerate(lags):
            used = np.flatnonzero(_lagged(known, lag) & v)
            fam.span[li, :, o] = used[-1] - used[0] + 1 if used.size else 0

        # Permutation null: all circular shifts at once, from FFT cross-correlations.
        y_pad = np.zeros(padded)
        y_pad[:n] = yv
        v_pad = np.zeros(padded)
        v_pad[:n] = v
        y_spec, v_spec = np.fft.rfft(y_pad), np.fft.rfft(v_pad)
        sum_x = _circular_correlation(y_spec[None, :], x_spec, padded)  # (E, padded)
        cnt_x = np.rint(_circular_correlation(v_spec[None, :], x_spec, padded))
        sum_k = _circular_correlation(y_spec, k_spec, padded)  # (padded,)
        cnt_k = np.rint(_circular_correlation(v_spec, k_spec, padded))
        with np.errstate(invalid="ignore", divide="ignore"):
            stat = sum_x / cnt_x - (sum_k - sum_x) / (cnt_k - cnt_x)
        stat[(cnt_x < 1) | (cnt_k - cnt_x < 1)] = np.nan
        for li, lag in enumerate(lags):
            observed = stat[:, lag]
            null = stat[:, (null_offsets + lag) % padded]  # (E, S)
            fam.p[li, :, o], fam.shifts[li, :, o] = _shift_p_values(observed, null)

        # Block bootstrap: every resample's sums as one matrix product of block counts and per-block sums.
        per_block = np.concatenate(
            (sum_xb.reshape(-1, n_blocks), cnt_xb.reshape(-1, n_blocks), sum_kb, cnt_kb), axis=0
        ).T  # (W, 2*L*E + 2*L)
        drawn = resample @ per_block
        split = n_lags * n_exp
        bx_sum = drawn[:, :split].reshape(samples, n_lags, n_exp)
        bx_cnt = drawn[:, split : 2 * split].reshape(samples, n_lags, n_exp)
        bk_sum = drawn[:, 2 * split : 2 * split + n_lags][:, :, None]
        bk_cnt = drawn[:, 2 * split + n_lags :][:, :, None]
        bu_cnt = bk_cnt - bx_cnt
        with np.errstate(invalid="ignore", divide="ignore"):
            diffs = bx_sum / bx_cnt - (bk_sum - bx_sum) / bu_cnt
        diffs[(bx_cnt < 0.5) | (bu_cnt < 0.5)] = np.nan
        low, high = _nan_percentiles(diffs, (alpha, 1.0 - alpha), min_share=0.5)
        fam.ci_low[:, :, o] = low
        fam.ci_high[:, :, o] = high
        step()
    return fam


def _in_blocks(values: NDArray[Any], offset: int, n_blocks: int, block_days: int) -> Floats:
    """Daily ``values`` (..., n) as floats laid out in blocks (..., n_blocks, block_days), zeros around them."""
    n = values.shape[-1]
    padded = np.zeros((*values.shape[:-1], n_blocks * block_days))
    padded[..., offset : offset + n] = values
    return padded.reshape(*values.shape[:-1], n_blocks, block_days)


def _nan_percentiles(draws: Floats, fractions: Sequence[float], min_share: float) -> list[Floats]:
    """Percentiles (linear interpolation, as numpy's default) along axis 0, ignoring NaN draws.

    One sort for all cells, instead of ``np.nanpercentile``'s loop over cells with NaN. Cells with fewer than
    ``min_share`` of the draws usable get NaN.
    """
    ordered = np.sort(draws, axis=0)  # NaN last
    usable = np.count_nonzero(~np.isnan(draws), axis=0)
    found = []
    for fraction in fractions:
        position = fraction * np.maximum(usable - 1, 0)
        low = np.floor(position).astype(np.int64)
        high = np.minimum(low + 1, np.maximum(usable - 1, 0))
        below = np.take_along_axis(ordered, low[None], axis=0)[0]
        above = np.take_along_axis(ordered, high[None], axis=0)[0]
        value = below + (above - below) * (position - low)
        found.append(np.where(usable >= max(1, min_share * draws.shape[0]), value, np.nan))
    return found


def _shift_p_values(observed: Floats, null: Floats) -> tuple[Floats, NDArray[np.int64]]:
    """Two-sided p-values of ``observed`` (E,) against rotated copies ``null`` (E, S); NaN copies are dropped."""
    p = np.full(observed.shape, np.nan)
    usable = np.count_nonzero(~np.isnan(null), axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # rows without a usable shift get NaN below
        centre = np.nanmean(null, axis=1)
        spread = np.nanstd(null, axis=1)
    distance = np.abs(observed - centre)
    with np.errstate(invalid="ignore"):
        beyond = np.count_nonzero(np.abs(null - centre[:, None]) >= distance[:, None] - 1e-12, axis=1)
    counted = (beyond + 1.0) / (usable + 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        tail = _normal_two_sided(np.where(spread > 0, distance / spread, np.inf))
    use_tail = (beyond < TAIL_EXCEEDANCES) & (usable >= MIN_SHIFTS_FOR_TAIL)
    p = np.where(use_tail, tail, counted)
    p[(usable == 0) | np.isnan(observed)] = np.nan
    return p, usable.astype(np.int64)


# --- the whole analysis ------------------------------------------------------------------------------------------


def analyse(
    series: DailySeries,
    settings: InsightSettings | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> InsightsReport:
    """Every comparison of ``series`` (see the module docstring), ranked, with sentences."""
    settings = settings or InsightSettings()
    families = 2 if settings.context else 1
    total = 1 + families * len(series.outcomes)
    done = 0

    def step() -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            raise AnalysisCancelled
        done += 1
        if progress is not None:
            progress(done, total)

    rng = np.random.default_rng(settings.seed)
    offset, n_blocks = _blocks(series.days, settings.block_days)
    resample = _resample_counts(rng, settings.bootstrap_samples, n_blocks)
    step()

    everything = np.ones(len(series.days), dtype=np.bool_)
    main = _finish(_family(series, everything, settings, resample, offset, n_blocks, step), settings)
    context = (
        _finish(_family(series, series.calm, settings, resample, offset, n_blocks, step), settings)
        if settings.context
        else None
    )

    results: list[Association] = []
    for li, lag in enumerate(settings.lags):
        for e, exposure in enumerate(series.exposures):
            for o, key in enumerate(series.outcomes):
                outcome = Outcome(key, series.outcome_labels[key])
                cell = (li, e, o)
                first = _comparison(main, cell, settings)
                second = _comparison(context, cell, settings) if context is not None else None
                results.append(
                    Association(
                        exposure=exposure,
                        outcome=outcome,
                        lag=lag,
                        all_days=first,
                        context=second,
                        sentence=sentence(exposure, outcome, lag, first),
                        context_sentence=context_sentence(first, second, settings) if second is not None else None,
                    )
                )
    results = _with_overlaps(results, series)
    results.sort(key=_rank)
    return InsightsReport(
        start=_to_date(series.days[0]) if len(series.days) else date.min,
        end=_to_date(series.days[-1]) if len(series.days) else date.min,
        settings=settings,
        results=tuple(results),
        tests=int(np.count_nonzero(main.enough)),
        context_tests=int(np.count_nonzero(context.enough)) if context is not None else 0,
        series=series,
    )


#: An overlap is worth a remark when it could account for at least this share of a gap: the other exposure's gap
#: times the difference in how often it comes along (a rough, additive reading).
OVERLAP_MIN_EXPLAINED = 0.5


def _with_overlaps(results: list[Association], series: DailySeries) -> list[Association]:
    """Add an :class:`Overlap` to notable results that a stronger notable exposure travelling with them may explain."""
    notable = [r for r in results if r.all_days.notable and r.all_days.difference is not None]
    if not notable:
        return results
    known = series.meals_logged & series.included
    rows = {(e.kind, e.key): series.exposed[i] & known for i, e in enumerate(series.exposures)}

    def shares(this: Exposure, other: Exposure) -> tuple[float, float]:
        mine, theirs = rows[(this.kind, this.key)], rows[(other.kind, other.key)]
        without = known & ~mine
        with_share = float(np.count_nonzero(theirs & mine)) / max(int(np.count_nonzero(mine)), 1)
        without_share = float(np.count_nonzero(theirs & without)) / max(int(np.count_nonzero(without)), 1)
        return with_share, without_share

    found: dict[int, Overlap] = {}
    for r in notable:
        gap = r.all_days.difference or 0.0
        best: tuple[float, Overlap] | None = None
        for other in notable:
            other_gap = other.all_days.difference or 0.0
            if (other.outcome.key, other.lag) != (r.outcome.key, r.lag) or abs(other_gap) <= abs(gap):
                continue
            with_share, without_share = shares(r.exposure, other.exposure)
            share_gap = with_share - without_share
            # Only an overlap that pushes this exposure's gap the way it points can account for it.
            explained = share_gap * other_gap
            if explained * gap > 0 and abs(explained) >= OVERLAP_MIN_EXPLAINED * abs(gap):
                weight = abs(explained)
                if best is None or weight > best[0]:
                    best = (weight, Overlap(other.exposure, with_share, without_share))
        if best is not None:
            found[id(r)] = best[1]
    return [
        replace(r, overlap=found[id(r)], sentence=r.sentence + " " + overlap_sentence(r.exposure, found[id(r)]))
        if id(r) in found
        else r
        for r in results
    ]


def insights(
    m: Measurements,
    start: date | None = None,
    end: date | None = None,
    *,
    names: Mapping[str, str] | None = None,
    outcomes: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    settings: InsightSettings | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> InsightsReport:
    """The insights of ``m`` (from ``EntryRepository.measurements(foods=True)``) between ``start`` and ``end``.

    ``start``/``end`` default to the range of ``m``, else the first and last day with any measurement.
    See :func:`daily_series` for ``names``, ``outcomes`` and ``categories``, and :func:`analyse` for the rest.
    """
    span = m.span()
    first = start or m.start or (span[0] if span else None)
    last = end or m.end or (span[1] if span else None)
    if first is None or last is None:
        first = last = date.today()
    settings = settings or InsightSettings()
    series = daily_series(m, first, last, names=names, outcomes=outcomes, categories=categories, settings=settings)
    return analyse(series, settings, progress=progress, cancelled=cancelled)


def _resample_counts(rng: np.random.Generator, samples: int, n_blocks: int) -> Floats:
    """How often each block is drawn in each bootstrap resample (``n_blocks`` draws with replacement): (samples, W)."""
    picks = rng.integers(0, max(n_blocks, 1), size=(samples, n_blocks))
    flat = (np.arange(samples)[:, None] * n_blocks + picks).ravel()
    return np.bincount(flat, minlength=samples * n_blocks).reshape(samples, n_blocks).astype(np.float64)


def _finish(fam: _Family, settings: InsightSettings) -> _Family:
    fam.enough = (
        (fam.exposed_days >= settings.min_exposed_days)
        & (fam.unexposed_days >= settings.min_unexposed_days)
        & (fam.span >= settings.min_span_days)
        & ~np.isnan(fam.p)
    )
    p = np.where(fam.enough, fam.p, np.nan)
    fam.q = bh_qvalues(p.ravel()).reshape(p.shape)
    return fam


def _opt(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def _comparison(fam: _Family, cell: tuple[int, int, int], settings: InsightSettings) -> Comparison:
    nx, nu = int(fam.exposed_days[cell]), int(fam.unexposed_days[cell])
    mx, mu = _opt(fam.exposed_mean[cell]), _opt(fam.unexposed_mean[cell])
    difference = mx - mu if mx is not None and mu is not None else None
    if not fam.enough[cell]:
        return Comparison(
            status=Status.NOT_ENOUGH_DATA,
            exposed_days=nx,
            unexposed_days=nu,
            exposed_mean=mx,
            unexposed_mean=mu,
            difference=difference,
            more_exposed_days_needed=max(0, settings.min_exposed_days - nx),
            more_unexposed_days_needed=max(0, settings.min_unexposed_days - nu),
            more_days_needed=max(0, settings.min_span_days - int(fam.span[cell])),
            shifts=int(fam.shifts[cell]),
        )
    q = float(fam.q[cell])
    return Comparison(
        status=Status.OK,
        exposed_days=nx,
        unexposed_days=nu,
        exposed_mean=mx,
        unexposed_mean=mu,
        difference=difference,
        ci_low=_opt(fam.ci_low[cell]),
        ci_high=_opt(fam.ci_high[cell]),
        p_value=float(fam.p[cell]),
        q_value=q,
        notable=q <= settings.fdr,
        shifts=int(fam.shifts[cell]),
    )


def _rank(result: Association) -> tuple[int, float, float, str, str, int]:
    c = result.all_days
    size = abs(c.difference) if c.difference is not None else 0.0
    if c.notable:
        group, order = 0, -size
    elif c.status is Status.OK:
        group, order = 1, c.p_value if c.p_value is not None else 1.0
    else:
        group, order = 2, -float(c.exposed_days + c.unexposed_days)
    return group, order, -size, result.exposure.label.lower(), result.outcome.key, int(result.lag)


def _to_date(day: np.datetime64) -> date:
    return date.fromordinal(int(day.astype("datetime64[D]").astype(np.int64)) + date(1970, 1, 1).toordinal())


# --- sentences -----------------------------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """Lower-case the first letter ("Bloating" -> "bloating"), but leave "FODMAP" or "IBS pain" as written."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


_WHEN = {
    Lag.SAME_DAY: ("On days you logged {x}", "on days without it"),
    Lag.NEXT_DAY: ("The day after you logged {x}", "the day after days without it"),
    Lag.DAY_AFTER_NEXT: ("Two days after you logged {x}", "two days after days without it"),
}
_AFTER = {Lag.SAME_DAY: "on the same day as", Lag.NEXT_DAY: "the day after", Lag.DAY_AFTER_NEXT: "two days after"}


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _needs(c: Comparison) -> str:
    parts = []
    if c.more_exposed_days_needed:
        parts.append(f"{_days(c.more_exposed_days_needed)} more with it")
    if c.more_unexposed_days_needed:
        parts.append(f"{_days(c.more_unexposed_days_needed)} more without it")
    if c.more_days_needed:
        parts.append(f"entries spread over {_days(c.more_days_needed)} more")
    if not parts:  # enough days, but no usable shifts (should not happen with the minimum rule)
        return "more days of entries"
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def sentence(exposure: Exposure, outcome: Outcome, lag: Lag, c: Comparison) -> str:
    """A plain sentence about one comparison, worded as an association (never as a reason or a diagnosis)."""
    x, o = _lower_first(exposure.label), _lower_first(outcome.label)
    if c.status is Status.NOT_ENOUGH_DATA:
        return f"Not enough data yet to compare {o} {_AFTER[lag]} {x}: it needs {_needs(c)}."
    assert c.exposed_mean is not None and c.unexposed_mean is not None
    when, when_not = _WHEN[lag]
    text = (
        f"{when.format(x=x)}, {o} averaged {c.exposed_mean:.1f}, against {c.unexposed_mean:.1f} {when_not} "
        f"({c.exposed_days} vs {c.unexposed_days} days)."
    )
    if c.notable:
        return text + (
            " That gap stands out from your diary's usual ups and downs, but it is a pattern, not proof: foods eaten"
            " alongside, stress, sleep or chance may be behind it. A reintroduction challenge can test it."
        )
    return text + " A gap of this size often turns up by chance in a diary like yours."


def overlap_sentence(exposure: Exposure, overlap: Overlap) -> str:
    """Why a gap may belong to a food that travels with this one."""
    x, other = _lower_first(exposure.label), _lower_first(overlap.other.label)
    more = "more" if overlap.share_with > overlap.share_without else "less"
    return (
        f"Days with {x} were {more} often days with {other} too ({overlap.share_with:.0%} against "
        f"{overlap.share_without:.0%} of other days), and {other} shows a bigger gap: the two are hard to tell apart "
        "in this diary."
    )


def context_sentence(all_days: Comparison, context: Comparison, settings: InsightSettings) -> str:
    """What is left of a comparison once high-stress and short-sleep days are left out."""
    left_out = (
        f"Leaving out days with stress of {settings.high_stress:g} or more or less than "
        f"{settings.short_sleep_hours:g} hours of sleep"
    )
    if context.status is Status.NOT_ENOUGH_DATA:
        return f"{left_out}, there are not enough days left to compare ({_needs(context)} would be needed)."
    assert context.exposed_mean is not None and context.unexposed_mean is not None
    numbers = (
        f"{context.exposed_mean:.1f} against {context.unexposed_mean:.1f} "
        f"({context.exposed_days} vs {context.unexposed_days} days)"
    )
    if context.notable:
        verdict = "the gap still stands out" if all_days.notable else "the gap stands out"
    else:
        verdict = "the gap no longer stands out" if all_days.notable else "the gap does not stand out either"
    return f"{left_out}: {numbers}; {verdict}."


# --- plain records (JSON, CSV) ---------------------------------------------------------------------------------


def comparison_record(c: Comparison) -> dict[str, object]:
    return {
        "status": c.status.value,
        "exposed_days": c.exposed_days,
        "unexposed_days": c.unexposed_days,
        "exposed_mean": _rounded(c.exposed_mean),
        "unexposed_mean": _rounded(c.unexposed_mean),
        "difference": _rounded(c.difference),
        "ci_low": _rounded(c.ci_low),
        "ci_high": _rounded(c.ci_high),
        "p": _rounded(c.p_value, 6),
        "q": _rounded(c.q_value, 6),
        "notable": c.notable,
        "more_exposed_days_needed": c.more_exposed_days_needed,
        "more_unexposed_days_needed": c.more_unexposed_days_needed,
        "more_days_needed": c.more_days_needed,
    }


def association_record(a: Association) -> dict[str, object]:
    """One result as plain JSON-ready values (the shape ``gutpain-desktop insights --json`` prints)."""
    record: dict[str, object] = {
        "exposure": a.exposure.label,
        "exposure_kind": a.exposure.kind.value,
        "exposure_key": a.exposure.key,
        "symptom": a.outcome.key,
        "symptom_label": a.outcome.label,
        "lag_window": a.lag.key,
        "lag_days": int(a.lag),
        **comparison_record(a.all_days),
        "sentence": a.sentence,
    }
    if a.overlap is not None:
        record["overlaps_with"] = {
            "exposure": a.overlap.other.label,
            "exposure_kind": a.overlap.other.kind.value,
            "exposure_key": a.overlap.other.key,
            "share_with": round(a.overlap.share_with, 3),
            "share_without": round(a.overlap.share_without, 3),
        }
    if a.context is not None:
        record["without_high_stress_or_short_sleep"] = {
            **comparison_record(a.context),
            "sentence": a.context_sentence,
        }
    return record


def _rounded(value: float | None, digits: int = 3) -> float | None:
    if value is None:
        return None
    if digits > 3 and value != 0 and abs(value) < 10 ** -(digits - 1):
        return float(f"{value:.3g}")  # tiny p-values keep 3 significant digits
    return round(value, digits)


def settings_record(settings: InsightSettings) -> dict[str, object]:
    return {
        "lags": [lag.key for lag in settings.lags],
        "fdr": settings.fdr,
        "fdr_method": "Benjamini-Hochberg",
        "min_exposed_days": settings.min_exposed_days,
        "min_unexposed_days": settings.min_unexposed_days,
        "min_span_days": settings.min_span_days,
        "min_food_days": settings.min_food_days,
        "max_foods": settings.max_foods,
        "interval": f"{settings.confidence:.0%} percentile block bootstrap, {settings.block_days}-day blocks, "
        f"{settings.bootstrap_samples} resamples",
        "p_value": f"every circular shift of the exposure series, normal tail below {TAIL_EXCEEDANCES} exceedances",
        "context": (
            f"leaves out days with stress >= {settings.high_stress:g} or sleep < {settings.short_sleep_hours:g} h"
            if settings.context
            else None
        ),
        "excluded_phases": list(settings.exclude_phases),
        "seed": settings.seed,
    }


def exposures_of(results: Iterable[Association]) -> list[Exposure]:
    """The distinct exposures of ``results``, in order of first appearance."""
    return list({(r.exposure.kind, r.exposure.key): r.exposure for r in results}.values())


__all__ = [
    "PAIN",
    "AnalysisCancelled",
    "Association",
    "CancelCheck",
    "Comparison",
    "DailySeries",
    "Exposure",
    "ExposureKind",
    "InsightSettings",
    "InsightsReport",
    "Lag",
    "Outcome",
    "Overlap",
    "ProgressCallback",
    "Status",
    "analyse",
    "association_record",
    "bh_qvalues",
    "comparison_record",
    "context_sentence",
    "daily_series",
    "exposures_of",
    "insights",
    "overlap_sentence",
    "sentence",
    "settings_record",
]
