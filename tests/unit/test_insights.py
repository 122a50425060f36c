"""The insights statistics, validated: hand-computed cases, planted effects, many null diaries, scipy, demo data.

What is promised (gutpain_desktop/analysis/insights.py): the false discovery rate, at q = 0.10, by
Benjamini–Hochberg over every comparison with enough data. Under the complete null (nothing real in the diary) the
FDR is the probability that a diary shows *any* notable result; BH keeps it at or below 0.10 (exactly 0.10 when the
comparisons are independent), so on N simulated null diaries the observed share scatters around at most 0.10 with a
binomial standard error. The tests accept a share up to the one-sided 99% binomial bound above 0.10 and check the
p-values themselves over tens of thousands of null comparisons; a naive test that ignores autocorrelation fails the
same check (so the check can fail).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from gutpain_desktop.analysis.insights import (
    PAIN,
    AnalysisCancelled,
    Association,
    DailySeries,
    Exposure,
    ExposureKind,
    InsightSettings,
    InsightsReport,
    Lag,
    Status,
    analyse,
    association_record,
    bh_qvalues,
    insights,
)
from gutpain_desktop.demo import generate_demo
from gutpain_desktop.domain.measurements import Measurements, PhaseSpan
from gutpain_desktop.storage import open_store

START = np.datetime64("2025-01-06")  # a Monday
FDR = 0.10
FORBIDDEN = re.compile(r"caus|trigger|intoleran|allerg|proves?\b|diagnos", re.IGNORECASE)
FAST = InsightSettings(bootstrap_samples=50, context=False)  # p-values do not depend on the bootstrap


# --- synthetic diaries ---------------------------------------------------------------------------------------------


def markov(rng: np.random.Generator, n: int, stay: float, share: float) -> NDArray[np.bool_]:
    """An exposure eaten in runs: a two-state chain on ``share`` of the days, each day like the one before with
    probability about ``stay`` (runs of ~1 / (1 - stay) days)."""
    p_on = (1 - stay) * share / (1 - share) if share < 0.5 else 1 - stay
    p_off = p_on * (1 - share) / share
    flags = np.zeros(n, dtype=np.bool_)
    flags[0] = rng.random() < share
    u = rng.random(n)
    for t in range(1, n):
        flags[t] = (u[t] >= p_off) if flags[t - 1] else (u[t] < p_on)
    return flags


def ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> NDArray[np.float64]:
    """A persistent mood of the symptoms: AR(1), stationary from day 0."""
    shocks = rng.normal(0, sd, n)
    values = np.empty(n)
    values[0] = shocks[0] / math.sqrt(1 - phi**2)
    for t in range(1, n):
        values[t] = phi * values[t - 1] + shocks[t]
    return values


def lagged(flags: NDArray[np.bool_], lag: int) -> NDArray[np.float64]:
    moved = np.zeros(len(flags))
    moved[lag:] = flags[: len(flags) - lag]
    return moved


def make_series(
    outcomes: dict[str, NDArray[np.float64]],
    exposures: dict[str, NDArray[np.bool_]],
    meals: NDArray[np.bool_] | None = None,
    *,
    calm: NDArray[np.bool_] | None = None,
    included: NDArray[np.bool_] | None = None,
) -> DailySeries:
    n = len(next(iter(outcomes.values())))
    meals = np.ones(n, dtype=np.bool_) if meals is None else meals
    keys = list(exposures)
    return DailySeries(
        days=START + np.arange(n).astype("timedelta64[D]"),
        outcomes=outcomes,
        outcome_labels={k: k.replace("_", " ").capitalize() for k in outcomes},
        exposures=[
            Exposure(ExposureKind.CATEGORY, k, k.capitalize(), int(np.count_nonzero(exposures[k]))) for k in keys
        ],
        exposed=np.array([exposures[k] & meals for k in keys], dtype=np.bool_).reshape(len(keys), n),
        meals_logged=meals,
        included=np.ones(n, dtype=np.bool_) if included is None else included,
        calm=np.ones(n, dtype=np.bool_) if calm is None else calm,
    )


def diary(
    rng: np.random.Generator, n: int = 365, *, effect: float = 0.0, lag: int = 1, phi: float = 0.7
) -> DailySeries:
    """A year of one person: two foods eaten independently day by day, two eaten in runs of ~10 days; three symptoms
    with a persistent mood (AR(1)), daily noise, a weekly rhythm in one, whole-number scores, 5% of days without
    ratings and 5% without meals. ``effect`` points are added to "bloating" ``lag`` days after "dairy"."""
    exposures = {
        "dairy": rng.random(n) < 0.4,
        "sugar": rng.random(n) < 0.5,
        "gluten": markov(rng, n, 0.9, 0.4),
        "seed_oils": markov(rng, n, 0.9, 0.3),
    }
    weekly = np.where(np.arange(n) % 7 < 5, 0.6, -0.6)
    outcomes = {}
    for key, level in (("bloating", 2.5), ("pain", 4.0), ("fatigue", 3.0)):
        values = level + ar1(rng, n, phi, 0.8) + rng.normal(0, 0.6, n) + (weekly if key == "pain" else 0.0)
        if key == "bloating":
            values = values + effect * lagged(exposures["dairy"], lag)
        values = np.clip(np.rint(values), 0, 10)
        values[rng.random(n) < 0.05] = np.nan
        outcomes[key] = values
    return make_series(outcomes, exposures, rng.random(n) >= 0.05)


def find(report: InsightsReport, exposure: str, outcome: str, lag: Lag) -> Association:
    return next(r for r in report.results if (r.exposure.key, r.outcome.key, r.lag) == (exposure, outcome, lag))


# --- hand-computed cases -------------------------------------------------------------------------------------------


def test_counts_means_and_difference_by_hand() -> None:
    # 28 days; eaten on the even days; the outcome is 5 on the day after eating and 2 otherwise.
    n = 28
    eaten = np.arange(n) % 2 == 0
    outcome = np.where(lagged(eaten, 1) == 1, 5.0, 2.0)
    report = analyse(make_series({"bloating": outcome}, {"dairy": eaten}), InsightSettings(context=False))

    next_day = find(report, "dairy", "bloating", Lag.NEXT_DAY).all_days
    # Exposed: days 1, 3, ..., 27 (14 days, all 5). Unexposed: days 2, 4, ..., 26 (13; day 0 has no day before).
    assert (next_day.exposed_days, next_day.unexposed_days) == (14, 13)
    assert (next_day.exposed_mean, next_day.unexposed_mean, next_day.difference) == (5.0, 2.0, 3.0)
    # They span days 1 to 27: 27 days, one short of the 28 the minimum rule asks for.
    assert next_day.status is Status.NOT_ENOUGH_DATA
    assert (next_day.more_exposed_days_needed, next_day.more_unexposed_days_needed, next_day.more_days_needed) == (
        0,
        0,
        1,
    )
    assert next_day.p_value is None and next_day.q_value is None and next_day.ci_low is None

    same_day = find(report, "dairy", "bloating", Lag.SAME_DAY).all_days
    # Exposed: the even days (all 2); unexposed: the odd days (all 5); days 0 to 27 span 28 days.
    assert (same_day.exposed_days, same_day.unexposed_days) == (14, 14)
    assert (same_day.exposed_mean, same_day.unexposed_mean, same_day.difference) == (2.0, 5.0, -3.0)
    assert same_day.status is Status.OK and same_day.p_value is not None

    two_days = find(report, "dairy", "bloating", Lag.DAY_AFTER_NEXT).all_days
    # Days 2, 4, ..., 26 follow an even day two days before (13 days, all 2); days 3, ..., 27 do not (13, all 5).
    assert (two_days.exposed_days, two_days.unexposed_days, two_days.difference) == (13, 13, -3.0)


def test_days_without_ratings_or_meals_are_left_out_never_counted_as_zero() -> None:
    n = 60
    eaten = np.arange(n) % 3 == 0
    outcome = np.full(n, 4.0)
    outcome[lagged(eaten, 0) == 1] = 6.0
    outcome[[0, 3, 6]] = np.nan  # three exposed days without a rating
    meals = np.ones(n, dtype=np.bool_)
    meals[[1, 2, 4]] = False  # three days without any meal logged: neither exposed nor unexposed
    c = find(
        analyse(make_series({"pain": outcome}, {"dairy": eaten}, meals), InsightSettings(context=False)),
        "dairy",
        "pain",
        Lag.SAME_DAY,
    ).all_days
    assert c.exposed_days == 20 - 3 and c.exposed_mean == 6.0
    assert c.unexposed_days == 40 - 3 and c.unexposed_mean == 4.0


def test_minimum_data_rule_says_how_much_more_is_needed() -> None:
    rng = np.random.default_rng(5)
    n = 40
    eaten = np.zeros(n, dtype=np.bool_)
    eaten[[3, 9, 15, 22, 30, 36]] = True  # 6 days
    report = analyse(
        make_series({"pain": rng.integers(2, 7, n).astype(float)}, {"dairy": eaten}), InsightSettings(context=False)
    )
    c = find(report, "dairy", "pain", Lag.SAME_DAY)
    assert c.status is Status.NOT_ENOUGH_DATA
    assert (c.all_days.exposed_days, c.all_days.more_exposed_days_needed, c.all_days.more_unexposed_days_needed) == (
        6,
        4,
        0,
    )
    assert c.sentence == "Not enough data yet to compare pain on the same day as dairy: it needs 4 days more with it."
    assert report.tests == 0 and report.notable == []


def test_benjamini_hochberg_by_hand() -> None:
    # Sorted: 0.005, 0.01, 0.03, 0.04 -> x 4/rank: 0.02, 0.02, 0.04, 0.04 -> running minimum from the top.
    q = bh_qvalues([0.01, 0.04, 0.03, 0.005])
    assert q.tolist() == pytest.approx([0.02, 0.04, 0.04, 0.02])
    # NaN is "not a test": it stays NaN and m counts only the real ones.
    q = bh_qvalues([0.02, np.nan, 0.5])
    assert q[0] == pytest.approx(0.04) and np.isnan(q[1]) and q[2] == pytest.approx(0.5)
    # A q-value never exceeds 1; one test is its own q.
    assert bh_qvalues([0.9, 0.95, 0.99]).max() <= 1.0
    assert bh_qvalues([0.3]).tolist() == [0.3]
    assert bh_qvalues([]).size == 0


def test_benjamini_hochberg_matches_scipy() -> None:
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(1)
    for size in (1, 7, 60, 450):
        p = np.concatenate((rng.uniform(size=size), rng.uniform(0, 0.01, size=size // 5)))
        assert bh_qvalues(p) == pytest.approx(stats.false_discovery_control(p, method="bh"), abs=1e-12)


def _brute_force_shift_statistics(s: DailySeries, lag: int) -> NDArray[np.float64]:
    """The difference of means for every circular shift of the exposure, by looping over shifts (np.roll)."""
    (key,) = s.outcomes
    y = s.outcomes[key]
    n = len(y)
    padded = n + 2  # the analysis pads the exposure with max(lag) unknown days
    x = np.zeros(padded, dtype=np.bool_)
    x[:n] = s.exposed[0] & s.meals_logged
    known = np.zeros(padded, dtype=np.bool_)
    known[:n] = s.meals_logged
    yp = np.full(padded, np.nan)
    yp[:n] = y
    valid = ~np.isnan(yp)
    stats = []
    for shift in range(padded):
        xs, ks = np.roll(x, lag + shift), np.roll(known, lag + shift)
        a, b = yp[valid & xs], yp[valid & ks & ~xs]
        stats.append(a.mean() - b.mean() if len(a) and len(b) else np.nan)
    return np.array(stats)


@pytest.mark.parametrize("effect", [0.0, 0.4, 2.0])
def test_permutation_p_values_equal_a_brute_force_loop_over_circular_shifts(effect: float) -> None:
    rng = np.random.default_rng(3)
    full = diary(rng, 200, effect=effect)
    s = make_series({"bloating": full.outcomes["bloating"]}, {"dairy": full.exposed[0]}, full.meals_logged)
    report = analyse(s, InsightSettings(context=False, bootstrap_samples=20))
    for lag in Lag:
        c = find(report, "dairy", "bloating", lag).all_days
        stats = _brute_force_shift_statistics(s, int(lag))
        observed, null = stats[0], stats[1:]
        assert c.difference == pytest.approx(observed)
        centre, spread = null.mean(), null.std()
        beyond = int(np.count_nonzero(np.abs(null - centre) >= abs(observed - centre) - 1e-12))
        if beyond >= 10:
            expected = (beyond + 1) / (len(null) + 1)
        else:  # too few rotated copies that far out: the normal tail of the rotated copies
            expected = math.erfc(abs(observed - centre) / spread / math.sqrt(2))
        assert c.shifts == len(null)
        assert c.p_value == pytest.approx(expected, rel=1e-6, abs=1e-300)


def test_circular_shift_p_values_agree_with_scipys_permutation_test_when_days_are_independent() -> None:
    """With no autocorrelation at all, rotating the exposure is as good as shuffling it: p-values come out alike."""
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(8)
    for effect in (0.0, 0.15, 0.3, 0.4, 0.5):
        n = 365
        eaten = rng.random(n) < 0.4
        outcome = np.rint(3 + rng.normal(0, 1.2, n) + effect * eaten)
        c = find(
            analyse(make_series({"pain": outcome}, {"dairy": eaten}), InsightSettings(context=False)),
            "dairy",
            "pain",
            Lag.SAME_DAY,
        ).all_days
        reference = stats.permutation_test(
            (outcome[eaten], outcome[~eaten]),
            lambda a, b: np.mean(a) - np.mean(b),
            n_resamples=20000,
            random_state=1,
        ).pvalue
        # Two estimates of a null distribution from one year of days: within sampling error of each other (about
        # +-0.05 near p = 0.7), and of the same order of magnitude for small p (20000 resamples resolve ~1e-4).
        assert c.p_value is not None and abs(c.p_value - reference) <= 0.06
        assert max(c.p_value, reference) < 1e-3 or 0.5 <= c.p_value / reference <= 2


def test_block_bootstrap_interval_equals_a_plain_loop_over_resampled_weeks() -> None:
    rng = np.random.default_rng(4)
    s = diary(rng, 120, effect=1.5)
    settings = InsightSettings(context=False, bootstrap_samples=300, seed=99)
    report = analyse(s, settings)

    # Redo it slowly: the same resampled weeks (the analysis draws them first from its seed), one resample at a time.
    n = len(s.days)
    offset = int((START.astype(np.int64) + 3) % 7)  # 0: the series starts on a Monday
    weeks = -(-(offset + n) // 7)
    picks = np.random.default_rng(99).integers(0, weeks, size=(300, weeks))
    week_of_day = (np.arange(n) + offset) // 7
    y = s.outcomes["bloating"]
    x = lagged(s.exposed[0] & s.meals_logged, 1) == 1
    known = lagged(s.meals_logged, 1) == 1
    valid = ~np.isnan(y)
    diffs = []
    for row in picks:
        days = np.concatenate([np.flatnonzero(week_of_day == w) for w in row])
        a = y[days][valid[days] & x[days]]
        b = y[days][valid[days] & known[days] & ~x[days]]
        diffs.append(a.mean() - b.mean())
    low, high = np.percentile(diffs, [2.5, 97.5])
    c = find(report, "dairy", "bloating", Lag.NEXT_DAY).all_days
    assert (c.ci_low, c.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert c.ci_low < c.difference < c.ci_high


def test_bootstrap_interval_is_as_wide_as_scipys_when_days_are_independent() -> None:
    """Blocks of one day on independent days: about scipy's (two-sample) percentile bootstrap interval."""
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(12)
    n = 400
    eaten = rng.random(n) < 0.4
    outcome = np.rint(3 + rng.normal(0, 1.2, n) + 0.8 * eaten)
    settings = InsightSettings(context=False, bootstrap_samples=4000, block_days=1)
    c = find(
        analyse(make_series({"pain": outcome}, {"dairy": eaten}), settings), "dairy", "pain", Lag.SAME_DAY
    ).all_days
    reference = stats.bootstrap(
        (outcome[eaten], outcome[~eaten]),
        lambda a, b, axis: np.mean(a, axis=axis) - np.mean(b, axis=axis),
        n_resamples=4000,
        method="percentile",
        random_state=2,
    ).confidence_interval
    assert c.ci_low is not None and c.ci_high is not None
    assert c.ci_high - c.ci_low == pytest.approx(reference.high - reference.low, rel=0.1)
    assert c.ci_low == pytest.approx(reference.low, abs=0.06) and c.ci_high == pytest.approx(reference.high, abs=0.06)


# --- planted effects -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_planted_next_day_effect_is_found_at_that_lag_only(seed: int) -> None:
    report = analyse(diary(np.random.default_rng(seed), effect=2.0, lag=1), InsightSettings(context=False))
    found = find(report, "dairy", "bloating", Lag.NEXT_DAY)
    c = found.all_days
    assert c.notable and c.q_value is not None and c.q_value < 1e-6
    assert c.difference == pytest.approx(2.0, abs=0.35)
    assert c.ci_low is not None and c.ci_high is not None and c.ci_low < 2.0 < c.ci_high
    assert c.ci_high - c.ci_low < 1.2
    assert report.results[0] is found  # ranked first
    for lag in (Lag.SAME_DAY, Lag.DAY_AFTER_NEXT):
        other = find(report, "dairy", "bloating", lag).all_days
        assert not other.notable and other.difference is not None and abs(other.difference) < 0.5
    # Other results may turn up notable by chance (that is what the FDR allows), but not this pair at another lag.
    assert [r for r in report.notable if r.exposure.key == "dairy" and r.outcome.key == "bloating"] == [found]


def test_a_planted_same_day_effect_and_one_two_days_later_are_found_at_their_lags() -> None:
    for lag in (Lag.SAME_DAY, Lag.DAY_AFTER_NEXT):
        report = analyse(diary(np.random.default_rng(21), effect=1.5, lag=int(lag)), InsightSettings(context=False))
        assert [(r.exposure.key, r.outcome.key, r.lag) for r in report.notable] == [("dairy", "bloating", lag)]


def test_a_small_effect_is_found_with_years_of_data_but_not_with_two_months() -> None:
    rng = np.random.default_rng(30)
    years = analyse(diary(rng, 3 * 365, effect=0.5), FAST)
    assert find(years, "dairy", "bloating", Lag.NEXT_DAY).notable
    months = analyse(diary(np.random.default_rng(30), 60, effect=0.5), FAST)
    assert months.notable == []


# --- null diaries: the promise --------------------------------------------------------------------------------------

NULL_DIARIES = 1000
#: One-sided 99% binomial bound above the promised rate for NULL_DIARIES diaries: about 0.122.
ANY_NOTABLE_BOUND = FDR + 2.326 * math.sqrt(FDR * (1 - FDR) / NULL_DIARIES)


@pytest.fixture(scope="module")
def null_reports() -> list[tuple[DailySeries, InsightsReport]]:
    rng = np.random.default_rng(2024)
    found = []
    for _ in range(NULL_DIARIES):
        series = diary(rng)
        found.append((series, analyse(series, FAST)))
    return found


def test_on_null_diaries_the_chance_of_any_notable_result_stays_within_the_promised_rate(
    null_reports: list[tuple[DailySeries, InsightsReport]],
) -> None:
    with_any = sum(1 for _, r in null_reports if r.notable) / len(null_reports)
    notable = sum(len(r.notable) for _, r in null_reports)
    tests = sum(r.tests for _, r in null_reports)
    assert tests == 36 * NULL_DIARIES  # 4 exposures x 3 symptoms x 3 lags, all with enough data
    assert with_any <= ANY_NOTABLE_BOUND, with_any
    assert notable / tests <= FDR / 5  # notable results are rare, not merely clustered


def test_on_null_diaries_p_values_are_uniform_also_for_foods_eaten_in_runs(
    null_reports: list[tuple[DailySeries, InsightsReport]],
) -> None:
    for keys in (("dairy", "sugar"), ("gluten", "seed_oils")):  # eaten independently day by day; in runs
        p = np.array(
            [a.all_days.p_value for _, r in null_reports for a in r.results if a.exposure.key in keys],
            dtype=np.float64,
        )
        assert p.size == 18 * NULL_DIARIES
        assert np.mean(p < 0.05) <= 0.06 and np.mean(p < 0.01) <= 0.014 and np.mean(p < 0.001) <= 0.002
        assert np.mean(p < 0.5) == pytest.approx(0.5, abs=0.03)  # not merely conservative either


def _naive_p(y: NDArray[np.float64], x: NDArray[np.bool_], known: NDArray[np.bool_]) -> float:
    """Welch's z-test, as if the days were independent."""
    valid = ~np.isnan(y)
    a, b = y[valid & x], y[valid & known & ~x]
    z = (a.mean() - b.mean()) / math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    return math.erfc(abs(z) / math.sqrt(2))


def test_the_null_check_fails_a_test_that_ignores_autocorrelation(
    null_reports: list[tuple[DailySeries, InsightsReport]],
) -> None:
    """The same diaries and the same Benjamini–Hochberg step with a naive p-value: the check above fails it."""
    with_any = 0
    diaries = null_reports[:200]
    for series, _ in diaries:
        p = [
            _naive_p(y, lagged(row, lag) == 1, lagged(series.meals_logged, lag) == 1)
            for lag in (0, 1, 2)
            for row in series.exposed
            for y in series.outcomes.values()
        ]
        with_any += bool(np.any(bh_qvalues(p) <= FDR))
    assert with_any / len(diaries) > 2 * ANY_NOTABLE_BOUND


def test_with_one_real_effect_the_share_of_false_notable_results_stays_within_the_promise() -> None:
    """Partly null: dairy raises bloating 1 point the next day; everything else is noise. The false discovery
    proportion counts notable results for any other pair of food and symptom."""
    rng = np.random.default_rng(77)
    proportions = []
    found = 0
    for _ in range(300):
        report = analyse(diary(rng, effect=1.0), FAST)
        false = [r for r in report.notable if (r.exposure.key, r.outcome.key) != ("dairy", "bloating")]
        proportions.append(len(false) / max(len(report.notable), 1))
        found += find(report, "dairy", "bloating", Lag.NEXT_DAY).notable
    assert found >= 0.95 * 300  # the real effect is found
    assert np.mean(proportions) <= FDR + 2.326 * math.sqrt(FDR * (1 - FDR) / 300)


# --- context, overlaps, ranking, sentences, progress ---------------------------------------------------------------


def _stressed_diary(seed: int) -> tuple[DailySeries, NDArray[np.bool_]]:
    """Coffee is drunk more on stressful days, and stress (not coffee) raises abdominal pain the same day."""
    rng = np.random.default_rng(seed)
    n = 365
    stressed = markov(rng, n, 0.7, 0.25)
    coffee = np.where(stressed, rng.random(n) < 0.8, rng.random(n) < 0.3)
    belly = np.clip(np.rint(2 + 2.5 * stressed + ar1(rng, n, 0.5, 0.7)), 0, 10)
    return make_series({"abdominal_pain": belly}, {"coffee": coffee}, calm=~stressed), stressed


def test_an_association_that_comes_from_stress_does_not_survive_leaving_stressful_days_out() -> None:
    series, stressed = _stressed_diary(3)
    report = analyse(series, InsightSettings())
    found = find(report, "coffee", "abdominal_pain", Lag.SAME_DAY)
    assert found.notable
    assert found.context is not None and found.context.status is Status.OK and not found.context.notable
    assert found.context.exposed_days + found.context.unexposed_days == int(np.count_nonzero(~stressed))
    assert found.context_sentence is not None and "the gap no longer stands out" in found.context_sentence
    assert report.context_tests == 3


def test_a_real_effect_survives_leaving_stressful_days_out() -> None:
    report = analyse(diary(np.random.default_rng(1), effect=2.0), InsightSettings())
    found = find(report, "dairy", "bloating", Lag.NEXT_DAY)
    assert found.context is not None and found.context.notable
    assert found.context_sentence is not None and "still stands out" in found.context_sentence


def test_a_food_that_travels_with_the_real_one_is_flagged_as_hard_to_tell_apart() -> None:
    rng = np.random.default_rng(6)
    n = 730
    dairy = rng.random(n) < 0.4
    chocolate = np.where(dairy, rng.random(n) < 0.7, rng.random(n) < 0.1)  # mostly eaten with dairy
    bloating = np.clip(np.rint(2 + 2 * lagged(dairy, 1) + ar1(rng, n, 0.5, 0.7)), 0, 10)
    report = analyse(make_series({"bloating": bloating}, {"dairy": dairy, "chocolate": chocolate}), FAST)
    real, companion = (find(report, k, "bloating", Lag.NEXT_DAY) for k in ("dairy", "chocolate"))
    assert real.notable and companion.notable
    assert real.overlap is None
    assert companion.overlap is not None and companion.overlap.other.key == "dairy"
    assert companion.overlap.share_with > 0.7 > 0.2 > companion.overlap.share_without
    assert "Days with chocolate were more often days with dairy too" in companion.sentence
    assert "hard to tell apart" in companion.sentence


def test_ranked_notable_first_by_size_then_by_p_then_not_enough_data() -> None:
    report = analyse(diary(np.random.default_rng(9), effect=2.0), FAST)
    groups = [0 if r.notable else 1 if r.status is Status.OK else 2 for r in report.results]
    assert groups == sorted(groups)
    notable_sizes = [abs(r.all_days.difference or 0) for r in report.notable]
    assert notable_sizes == sorted(notable_sizes, reverse=True)
    rest = [r.all_days.p_value for r in report.results if not r.notable and r.status is Status.OK]
    assert rest == sorted(rest)  # type: ignore[type-var]


def test_sentences_are_worded_as_associations() -> None:
    reports = [analyse(diary(np.random.default_rng(seed), effect=2.0), InsightSettings()) for seed in (1, 2)] + [
        analyse(_stressed_diary(3)[0], InsightSettings())
    ]
    sentences = [s for r in reports for a in r.results for s in (a.sentence, a.context_sentence) if s]
    assert len(sentences) == 2 * (2 * 36 + 3)  # every result, and its context
    assert [s for s in sentences if FORBIDDEN.search(s)] == []
    top = find(reports[0], "dairy", "bloating", Lag.NEXT_DAY)
    c = top.all_days
    assert top.sentence.startswith(
        f"The day after you logged dairy, bloating averaged {c.exposed_mean:.1f}, against {c.unexposed_mean:.1f} "
        f"the day after days without it ({c.exposed_days} vs {c.unexposed_days} days)."
    )
    assert "pattern, not proof" in top.sentence and "reintroduction challenge" in top.sentence
    quiet = next(r for r in reports[0].results if r.status is Status.OK and not r.notable)
    assert "often turns up by chance" in quiet.sentence


def test_deterministic_with_a_seed_and_p_values_do_not_depend_on_it() -> None:
    series = diary(np.random.default_rng(10), effect=1.0)
    first, again = analyse(series, InsightSettings(seed=5)), analyse(series, InsightSettings(seed=5))
    other = analyse(series, InsightSettings(seed=6))
    assert [association_record(a) for a in first.results] == [association_record(a) for a in again.results]
    assert [a.all_days.p_value for a in first.results] == [a.all_days.p_value for a in other.results]
    assert [a.all_days.ci_low for a in first.results] != [a.all_days.ci_low for a in other.results]


def test_progress_is_reported_and_the_analysis_can_be_cancelled() -> None:
    series = diary(np.random.default_rng(1))
    calls: list[tuple[int, int]] = []
    analyse(series, InsightSettings(), progress=lambda done, total: calls.append((done, total)))
    total = 1 + 2 * 3  # setup, then every symptom for all days and for the context days
    assert calls == [(i, total) for i in range(1, total + 1)]

    asked: list[int] = []

    def stop_after_two() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(AnalysisCancelled):
        analyse(series, InsightSettings(), cancelled=stop_after_two)
    assert len(asked) == 3


def test_values_for_a_small_chart_match_the_counts() -> None:
    report = analyse(diary(np.random.default_rng(2), effect=2.0), InsightSettings())
    found = find(report, "dairy", "bloating", Lag.NEXT_DAY)
    exposed, unexposed = report.values(found)
    assert (exposed.size, unexposed.size) == (found.all_days.exposed_days, found.all_days.unexposed_days)
    assert exposed.mean() == pytest.approx(found.all_days.exposed_mean)
    calm_exposed, _ = report.values(found, context=True)
    assert found.context is not None and calm_exposed.size == found.context.exposed_days


# --- from measurements, and the demo journal ----------------------------------------------------------------------


def test_from_measurements_with_foods_phases_and_missing_days() -> None:
    first = date(2025, 1, 6)
    rng = np.random.default_rng(3)
    days = [first + timedelta(days=i) for i in range(120)]
    m = Measurements(
        start=days[0],
        end=days[-1],
        pain_dates=days,
        pain_intensity=[int(v) for v in rng.integers(2, 7, 120)],
        symptom_dates=days,
        symptom_keys=["bloating"] * 120,
        symptom_severity=[int(v) for v in rng.integers(0, 5, 120)],
        stress_dates=days,
        stress_level=[8 if i % 10 == 0 else 3 for i in range(120)],
        sleep_dates=days,
        sleep_hours=[None if i % 7 == 0 else 7.0 for i in range(120)],
        meal_dates=[d for i, d in enumerate(days) if i % 2 == 0],
        meal_categories=["dairy" for i, _ in enumerate(days) if i % 2 == 0],
        food_dates=[d for i, d in enumerate(days) if i % 5 != 4] + [d for i, d in enumerate(days) if i % 4 == 0],
        food_names=["rice" for i, _ in enumerate(days) if i % 5 != 4] + ["greek yogurt" for i in range(0, 120, 4)],
        food_labels={"rice": "Rice", "greek yogurt": "Greek yogurt"},
        diet_phases=[PhaseSpan(days[90], "elimination", "Dairy-free trial", days[99])],
    )
    settings = InsightSettings(min_food_days=25)
    report = insights(m, names={"dairy": "Dairy", "bloating": "Bloating"}, settings=settings)
    assert (report.start, report.end) == (days[0], days[-1])
    assert report.excluded_days == 10  # the elimination phase
    labels = {(e.kind, e.label) for e in report.series.exposures}
    # Yogurt (30 days) makes the cut; rice too; and the category.
    assert labels == {
        (ExposureKind.CATEGORY, "Dairy"),
        (ExposureKind.FOOD, "Rice"),
        (ExposureKind.FOOD, "Greek yogurt"),
    }
    assert set(report.series.outcomes) == {PAIN, "bloating"}
    # Days with meals: days with any food row or category row, outside the excluded phase.
    with_meals = [i for i in range(120) if (i % 5 != 4 or i % 4 == 0 or i % 2 == 0) and not 90 <= i <= 99]
    assert report.days_with_meals == len(with_meals) == 99
    # High stress every tenth day is left out of the context comparisons; unknown sleep is kept.
    assert int(np.count_nonzero(~report.series.calm)) == 12
    record = association_record(report.results[0])
    json.dumps(record)
    assert set(record) >= {
        "exposure",
        "symptom",
        "lag_window",
        "exposed_days",
        "unexposed_days",
        "exposed_mean",
        "unexposed_mean",
        "difference",
        "ci_low",
        "ci_high",
        "p",
        "q",
        "notable",
        "status",
        "sentence",
    }


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InsightsReport]:
    store = open_store(tmp_path_factory.mktemp("demo") / "data")
    try:
        generate_demo(store, years=1.0, seed=1, today=date.today() - timedelta(days=1))
        names = store.catalog.names()
        outcomes = [PAIN, *(d.key for d in store.catalog.symptoms(tracked_only=True))]
        yield insights(store.entries.measurements(foods=True), names=names, outcomes=outcomes)
    finally:
        store.close()


def test_the_demo_journal_shows_dairy_and_next_day_bloating(demo_report: InsightsReport) -> None:
    top = demo_report.results[0]
    assert (top.exposure.key, top.outcome.key, top.lag) == ("dairy", "bloating", Lag.NEXT_DAY)
    assert top.notable and top.all_days.difference is not None and 1.5 < top.all_days.difference < 2.5
    assert top.context is not None and top.context.notable
    for lag in (Lag.SAME_DAY, Lag.DAY_AFTER_NEXT):
        assert not find(demo_report, "dairy", "bloating", lag).notable
    # Foods with dairy that travel with it may be notable too, but then they are flagged as hard to tell apart.
    for other in demo_report.notable[1:]:
        assert other.overlap is not None, other.sentence
    assert demo_report.excluded_days > 0  # the elimination phase is left out
    assert [a.sentence for a in demo_report.results if FORBIDDEN.search(a.sentence)] == []


def test_an_empty_journal_gives_an_empty_report(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d")
    try:
        report = insights(store.entries.measurements(foods=True))
    finally:
        store.close()
    assert report.results == () and report.tests == 0 and report.notable == []


def test_the_analysis_needs_neither_scipy_nor_pandas_at_run_time() -> None:
    import ast

    package = Path(__file__).resolve().parents[2] / "gutpain_desktop" / "analysis"
    imported = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    assert "numpy" in imported
    assert imported & {"scipy", "pandas", "statsmodels", "PySide6", "sqlalchemy"} == set()
