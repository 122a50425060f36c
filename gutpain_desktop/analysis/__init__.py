"""Pure analysis over domain data and numpy arrays: daily summaries, trends, decimation. No Qt, no SQLAlchemy.

Days are numpy ``datetime64[D]`` values; a day without data is NaN, never 0, so gaps stay gaps in every chart.
"""

from .daily import (
    PhaseBand,
    calendar_grid,
    counts_by_key,
    daily_count,
    daily_max,
    daily_mean,
    day_range,
    enough_data,
    exposure_matrix,
    phase_bands,
    rolling_mean,
    to_days,
)
from .decimate import minmax_decimate

__all__ = [
    "PhaseBand",
    "calendar_grid",
    "counts_by_key",
    "daily_count",
    "daily_max",
    "daily_mean",
    "day_range",
    "enough_data",
    "exposure_matrix",
    "minmax_decimate",
    "phase_bands",
    "rolling_mean",
    "to_days",
]
