"""What an analysis says: the sentences shown with each result (associations, never causes), and plain records
for JSON and CSV."""

from __future__ import annotations

from collections.abc import Iterable

from .insight_types import (
    TAIL_EXCEEDANCES,
    Association,
    Comparison,
    Exposure,
    InsightSettings,
    Lag,
    Outcome,
    Overlap,
    Status,
)

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
