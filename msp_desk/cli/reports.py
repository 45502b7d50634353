"""``msp-desk report ...`` (DESIGN §8): the command group of the printed reports; each report's
options and command live in ``cli/report_<report>.py``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

from msp_desk.cli import report_qbr
from msp_desk.cli.report_qbr import add_qbr_parser, cmd_qbr
from msp_desk.store.database import Database


def add_report_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="print a report to PDF")
    report_sub = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    add_qbr_parser(report_sub)


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with a report's options (exit 2), or None."""
    if args.report == "qbr":
        return report_qbr.usage_problem(args)
    return None


def cmd_report(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    if args.report == "qbr":
        return cmd_qbr(db, args, today, out)
    raise AssertionError(f"unhandled report {args.report}")
