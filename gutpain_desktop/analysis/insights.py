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
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np

from ..domain.measurements import Measurements
from .insight_stats import _blocks, _Family, _family, bh_qvalues, daily_series
from .insight_types import (
    PAIN,
    AnalysisCancelled,
    Association,
    CancelCheck,
    Comparison,
    DailySeries,
    Exposure,
    ExposureKind,
    Floats,
    InsightSettings,
    InsightsReport,
    Lag,
    Outcome,
    Overlap,
    ProgressCallback,
    Status,
)
from .insight_words import (
    association_record,
    comparison_record,
    context_sentence,
    exposures_of,
    overlap_sentence,
    sentence,
    settings_record,
)

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
                        phrase=sentence(exposure, outcome, lag, first),
                        context_phrase=context_sentence(first, second, settings) if second is not None else None,
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
        replace(r, overlap=found[id(r)], overlap_phrase=overlap_sentence(r.exposure, found[id(r)]))
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
