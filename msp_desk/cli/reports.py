"""``msp-desk report NAME ...``: the printed reports (DESIGN §8), one subcommand a report, and
what they share: writing the PDF (atomically, private to the user; a disk's refusal is one plain
sentence and exit 1).

Each report registers here with one entry in ``REPORTS``: its name, the function adding its
subparser to the ``report`` command's (``add(report_sub)``), and the function running it,
``cmd(db, args, today, out) -> exit code``. Its module imports ``save_pdf`` from here inside
its command function (this module imports the reports' modules).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TextIO

from msp_desk.cli.report_kpi import add_kpi_parser, cmd_kpi_report
from msp_desk.cli.report_pack import add_pack_parser, cmd_pack
from msp_desk.cli.report_qbr import add_qbr_parser, cmd_qbr
from msp_desk.store.database import Database

SubParsers = argparse._SubParsersAction  # argparse names no public type for it


class Report(NamedTuple):
    name: str
    add_parser: Callable[[SubParsers[argparse.ArgumentParser]], None]
    run: Callable[[Database, argparse.Namespace, dt.date, TextIO], int]


REPORTS: tuple[Report, ...] = (
    Report("qbr", add_qbr_parser, cmd_qbr),
    Report("referral-pack", add_pack_parser, cmd_pack),
    Report("kpi", add_kpi_parser, cmd_kpi_report),
)


def add_report_parser(sub: SubParsers[argparse.ArgumentParser]) -> None:
    """The ``report`` command: one subcommand a report in ``REPORTS``."""
    report = sub.add_parser("report", help="print a report to a PDF file")
    names = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    for entry in REPORTS:
        entry.add_parser(names)


def cmd_report(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    """Run the report the command line names."""
    entry = next(r for r in REPORTS if r.name == args.report)
    return entry.run(db, args, today, out)


def save_pdf(target: Path, pdf: bytes) -> None:
    """Write ``pdf`` to ``target`` atomically (0600); an OSError becomes one plain sentence."""
    from msp_desk.errors import os_fault
    from msp_desk.private_files import write_atomically

    try:
        write_atomically(target, pdf)
    except OSError as exc:
        raise os_fault(exc, "saving the PDF") from exc
