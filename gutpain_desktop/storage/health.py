"""Is the database file healthy? The start-up check, the weekly full check, and moving a damaged file aside.

A damaged file is never deleted or overwritten: it is renamed, with its -wal and -shm companions, to
``<name>.damaged-<time>`` in the same folder, so a specialist could still try to rescue it.
"""

from __future__ import annotations

import enum
import os
import struct
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .cipher import connect, error_types, is_encrypted_file, open_error_types

#: The journal's file name in the data folder (here, not in store.py, so start-up can name it without SQLAlchemy).
DB_FILENAME = "gutpain.sqlite"
SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
COMPANIONS = ("-wal", "-shm")


class Verdict(enum.Enum):
    MISSING = "missing"  # no journal yet: a fresh one will be made
    OK = "ok"
    DAMAGED = "damaged"


@dataclass(frozen=True, slots=True)
class CheckResult:
    verdict: Verdict
    #: In words for the person (empty when OK or missing).
    detail: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.OK


def companions(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + suffix) for suffix in COMPANIONS]


def read_only_uri(db_path: Path) -> str:
    # as_uri() percent-encodes the path: a raw '?', '#' or '%' in a folder name would cut the URI short.
    return f"{db_path.resolve().as_uri()}?mode=ro"


def header_problem(db_path: Path) -> str:
    """Why the file cannot be an intact SQLite database, judged from its size and header; empty if none is seen."""
    size = db_path.stat().st_size
    with open(db_path, "rb") as handle:
        header = handle.read(HEADER_SIZE)
    if header[:16] != SQLITE_HEADER[: len(header)]:
        return "the file is not a GutPain Desktop journal (not an SQLite database)"
    if len(header) < HEADER_SIZE:
        return f"the file is cut short ({size} bytes, less than an SQLite header)"
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "the file header is damaged (impossible page size)"
    (change_counter,) = struct.unpack(">I", header[24:28])
    (page_count,) = struct.unpack(">I", header[28:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if size % page_size:
        return f"the file is cut short ({size} bytes is not a whole number of {page_size}-byte pages)"
    if valid_for == change_counter and page_count and size < page_count * page_size:
        return f"the file is cut short ({size // page_size} of {page_count} pages are there)"
    return ""


def quick_check(db_path: Path, key: str | None = None) -> CheckResult:
    """The fast start-up check: header, size, then SQLite's ``quick_check`` through a read-only connection.

    With ``key`` an encrypted file is checked through SQLCipher (its header is ciphertext, so only SQLite's check
    applies); without it an encrypted file is not an SQLite database.
    """
    started = time.perf_counter()

    def result(verdict: Verdict, detail: str = "") -> CheckResult:
        return CheckResult(verdict, detail, time.perf_counter() - started)

    if not db_path.exists():
        return result(Verdict.MISSING)
    try:
        if db_path.stat().st_size == 0:
            wal = companions(db_path)[0]
            if not wal.exists() or wal.stat().st_size == 0:
                return result(Verdict.MISSING)  # created but never written (e.g. a first start cut off)
        encrypted = key is not None and is_encrypted_file(db_path)
        problem = header_problem(db_path) if db_path.stat().st_size and not encrypted else ""
    except OSError as exc:
        raise OSError(exc.errno, f"The journal {db_path} could not be read: {exc.strerror}") from exc
    if problem:
        return result(Verdict.DAMAGED, problem)
    found = _pragma_rows(db_path, "quick_check", key)
    if isinstance(found, str):
        return result(Verdict.DAMAGED, found)
    if found != [("ok",)]:
        return result(Verdict.DAMAGED, f"SQLite's check found damage: {_first(found)}")
    return result(Verdict.OK)


@dataclass(frozen=True, slots=True)
class FullCheck:
    ok: bool
    detail: str
    seconds: float
    checked_at: datetime


def full_check(db_path: Path, key: str | None = None) -> FullCheck:
    """``integrity_check`` and ``foreign_key_check``: slower (seconds on a large journal), run off the UI thread."""
    started = time.perf_counter()
    problems: list[str] = []
    integrity = _pragma_rows(db_path, "integrity_check", key)
    if isinstance(integrity, str):
        problems.append(integrity)
    elif integrity != [("ok",)]:
        problems.append(f"SQLite's integrity check found damage: {_first(integrity)}")
    else:
        references = _pragma_rows(db_path, "foreign_key_check", key)
        if isinstance(references, str):
            problems.append(references)
        elif references:
            problems.append(f"{len(references)} links between entries point at nothing")
    return FullCheck(not problems, "; ".join(problems), time.perf_counter() - started, datetime.now(UTC))


def _pragma_rows(db_path: Path, pragma: str, key: str | None = None) -> list[tuple[object, ...]] | str:
    try:
        conn = connect(db_path, key, read_only=True)
    except open_error_types() as exc:
        return f"the file could not be opened ({exc})"
    try:
        return [tuple(row) for row in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except error_types() as exc:
        return f"the file could not be read ({exc})"
    finally:
        conn.close()


def _first(rows: list[tuple[object, ...]]) -> str:
    return str(rows[0][0]) if rows and rows[0] else "no answer"


def damaged_name(path: Path, stamp: str) -> Path:
    return path.with_name(f"{path.name}.damaged-{stamp}")


def quarantine(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Move the database and its -wal/-shm aside as ``*.damaged-<time>``; never overwrites an earlier one.

    Returns the new paths (the database first). The companions move with it: a WAL left behind would be applied
    to whatever database takes the name next.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    moved: list[Path] = []
    base = stamp
    attempt = 1
    while any(damaged_name(p, stamp).exists() for p in (db_path, *companions(db_path))):
        attempt += 1
        stamp = f"{base}-{attempt}"
    for path in (db_path, *companions(db_path)):
        if path.exists():
            target = damaged_name(path, stamp)
            os.rename(path, target)
            moved.append(target)
    if moved and os.name == "posix":
        fd = os.open(db_path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return moved


def last_change(db_path: Path) -> datetime | None:
    """When the database (or its WAL) was last written, from the file system; None if there is no file."""
    times = [p.stat().st_mtime for p in (db_path, *companions(db_path)) if p.exists()]
    return datetime.fromtimestamp(max(times), UTC) if times else None


def count_entries(db_path: Path, key: str | None = None) -> int | None:
    """Entries in a database file (read-only); None when it cannot be read (or not with ``key``)."""
    found = _scalar(db_path, "SELECT count(*) FROM entry", key)
    return found if isinstance(found, int) else None


def schema_revision(db_path: Path, key: str | None = None) -> str | None:
    found = _scalar(db_path, "SELECT version_num FROM alembic_version", key)
    return found if isinstance(found, str) else None


def _scalar(db_path: Path, sql: str, key: str | None = None) -> object:
    try:
        conn = connect(db_path, key, read_only=True)
    except open_error_types():
        return None
    try:
        row = conn.execute(sql).fetchone()
        return row[0] if row else None
    except error_types():
        return None
    finally:
        conn.close()
