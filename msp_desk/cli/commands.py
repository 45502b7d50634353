"""What each subcommand does: call a service, print the result for a person or a script."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from msp_desk import formatting as fmt
from msp_desk.domain.values import Month
from msp_desk.store.database import Database

if TYPE_CHECKING:
    from msp_desk.io.mrr_history import MrrRow


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    from msp_desk.services.shop.opening import create_shop, shop_path

    path = shop_path(args.db)
    db = create_shop(
        path,
        kind=args.kind,
        name=args.name,
        locale=args.locale,
        currency=args.currency,
        employees=args.employees,
    )
    db.close()
    out.write(f"Created a new shop at {path}\n")
    return 0


def cmd_kpi(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    from msp_desk.services.kpis.snapshots import default_month, kpis_for_month
    from msp_desk.services.shop.settings import get_settings

    month = Month.parse(args.month) if args.month else default_month(today)
    snap = kpis_for_month(db, month)
    if args.json:
        out.write(json.dumps(snap.to_json_dict(), ensure_ascii=False) + "\n")
        return 0
    shop = get_settings(db)

    def money(cents: int | None) -> str:
        return fmt.money(cents, shop.currency, shop.locale)

    mttr = snap.mttr_hours or {}
    rows = [
        ("MRR", money(snap.mrr)),
        ("ARR", money(snap.arr)),
        ("Active clients", str(snap.active_clients)),
        ("ARPA", money(snap.arpa)),
        ("New", money(snap.new)),
        ("Expansion", money(snap.expansion)),
        ("Contraction", money(snap.contraction)),
        ("Churn", money(snap.churn)),
        ("Reactivation", money(snap.reactivation)),
        ("Net MRR churn", fmt.percent(snap.net_mrr_churn_rate, digits=2)),
        ("Gross MRR churn", fmt.percent(snap.gross_mrr_churn_rate, digits=2)),
        ("Logo churn", fmt.percent(snap.logo_churn_rate, digits=2)),
        ("NRR (12 months)", fmt.percent(snap.nrr_12m, shop.locale)),
        ("Gross margin", fmt.percent(snap.gross_margin, shop.locale)),
        ("Recurring share", fmt.percent(snap.recurring_share, shop.locale)),
        ("Expected lifetime", fmt.months(snap.expected_lifetime_months)),
        ("Lifetime revenue", money(snap.lifetime_revenue)),
        ("CLV", money(snap.clv)),
        ("CAC", money(snap.cac)),
        ("CLV:CAC", fmt.ratio(snap.clv_cac)),
        ("MTTR P1", fmt.hours(mttr.get("P1"))),
        ("MTTR all", fmt.hours(mttr.get("all"))),
        ("SLA compliance", fmt.percent(snap.sla_compliance, shop.locale)),
        ("First-contact resolution", fmt.percent(snap.fcr, shop.locale)),
        ("ARR per employee", money(snap.arr_per_employee)),
        ("Referral share of new clients", fmt.percent(snap.referral_share_new, shop.locale)),
    ]
    out.write(f"KPIs for {month} — {shop.name}\n")
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        out.write(f"  {label:<{width}}  {value}\n")
    return 0


def cmd_import_mrr_history(db: Database, rows: list[MrrRow], out: TextIO) -> int:
    from msp_desk.services.imports.mrr_history import import_mrr_history

    out.write(import_mrr_history(db, rows).message + "\n")
    return 0


def cmd_export_clients(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    from msp_desk.services.exports.clients import export_clients

    count = export_clients(db, Path(args.out), today)
    out.write(f"Wrote {fmt.plural(count, 'client')} to {args.out}\n")
    return 0


def cmd_check(db: Database, out: TextIO, *, repair: bool = False) -> int:
    from msp_desk.services.shop.health import check, listing
    from msp_desk.services.shop.health import repair as repair_what_can_be

    if repair:
        repaired = repair_what_can_be(db)
        out.write(repaired.changes.message + "\n")
        problems, prefix = repaired.remaining, "not repaired"
    else:
        problems, prefix = check(db), "problem"
    if not problems:
        out.write(f"OK: {db.path} is healthy\n")
        return 0
    for line in listing(problems, advice=repair):
        sys.stderr.write(f"{prefix}: {line}\n")
    if not repair and any(p.repairable for p in problems):
        sys.stderr.write("`msp-desk check --repair` recomputes what can be recomputed\n")
    sys.stderr.write(f"{len(problems)} problem(s) found in {db.path}\n")
    return 1


def cmd_backup(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from msp_desk.services.shop.backups import backup

    target = backup(db, Path(args.out) if args.out else None)
    out.write(f"Backup written to {target}\n")
    return 0


def cmd_restore(db_path: Path, args: argparse.Namespace, out: TextIO) -> int:
    """Put a backup in place of the shop file (no database is opened: the file may be damaged)."""
    from msp_desk.services.shop.backups import restore

    out.write(restore(db_path, Path(args.file)).message + "\n")
    return 0
