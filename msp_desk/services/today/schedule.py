"""The day's scheduling, run when the app opens and before ``msp-desk today`` prints: each
active client's next check-in call and next QBR, written once, so the agenda is the same in both.

What it schedules follows from the data and the day alone, so once a run has found nothing to
write, the day is marked done in the derived cache: the next start that day, with no write since,
skips the reads (half a second on a book of twenty thousand clients). Any write forgets the mark.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress

import msp_desk
from msp_desk.errors import MspError
from msp_desk.services.changes import Changes
from msp_desk.services.reviews.checkins import schedule_check_ins
from msp_desk.services.reviews.qbrs import schedule_qbrs
from msp_desk.store import cache
from msp_desk.store.database import Database

# Bump the suffix when what the scheduling writes changes: a mark of older code is not trusted.
CACHE_VERSION = f"{msp_desk.__version__}:schedule-1"


def daily_schedule(db: Database, today: dt.date) -> list[Changes]:
    """Schedule the day's check-in calls and QBRs (each client's next one, once); what each wrote
    (nothing when the day was scheduled already and nothing was written since)."""
    key = f"schedule:{today.isoformat()}"
    found = cache.stored(db, [key], CACHE_VERSION)
    if key in found.entries:
        return []
    written = [schedule_check_ins(db, today), schedule_qbrs(db, today)]
    if not any(changes.tables for changes in written):  # a write bumps the revision: marked next time
        with suppress(MspError):  # a busy or read-only file: the mark only saves time
            cache.keep(db, key, CACHE_VERSION, True, found.revision)
    return written
