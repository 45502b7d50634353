"""The Reviews page's rows: every active client's last and next QBR, the last outcome, the
satisfaction heard at its QBRs, and its open roadmap's value by horizon."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from msp_desk.domain.enums import Horizon, QbrOutcome
from msp_desk.domain.qbr_schedule import next_qbr_due
from msp_desk.store.database import Database
from msp_desk.store.queries import reviews as queries

TREND_MEETINGS = 4  # the satisfaction of the last four QBRs: a year at the default cadence


@dataclass(frozen=True)
class ReviewRow:
    """One client on the Reviews page."""

    client_id: int
    name: str
    last_qbr: dt.date | None
    last_outcome: str | None
    next_due: dt.date | None  # its open QBR task's due day, else when the cadence says
    satisfaction: tuple[int, ...]  # the last QBRs', oldest first
    roadmap: dict[str, tuple[int, int, int]]  # horizon -> open items' (one-off, MRR impact) cents, count

    def overdue(self, today: dt.date) -> bool:
        return self.next_due is not None and self.next_due < today

    @property
    def negative(self) -> bool:
        return self.last_outcome == QbrOutcome.NEGATIVE.value


HORIZONS = tuple(h.value for h in Horizon)


def review_rows(db: Database) -> list[ReviewRow]:
    """Every active client, by name."""
    with db.read() as conn:
        clients = queries.qbr_clients(conn)
        held: dict[int, list[queries.MeetingRow]] = {}
        for meeting in queries.meetings(conn):
            held.setdefault(meeting.client_id, []).append(meeting)
        tasks = queries.open_qbr_tasks(conn)
        roadmap = queries.open_roadmap_by_horizon(conn)
    rows = []
    for client in clients:
        mine = held.get(client.id, [])
        last = mine[-1] if mine else None
        due = tasks.get(client.id)
        rows.append(
            ReviewRow(
                client.id,
                client.name,
                last.day if last else None,
                last.outcome if last else None,
                due[0][1]
                if due
                else next_qbr_due(
                    last.day if last else None, last.next_qbr_on if last else None, client.start_date
                ),
                tuple(m.satisfaction for m in mine if m.satisfaction is not None)[-TREND_MEETINGS:],
                roadmap.get(client.id, {}),
            )
        )
    return rows
