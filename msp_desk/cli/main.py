"""Run a parsed ``msp-desk`` command: open the right database, dispatch, map errors to exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, TextIO

from msp_desk.errors import MspError, ValidationErrors
from msp_desk.store.database import Database

if TYPE_CHECKING:
    from msp_desk.io.mrr_history import MrrRow

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


def open_for(args: argparse.Namespace, today: dt.date) -> Database:
    """The database the global options name: a demo's own file (``--demo``, ``--demo-va``; demos
    never touch real data), else the owner's file (``--db``, ``MSP_DESK_DB`` or the default)."""
    kind = demo_kind(args)
    if kind is not None:
        from msp_desk.demo.shops import open_demo

        return open_demo(kind, today)
    from msp_desk.services.shop.opening import open_shop

    return open_shop(args.db)


def demo_kind(args: argparse.Namespace) -> str | None:
    return "va" if args.demo_va else "msp" if args.demo else None


def mrr_rows(file: str, db: Database | None) -> list[MrrRow]:
    """The rows of an mrr-history file, its money read in the locale and currency of the shop
    ``db`` (a shop not created yet: the defaults'), all parsed before anything is written."""
    from pathlib import Path

    from msp_desk.services.imports.mrr_history import read_mrr_history
    from msp_desk.services.shop.settings import DEFAULT_PROFILE, shop_profile

    profile = DEFAULT_PROFILE if db is None else shop_profile(db)
    return read_mrr_history(Path(file), profile.locale, profile.currency)


def shop_file_missing(args: argparse.Namespace) -> bool:
    from msp_desk.paths import resolve_db_path

    return demo_kind(args) is None and not resolve_db_path(args.db).exists()


def run_command(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Execute a subcommand; user errors print one clear message and return 1."""
    from msp_desk.cli import commands

    out = out or sys.stdout
    err = err or sys.stderr
    today = args.today or dt.date.today()
    try:
        rows = None
        if args.command == "import" and shop_file_missing(args):
            rows = mrr_rows(args.file, None)  # a bad file must not leave a new, empty shop behind
        db = open_for(args, today)
        try:
            if args.command == "kpi":
                return commands.cmd_kpi(db, args, today, out)
            if args.command == "import":
                return commands.cmd_import_mrr_history(
                    db, rows if rows is not None else mrr_rows(args.file, db), out
                )
            if args.command == "export":
                return commands.cmd_export_clients(db, args, today, out)
            if args.command == "check":
                return commands.cmd_check(db, out, repair=args.repair)
            if args.command == "backup":
                return commands.cmd_backup(db, args, out)
            raise AssertionError(f"unhandled command {args.command}")
        finally:
            db.close()
    except ValidationErrors as exc:
        for error in exc.errors:
            err.write(f"error: {error.message}\n")
        err.write(f"{len(exc.errors)} errors; nothing was changed\n")
        return EXIT_USER_ERROR
    except MspError as exc:
        suffix = "; nothing was changed" if args.command == "import" else ""
        err.write(f"error: {exc}{suffix}\n")
        return EXIT_USER_ERROR
    except (OSError, FileExistsError) as exc:
        err.write(f"error: {exc}\n")
        return EXIT_USER_ERROR
