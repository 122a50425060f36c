"""The export, report and import sub-commands (parsers in :mod:`.cli`). No Qt."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .cli import data_dir_from
from .exchange.importing import ImportPlan, guess_format
from .paths import backup_dir
from .storage import DB_FILENAME, Store, open_store


def _store_or_none(args: argparse.Namespace, what: str = "nothing to export yet") -> Store | None:
    data_dir = data_dir_from(args)
    if not (data_dir / DB_FILENAME).is_file():
        print(f"No journal in {data_dir}: {what}.", file=sys.stderr)
        return None
    return open_store(data_dir, backup_dir=backup_dir(data_dir), key=getattr(args, "key", None))


def _check_range(args: argparse.Namespace) -> bool:
    if args.start and args.end and args.start > args.end:
        print(f"--from ({args.start}) is after --to ({args.end})", file=sys.stderr)
        return False
    return True


def run_export(args: argparse.Namespace) -> int:
    from .domain.entries import EntryKind
    from .exchange.csv_export import ExportOptions, export_csv

    if not _check_range(args):
        return 2
    store = _store_or_none(args)
    if store is None:
        return 1
    try:
        kinds = tuple(EntryKind(k) for k in args.kinds) if args.kinds else None
        options = ExportOptions(args.start, args.end, kinds, args.excel)
        result = export_csv(store, Path(args.out), options)
    except OSError as exc:
        print(f"Could not write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"Wrote {result.entries} entries ({result.values} values) and {result.days} days to {result.folder}: "
        + ", ".join(p.name for p in result.files)
    )
    print("These files hold health data. They are readable by you only; share them with care.")
    return 0


def run_report(args: argparse.Namespace) -> int:
    from .exchange.report import build_report
    from .exchange.report_pdf import write_report

    if not _check_range(args):
        return 2
    store = _store_or_none(args, "nothing to summarise yet")
    if store is None:
        return 1
    try:
        data = build_report(store, args.start, args.end, name=args.name)
    finally:
        store.close()
    out = Path(args.out)
    try:
        pages = write_report(data, out)
    except OSError as exc:
        print(f"Could not write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote a {pages}-page summary of {data.start} to {data.end} to {out}")
    print("This file holds health data. It is readable by you only; share it with care.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    fmt = args.format or guess_format(path)
    data_dir = data_dir_from(args)
    if args.dry_run and not (data_dir / DB_FILENAME).is_file():
        # Check against an empty journal in a temporary folder: a dry run never creates the real one.
        with tempfile.TemporaryDirectory(prefix="gutpain-dry-run-") as temp:
            empty = open_store(Path(temp))
            try:
                return _import(args, path, fmt, empty)
            finally:
                empty.close()
    store = open_store(data_dir, backup_dir=backup_dir(data_dir), key=getattr(args, "key", None))
    try:
        return _import(args, path, fmt, store)
    finally:
        store.close()


def plan_import(path: Path, fmt: str, store: Store) -> ImportPlan:
    from .exchange.csv_import import plan_gutpain_csv
    from .exchange.flaredown import plan_flaredown

    return plan_flaredown(path, store) if fmt == "flaredown" else plan_gutpain_csv(path, store)


def _import(args: argparse.Namespace, path: Path, fmt: str, store: Store) -> int:
    from .exchange.importing import ImportFailed, apply_plan

    try:
        plan = plan_import(path, fmt, store)
    except ImportFailed as exc:
        print(f"Nothing imported. {exc}", file=sys.stderr)
        return 1
    if not plan.ok:
        print(plan.summary(), file=sys.stderr)
        return 1
    print(plan.summary())
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    try:
        outcome = apply_plan(store, plan)
    except Exception as exc:  # the transaction rolled back: the journal is as it was
        print(f"Nothing imported: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"Imported {outcome.added} entries ({outcome.already_present} were already in the journal).")
    return 0
