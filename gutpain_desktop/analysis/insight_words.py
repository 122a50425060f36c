"""What an analysis says: the sentences shown with each result (associations, never causes), and plain records
for JSON and CSV."""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import QT_TRANSLATE_NOOP, Arg, Label, Phrase, joined, lower_first
from .insight_types import (
    TAIL_EXCEEDANCES,
    Association,
    Comparison,
    Exposure,
    ExposureKind,
    InsightSettings,
    Lag,
    Outcome,
    Overlap,
    Status,
)

# --- sentences -----------------------------------------------------------------------------------------------------
# Phrases: str() is the English sentence (CLI, JSON, PDF); the Insights view shows them translated. Numbers keep the
# format given in the template.

INSIGHTS = "Insights"

_WHEN = {
    Lag.SAME_DAY: QT_TRANSLATE_NOOP(
        "Insights",
        "On days you logged {x}, {o} averaged {exposed:.1f}, against {unexposed:.1f} on days without it "
        "({exposed_days} vs {unexposed_days} days).",
    ),
    Lag.NEXT_DAY: QT_TRANSLATE_NOOP(
        "Insights",
        "The day after you logged {x}, {o} averaged {exposed:.1f}, against {unexposed:.1f} the day after days "
        "without it ({exposed_days} vs {unexposed_days} days).",
    ),
    Lag.DAY_AFTER_NEXT: QT_TRANSLATE_NOOP(
        "Insights",
        "Two days after you logged {x}, {o} averaged {exposed:.1f}, against {unexposed:.1f} two days after days "
        "without it ({exposed_days} vs {unexposed_days} days).",
    ),
}
_NOT_ENOUGH = {
    Lag.SAME_DAY: QT_TRANSLATE_NOOP(
        "Insights", "Not enough data yet to compare {o} on the same day as {x}: it needs {needs}."
    ),
    Lag.NEXT_DAY: QT_TRANSLATE_NOOP(
        "Insights", "Not enough data yet to compare {o} the day after {x}: it needs {needs}."
    ),
    Lag.DAY_AFTER_NEXT: QT_TRANSLATE_NOOP(
        "Insights", "Not enough data yet to compare {o} two days after {x}: it needs {needs}."
    ),
}


def exposure_words(exposure: Exposure) -> Arg:
    """The exposure mid-sentence: a category is a label (translated), a food is shown as the person wrote it."""
    if exposure.kind is ExposureKind.CATEGORY:
        return Label(exposure.label, lower=True)
    return lower_first(exposure.label)


def outcome_words(outcome: Outcome) -> Label:
    """Pain or a symptom mid-sentence (built-in names translate; the person's own are shown as typed)."""
    return Label(outcome.label, lower=True)


def days(n: int) -> Phrase:
    return Phrase.counted(n, QT_TRANSLATE_NOOP("Insights", "%n days", None, 2), "%n day")


def _needs(c: Comparison) -> Arg:
    parts: list[Arg] = []
    if c.more_exposed_days_needed:
        parts.append(
            Phrase.of(QT_TRANSLATE_NOOP("Insights", "{days} more with it"), days=days(c.more_exposed_days_needed))
        )
    if c.more_unexposed_days_needed:
        parts.append(
            Phrase.of(QT_TRANSLATE_NOOP("Insights", "{days} more without it"), days=days(c.more_unexposed_days_needed))
        )
    if c.more_days_needed:
        parts.append(
            Phrase.of(QT_TRANSLATE_NOOP("Insights", "entries spread over {days} more"), days=days(c.more_days_needed))
        )
    if not parts:  # enough days, but no usable shifts (should not happen with the minimum rule)
        return Phrase.of(QT_TRANSLATE_NOOP("Insights", "more days of entries"))
    return joined(parts)


def sentence(exposure: Exposure, outcome: Outcome, lag: Lag, c: Comparison) -> Phrase:
    """A plain sentence about one comparison, worded as an association (never as a reason or a diagnosis)."""
    x, o = exposure_words(exposure), outcome_words(outcome)
    if c.status is Status.NOT_ENOUGH_DATA:
        return Phrase.of(_NOT_ENOUGH[lag], o=o, x=x, needs=_needs(c))
    assert c.exposed_mean is not None and c.unexposed_mean is not None
    seen = Phrase.of(
        _WHEN[lag],
        x=x,
        o=o,
        exposed=c.exposed_mean,
        unexposed=c.unexposed_mean,
        exposed_days=c.exposed_days,
        unexposed_days=c.unexposed_days,
    )
    if c.notable:
        return Phrase.of(
            QT_TRANSLATE_NOOP(
                "Insights",
                "{seen} That gap stands out from your diary's usual ups and downs, but it is a pattern, not proof: "
                "foods eaten alongside, stress, sleep or chance may be behind it. A reintroduction challenge can "
                "test it.",
            ),
            seen=seen,
        )
    return Phrase.of(
        QT_TRANSLATE_NOOP("Insights", "{seen} A gap of this size often turns up by chance in a diary like yours."),
        seen=seen,
    )


def overlap_sentence(exposure: Exposure, overlap: Overlap) -> Phrase:
    """Why a gap may belong to a food that travels with this one."""
    x, other = exposure_words(exposure), exposure_words(overlap.other)
    template = (
        QT_TRANSLATE_NOOP(
            "Insights",
            "Days with {x} were more often days with {other} too ({share_with:.0%} against {share_without:.0%} of "
            "other days), and {other} shows a bigger gap: the two are hard to tell apart in this diary.",
        )
        if overlap.share_with > overlap.share_without
        else QT_TRANSLATE_NOOP(
            "Insights",
            "Days with {x} were less often days with {other} too ({share_with:.0%} against {share_without:.0%} of "
            "other days), and {other} shows a bigger gap: the two are hard to tell apart in this diary.",
        )
    )
    return Phrase.of(template, x=x, other=other, share_with=overlap.share_with, share_without=overlap.share_without)


def context_sentence(all_days: Comparison, context: Comparison, settings: InsightSettings) -> Phrase:
    """What is left of a comparison once high-stress and short-sleep days are left out."""
    if context.status is Status.NOT_ENOUGH_DATA:
        return Phrase.of(
            QT_TRANSLATE_NOOP(
                "Insights",
                "Leaving out days with stress of {stress:g} or more or less than {sleep:g} hours of sleep, there are "
                "not enough days left to compare ({needs} would be needed).",
            ),
            needs=_needs(context),
            stress=settings.high_stress,
            sleep=settings.short_sleep_hours,
        )
    assert context.exposed_mean is not None and context.unexposed_mean is not None
    if context.notable:
        verdict = (
            QT_TRANSLATE_NOOP("Insights", "the gap still stands out")
            if all_days.notable
            else QT_TRANSLATE_NOOP("Insights", "the gap stands out")
        )
    else:
        verdict = (
            QT_TRANSLATE_NOOP("Insights", "the gap no longer stands out")
            if all_days.notable
            else QT_TRANSLATE_NOOP("Insights", "the gap does not stand out either")
        )
    return Phrase.of(
        QT_TRANSLATE_NOOP(
            "Insights",
            "Leaving out days with stress of {stress:g} or more or less than {sleep:g} hours of sleep: {exposed:.1f} "
            "against {unexposed:.1f} ({exposed_days} vs {unexposed_days} days); {verdict}.",
        ),
        exposed=context.exposed_mean,
        unexposed=context.unexposed_mean,
        exposed_days=context.exposed_days,
        unexposed_days=context.unexposed_days,
        verdict=Phrase.of(verdict),
        stress=settings.high_stress,
        sleep=settings.short_sleep_hours,
    )


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
