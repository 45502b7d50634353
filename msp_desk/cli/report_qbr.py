"""``msp-desk report qbr CLIENT --out F.pdf`` (one client's QBR packet) and ``report qbr --due DAYS
--out-dir DIR`` (a packet for every client with a QBR due within DAYS days, one file each)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from msp_desk import formatting as fmt
from msp_desk.store.database import Database

EXIT_USAGE = 2  # ``cli.main``'s: the options do not go together


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days like 14")
    return int(text)


def add_qbr_parser(report_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    qbr = report_sub.add_parser(
        "qbr",
        help="a client's QBR packet, or with --due, the packets of every QBR due soon",
        description="CLIENT --out F.pdf prints one packet; --due DAYS --out-dir DIR prints one per "
        "client whose QBR is due within DAYS days (or overdue).",
    )
    qbr.add_argument("client", nargs="?", metavar="CLIENT", help="the client's name (case ignored)")
    qbr.add_argument("--out", metavar="F.pdf", help="the PDF to write (one client)")
    qbr.add_argument("--due", type=_days, metavar="DAYS", help="every client with a QBR due within DAYS days")
    qbr.add_argument("--out-dir", metavar="DIR", help="the folder for the batch's PDFs (with --due)")


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the options (exit 2), or None."""
    if args.due is not None:
        if args.client or args.out:
            return "report qbr: give either CLIENT --out F.pdf, or --due DAYS --out-dir DIR"
        if not args.out_dir:
            return "report qbr --due needs --out-dir DIR"
        return None
    if not args.client or not args.out:
        return "report qbr needs CLIENT --out F.pdf (or --due DAYS --out-dir DIR)"
    if args.out_dir:
        return "report qbr: --out-dir goes with --due"
    return None


def cmd_qbr(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    problem = usage_problem(args)
    if problem is not None:
        sys.stderr.write(f"error: {problem}\n")
        return EXIT_USAGE
    if args.due is not None:
        return _batch(db, args.due, Path(args.out_dir), today, out)
    from msp_desk.cli.reports import save_pdf
    from msp_desk.services.reports.qbr_packet import client_named, qbr_packet

    packet = qbr_packet(db, client_named(db, args.client), today)
    target = Path(args.out)
    save_pdf(target, packet.pdf)
    out.write(f"Wrote {target}: QBR packet for {packet.client}\n")
    out.write(
        "  with the referral page\n"
        if packet.referral_page
        else f"  no referral page: {packet.referral_page_reason}\n"
    )
    return 0


def _batch(db: Database, days: int, folder: Path, today: dt.date, out: TextIO) -> int:
    from msp_desk.services.reports.qbr_batch import due_qbrs, qbr_batch
    from msp_desk.services.shop.settings import shop_profile

    locale = shop_profile(db).locale
    due = due_qbrs(db, today, days)
    if not due:
        out.write(f"No client has a QBR due in the next {fmt.plural(days, 'day')}: no packet written.\n")
        return 0
    result = qbr_batch(db, today, folder, due)
    for packet in result.written:
        late = " (overdue)" if packet.due < today else ""
        referral = (
            "with the referral page"
            if packet.referral_page
            else f"no referral page ({packet.referral_page_reason})"
        )
        out.write(
            f"{packet.path}  {packet.client}, QBR {fmt.date_text(packet.due, locale)}{late}: {referral}\n"
        )
    asks = sum(p.referral_page for p in result.written)
    out.write(
        f"{fmt.plural(len(result.written), 'QBR packet')} written to {folder}"
        f" ({fmt.count(asks)} with the referral page)\n"
    )
    return 0
