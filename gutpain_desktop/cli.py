"""Command line: options of the app and headless sub-commands. No Qt is imported here."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import APP_NAME, __version__
from .cli_safety import SAFETY_COMMANDS
from .paths import DATA_DIR_ENV, backup_dir, resolve_data_dir

if TYPE_CHECKING:
    from .analysis.insights import Association, InsightsReport

#: Rows the insights table shows unless --all.
INSIGHTS_TOP = 20


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
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this copy of the app works (window offscreen, a temporary journal, charts, panels, export) "
        "and exit; your own journal is not opened",
    )
    parser.add_argument("--screenshot", metavar="FILE.png", help="with --self-test: save a picture of the window")
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
    demo.add_argument("--remove", action="store_true", help="only remove the demo entries (yours stay)")

    found = commands.add_parser(
        "insights",
        help="compare symptoms after foods with days without them, with honest statistics",
        description="For each trigger category and frequently eaten food, compare pain and each symptom on the same "
        "day, the next day and the day after next with days after meals without it: the difference, a 95% interval, "
        "a permutation p-value that allows for day-to-day dependence, and Benjamini-Hochberg q-values. Results are "
        "associations in your diary, not proof of what is behind a symptom.",
    )
    found.add_argument("--from", dest="start", type=_day, metavar="DATE", help="first day (YYYY-MM-DD)")
    found.add_argument("--to", dest="end", type=_day, metavar="DATE", help="last day (YYYY-MM-DD)")
    found.add_argument("--json", action="store_true", help="print every result as JSON instead of a table")
    found.add_argument(
        "--symptom",
        action="append",
        metavar="KEY",
        help="an outcome to compare: 'pain' or a symptom key such as 'bloating' (repeat it; default: pain and the "
        "symptoms you track)",
    )
    found.add_argument("--all", action="store_true", help=f"show every row of the table, not the first {INSIGHTS_TOP}")
    found.add_argument(
        "--with-elimination",
        action="store_true",
        help="also use the days of an elimination phase (left out by default: comparing before and during a diet "
        "mostly shows that people start one at a bad time)",
    )
    _add_safety(commands)
    _exchange_commands(commands)
    from .cli_crypt import add_crypt_commands

    add_crypt_commands(commands)
    shots = commands.add_parser(
        "screenshots",
        help="save a picture of every main view of the app, drawn offscreen on your journal",
        description="Draw every main view (Today, Journal, Trends and each of its charts, Learn, Diet, Insights, "
        "Settings) offscreen on the current journal and save one PNG per view, named after it. The pictures show "
        "your entries: share them with care, or make them from a demo journal (--data-dir).",
    )
    shots.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files (created if needed)")
    shots.add_argument("--text-scale", type=float, default=1.0, help="draw text this many times larger (e.g. 2)")
    shots.add_argument("--theme", choices=("system", "light", "dark"), help="draw in this theme")
    return parser


def _add_safety(commands: Any) -> None:
    from .cli_safety import add_safety_commands

    add_safety_commands(commands)


def _exchange_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .domain.entries import EntryKind

    export = commands.add_parser(
        "export",
        help="write entries.csv, daily_summary.csv and data_dictionary.csv for a practitioner or a spreadsheet",
        description="Write three CSV files into DIR: entries.csv (one row per recorded value), daily_summary.csv "
        "(one row per day, empty cells where nothing was logged) and data_dictionary.csv (what every column means). "
        "The files hold health data: they are readable by you only; share them with care.",
    )
    export.add_argument("--out", required=True, metavar="DIR", help="folder for the files (created if needed)")
    export.add_argument("--from", dest="start", type=_day, metavar="DATE", help="first day (YYYY-MM-DD)")
    export.add_argument("--to", dest="end", type=_day, metavar="DATE", help="last day (YYYY-MM-DD)")
    export.add_argument(
        "--kinds",
        nargs="+",
        choices=[k.value for k in EntryKind],
        metavar="KIND",
        help="only these kinds of entry in entries.csv: " + ", ".join(k.value for k in EntryKind),
    )
    export.add_argument("--excel", action="store_true", help="add a UTF-8 byte order mark so Excel reads accents")

    report = commands.add_parser(
        "report",
        help="write a one- to two-page PDF summary for a clinician",
        description="Write a PDF summary of a period (default: the last 13 weeks): averages and trends with small "
        "charts, stool form, diet phases and challenges, the strongest associations with their caveats, red-flag "
        "events logged and the scales used.",
    )
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    report.add_argument("--from", dest="start", type=_day, metavar="DATE", help="first day (YYYY-MM-DD)")
    report.add_argument("--to", dest="end", type=_day, metavar="DATE", help="last day (YYYY-MM-DD)")
    report.add_argument("--name", default="", help="a name to print on it (optional)")

    imported = commands.add_parser(
        "import",
        help="import entries from our own entries.csv or a Flaredown CSV export (all or nothing)",
        description="Read FILE, check every row, and add its entries in one step: either all of them or, on any "
        "problem, none (each problem is listed with its line and column). Entries already in the journal are kept "
        "as they are, so importing a file twice adds nothing. Flaredown columns map to your symptoms of the same "
        "name (new ones are created); its 0-4 ratings become 0-10.",
    )
    imported.add_argument("file", metavar="FILE", help="the CSV file to import")
    imported.add_argument(
        "--format", choices=("gutpain", "flaredown"), default=None, help="the file's format (default: guessed)"
    )
    imported.add_argument("--dry-run", action="store_true", help="only check the file and show what would be added")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2025-03-31") from None


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
    from .cli_crypt import CRYPT_COMMANDS, PassphraseNeeded, journal_key, run_crypt_command

    if args.command in CRYPT_COMMANDS:
        return run_crypt_command(args, data_dir_from(args))
    try:
        args.key = journal_key(data_dir_from(args))  # None for a plain journal; asked once for an encrypted one
    except PassphraseNeeded as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if args.command == "demo":
        return _demo(args)
    if args.command == "insights":
        return _insights(args)
    if args.command in SAFETY_COMMANDS:
        return _safety(args)
    if args.command == "screenshots":
        return _screenshots(args)
    if args.command in ("export", "report", "import"):
        from . import cli_exchange

        return int(getattr(cli_exchange, f"run_{args.command}")(args))
    print(f"unknown command {args.command}", file=sys.stderr)  # pragma: no cover - argparse rejects it first
    return 2


def _screenshots(args: argparse.Namespace) -> int:
    """Qt is imported here only; offscreen unless a platform was chosen, so it runs without a display."""
    from .cli_safety import lock_or_say
    from .storage import open_store

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = data_dir_from(args)
    if not (data_dir / "gutpain.sqlite").exists():
        print(f"No journal in {data_dir}; make one with 'gutpain-desktop demo' first.", file=sys.stderr)
        return 1
    lock = lock_or_say(data_dir)
    if lock is None:
        return 1
    try:
        from .ui.screenshots import make_app, take_screenshots

        make_app()

        store = open_store(data_dir, backup_dir=backup_dir(data_dir), key=args.key)
        try:
            written = take_screenshots(store, data_dir, Path(args.out), text_scale=args.text_scale, theme=args.theme)
        finally:
            store.close()
    finally:
        lock.release()
    for path in written:
        print(path)
    return 0


def _safety(args: argparse.Namespace) -> int:
    from .cli_safety import run_safety_command

    return run_safety_command(args, data_dir_from(args))


def _demo(args: argparse.Namespace) -> int:
    from .demo import generate_demo, remove_demo
    from .storage import open_store

    data_dir = data_dir_from(args)
    store = open_store(data_dir, backup_dir=backup_dir(data_dir), key=args.key)
    try:
        if args.remove:
            print(f"Removed {remove_demo(store)} demo entries from {data_dir}; your own entries are untouched.")
            return 0
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
            remove_demo(store)
        count = generate_demo(store, years=args.years, seed=args.seed)
    finally:
        store.close()
    print(f"Added {count} demo entries to {data_dir}")
    return 0


def _insights(args: argparse.Namespace) -> int:
    from .analysis.insights import PAIN, InsightSettings, association_record, insights, settings_record
    from .storage import DB_FILENAME, open_store

    if args.start and args.end and args.start > args.end:
        print(f"--from ({args.start}) is after --to ({args.end})", file=sys.stderr)
        return 2
    data_dir = data_dir_from(args)
    if not (data_dir / DB_FILENAME).is_file():
        print(f"No journal in {data_dir}: nothing to analyse yet.", file=sys.stderr)
        return 1
    store = open_store(data_dir, backup_dir=backup_dir(data_dir), key=args.key)
    try:
        names = store.catalog.names()
        outcomes = args.symptom or [PAIN, *(d.key for d in store.catalog.symptoms(tracked_only=True))]
        unknown = [key for key in outcomes if key != PAIN and key not in names]
        if unknown:
            print(f"Unknown symptom {', '.join(unknown)}; known: pain, {', '.join(sorted(names))}", file=sys.stderr)
            return 2
        measured = store.entries.measurements(start=args.start, end=args.end, foods=True)
    finally:
        store.close()
    settings = InsightSettings(exclude_phases=() if args.with_elimination else InsightSettings().exclude_phases)
    report = insights(measured, args.start, args.end, names=names, outcomes=outcomes, settings=settings)
    if args.json:
        document = {
            "from": report.start.isoformat(),
            "to": report.end.isoformat(),
            "days_with_meals": report.days_with_meals,
            "excluded_days": report.excluded_days,
            "tests": report.tests,
            "context_tests": report.context_tests,
            "notable": len(report.notable),
            "settings": settings_record(report.settings),
            "results": [association_record(a) for a in report.results],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(_insights_table(report, everything=args.all))
    return 0


def _insights_table(report: InsightsReport, *, everything: bool) -> str:
    settings = report.settings
    lines = [
        f"Insights from {report.start} to {report.end}: {report.days_with_meals} days with meals"
        + (f" ({report.excluded_days} days of an elimination phase left out)" if report.excluded_days else "")
        + f", {report.tests} comparisons with enough data, {len(report.notable)} notable "
        f"(q <= {settings.fdr:g}).",
        "",
    ]
    rows = list(report.results if everything else report.results[:INSIGHTS_TOP])
    header = ["", "exposure", "symptom", "after", "days with/without", "mean with", "without", "difference",
              "95% interval", "p", "q", "status"]  # fmt: skip
    table = [header, *(_insights_row(a) for a in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    right = {4, 5, 6, 7, 9, 10}
    for row in table:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    if len(report.results) > len(rows):
        lines.append(f"... {len(report.results) - len(rows)} more rows (--all shows them, --json gives everything).")
    notable = report.notable
    if notable:
        lines += ["", "Notable (marked *):"]
        for a in notable:
            lines.append(f"* {a.sentence}")
            if a.context_sentence:
                lines.append(f"  {a.context_sentence}")
    lines += [
        "",
        f"Notable means q <= {settings.fdr:g}: among notable results, about {settings.fdr:.0%} or fewer are expected "
        "to be chance findings. Every result is an association in this diary, not proof; a reintroduction challenge "
        "can test one.",
    ]
    return "\n".join(lines)


def _insights_row(a: Association) -> list[str]:
    from .analysis.insights import Status

    c = a.all_days

    def number(value: float | None, sign: bool = False) -> str:
        return "-" if value is None else f"{value:+.2f}" if sign else f"{value:.2f}"

    def probability(value: float | None) -> str:
        return "-" if value is None else "<0.0001" if value < 0.0001 else f"{value:.4f}"

    interval = "-" if c.ci_low is None or c.ci_high is None else f"{c.ci_low:+.2f} to {c.ci_high:+.2f}"
    status = "notable" if c.notable else "not enough data" if c.status is Status.NOT_ENOUGH_DATA else ""
    return [
        "*" if c.notable else "",
        a.exposure.label + (" (food)" if a.exposure.kind.value == "food" else ""),
        a.outcome.label,
        a.lag.label,
        f"{c.exposed_days}/{c.unexposed_days}",
        number(c.exposed_mean),
        number(c.unexposed_mean),
        number(c.difference, sign=True),
        interval,
        probability(c.p_value),
        probability(c.q_value),
        status,
    ]
