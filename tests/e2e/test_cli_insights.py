"""`gutpain-desktop insights` as a practitioner's script runs it: a child process on a demo journal."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.child import run_cli


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("insights") / "journal"
    made = run_cli("--data-dir", str(folder), "demo", "--years", "1")
    assert made.returncode == 0, made.stderr
    return folder


def _result(results: list[dict[str, Any]], exposure: str, symptom: str, lag: str) -> dict[str, Any]:
    return next(r for r in results if (r["exposure_key"], r["symptom"], r["lag_window"]) == (exposure, symptom, lag))


def test_json_finds_dairy_and_next_day_bloating_on_demo_data(journal: Path) -> None:
    done = run_cli("--data-dir", str(journal), "insights", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    results = report["results"]
    assert report["tests"] == 450  # 5 categories + 20 foods, 6 outcomes, 3 lags
    assert report["excluded_days"] > 0 and report["settings"]["fdr"] == 0.1

    top = results[0]
    assert (top["exposure"], top["exposure_kind"], top["symptom"], top["lag_window"], top["lag_days"]) == (
        "Dairy",
        "category",
        "bloating",
        "24-48h",
        1,
    )
    assert top["notable"] is True and top["status"] == "ok"
    assert top["exposed_days"] >= 100 and top["unexposed_days"] >= 100
    assert 1.5 < top["difference"] < 2.5
    assert top["difference"] == pytest.approx(top["exposed_mean"] - top["unexposed_mean"], abs=0.002)
    assert top["ci_low"] < top["difference"] < top["ci_high"]
    assert top["p"] < 1e-6 and top["q"] <= 0.1
    assert top["sentence"].startswith("The day after you logged dairy, bloating averaged")
    assert top["without_high_stress_or_short_sleep"]["notable"] is True
    for lag in ("0-24h", "48-72h"):
        assert _result(results, "dairy", "bloating", lag)["notable"] is False
    assert {r["status"] for r in results} <= {"ok", "not_enough_data"}
    assert all("cause" not in r["sentence"].lower() for r in results)


def test_the_table_and_a_date_range(journal: Path) -> None:
    done = run_cli("--data-dir", str(journal), "insights")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Insights from") and "450 comparisons with enough data" in lines[0]
    starred = [line for line in lines if line.startswith("*  Dairy")]
    assert starred and "Bloating" in starred[0] and "24–48 h" in starred[0]
    assert "more rows (--all shows them" in done.stdout
    assert "* The day after you logged dairy, bloating averaged" in done.stdout

    last = date.today() - timedelta(days=1)
    first = last - timedelta(days=20)
    short = run_cli(
        "--data-dir", str(journal), "insights", "--from", first.isoformat(), "--to", last.isoformat(), "--json"
    )
    assert short.returncode == 0, short.stderr
    report = json.loads(short.stdout)
    assert (report["from"], report["to"]) == (first.isoformat(), last.isoformat())
    # Three weeks cannot meet the minimum rule: everything says how much more is needed.
    assert report["tests"] == 0
    assert {r["status"] for r in report["results"]} == {"not_enough_data"}
    assert all(r["more_days_needed"] > 0 for r in report["results"])
    assert all(r["sentence"].startswith("Not enough data yet") for r in report["results"])


def test_choosing_symptoms_and_refusing_nonsense(journal: Path, tmp_path: Path) -> None:
    only = run_cli("--data-dir", str(journal), "insights", "--json", "--symptom", "bloating", "--symptom", "pain")
    assert only.returncode == 0, only.stderr
    assert {r["symptom"] for r in json.loads(only.stdout)["results"]} == {"bloating", "pain"}

    unknown = run_cli("--data-dir", str(journal), "insights", "--symptom", "grumpiness")
    assert unknown.returncode == 2 and "Unknown symptom grumpiness" in unknown.stderr

    bad_date = run_cli("--data-dir", str(journal), "insights", "--from", "yesterday")
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr

    backwards = run_cli("--data-dir", str(journal), "insights", "--from", "2026-02-01", "--to", "2026-01-01")
    assert backwards.returncode == 2 and "after --to" in backwards.stderr

    empty = run_cli("--data-dir", str(tmp_path / "nothing"), "insights")
    assert empty.returncode == 1 and "No journal" in empty.stderr
    assert not (tmp_path / "nothing").exists()  # asking creates no journal
    for done in (unknown, bad_date, backwards, empty):
        assert "Traceback" not in done.stderr
