"""Run a parsed ``msp-desk`` command: open the right database, dispatch, map errors to exit codes.

Every fault is one line on stderr and exit code 1: a user error as its message, a fault of the
disk as a plain sentence, and a bug as a sentence pointing to the log that holds its traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from msp_desk import formatting as fmt
from msp_desk.errors import MspError, ValidationErrors, os_fault
from msp_desk.store.database import Database

if TYPE_CHECKING:
    from msp_desk.io.mrr_history import MrrRow

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


def open_for(args: argparse.Namespace, today: dt.date, *, create: bool = False) -> Database:
    """The database the global options name: a demo's own file (``--demo``, ``--demo-va``; demos
    never touch real data), else the owner's file (``--db``, ``MSP_DESK_DB`` or the default),
    created only when ``create`` (the app's first run; ``init`` has its own way in)."""
    kind = demo_kind(args)
    if kind is not None:
        from msp_desk.demo.shops import open_demo

        return open_demo(kind, today)
    from msp_desk.services.shop.opening import open_shop

    return open_shop(args.db, create=create)


def db_path_for(args: argparse.Namespace) -> Path:
    """The file the global options name (see ``open_for``), without opening it."""
    from msp_desk.paths import demo_db_path, resolve_db_path

    kind = demo_kind(args)
    return demo_db_path(kind) if kind is not None else resolve_db_path(args.db)


def demo_kind(args: argparse.Namespace) -> str | None:
    return "va" if args.demo_va else "msp" if args.demo else None


def mrr_rows(file: str, db: Database) -> list[MrrRow]:
    """The rows of an mrr-history file, its money read in the locale and currency of the shop
    ``db``, all parsed before anything is written."""
    from msp_desk.services.imports.mrr_history import read_mrr_history
    from msp_desk.services.shop.settings import shop_profile

    profile = shop_profile(db)
    return read_mrr_history(Path(file), profile.locale, profile.currency)


def run_command(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Execute a subcommand; every fault prints one clear line and returns 1."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        return _dispatch(args, out, err)
    except ValidationErrors as exc:
        for error in exc.errors:
            err.write(f"error: {error.message}\n")
        err.write(f"{fmt.plural(len(exc.errors), 'error')}; nothing was changed\n")
        return EXIT_USER_ERROR
    except MspError as exc:
        said = "nothing was changed" in str(exc).lower()
        suffix = "; nothing was changed" if args.command == "import" and not said else ""
        err.write(f"error: {exc}{suffix}\n")
        return EXIT_USER_ERROR
    except OSError as exc:
        err.write(f"error: {os_fault(exc, f'the {args.command} command')}\n")
        return EXIT_USER_ERROR
    except Exception as exc:  # a bug: one sentence here, the traceback in the log
        from msp_desk.crash_log import record

        log = record(exc)
        where = f"; the details are in {log}" if log else ""
        err.write(f"error: MSP Desk met an unexpected problem ({type(exc).__name__}){where}\n")
        return EXIT_USER_ERROR


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from msp_desk.cli import commands
    from msp_desk.cli.exports import cmd_export, usage_problem
    from msp_desk.cli.imports import cmd_import

    today = args.today or dt.date.today()
    if args.command == "init":
        if demo_kind(args) is not None:
            err.write("error: init makes your own shop; leave out --demo and --demo-va\n")
            return EXIT_USAGE
        return commands.cmd_init(args, out)
    if args.command == "restore":  # the file is replaced, not opened (it may be damaged)
        return commands.cmd_restore(db_path_for(args), args, out)
    if args.command == "export" and (problem := usage_problem(args)):
        err.write(f"error: {problem}\n")
        return EXIT_USAGE
    db = open_for(args, today)
    try:
        if args.command == "kpi":
            return commands.cmd_kpi(db, args, today, out)
        if args.command == "import" and args.kind != "mrr-history":
            return cmd_import(db, args, out)
        if args.command == "import":
            rows = mrr_rows(args.file, db)  # parsed whole first
            return commands.cmd_import_mrr_history(db, rows, out, dry_run=args.dry_run)
        if args.command == "export":
            return cmd_export(db, args, today, out)
        if args.command == "today":
            from msp_desk.cli.today import cmd_today

            return cmd_today(db, args, today, out)
        if args.command == "report":
            from msp_desk.cli.reports import cmd_report

            return cmd_report(db, args, today, out)
        if args.command == "check":
            return commands.cmd_check(db, out, repair=args.repair)
        if args.command == "backup":
            return commands.cmd_backup(db, args, out)
        raise AssertionError(f"unhandled command {args.command}")
    finally:
        db.close()
