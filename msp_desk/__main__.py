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
    from msp_desk.errors import MspError
    from msp_desk.ui import app

    today = args.today or dt.date.today()
    try:
        db = open_for(args, today)
    except MspError as exc:
        return app.show_fatal(str(exc))
    suffix = " (demo)" if args.demo or args.demo_va else ""
    try:
        return app.run_gui(db, today=today, title_suffix=suffix)
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
