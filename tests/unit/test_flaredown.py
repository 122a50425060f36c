"""Flaredown CSV import on a file written by hand from the schema of Flaredown's data_export_job.rb."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gutpain_desktop.domain.entries import ContextEntry, MealEntry, SymptomEntry
from gutpain_desktop.exchange.flaredown import (
    ColumnKind,
    Mapping_,
    Target,
    inspect_flaredown,
    plan_flaredown,
    rescale,
)
from gutpain_desktop.exchange.importing import ImportFailed, apply_plan
from gutpain_desktop.storage import Store
from tests.samples import table_counts

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "exchange" / "flaredown_sample.csv"


def test_columns_are_recognised() -> None:
    file = inspect_flaredown(SAMPLE)
    kinds = {c.name: c.kind for c in file.columns}
    assert kinds == {
        "Fibromyalgia": ColumnKind.RATING,
        "Fatigue": ColumnKind.RATING,
        "bloating": ColumnKind.RATING,
        "Joint stiffness": ColumnKind.RATING,
        "Ibuprofen": ColumnKind.TREATMENT,
        "Vitamin D": ColumnKind.TREATMENT,
    }
    assert file.weather == 6 and len(file.rows) == 3


def test_a_flaredown_history_comes_in_with_rescaled_ratings_foods_and_tags(store: Store) -> None:
    plan = plan_flaredown(SAMPLE, store)
    assert plan.ok, plan.summary()
    assert plan.skipped == {"weather columns": 6}
    assert plan.new_symptoms == [("fibromyalgia", "Fibromyalgia"), ("joint_stiffness", "Joint stiffness")]
    assert "Skipped: 6 weather columns." in plan.summary()
    outcome = apply_plan(store, plan)
    assert outcome.added == 15

    entries = store.entries.entries()
    symptoms = {(e.local_date, e.symptom): e for e in entries if isinstance(e, SymptomEntry)}
    first = symptoms[(date(2021, 11, 4), "fibromyalgia")]
    assert first.severity == 8  # 3 of 4 -> 7.5 -> 8
    assert "3 on its 0-4 scale, rescaled to 8 on 0-10" in first.note
    assert symptoms[(date(2021, 11, 4), "fatigue")].severity == 5  # matched to our built-in by name
    assert symptoms[(date(2021, 11, 4), "bloating")].severity == 3  # case-insensitive match
    assert symptoms[(date(2021, 11, 5), "bloating")].severity == 0  # a real 0 is kept
    assert (date(2021, 11, 6), "bloating") not in symptoms  # an empty cell is no entry
    assert symptoms[(date(2021, 11, 5), "fatigue")].severity == 10

    meals = sorted((e for e in entries if isinstance(e, MealEntry)), key=lambda e: e.occurred_at)
    assert [f.name for f in meals[0].foods] == ["Cheese, cheddar", "Bread, whole-wheat"]
    assert [f.name for f in meals[1].foods] == ["Rice, white", '"Granny" apple']
    assert "no meal or time" in meals[0].note

    context = {e.local_date: e for e in entries if isinstance(e, ContextEntry)}
    assert context[date(2021, 11, 4)].medication == "Ibuprofen 200 mg; Vitamin D"
    assert "Tags: stressful day; period." in context[date(2021, 11, 4)].note
    assert context[date(2021, 11, 5)].medication == "Vitamin D"  # "Not Taken" is left out
    assert context[date(2021, 11, 6)].medication == "Ibuprofen" and "good sleep" in context[date(2021, 11, 6)].note

    counts = table_counts(store.path)
    again = plan_flaredown(SAMPLE, store)
    assert again.ok and again.to_add() == 0 and apply_plan(store, again).added == 0
    assert table_counts(store.path) == counts


def test_columns_can_be_mapped_or_skipped(store: Store) -> None:
    mapping = {
        "Fibromyalgia": Mapping_(Target.SYMPTOM, "abdominal_pain"),
        "Joint stiffness": Mapping_(Target.SKIP),
        "Ibuprofen": Mapping_(Target.SKIP),
    }
    plan = plan_flaredown(SAMPLE, store, mapping)
    assert plan.ok and plan.new_symptoms == []
    symptoms = {e.symptom for e in plan.entries if isinstance(e, SymptomEntry)}
    assert symptoms == {"abdominal_pain", "fatigue", "bloating"}
    meds = [e.medication for e in plan.entries if isinstance(e, ContextEntry)]
    assert all("Ibuprofen" not in m for m in meds)


def test_rescaling() -> None:
    assert [rescale(v) for v in (0, 1, 2, 3, 4)] == [0, 3, 5, 8, 10]


def test_bad_rows_are_reported_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace("2021-11-05T00:00:00+00:00,2,4", "2021-11-05T00:00:00+00:00,2,5")
    text.append(text[3])  # the same day twice
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    counts = table_counts(store.path)
    plan = plan_flaredown(bad, store)
    found = {(p.line, p.column) for p in plan.problems}
    assert (3, "Fatigue") in found and (5, "Date") in found
    assert "outside Flaredown's 0-4 scale" in plan.summary()
    with pytest.raises(ImportFailed):
        apply_plan(store, plan)
    assert table_counts(store.path) == counts
    (tmp_path / "ours.csv").write_text("entry_id,kind,occurred_at,measure,item,value\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"GutPain Desktop entries\.csv"):
        plan_flaredown(tmp_path / "ours.csv", store)


@given(data=st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_flaredown_files_give_a_clear_error_and_leave_the_database_unchanged(
    store: Store, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        cells = lines[index].split(",")
        cells[data.draw(st.integers(0, len(cells) - 1))] = data.draw(st.text(max_size=10))
        lines[index] = ",".join(cells)
    raw = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))] + data.draw(st.binary(max_size=16))
    path = tmp_path_factory.mktemp("fd") / "fuzz.csv"
    path.write_bytes(raw)
    counts = table_counts(store.path)
    try:
        plan = plan_flaredown(path, store)
    except ImportFailed as exc:
        assert str(exc)
    else:
        if not plan.ok:
            assert all(p.reason for p in plan.problems)
            with pytest.raises(ImportFailed):
                apply_plan(store, plan)
    assert table_counts(store.path) == counts
