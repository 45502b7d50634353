"""The ``msp-desk`` argument parser (DESIGN §8): global options and the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt

from msp_desk import __version__
from msp_desk.cli.exports import add_export_parser
from msp_desk.cli.imports import HELP, KINDS, add_import_options
from msp_desk.cli.reports import add_report_parser
from msp_desk.cli.today import add_today_parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number like 12")
    return int(text)


def _month(text: str) -> str:
    from msp_desk.domain.values import Month

    try:
        return str(Month.parse(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-03") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="msp-desk",
        description="MSP Desk: grow the value of every client account. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: MSP_DESK_DB or your data folder)"
    )
    demo = parser.add_mutually_exclusive_group()
    demo.add_argument("--demo", action="store_true", help="use a generated demo MSP (its own file)")
    demo.add_argument("--demo-va", action="store_true", help="use a generated demo VA agency (its own file)")
    parser.add_argument("--today", type=_date, help=argparse.SUPPRESS)  # pins the date (tests, demos)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = sub.add_parser("init", help="create a new shop file with its kind's default ladder and scripts")
    init.add_argument("--kind", choices=("msp", "va"), default="msp", help="managed-IT shop or VA agency")
    init.add_argument("--name", help="the shop's name")
    init.add_argument("--locale", help="how numbers, money and dates are written, e.g. en_US, de_DE")
    init.add_argument("--currency", help="ISO currency code, e.g. USD, EUR")
    init.add_argument("--employees", type=_count, help="people working in the shop (for ARR per employee)")

    kpi = sub.add_parser("kpi", help="KPIs for a month (default: the last full month)")
    kpi.add_argument("--month", type=_month, help="YYYY-MM")
    kpi.add_argument("--json", action="store_true", help="print one JSON object (money in cents)")

    imp = sub.add_parser("import", help="import a CSV or XLSX file (all or nothing)")
    imp_kind = imp.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind in KINDS:
        add_import_options(imp_kind.add_parser(kind, help=HELP[kind]))
    mrr = imp_kind.add_parser("mrr-history", help="client,month,mrr rows: monthly MRR history")
    mrr.add_argument("file", metavar="FILE.csv")
    mrr.add_argument("--dry-run", action="store_true", help="say what would change and write nothing")

    add_export_parser(sub)
    add_today_parser(sub)
    add_report_parser(sub)

    check = sub.add_parser("check", help="check the database file and the ledger for problems")
    check.add_argument(
        "--repair", action="store_true", help="first recompute figures that no longer match their rows"
    )
    backup = sub.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("--out", metavar="F", help="target file (default: backups/ beside the database)")
    restore = sub.add_parser(
        "restore", help="replace the database with a backup (the file is backed up first)"
    )
    restore.add_argument("file", metavar="F", help="the backup to restore")
    return parser
