"""Trend charts: matplotlib figures embedded in Qt (imported only when the Trends view is first shown)."""
