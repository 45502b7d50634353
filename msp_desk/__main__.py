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
    """Open the GUI on the database the options name; a file we refuse is explained in a dialog.

    A shop file that does not exist yet (the default file, ``--db`` or ``MSP_DESK_DB``) opens
    the welcome: a demo, or the owner's new shop made there. Quitting the welcome makes nothing
    and returns 0 (the owner chose to leave; nothing failed)."""
    import datetime as dt

    from msp_desk.cli.main import open_for
    from msp_desk.errors import AlreadyOpen, DamagedDatabase, MspError, NoSuchShop
    from msp_desk.services.shop.opening import shop_path
    from msp_desk.ui import app

    today = args.today or dt.date.today()
    suffix = " (demo)" if args.demo or args.demo_va else ""
    try:
        try:
            db = open_for(args, today)
        except NoSuchShop:  # the first run: the welcome makes the shop, or opens a demo
            chosen = app.first_run(shop_path(args.db), today)
            if chosen is None:
                return 0
            db, suffix = chosen
        except DamagedDatabase as exc:
            if not app.offer_restore(exc):
                return 1
            db = open_for(args, today)
    except MspError as exc:
        return app.show_fatal(str(exc))
    try:
        db.hold_for_this_window()  # a second window on the same file is told, not let in
    except MspError as exc:
        db.close()
        return app.show_fatal(str(exc), already_open=isinstance(exc, AlreadyOpen))
    try:
        return app.run_gui(db, today=today, title_suffix=suffix)
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
