"""The day's scheduling, run when the app opens and before ``msp-desk today`` prints: each
active client's next check-in call and next QBR, written once, so the agenda is the same in both."""

from __future__ import annotations

import datetime as dt

from msp_desk.services.changes import Changes
from msp_desk.services.reviews.checkins import schedule_check_ins
from msp_desk.services.reviews.qbrs import schedule_qbrs
from msp_desk.store.database import Database


def daily_schedule(db: Database, today: dt.date) -> list[Changes]:
    """Schedule the day's check-in calls and QBRs (each client's next one, once); what each wrote."""
    return [schedule_check_ins(db, today), schedule_qbrs(db, today)]
