"""One valid entry of every kind, for tests that need a full journal. Not a test module."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from gutpain_desktop.demo.samples import every_kind
from gutpain_desktop.domain.entries import EntryKind

__all__ = ["SUMMARIES", "every_kind", "rows_for", "summary", "table_counts"]

#: The journal line of each sample above (the diet phase's start date is filled in by :func:`summaries`).
SUMMARIES: dict[EntryKind, str] = {
    EntryKind.CHALLENGE: "Challenge: Garlic (watching Bloating, Abdominal pain) — Tolerated up to a dose",
    EntryKind.DIET_PHASE: (
        "Low FODMAP: reintroduction from {start}, leaving out Wheat, Onion, Garlic — with my dietitian"
    ),
    EntryKind.SLEEP: "Sleep: 7.5 h, quality 6/10, woke unrefreshed",
    EntryKind.PAIN: "Pain 6/10 (muscle), average over the last 24 hours at Shoulder girdle, left, Neck, Lower back",
    EntryKind.STRESS: "Stress 7/10 — deadline",
    EntryKind.SYMPTOM: "Bloating 4/10",
    EntryKind.BOWEL: "Bristol type 6: Mushy, fluffy pieces with ragged edges (urgent, at night)",
    EntryKind.MEAL: "Lunch: Rye bread, Cheese, Garlic [Dairy, Gluten, Processed foods] — at my desk",
    EntryKind.WEEKLY_CHECKIN: "Weekly check-in: WPI 4, SSS 8, FS 12",
    EntryKind.CONTEXT: (
        "Context: period, exercise, medication: ibuprofen 400 mg, reaction to prawns, in a curry: hives, swelling"
    ),
}


def summary(kind: EntryKind, start: date) -> str:
    return SUMMARIES[kind].format(start=start.isoformat())


def table_counts(db_path: Path) -> dict[str, int]:
    """Rows in every table of the database, read with a plain sqlite3 connection (not our storage code)."""
    with sqlite3.connect(db_path) as raw:
        names = [
            r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
        counts = {name: raw.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    raw.close()
    return counts


def rows_for(db_path: Path, entry_id: object) -> dict[str, int]:
    """How many rows in each table refer to ``entry_id`` (as the entry itself or through an entry_id column)."""
    found: dict[str, int] = {}
    with sqlite3.connect(db_path) as raw:
        for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
            columns = {r[1] for r in raw.execute(f'PRAGMA table_info("{name}")')}
            column = "entry_id" if "entry_id" in columns else "id" if name == "entry" else None
            if column:
                n = raw.execute(f'SELECT count(*) FROM "{name}" WHERE {column} = ?', (str(entry_id),)).fetchone()[0]
                if n:
                    found[name] = n
    raw.close()
    return found
