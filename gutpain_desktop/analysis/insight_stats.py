"""The daily series an analysis reads, and its statistics: Benjamini–Hochberg q-values, the week-block bootstrap
and the circular-shift permutation test (see :mod:`.insights` for the method)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..domain.measurements import Measurements
from .daily import daily_mean, day_range, phase_bands, to_days
from .insight_types import (
    MIN_SHIFTS_FOR_TAIL,
    PAIN,
    TAIL_EXCEEDANCES,
    Bools,
    DailySeries,
    Exposure,
    ExposureKind,
    Floats,
    InsightSettings,
    _lagged,
)

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


def fft_length(least: int) -> int:
    """The smallest 2^a 3^b 5^c that is at least ``least``.

    numpy's FFT is fast for such lengths and several times slower for a length with a large prime factor: a diary of
    100 years made a prime length (36,527 days) and its FFTs took 4-5 times as long as ones twice that length."""
    best = 2 * max(least, 1)  # a power of two at most this is always there
    five = 1
    while five < best:
        three = five
        while three < best:
            two = three
            while two < least:
                two *= 2
            best = min(best, two)
            three *= 3
        five *= 5
    return best


def _circular_correlation(spectra: NDArray[np.complex128], other: NDArray[np.complex128], n: int, size: int) -> Floats:
    """``result[..., a] = sum_t f[t] g[(t - a) mod n]`` for f and g of length n, from their rfft spectra zero-padded
    to ``size`` >= 2n (f's in ``spectra``, g's in ``other``).

    At that size the FFT gives the plain (linear) correlation without wrap-around: lags 0..n-1 at the start and
    -(n-1)..-1 at the end. The circle of n days is the two folded together: ``c[a] = r[a] + r[a - n]``. (Computing it
    at length n directly would tie the FFT to the number of days, which can be a prime; see :func:`fft_length`.)
    """
    linear = np.fft.irfft(spectra * np.conj(other), n=size, axis=-1)
    return np.asarray(linear[..., :n] + linear[..., size - n :], dtype=np.float64)


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
    size = fft_length(2 * padded)
    x_spec = np.fft.rfft(x, n=size, axis=-1)
    k_spec = np.fft.rfft(k, n=size)

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
        y_spec, v_spec = np.fft.rfft(y_pad, n=size), np.fft.rfft(v_pad, n=size)
        sum_x = _circular_correlation(y_spec[None, :], x_spec, padded, size)  # (E, padded)
        cnt_x = np.rint(_circular_correlation(v_spec[None, :], x_spec, padded, size))
        sum_k = _circular_correlation(y_spec, k_spec, padded, size)  # (padded,)
        cnt_k = np.rint(_circular_correlation(v_spec, k_spec, padded, size))
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
