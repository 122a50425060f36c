"""The fast paths of the bulk work (issue 10) give exactly what the plain ones give: the whole-journal export read
without joins against the same journal read through the filters, the import's line splitting against one
``io.StringIO``, the insights' folded FFT correlation against its definition, and releasing export rows."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gutpain_desktop.analysis.insight_stats import _circular_correlation, fft_length
from gutpain_desktop.domain.entries import EntryKind, FoodItem, MealEntry, MealType, PainEntry
from gutpain_desktop.domain.scales import BodySite
from gutpain_desktop.exchange.csv_export import ENTRIES_FILE, ExportOptions, export_csv
from gutpain_desktop.exchange.importing import _lines
from gutpain_desktop.storage import open_store
from tests.samples import every_kind


def test_the_whole_journal_exports_the_same_bytes_as_through_the_filters(tmp_path: Path) -> None:
    from gutpain_desktop.demo import generate_demo

    store = open_store(tmp_path / "j")
    generate_demo(store, years=0.3, seed=5)
    at = datetime.now().astimezone().replace(microsecond=0) - timedelta(days=3)
    store.entries.add_many(
        [
            *every_kind(at),
            MealEntry(
                occurred_at=at - timedelta(hours=5),
                meal_type=MealType.DINNER,
                foods=(FoodItem("Rye bread", ("gluten", "dairy"), "2 slices"), FoodItem("Kale", (), "")),
                note="two foods, one with two categories",
            ),
            PainEntry(
                occurred_at=at - timedelta(hours=7), intensity=5, sites=frozenset({BodySite.NECK, BodySite.LOWER_BACK})
            ),
        ]
    )
    days = [e.local_date for e in store.entries.entries()]
    whole = export_csv(store, tmp_path / "whole")  # no filter: the tables read on their own
    # Every day and every kind, but named: the filtered queries, joined to the entries.
    filtered = export_csv(
        store, tmp_path / "filtered", ExportOptions(start=min(days), end=max(days), kinds=tuple(EntryKind))
    )
    store.close()
    assert whole.entries == filtered.entries == len(days) and whole.values > whole.entries
    for name in (ENTRIES_FILE,):
        assert (tmp_path / "whole" / name).read_bytes() == (tmp_path / "filtered" / name).read_bytes()
    text = (tmp_path / "whole" / ENTRIES_FILE).read_text(encoding="utf-8")
    assert ",food_category,1,dairy," in text and ",body_site,,lower_back," in text


def test_released_export_rows_are_empty(tmp_path: Path) -> None:
    store = open_store(tmp_path / "j")
    store.entries.add_many(every_kind(datetime.now().astimezone() - timedelta(days=1)))
    data = store.entries.bulk.export_rows()
    store.close()
    assert data.entries and data.details and data.foods and data.sites
    data.release(step=2)
    assert not data.entries and not data.details and not data.foods and not data.food_categories
    assert not data.sites and not data.doses


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(["a", ",", '"', "é", " ", "\n", "\r", "\r\n"]), max_size=80).map("".join),
    piece=st.integers(min_value=1, max_value=20),
)
def test_import_lines_are_those_of_one_stringio(text: str, piece: int) -> None:
    assert list(_lines(text, piece)) == list(io.StringIO(text, newline=""))


@pytest.mark.parametrize("least", [1, 2, 7, 11, 97, 3655, 36527, 73054])
def test_fft_length_is_the_next_length_of_small_factors(least: int) -> None:
    def smooth(n: int) -> bool:
        for p in (2, 3, 5):
            while n % p == 0:
                n //= p
        return n == 1

    found = fft_length(least)
    assert found >= least and smooth(found)
    assert not any(smooth(m) for m in range(least, found))


@pytest.mark.parametrize("n", [1, 2, 5, 13, 37, 60])  # primes among them: the lengths the folding is there for
def test_the_folded_correlation_is_the_circular_one(n: int) -> None:
    rng = np.random.default_rng(n)
    f, g = rng.normal(size=(3, n)), rng.normal(size=n)
    size = fft_length(2 * n)
    found = _circular_correlation(np.fft.rfft(f, n=size), np.fft.rfft(g, n=size)[None, :], n, size)
    expected = np.array([[sum(row[t] * g[(t - a) % n] for t in range(n)) for a in range(n)] for row in f])
    assert found.shape == (3, n)
    assert np.allclose(found, expected, atol=1e-9)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=6),
            st.sampled_from(
                ["Greek yogurt", "greek  yogurt", " Greek Yogurt ", "Kale", "kale", "", "  ", "rye\tbread"]
            ),
        ),
        max_size=40,
    )
)
def test_daily_foods_are_the_sorted_distinct_day_and_food_pairs(eaten: list[tuple[int, str]]) -> None:
    from datetime import date

    from gutpain_desktop.storage.repository import _daily_foods

    days = [date(2024, 3, 1) + timedelta(days=d) for d, _ in eaten]
    names = [name for _, name in eaten]
    pairs = sorted(
        {(day, " ".join(name.lower().split())) for day, name in zip(days, names, strict=True) if name.strip()}
    )
    labels = {" ".join(name.lower().split()): name.strip() for name in names if name.strip()}  # the last spelling
    assert _daily_foods(days, names) == ([d for d, _ in pairs], [k for _, k in pairs], dict(sorted(labels.items())))
