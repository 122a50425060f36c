"""Crash safety of encrypt / decrypt: the real command is killed with SIGKILL at random moments, over and over on one
journal. After every kill the journal is whole: either still as it was or already swapped, with every row of every
table there and SQLite's integrity check ok, readable with the passphrase exactly when it is encrypted.

GUTPAIN_CRYPT_KILL_RUNS sets the number of runs (default 12).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gutpain_desktop.storage import DB_FILENAME
from gutpain_desktop.storage.cipher import driver, is_encrypted_file
from tests.samples import table_counts
from tests.unit.test_encryption import raw_counts

RUNS = int(os.environ.get("GUTPAIN_CRYPT_KILL_RUNS", "12"))
PASS = "a passphrase for the crash test"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")


def integrity(db: Path) -> str:
    if is_encrypted_file(db):
        conn = driver().connect(str(db))
        conn.execute("PRAGMA key = '" + PASS + "'")
    else:
        conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_killing_encrypt_or_decrypt_never_loses_or_damages_the_journal(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GUTPAIN_PASSPHRASE": PASS, "GUTPAIN_NEW_PASSPHRASE": PASS}
    env.pop("GUTPAIN_DATA_DIR", None)
    base = [sys.executable, "-m", "gutpain_desktop", "--data-dir", str(data_dir)]
    subprocess.run([*base, "demo", "--years", "0.3"], check=True, env=env, capture_output=True, timeout=120)
    db = data_dir / DB_FILENAME
    expected = table_counts(db)
    assert expected["entry"] > 100
    rng = random.Random(7)
    # How long one whole command takes on this machine now: the kills land at random moments inside it.
    started = time.monotonic()
    subprocess.run([*base, "encrypt"], check=True, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
    whole = time.monotonic() - started
    assert is_encrypted_file(db) and raw_counts(db, PASS) == expected
    swapped = 1
    killed = 0
    for _run in range(RUNS):
        was_encrypted = is_encrypted_file(db)
        child = subprocess.Popen(
            [*base, "decrypt" if was_encrypted else "encrypt"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.2, 3.0) * whole)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed += 1
        child.wait(timeout=60)
        now_encrypted = is_encrypted_file(db)
        swapped += now_encrypted != was_encrypted
        counts = raw_counts(db, PASS) if now_encrypted else table_counts(db)
        assert counts == expected, f"run {_run}: rows differ after a kill ({'encrypted' if now_encrypted else 'plain'})"
        assert integrity(db) == "ok"
    print(f"{RUNS} runs, {killed} killed part way, {swapped} swaps completed, {expected['entry']} entries each time")
    assert killed > 0  # the kills did land inside the command
