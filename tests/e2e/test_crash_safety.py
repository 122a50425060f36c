"""Crash safety: a child process saving entries through the real repository is killed with SIGKILL at random moments,
many times over one journal. Every entry whose save had returned must be there afterwards, and SQLite's
integrity_check must say ok. A control run with a child that says "saved" too early shows the check can fail.

GUTPAIN_CRASH_RUNS sets the number of runs (default 50).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from gutpain_desktop.storage import DB_FILENAME, open_store

REPO = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("GUTPAIN_CRASH_RUNS", "50"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")

# Saves one entry at a time, or a whole day of entries in one transaction (as the check-in does), and prints the ids
# after the save returned. In "early" mode it prints before saving: the lie the control run must catch.
CHILD = textwrap.dedent(
    """
    import random, sys, time
    from dataclasses import replace
    from datetime import datetime, timedelta
    from uuid import uuid4
    from pathlib import Path
    from gutpain_desktop.storage import open_store
    from tests.samples import every_kind

    data_dir, seed, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    store = open_store(data_dir)
    print("ready", flush=True)
    base = datetime.now().astimezone() - timedelta(days=2)
    for i in range(1_000_000):
        day = every_kind(base - timedelta(minutes=seed * 10_000 + i))
        simple = [e for e in day if e.kind.value not in ("challenge", "diet_phase", "meal")]
        batch = simple if i % 3 == 0 else [rng.choice(simple)]
        batch = [replace(e, id=uuid4()) for e in batch]
        if mode == "early":
            print("saved", *[e.id for e in batch], flush=True)
            time.sleep(0.03)
        saved = store.entries.add_many(batch)
        if mode != "early":
            print("saved", *[e.id for e in saved], flush=True)
    """
)


def child_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("GUTPAIN_DATA_DIR", None)
    return env


def run_and_kill(data_dir: Path, seed: int, rng: random.Random, mode: str = "honest") -> tuple[set[str], float]:
    """Start a saving child, SIGKILL it at a random moment; the ids it reported as saved, and when it was killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), str(seed), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=child_env(),
        cwd=REPO,
    )
    assert child.stdout is not None
    started = time.perf_counter()
    if rng.random() < 0.2:
        delay = rng.uniform(0.0, 0.5)  # sometimes while it is still opening the journal (recovery, migration check)
    else:
        first = child.stdout.readline()
        assert first == b"ready\n", (first, child.stderr.read() if child.stderr else b"")
        delay = rng.uniform(0.0, 0.3)
    time.sleep(delay)
    moment = time.perf_counter() - started
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    out = child.stdout.read()
    assert child.stderr is not None
    errors = child.stderr.read().decode(errors="replace")
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, errors  # it was still running: it never failed on its own
    saved: set[str] = set()
    for line in out.decode().split("\n")[:-1]:  # the last piece may be a line cut off by the kill
        if line.startswith("saved "):
            saved.update(line.split()[1:])
    return saved, moment


def stored_ids(db_path: Path) -> tuple[set[str], str]:
    """Entry ids and integrity_check, read-only (the next child, like the next start of the app, recovers the WAL)."""
    raw = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ids = {r[0] for r in raw.execute("SELECT id FROM entry")}
        integrity = raw.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        raw.close()
    return ids, integrity


def test_every_returned_save_survives_sigkill_and_the_file_stays_intact(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    rng = random.Random(20250601)
    confirmed: set[str] = set()
    kills_while_saving = 0
    started = time.perf_counter()
    for run in range(RUNS):
        saved, _moment = run_and_kill(data_dir, run, rng)
        kills_while_saving += bool(saved)
        confirmed |= saved
        if not (data_dir / DB_FILENAME).exists():
            assert not confirmed
            continue
        ids, integrity = stored_ids(data_dir / DB_FILENAME)
        assert integrity == "ok", f"run {run}: {integrity}"
        missing = confirmed - ids
        assert not missing, f"run {run}: {len(missing)} entries whose save had returned are gone"
    elapsed = time.perf_counter() - started

    store = open_store(data_dir)  # and the app opens it as usual afterwards
    try:
        count = store.entries.count()
    finally:
        store.close()
    assert count >= len(confirmed) > 0
    assert kills_while_saving >= RUNS // 2  # most kills landed while saving, not before the first save
    print(
        f"\ncrash safety: {RUNS} runs killed ({kills_while_saving} while saving), {len(confirmed)} confirmed entries "
        f"all present, {count} entries stored, {elapsed:.1f} s"
    )


def test_the_check_catches_a_save_reported_before_it_was_made(tmp_path: Path) -> None:
    """The control: a child that says "saved" before saving loses entries to a kill, and the check sees it."""
    data_dir = tmp_path / "journal"
    rng = random.Random(7)
    open_store(data_dir).close()
    caught = 0
    for run in range(8):
        saved, _ = run_and_kill(data_dir, 1000 + run, rng, mode="early")
        ids, integrity = stored_ids(data_dir / DB_FILENAME)
        assert integrity == "ok"
        caught += bool(saved - ids)
        if caught:
            break
    assert caught, "a premature 'saved' was never caught: the crash test above could not fail"
