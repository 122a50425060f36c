"""Headless data-safety commands: ``backup``, ``backup --list``, ``restore BACKUP`` and ``check``. No Qt here.

Wired into the parser by :func:`add_safety_commands` and run by :func:`run_safety_command` (see cli.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .storage.lock import InstanceLock

SAFETY_COMMANDS = ("backup", "restore", "check")


def lock_or_say(data_dir: Path, why: str = "") -> InstanceLock | None:
    """This journal's lock for a command that changes it, or None after saying on stderr that the app has it open
    (``why``: what to do instead)."""
    from .storage.lock import AlreadyOpenError, InstanceLock

    try:
        return InstanceLock(data_dir).acquire()
    except AlreadyOpenError as exc:
        print(f"{exc} {why}".strip(), file=sys.stderr)
        return None


def add_safety_commands(commands: Any) -> None:
    """Add the sub-commands to ``commands`` (the parser's ``add_subparsers()`` object)."""
    from .storage.backups import DEFAULT_RULE

    backup = commands.add_parser(
        "backup",
        help="make a backup of the journal now, or list the backups",
        description="Copy the journal into the backup folder with SQLite's backup API, check the copy, then "
        f"remove old backups by the rule. {DEFAULT_RULE.describe()}",
    )
    backup.add_argument("--list", action="store_true", help="list the backups (date, kind, size, entries) instead")
    restore = commands.add_parser(
        "restore",
        help="replace the journal with one of its backups (the journal is backed up first)",
        description="Replace the journal with BACKUP after checking it. The journal as it was is backed up first, "
        "so a restore can itself be undone with another restore. Refused while the app is open on this journal.",
    )
    restore.add_argument("backup", metavar="BACKUP", help="a backup file, its name in the backup folder, or its "
                         "number in 'backup --list'")  # fmt: skip
    commands.add_parser(
        "check",
        help="check the journal and its newest backup for damage",
        description="Run SQLite's integrity and foreign-key checks on the journal (read-only) and a quick check on "
        "the newest backup. Exit code 0 when all is well, 1 when damage was found.",
    )


def run_safety_command(args: argparse.Namespace, data_dir: Path) -> int:
    key: str | None = getattr(args, "key", None)  # the checked passphrase of an encrypted journal
    if args.command == "backup":
        return _backup_list(data_dir, key) if args.list else _backup(data_dir, key)
    if args.command == "restore":
        return _restore(data_dir, args.backup, key)
    return _check(data_dir, key)


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover


def _journal(data_dir: Path) -> Path | None:
    from .storage import DB_FILENAME

    path = data_dir / DB_FILENAME
    if not path.is_file():
        print(f"No journal in {data_dir}: nothing to back up or check yet.", file=sys.stderr)
        return None
    return path


def _backup(data_dir: Path, key: str | None) -> int:
    from .storage.backup import BackupError
    from .storage.backups import BackupFile as File
    from .storage.backups import describe, parse_name, take_backup
    from .storage.health import quick_check
    from .storage.safety import backup_folder

    db_path = _journal(data_dir)
    if db_path is None:
        return 1
    check = quick_check(db_path, key)
    if not check.ok:
        print(
            f"The journal looks damaged ({check.detail}), so no backup was made (it would be a damaged copy and "
            "could push a good backup out). Start the app to recover, or see 'check'.",
            file=sys.stderr,
        )
        return 1
    folder = backup_folder(data_dir)
    try:
        result = take_backup(db_path, folder, "manual", key=key)
    except (OSError, BackupError) as exc:
        print(f"The backup could not be written to {folder}: {exc}", file=sys.stderr)
        return 1
    parsed = parse_name(result.path.name)
    assert parsed is not None
    info = describe(File(result.path, parsed[0], parsed[1]), key)
    print(f"Backed up {info.entries} entries to {result.path} ({_human_size(info.size)}, {result.seconds:.2f} s).")
    if result.removed:
        print(f"Removed {len(result.removed)} older backups by the rule.")
    return 0


def _backup_list(data_dir: Path, key: str | None) -> int:
    from .storage.backups import DEFAULT_RULE, list_backups
    from .storage.safety import backup_folder

    folder = backup_folder(data_dir)
    found = list_backups(folder, key)
    if not found:
        print(f"No backups in {folder} yet.")
        return 0
    print(f"Backups in {folder}, newest first:")
    rows = [["#", "made", "kind", "size", "entries", "file"]]
    for number, info in enumerate(found, 1):
        rows.append([
            str(number),
            info.file.taken_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            info.file.label_text,
            _human_size(info.size),
            _entries_text(info.entries, info.file.path),
            info.file.path.name,
        ])  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = (c.rjust(w) if i in (0, 3, 4) else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        print("  ".join(cells).rstrip())
    print(DEFAULT_RULE.describe())
    return 0


def _entries_text(entries: int | None, path: Path) -> str:
    from .storage.cipher import is_encrypted_file

    if entries is not None:
        return str(entries)
    return "encrypted" if is_encrypted_file(path) else "unreadable"


def _find_backup(folder: Path, text: str) -> Path | None:
    from .storage.backups import backup_files

    if text.isdigit():
        files = backup_files(folder)
        number = int(text)
        return files[number - 1].path if 1 <= number <= len(files) else None
    candidate = Path(text).expanduser()
    if candidate.is_file():
        return candidate.resolve()
    inside = folder / text
    return inside if inside.is_file() else None


def _restore(data_dir: Path, text: str, key: str | None) -> int:
    from .storage import DB_FILENAME, DatabaseTooNewError, MigrationError, open_store
    from .storage.backups import RestoreError
    from .storage.safety import backup_folder, restore

    folder = backup_folder(data_dir)
    chosen = _find_backup(folder, text)
    if chosen is None:
        print(f"No backup '{text}' (a file, a name in {folder}, or a number from 'backup --list').", file=sys.stderr)
        return 2
    lock = lock_or_say(data_dir, "Restoring is done with the app closed (or from its Settings).")
    if lock is None:
        return 1
    try:
        result = restore(data_dir / DB_FILENAME, chosen, folder, key)
        store = open_store(data_dir, backup_dir=folder, key=key)  # brings an older backup up to date
        store.close()
    except RestoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (DatabaseTooNewError, MigrationError, OSError) as exc:
        print(f"The backup was restored but could not be opened: {exc}", file=sys.stderr)
        return 1
    finally:
        lock.release()
    print(f"Restored {result.entries} entries from {chosen.name}.")
    if result.safety_copy is not None:
        print(f"The journal as it was before is kept as {result.safety_copy}; restore that to undo this.")
    return 0


def _check(data_dir: Path, key: str | None) -> int:
    from .storage.backups import backup_files
    from .storage.cipher import is_encrypted_file
    from .storage.health import quick_check
    from .storage.safety import backup_folder, run_full_check

    db_path = _journal(data_dir)
    if db_path is None:
        return 1
    status = 0
    found = run_full_check(data_dir, db_path, key)
    if found.ok:
        print(f"Journal: ok (integrity and foreign-key checks, {found.seconds:.2f} s) - {db_path}")
    else:
        status = 1
        print(f"Journal: DAMAGED - {found.detail}. Start the app: it moves the damaged file aside (never deleting "
              "it) and offers the newest good backup.")  # fmt: skip
    files = backup_files(backup_folder(data_dir))
    if not files:
        print("Backups: none yet ('gutpain-desktop backup' makes one).")
    else:
        newest = files[0]
        made = newest.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if key is None and is_encrypted_file(newest.path):
            print(f"Newest backup ({made}, {len(files)} in all): encrypted (made while the journal was); not "
                  "checked, as that needs its passphrase.")  # fmt: skip
            return status
        quick = quick_check(newest.path, key)
        print(f"Newest backup ({made}, {len(files)} in all): {'ok' if quick.ok else 'DAMAGED - ' + quick.detail}")
        status = status or (0 if quick.ok else 1)
    return status
