"""Exports to CSV files for spreadsheets and other tools."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msp_desk.io.clients_csv import clients_csv
from msp_desk.services.clients.roster import roster
from msp_desk.store.database import Database


def export_clients(db: Database, out: Path, day: dt.date) -> int:
    """Write the roster (tier, seats, MRR on ``day``) to ``out``; returns the row count."""
    rows = roster(db, day, signals=False)  # the CSV has no readiness or flags: not read
    text = clients_csv(
        (
            r.name,
            r.status,
            r.tier,
            r.seats,
            r.mrr_cents,
            r.industry,
            r.channel,
            r.start_date.isoformat() if r.start_date else "",
            r.renewal_date.isoformat() if r.renewal_date else "",
        )
        for r in rows
    )
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(text, encoding="utf-8", newline="")
    tmp.replace(out)
    return len(rows)
