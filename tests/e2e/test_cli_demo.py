"""The real command line in a child process: demo data, refusing a journal with the person's own entries, --force."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from gutpain_desktop import APP_NAME, __version__
from gutpain_desktop.domain.entries import StressEntry
from gutpain_desktop.storage import open_store
from tests.e2e.child import run_cli


def _counts(folder: Path) -> tuple[int, int]:
    """(demo entries, the person's own entries) in the journal in ``folder``."""
    store = open_store(folder)
    try:
        return store.entries.count(source="demo"), store.entries.count(source="user")
    finally:
        store.close()


def test_demo_fills_an_empty_journal(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    done = run_cli("--data-dir", str(folder), "demo", "--years", "0.1")
    assert done.returncode == 0, done.stderr
    demo, own = _counts(folder)
    assert demo > 300 and own == 0
    assert f"Added {demo} demo entries" in done.stdout
    assert "Traceback" not in done.stderr


def test_demo_refuses_a_journal_with_own_entries_until_forced(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    store = open_store(folder)
    try:
        moment = datetime.now().astimezone().replace(microsecond=0) - timedelta(hours=1)
        store.entries.add(StressEntry(occurred_at=moment, level=3))
    finally:
        store.close()

    refused = run_cli("--data-dir", str(folder), "demo", "--years", "0.1")
    assert refused.returncode == 1
    assert "Refusing" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert refused.stdout == ""
    assert _counts(folder) == (0, 1)

    forced = run_cli("--data-dir", str(folder), "demo", "--years", "0.1", "--force")
    assert forced.returncode == 0, forced.stderr
    demo, own = _counts(folder)
    assert demo > 300 and own == 1


def test_version_and_help(tmp_path: Path) -> None:
    version = run_cli("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"{APP_NAME} {__version__}"

    helped = run_cli("--help")
    assert helped.returncode == 0
    assert "--data-dir" in helped.stdout and "demo" in helped.stdout

    demo_help = run_cli("--data-dir", str(tmp_path / "unused"), "demo", "--help")
    assert demo_help.returncode == 0
    for option in ("--years", "--seed", "--force"):
        assert option in demo_help.stdout
    assert not (tmp_path / "unused").exists()  # asking for help opens no journal


def test_demo_twice_asks_for_replace_and_then_starts_afresh(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    assert run_cli("--data-dir", str(folder), "demo", "--years", "0.05").returncode == 0
    first, _ = _counts(folder)
    again = run_cli("--data-dir", str(folder), "demo", "--years", "0.05")
    assert again.returncode == 1 and "--replace" in again.stderr
    assert _counts(folder) == (first, 0)
    replaced = run_cli("--data-dir", str(folder), "demo", "--years", "0.05", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert _counts(folder) == (first, 0)


def test_demo_refuses_a_nonsense_number_of_years(tmp_path: Path) -> None:
    for years in ("-1", "0", "nan", "1000", "abc"):
        done = run_cli("--data-dir", str(tmp_path / "j"), "demo", "--years", years)
        assert done.returncode == 2, years
        assert "years" in done.stderr and "Traceback" not in done.stderr


def test_demo_remove_takes_only_the_demo_entries_away(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    store = open_store(folder)
    try:
        moment = datetime.now().astimezone().replace(microsecond=0) - timedelta(days=400)
        store.entries.add(StressEntry(occurred_at=moment, level=3))
    finally:
        store.close()
    assert run_cli("--data-dir", str(folder), "demo", "--years", "0.1", "--force").returncode == 0
    demo, own = _counts(folder)
    assert demo > 300 and own == 1
    done = run_cli("--data-dir", str(folder), "demo", "--remove")
    assert done.returncode == 0, done.stderr
    assert f"Removed {demo} demo entries" in done.stdout
    assert _counts(folder) == (0, 1)
    store = open_store(folder)
    try:
        assert store.catalog.setting("demo.present") == ""  # the app no longer says example data is there
        assert store.catalog.known_foods() == []  # nor offers the example foods as you type
    finally:
        store.close()
