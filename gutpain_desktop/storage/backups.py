"""Backups over time: naming, listing, the retention rule and pruning, and restoring one.

Every copy is made by :func:`.backup.backup_database` (SQLite's backup API into a temp file, ``quick_check``, fsync,
rename). Only files whose names this app gave are ever pruned; anything else in the folder is left alone.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from .backup import BackupError, backup_database
from .cipher import PassphraseError, connect, error_types, export_copy, is_encrypted_file, remove_quietly
from .engine import BUSY_TIMEOUT_MS, secure_file
from .health import companions, count_entries, quick_check, schema_revision

NAME_PATTERN = re.compile(r"^(?P<label>[a-z0-9][a-z0-9-]{0,60})-(?P<stamp>\d{8}T\d{12}Z)\.sqlite$")
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"

#: Words for the person, per label (labels not listed are shown as they are).
LABEL_TEXT = {
    "start": "at start",
    "exit": "on closing",
    "auto": "every 30 minutes",
    "manual": "made by you",
    "before-restore": "before a restore",
    "before-encryption": "before encryption was turned on",
    "before-new-passphrase": "before the passphrase changed",
    "before-decryption": "before encryption was turned off",
}


@dataclass(frozen=True, slots=True)
class RetentionRule:
    """How many backups are kept: the newest few, then one per day, week and month."""

    recent: int = 5
    daily: int = 7
    weekly: int = 8
    monthly: int = 12

    def describe(self) -> str:
        return (
            f"Kept: the {self.recent} newest, the last one of each of {self.daily} days, of {self.weekly} weeks and "
            f"of {self.monthly} months. Older backups are removed automatically; files you put in the folder "
            "yourself are never touched."
        )


DEFAULT_RULE = RetentionRule()


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    label: str
    taken_at: datetime  # UTC

    @property
    def label_text(self) -> str:
        if self.label.startswith("before-migration"):
            return "before an update of the app"
        return LABEL_TEXT.get(self.label, self.label)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup as the Settings list and ``backup --list`` show it."""

    file: BackupFile
    size: int
    entries: int | None  # None: the file could not be read


def parse_name(name: str) -> tuple[str, datetime] | None:
    """The label and UTC time from a backup's file name, or None if this app did not name it."""
    found = NAME_PATTERN.match(name)
    if found is None:
        return None
    try:
        taken = datetime.strptime(found["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None
    return found["label"], taken


def backup_files(folder: Path) -> list[BackupFile]:
    """This app's backups in ``folder``, newest first (no file is opened)."""
    try:
        names = [p for p in folder.iterdir() if p.is_file()]
    except FileNotFoundError:
        return []
    found = []
    for path in names:
        parsed = parse_name(path.name)
        if parsed is not None:
            found.append(BackupFile(path, parsed[0], parsed[1]))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def describe(backup: BackupFile, key: str | None = None) -> BackupInfo:
    """Size and number of entries (opens the file read-only; an encrypted one with ``key``)."""
    try:
        size = backup.path.stat().st_size
    except OSError:
        size = 0
    return BackupInfo(backup, size, count_entries(backup.path, key))


def list_backups(folder: Path, key: str | None = None) -> list[BackupInfo]:
    return [describe(b, key) for b in backup_files(folder)]


# --- retention -------------------------------------------------------------------------------------------------


def to_keep(stamps: Sequence[datetime], rule: RetentionRule = DEFAULT_RULE, tz: tzinfo | None = None) -> set[int]:
    """Indexes of ``stamps`` the rule keeps. Days, weeks and months are the person's local ones (``tz``).

    Like borg's prune: for each kind of period, walking from the newest, the newest backup of each period is kept
    until that kind's count of periods is reached.
    """
    order = sorted(range(len(stamps)), key=lambda i: stamps[i], reverse=True)
    keep = set(order[: rule.recent])

    def by_period(count: int, period: Callable[[datetime], object]) -> None:
        seen: set[object] = set()
        for i in order:
            if len(seen) >= count:
                return
            key = period(stamps[i].astimezone(tz))
            if key not in seen:
                seen.add(key)
                keep.add(i)

    by_period(rule.daily, lambda t: t.date())
    by_period(rule.weekly, lambda t: t.isocalendar()[:2])
    by_period(rule.monthly, lambda t: (t.year, t.month))
    return keep


def prune(folder: Path, rule: RetentionRule = DEFAULT_RULE, tz: tzinfo | None = None) -> list[Path]:
    """Remove this app's backups that the rule does not keep; returns what was removed."""
    files = backup_files(folder)
    keep = to_keep([b.taken_at for b in files], rule, tz)
    removed = []
    for i, backup in enumerate(files):
        if i not in keep:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
                removed.append(backup.path)
            for companion in companions(backup.path):
                with contextlib.suppress(FileNotFoundError):
                    companion.unlink()
    return removed


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    removed: tuple[Path, ...]
    seconds: float


def take_backup(
    db_path: Path, folder: Path, label: str, *, rule: RetentionRule | None = DEFAULT_RULE, key: str | None = None
) -> BackupResult:
    """Back up now, then prune by ``rule`` (None: keep everything, e.g. while recovering from damage).

    An encrypted journal is backed up encrypted with the same ``key``.
    """
    import time

    started = time.perf_counter()
    path = backup_database(db_path, folder, label=label, key=key)
    removed = tuple(prune(folder, rule)) if rule is not None else ()
    return BackupResult(path, removed, time.perf_counter() - started)


# --- restoring -------------------------------------------------------------------------------------------------


class RestoreError(RuntimeError):
    """The backup cannot be restored; the journal was not changed."""


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: Path
    #: The copy of the journal as it was just before (so the restore can itself be undone); None if there was none.
    safety_copy: Path | None
    entries: int | None


def check_backup(backup: Path, known_revision: Callable[[str | None], bool], key: str | None = None) -> None:
    """Raise RestoreError unless ``backup`` is an intact journal this app can open (with ``key`` if encrypted)."""
    if not backup.is_file():
        raise RestoreError(f"There is no backup file {backup}.")
    if is_encrypted_file(backup) and key is not None:
        try:
            from .cipher import check_passphrase

            check_passphrase(backup, key)
        except PassphraseError as exc:
            raise RestoreError(
                "This backup is encrypted with another passphrase (one used before it was changed), so it cannot "
                "be opened with the current one. Nothing was changed."
            ) from exc
    elif is_encrypted_file(backup):
        raise RestoreError(
            "This backup cannot be used: it is encrypted (or is not a journal at all) and your journal is not, so "
            "its passphrase would be needed to open it. Nothing was changed."
        )
    check = quick_check(backup, key)
    if not check.ok:
        raise RestoreError(f"This backup cannot be used: {check.detail or 'it is empty'}.")
    revision = schema_revision(backup, key)
    if revision is None or not known_revision(revision):
        raise RestoreError(
            "This backup was not made by this version of GutPain Desktop (or is not a journal), so it cannot be "
            "restored here. Nothing was changed."
        )


def restore_backup(
    db_path: Path,
    backup: Path,
    folder: Path,
    *,
    known_revision: Callable[[str | None], bool],
    key: str | None = None,
) -> RestoreResult:
    """Replace the journal's contents with ``backup``'s, after backing up the journal as it is.

    The copy goes through SQLite's backup API into a connection on the journal, in one write transaction, so
    connections the app holds stay valid and see the restored contents; a crash half way leaves the old contents.

    ``key`` is the journal's passphrase (None: the journal is plain). The journal keeps its kind: a plain backup
    restored into an encrypted journal is first exported to an encrypted temp copy (and the other way round), since
    SQLite's backup API needs both sides keyed alike.
    """
    check_backup(backup, known_revision, key)
    safety = None
    if db_path.exists() and db_path.stat().st_size:
        safety = backup_database(db_path, folder, label="before-restore", key=key)
    journal_encrypted = key is not None and (is_encrypted_file(db_path) or not db_path.exists())
    bridge: Path | None = None
    if is_encrypted_file(backup) != journal_encrypted:
        bridge = folder / f".{backup.name}.restoring.partial"
        remove_quietly(bridge)
        try:
            export_copy(backup, key, bridge, key if journal_encrypted else None)
        except error_types() as exc:
            remove_quietly(bridge)
            raise RestoreError(f"Restoring failed and the journal was left as it was: {exc}") from exc
    try:
        _copy_into(bridge or backup, db_path, key, journal_encrypted)
    finally:
        if bridge is not None:
            remove_quietly(bridge)
    secure_file(db_path)
    return RestoreResult(backup, safety, count_entries(db_path, key))


def _copy_into(backup: Path, db_path: Path, key: str | None, encrypted: bool) -> None:
    source = connect(backup, key, read_only=True)
    try:
        target = connect(db_path, key, timeout=BUSY_TIMEOUT_MS / 1000, encrypted=encrypted)
        try:
            target.execute("PRAGMA journal_mode=WAL")
            source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")  # backups are rollback-journal files; the journal is not
            result = target.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":  # pragma: no cover - the source passed the same check
                raise BackupError(f"the restored journal failed its check: {result}")
        finally:
            target.close()
    except error_types() as exc:
        raise RestoreError(f"Restoring failed and the journal was left as it was: {exc}") from exc
    finally:
        source.close()


def newest_passing(
    folder: Path, files: Iterable[BackupFile] | None = None, key: str | None = None
) -> BackupFile | None:
    """The newest backup that passes ``quick_check`` (older ones are checked only while newer ones fail)."""
    for backup in files if files is not None else backup_files(folder):
        if quick_check(backup.path, key).ok and schema_revision(backup.path, key) is not None:
            return backup
    return None
