"""``msp-desk``: with a subcommand runs the CLI, without one opens the app."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    from msp_desk.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    if args.command is not None:
        from msp_desk.cli.main import run_command

        return run_command(args)
    return open_app(args)


def open_app(args: argparse.Namespace) -> int:
    """Open the GUI on the database the options name; a file we refuse is explained in a dialog."""
    import datetime as dt

    from msp_desk.cli.main import open_for
    from msp_desk.errors import AlreadyOpen, DamagedDatabase, MspError
    from msp_desk.ui import app

    today = args.today or dt.date.today()
    try:
        try:
            db = open_for(args, today, create=True)  # the app's first run makes the shop
        except DamagedDatabase as exc:
            if not app.offer_restore(exc):
                return 1
            db = open_for(args, today)
        db.hold_for_this_window()  # a second window on the same file is told, not let in
    except MspError as exc:
        if "db" in locals():
            db.close()
        return app.show_fatal(str(exc), already_open=isinstance(exc, AlreadyOpen))
    suffix = " (demo)" if args.demo or args.demo_va else ""
    try:
        return app.run_gui(db, today=today, title_suffix=suffix)
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
