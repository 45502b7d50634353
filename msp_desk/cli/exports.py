"""``msp-desk export KIND --out F.csv|F.xlsx``: any table to a file, the format by its suffix."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from msp_desk.store.database import Database

ROWS = {  # kind: (what the help says it holds, what one row is called)
    "clients": ("every client with its tier, seats and MRR today", "client"),
    "contacts": ("the contacts of clients and partners", "contact"),
    "tickets": ("every ticket (request) with its times", "ticket"),
    "contract-lines": ("the recurring-revenue ledger, line by line", "contract line"),
    "referrals": ("every referral and who made it", "referral"),
    "rewards": ("the referral rewards", "reward"),
    "ladder": ("tiers with their targets, add-ons and list-price changes", "ladder row"),
    "spend": ("sales and marketing spend by month and channel", "spend row"),
    "revenue": ("one-off project revenue", "revenue row"),
}


def add_export_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``export`` command: one subcommand a kind, each with ``--out``."""
    exp = sub.add_parser("export", help="export a table to CSV or XLSX (its import reads it back)")
    kinds = exp.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, (holds, _) in ROWS.items():
        one = kinds.add_parser(kind, help=holds)
        one.add_argument(
            "--out", required=True, metavar="F.csv|F.xlsx", help="the file; its suffix sets the format"
        )


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line, found before the shop is opened (the file's suffix)."""
    from msp_desk.errors import ValidationError
    from msp_desk.services.exports.tables import export_format

    try:
        export_format(Path(args.out))
    except ValidationError as exc:
        return f"--out {exc.reason}"
    return None


def cmd_export(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    from msp_desk.services.exports.tables import export_table

    count = export_table(db, args.kind, Path(args.out), today)
    noun = ROWS[args.kind][1]
    out.write(f"Wrote {count} {noun if count == 1 else noun + 's'} to {args.out}\n")
    return 0
