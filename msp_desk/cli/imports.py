"""``msp-desk import clients|contacts|tickets|spend|revenue FILE``: parse the whole file, then import it in one
unit of work (or rehearse it with ``--dry-run``), one summary line per kind of change."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from msp_desk.services.imports.files import KINDS
from msp_desk.store.database import Database

__all__ = ["HELP", "KINDS", "add_import_options", "cmd_import"]

HELP = {
    "clients": "clients from a PSA export or the app's own",
    "contacts": "contacts from a PSA export or the app's own",
    "tickets": "tickets from a PSA export or the app's own",
    "spend": "sales & marketing spend: month, channel, amount (note)",
    "revenue": "one-off revenue: date or month, client, kind (project or hardware), amount, direct cost",
}
"""The help line of each import kind."""


def add_import_options(parser: argparse.ArgumentParser) -> None:
    """The options every import kind takes (DESIGN §8)."""
    from msp_desk.io.presets import preset_names

    parser.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    parser.add_argument("--preset", choices=preset_names(), help="the PSA that wrote the file")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD from COLUMN (repeatable); FIELD= leaves an optional field out",
    )
    parser.add_argument(
        "--dates", choices=("dmy", "mdy", "ymd"), help="the day-month order of ambiguous dates"
    )
    parser.add_argument("--client", metavar="NAME", help="put every row on this existing client")
    parser.add_argument("--sheet", metavar="NAME", help="the XLSX sheet to read (default: the first)")
    parser.add_argument("--dry-run", action="store_true", help="say what would change and write nothing")


def cmd_import(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from msp_desk.services.imports.files import ImportChoice, import_file

    choice = ImportChoice(args.kind, args.preset, tuple(args.map), args.sheet, args.dates, args.client)
    report = import_file(db, Path(args.file), choice, dry_run=args.dry_run)
    for line in report.lines():
        out.write(line + "\n")
    return 0
