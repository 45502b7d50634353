"""``msp-desk report kpi [--month YYYY-MM] --out F.pdf``: the owner's monthly KPI report."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TextIO

from msp_desk import formatting as fmt
from msp_desk.cli.arguments import month_arg
from msp_desk.domain.values import Month
from msp_desk.store.database import Database


def add_kpi_parser(report_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kpi = report_sub.add_parser(
        "kpi", help="the owner's monthly KPI report: every KPI against its benchmark, MRR and its movements"
    )
    kpi.add_argument("--month", type=month_arg, help="YYYY-MM (default: the last full month)")
    kpi.add_argument("--out", required=True, metavar="F.pdf", help="the PDF file to write")


def cmd_kpi_report(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    from msp_desk.cli.reports import save_pdf
    from msp_desk.services.kpis.snapshots import default_month
    from msp_desk.services.reports.kpi_report import kpi_report_pdf
    from msp_desk.services.shop.settings import shop_profile

    month = Month.parse(args.month) if args.month else default_month(today)
    pdf = kpi_report_pdf(db, month, today)
    save_pdf(Path(args.out), pdf)
    month_name = fmt.month_text(month, shop_profile(db).locale)
    out.write(f"Wrote the KPI report for {month_name} to {args.out}\n")
    return 0
