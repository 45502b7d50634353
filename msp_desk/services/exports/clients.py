"""Export the client roster (kept for its callers: ``export_table(db, "clients", ...)``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msp_desk.services.exports.tables import export_table
from msp_desk.store.database import Database


def export_clients(db: Database, out: Path, day: dt.date) -> int:
    """Write every client (tier, seats, MRR on ``day``, and all it needs to be imported again)
    to ``out``, CSV or XLSX by its suffix, all at once; returns the row count."""
    return export_table(db, "clients", out, day)
