"""``msp-desk report referral-pack [--industry X] [--pain Y] [--referrer NAME] [--prospect NAME]
--out F.pdf``: the one-page referral-ready pack, written as a private file."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TextIO

from msp_desk.store.database import Database


def add_pack_parser(report_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pack = report_sub.add_parser(
        "referral-pack", help="the one-page referral-ready pack (Letter or A4 as in Settings)"
    )
    pack.add_argument("--industry", help='aim it at an industry, e.g. "dental practices"')
    pack.add_argument("--pain", help='and at its pain, e.g. "patching delays"')
    pack.add_argument("--referrer", metavar="NAME", help='who suggested the talk: "NAME suggested we talk."')
    pack.add_argument("--prospect", metavar="NAME", help="who the pack is prepared for")
    pack.add_argument("--out", metavar="F.pdf", required=True, help="the PDF file to write")


def cmd_pack(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    from msp_desk.cli.reports import save_pdf
    from msp_desk.services.reports.referral_pack import referral_pack_pdf

    pdf = referral_pack_pdf(
        db, today, industry=args.industry, pain=args.pain, referrer=args.referrer, prospect=args.prospect
    )
    target = Path(args.out)
    save_pdf(target, pdf)
    out.write(f"Wrote the referral pack to {target}\n")
    return 0
