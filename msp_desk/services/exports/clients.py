"""Exports to CSV files for spreadsheets and other tools."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msp_desk.errors import os_fault
from msp_desk.io.clients_csv import clients_csv
from msp_desk.private_files import write_atomically
from msp_desk.services.clients.roster import roster
from msp_desk.store.database import Database


def export_clients(db: Database, out: Path, day: dt.date) -> int:
    """Write the roster (tier, seats, MRR on ``day``) to ``out`` all at once (nothing partial
    left on failure, a StorageProblem then); returns the row count."""
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
    try:
        # with a BOM: Excel then reads "Zoë" as UTF-8 (our own import skips it); 0600 when new,
        # the old mode when replaced
        write_atomically(out, text.encode("utf-8-sig"))
    except OSError as exc:
        raise os_fault(exc, f"writing {out}") from exc
    return len(rows)
