"""Everything the Trends view draws for one date range, computed in one pure function (run off the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from ..domain.measurements import ChallengeSpan, Measurements
from .daily import (
    PhaseBand,
    calendar_grid,
    counts_by_key,
    daily_max,
    daily_mean,
    day_range,
    exposure_matrix,
    phase_bands,
    rolling_mean,
    to_days,
)
from .weeks import weekly_share

#: Pain recall periods that describe the day as a whole ("now" ratings are moments, averaged in too).
Floats = NDArray[np.float64]


@dataclass(frozen=True)
class TrendsData:
    start: date
    end: date
    days: NDArray[np.datetime64]
    pain_mean: Floats
    pain_worst: Floats
    pain_rolling: Floats
    #: Overlays by name ("stress", "sleep_hours", "sleep_quality", then symptom keys): daily means, NaN = no data.
    overlays: dict[str, Floats]
    bands: list[PhaseBand]
    challenges: list[ChallengeSpan]
    categories: list[str]
    exposure: NDArray[np.bool_]
    bowel_when: NDArray[np.float64]  # days since ``start`` plus the hour as a fraction
    bowel_bristol: Floats
    calendar_years: list[int]
    calendar: Floats
    site_counts: dict[str, int] = field(default_factory=dict)
    #: The first day of the week (0 = Monday .. 6 = Sunday) the calendar and the weekly meals were laid out by.
    week_start: int = 0
    #: The meals by week: the first day of each week, and the share of its days in range each category was eaten.
    week_starts: list[date] = field(default_factory=list)
    exposure_weekly: Floats = field(default_factory=lambda: np.zeros((0, 0)))

    @property
    def pain_days(self) -> int:
        return int(np.count_nonzero(~np.isnan(self.pain_mean)))


def trends_data(m: Measurements, start: date, end: date, categories: list[str], week_start: int = 0) -> TrendsData:
    """``week_start``: the person's first day of the week, 0 = Monday .. 6 = Sunday (as ``date.weekday()``)."""
    days = day_range(start, end)
    pain_mean = daily_mean(m.pain_dates, m.pain_intensity, start, end)
    overlays: dict[str, Floats] = {
        "stress": daily_mean(m.stress_dates, m.stress_level, start, end),
        "sleep_hours": daily_mean(m.sleep_dates, m.sleep_hours, start, end),
        "sleep_quality": daily_mean(m.sleep_dates, m.sleep_quality, start, end),
    }
    keys = np.asarray(m.symptom_keys, dtype=object)
    symptom_days = to_days(m.symptom_dates)
    severity = np.asarray(m.symptom_severity, dtype=np.float64)
    for key in dict.fromkeys(m.symptom_keys):
        chosen = keys == key
        overlays[key] = daily_mean(symptom_days[chosen], severity[chosen], start, end)
    bowel_days = to_days(m.bowel_dates)
    offsets = (bowel_days - np.datetime64(start, "D")).astype(np.float64) + np.asarray(m.bowel_hours) / 24.0
    inside = (offsets >= 0) & (offsets < len(days))
    grid_days = days[~np.isnan(pain_mean)]
    years, grid = calendar_grid(grid_days, pain_mean[~np.isnan(pain_mean)], week_start)
    exposure = exposure_matrix(m.meal_dates, m.meal_categories, categories, start, end)
    week_starts, exposure_weekly = weekly_share(exposure, start, week_start)
    return TrendsData(
        start=start,
        end=end,
        days=days,
        pain_mean=pain_mean,
        pain_worst=daily_max(m.pain_dates, m.pain_intensity, start, end),
        pain_rolling=rolling_mean(pain_mean, 7, 4),
        overlays=overlays,
        bands=phase_bands(m.diet_phases, start, end),
        challenges=[c for c in m.challenges if c.start <= end and c.window_end >= start],
        categories=categories,
        exposure=exposure,
        bowel_when=offsets[inside],
        bowel_bristol=np.asarray(m.bowel_bristol, dtype=np.float64)[inside],
        calendar_years=years,
        calendar=grid,
        site_counts=counts_by_key(k for d, k in zip(m.site_dates, m.site_keys, strict=True) if start <= d <= end),
        week_start=week_start,
        week_starts=week_starts,
        exposure_weekly=exposure_weekly,
    )
