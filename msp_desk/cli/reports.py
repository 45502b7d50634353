"""``msp-desk report ...``: the printed reports, one module each (``report_<name>.py``), each
registering its parser here and dispatched by its name."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

from msp_desk.cli.report_pack import add_pack_parser, cmd_pack
from msp_desk.store.database import Database


def add_report_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="print a report to a PDF file")
    report_sub = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    add_pack_parser(report_sub)


def cmd_report(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    if args.report == "referral-pack":
        return cmd_pack(db, args, today, out)
    raise AssertionError(f"unhandled report {args.report}")
