"""``msp-desk today [--json]``: the agenda Today shows, grouped, or as a JSON list."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TextIO

from msp_desk import formatting as fmt
from msp_desk.store.database import Database


def add_today_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    today = sub.add_parser("today", help="what is due or overdue: the agenda the app opens on")
    today.add_argument(
        "--json", action="store_true", help="print a JSON list of {kind, due, client, title, overdue}"
    )


def cmd_today(db: Database, args: argparse.Namespace, today: dt.date, out: TextIO) -> int:
    from msp_desk.services.shop.settings import get_settings
    from msp_desk.services.today.agenda import agenda
    from msp_desk.services.today.items import GROUPS
    from msp_desk.services.today.schedule import daily_schedule

    daily_schedule(db, today)  # as the app does when it opens: the same agenda in both
    items = agenda(db, today)
    if args.json:
        out.write(json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=1) + "\n")
        return 0
    shop = get_settings(db)
    out.write(f"Today, {fmt.date_text(today, shop.locale)} — {shop.name}\n")
    if not items:
        out.write("  Nothing due. Tasks, renewals and clients ready to ask show here as you add clients.\n")
    for kind, heading in GROUPS:
        group = [item for item in items if item.kind == kind]
        if not group:
            continue
        out.write(f"\n{heading} ({len(group)})\n")
        for item in group:
            late = "  OVERDUE" if item.overdue else ""
            who = f"  [{item.owner}]" if item.owner else ""
            out.write(f"  {fmt.date_text(item.due, shop.locale):>14}  {item.title}{who}{late}\n")
    return 0
