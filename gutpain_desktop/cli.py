"""Command line: options of the app and headless sub-commands. No Qt is imported here."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import APP_NAME, __version__
from .paths import DATA_DIR_ENV, backup_dir, resolve_data_dir


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gutpain-desktop",
        description=f"{APP_NAME}: a private, offline journal for pain, gut symptoms, food, stress and sleep. "
        "Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder that holds your journal (default: your user data folder; also ${DATA_DIR_ENV})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="fill the journal with realistic synthetic entries to explore the app",
        description="Fill the journal with synthetic entries (marked as demo data) in which a few food-symptom "
        "relationships are planted on purpose. Refuses a journal that holds your own entries unless --force.",
    )
    demo.add_argument(
        "--years", type=_years, default=1.0, help="how many years of entries, ending today (default 1, at most 100)"
    )
    demo.add_argument("--seed", type=int, default=1, help="random seed, for the same data every time (default 1)")
    demo.add_argument("--force", action="store_true", help="add demo entries even beside your own entries")
    demo.add_argument("--replace", action="store_true", help="remove earlier demo entries first (yours stay)")
    return parser


def _years(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of years") from None
    if not 0 < value <= 100:  # also refuses nan
        raise argparse.ArgumentTypeError(f"years must be more than 0 and at most 100, not {text}")
    return value


def data_dir_from(args: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(args, "data_dir", None))


def run_command(args: argparse.Namespace) -> int:
    os.umask(0o077)
    if args.command == "demo":
        return _demo(args)
    print(f"unknown command {args.command}", file=sys.stderr)  # pragma: no cover - argparse rejects it first
    return 2


def _demo(args: argparse.Namespace) -> int:
    from .demo import generate_demo
    from .storage import open_store

    data_dir = data_dir_from(args)
    store = open_store(data_dir, backup_dir=backup_dir(data_dir))
    try:
        own = store.entries.count(source="user")
        if own and not args.force:
            print(
                f"Refusing: {data_dir} already holds {own} of your own entries. Demo data would mix with them. "
                "Use another --data-dir, or add --force if you really want that.",
                file=sys.stderr,
            )
            return 1
        earlier = store.entries.count(source="demo")
        if earlier and not args.replace:
            print(
                f"{data_dir} already holds {earlier} demo entries. Add --replace to start the demo data afresh.",
                file=sys.stderr,
            )
            return 1
        if earlier:
            store.entries.delete_source("demo")
        count = generate_demo(store, years=args.years, seed=args.seed)
    finally:
        store.close()
    print(f"Added {count} demo entries to {data_dir}")
    return 0
