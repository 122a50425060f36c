"""Data safety as the app and the commands use it: the start-up check and recovery, automatic backups, restore.

No Qt here: the UI runs these functions off its thread and shows what they return.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..i18n import QT_TRANSLATE_NOOP, Phrase
from .backups import (
    DEFAULT_RULE,
    BackupFile,
    BackupResult,
    RestoreResult,
    RetentionRule,
    newest_passing,
    restore_backup,
    take_backup,
)
from .health import CheckResult, FullCheck, Verdict, count_entries, full_check, last_change, quarantine, quick_check
from .local_settings import LocalSettings, load_settings, update_settings
from .migrate import is_known_revision

#: How often a full integrity check runs (at most), and how often changes are backed up while the app is open.
FULL_CHECK_EVERY = timedelta(days=7)
BACKUP_EVERY = timedelta(minutes=30)


def backup_folder(data_dir: Path) -> Path:
    """Where backups go: the folder chosen in Settings, or ``<data folder>/backups``."""
    return load_settings(data_dir).settings.backup_folder(data_dir)


# --- start-up --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loss:
    """What restoring ``backup`` would lose compared with the damaged journal, as far as can be told."""

    backup: BackupFile
    backup_entries: int | None
    damaged_changed_at: datetime | None
    damaged_entries: int | None

    def describe(self) -> str:
        return str(self.phrase())

    def phrase(self) -> Phrase:
        """What restoring would bring back and lose, in words the UI translates (``describe()`` is the English)."""
        when = self.backup.taken_at.astimezone().strftime("%A %d %B %Y at %H:%M")
        if self.backup_entries is not None:
            made = Phrase.of(
                QT_TRANSLATE_NOOP(
                    "Storage", "The newest backup that passes its check was made on {when} and holds {entries} entries."
                ),
                when=when,
                entries=self.backup_entries,
            )
        else:
            made = Phrase.of(
                QT_TRANSLATE_NOOP("Storage", "The newest backup that passes its check was made on {when}."), when=when
            )
        if self.damaged_changed_at is None:
            return made
        gap = self.damaged_changed_at - self.backup.taken_at
        if gap <= timedelta(minutes=1):
            lost = Phrase.of(
                QT_TRANSLATE_NOOP(
                    "Storage", "Your journal had not changed since then, so little or nothing should be missing."
                )
            )
        elif self.damaged_entries is not None and self.backup_entries is not None:
            lost = Phrase.of(
                QT_TRANSLATE_NOOP(
                    "Storage", "Anything you logged in the {gap} after it would be missing (about {entries} entries)."
                ),
                gap=_duration(gap),
                entries=max(self.damaged_entries - self.backup_entries, 0),
            )
        else:
            lost = Phrase.of(
                QT_TRANSLATE_NOOP("Storage", "Anything you logged in the {gap} after it would be missing."),
                gap=_duration(gap),
            )
        return Phrase.of(QT_TRANSLATE_NOOP("Storage", "{made} {lost}"), made=made, lost=lost)


def _duration(gap: timedelta) -> Phrase:
    minutes = int(gap.total_seconds() // 60)
    if minutes < 120:
        return Phrase.of(QT_TRANSLATE_NOOP("Storage", "{n} minutes"), n=minutes)
    hours = minutes // 60
    if hours < 48:
        return Phrase.of(QT_TRANSLATE_NOOP("Storage", "{n} hours"), n=hours)
    return Phrase.of(QT_TRANSLATE_NOOP("Storage", "{n} days"), n=hours // 24)


@dataclass(frozen=True, slots=True)
class StartupCheck:
    check: CheckResult
    #: Where the damaged files were moved (database first); empty when the journal was fine.
    moved_aside: tuple[Path, ...] = ()
    #: The backup to offer, with what it would lose; None when there is none that passes.
    offer: Loss | None = None

    @property
    def damaged(self) -> bool:
        return self.check.verdict is Verdict.DAMAGED


def check_at_start(
    db_path: Path, folder: Path, key: str | None = None, checked: CheckResult | None = None
) -> StartupCheck:
    """``quick_check`` the journal (or take ``checked``: its result, run earlier with the same key, for example in a
    thread while the app was loading); if it is damaged, move it aside and find the newest backup that passes.

    ``key``: the passphrase of an encrypted journal, already checked (see cipher.check_passphrase). Never call this
    on an encrypted journal without it: the file would look like something that is not a database.
    """
    check = checked if checked is not None else quick_check(db_path, key)
    if check.verdict is not Verdict.DAMAGED:
        return StartupCheck(check)
    changed_at = last_change(db_path)
    damaged_entries = count_entries(db_path, key)  # often unreadable; a best guess when not
    moved = tuple(quarantine(db_path))
    candidate = newest_passing(folder, key=key)
    offer = None
    if candidate is not None:
        offer = Loss(candidate, count_entries(candidate.path, key), changed_at, damaged_entries)
    return StartupCheck(check, moved, offer)


def recover_from(db_path: Path, backup: Path, folder: Path, key: str | None = None) -> RestoreResult:
    """Put ``backup`` in place of the journal that was moved aside."""
    return restore_backup(db_path, backup, folder, known_revision=is_known_revision, key=key)


def restore(db_path: Path, backup: Path, folder: Path, key: str | None = None) -> RestoreResult:
    """Restore ``backup`` over the journal, backing the journal up first. Close or reload any open store after."""
    return restore_backup(db_path, backup, folder, known_revision=is_known_revision, key=key)


# --- the weekly full check -------------------------------------------------------------------------------------


def full_check_due(settings: LocalSettings, now: datetime | None = None) -> bool:
    last = settings.last_full_check
    moment = now or datetime.now(UTC)
    return last is None or last > moment or moment - last >= FULL_CHECK_EVERY


def run_full_check(data_dir: Path, db_path: Path, key: str | None = None) -> FullCheck:
    """Run ``integrity_check`` + ``foreign_key_check`` and remember when (in the settings file)."""
    found = full_check(db_path, key)
    with contextlib.suppress(OSError):  # the check is what matters; when not remembered it simply runs again
        update_settings(data_dir, last_full_check=found.checked_at, last_full_check_ok=found.ok)
    return found


# --- automatic backups -----------------------------------------------------------------------------------------


@dataclass
class AutoBackup:
    """When to back up: at start, every 30 minutes if something changed, on closing if something changed.

    ``paused`` (after damage was found) stops automatic backups until the app restarts, so the good backups are not
    pruned away by copies of an empty or just-restored journal. Thread-safe: backups run off the UI thread.
    """

    db_path: Path
    folder: Path
    rule: RetentionRule = DEFAULT_RULE
    paused: bool = False
    #: The journal's passphrase when it is encrypted (its backups are encrypted with it too).
    key: str | None = field(default=None, repr=False)
    #: The store's change count when the last backup was taken; None before the first one.
    backed_up_at_change: int | None = None
    last: BackupResult | None = None
    last_error: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def lock(self) -> threading.Lock:
        """Held while a backup is written; encryption changes hold it too, so no backup runs during a swap."""
        return self._lock

    def needed(self, changes: int) -> bool:
        return not self.paused and (self.backed_up_at_change is None or changes != self.backed_up_at_change)

    def run(self, label: str, changes: int, *, force: bool = False) -> BackupResult | None:
        """Back up if anything changed since the last backup (or ``force``); None when skipped or paused."""
        with self._lock:
            if self.paused and not force:
                return None
            if not force and not self.needed(changes):
                return None
            if not self.db_path.exists():
                return None
            try:
                result = take_backup(
                    self.db_path, self.folder, label, rule=None if self.paused else self.rule, key=self.key
                )
            except Exception as exc:
                self.last_error = f"The backup could not be written to {self.folder}: {exc}"
                raise
            self.last_error = ""
            self.backed_up_at_change = changes
            self.last = result
            return result
