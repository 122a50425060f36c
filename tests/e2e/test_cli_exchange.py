"""export, report and import as a person's script runs them: the real CLI in child processes."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.e2e.child import REPO, run_cli

FLAREDOWN = REPO / "tests" / "fixtures" / "exchange" / "flaredown_sample.csv"


def _entries(folder: Path) -> int:
    with sqlite3.connect(folder / "gutpain.sqlite") as raw:
        count = int(raw.execute("SELECT count(*) FROM entry").fetchone()[0])
    raw.close()
    return count


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exchange") / "journal"
    made = _run("--data-dir", str(folder), "demo", "--years", "0.5", "--seed", "2")
    assert made.returncode == 0, made.stderr
    return folder


def test_export_import_round_trip_and_dry_run(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _run("--data-dir", str(journal), "export", "--out", str(out), "--excel")
    assert done.returncode == 0, done.stderr
    assert "health data" in done.stdout
    for name in ("entries.csv", "daily_summary.csv", "data_dictionary.csv"):
        assert stat.S_IMODE(os.stat(out / name).st_mode) == 0o600

    fresh = tmp_path / "fresh"
    dry = _run("--data-dir", str(fresh), "import", str(out / "entries.csv"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Dry run: nothing was written." in dry.stdout and "already in your journal" in dry.stdout
    assert not fresh.exists()  # a dry run creates no journal

    done = _run("--data-dir", str(fresh), "import", str(out / "entries.csv"))
    assert done.returncode == 0, done.stderr
    added = _entries(fresh)
    assert added == _entries(journal) and f"Imported {added} entries" in done.stdout
    dry_again = _run("--data-dir", str(fresh), "import", str(out / "entries.csv"), "--dry-run")
    assert "0 new" in dry_again.stdout and _entries(fresh) == added

    again = tmp_path / "again"
    assert _run("--data-dir", str(fresh), "export", "--out", str(again), "--excel").returncode == 0
    for name in ("entries.csv", "daily_summary.csv", "data_dictionary.csv"):
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


def test_export_of_some_kinds_and_dates(journal: Path, tmp_path: Path) -> None:
    done = _run(
        "--data-dir", str(journal), "export", "--out", str(tmp_path), "--kinds", "pain", "bowel",
        "--from", "2000-01-01", "--to", "2000-01-31",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "entries.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1  # only the header: nothing logged in January 2000
    days = (tmp_path / "daily_summary.csv").read_text(encoding="utf-8").splitlines()
    assert len(days) == 32 and days[1].startswith("2000-01-01,,,")
    bad = _run("--data-dir", str(journal), "export", "--out", str(tmp_path), "--kinds", "dreams")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_report_writes_a_pdf(journal: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "summary.pdf"
    done = _run("--data-dir", str(journal), "report", "--out", str(pdf), "--name", "Sam")
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and "2-page summary" in done.stdout
    assert stat.S_IMODE(os.stat(pdf).st_mode) == 0o600
    none = _run("--data-dir", str(tmp_path / "nothing"), "report", "--out", str(tmp_path / "x.pdf"))
    assert none.returncode == 1 and "No journal" in none.stderr and not (tmp_path / "x.pdf").exists()


def test_flaredown_import_and_refusals(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    done = _run("--data-dir", str(folder), "import", str(FLAREDOWN))  # the format is recognised
    assert done.returncode == 0, done.stderr
    assert "Skipped: 6 weather columns." in done.stdout and "Imported 15 entries" in done.stdout
    before = _entries(folder)
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01binary")
    refused = _run("--data-dir", str(folder), "import", str(junk))
    assert refused.returncode == 1 and "binary data" in refused.stderr
    wrong = _run("--data-dir", str(folder), "import", str(FLAREDOWN), "--format", "gutpain")
    assert wrong.returncode == 1 and "Flaredown" in wrong.stderr
    for result in (refused, wrong):
        assert "Traceback" not in result.stderr
    assert _entries(folder) == before


def _run(*args: str) -> CompletedProcess[str]:
    return run_cli(*args, timeout=180)  # imports and exports of a year of entries
