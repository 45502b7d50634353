"""What QBRs read (Core): the meetings held, the open QBR tasks, and for a meeting's preparation a
client's roadmap items done, contract lines started or ended, referrals given, decision makers;
for the Reviews page the open roadmap's value by horizon."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy import Connection

from msp_desk.domain.enums import ClientStatus, RoadmapStatus, TaskKind
from msp_desk.store.queries.common import as_date, raw_rows
from msp_desk.store.tables import CLIENT, CONTACT, CONTRACT_LINE, QBR_MEETING, REFERRAL, ROADMAP_ITEM, TASK

OPEN_ROADMAP = (RoadmapStatus.PROPOSED.value, RoadmapStatus.ACCEPTED.value, RoadmapStatus.IN_PROGRESS.value)


def _day(value: object) -> dt.date:
    """A NOT NULL date column's value."""
    day = as_date(value)
    if day is None:
        raise ValueError("a required date is missing")
    return day


class MeetingRow(NamedTuple):
    """One QBR held, as the lists show it."""

    id: int
    client_id: int
    day: dt.date
    outcome: str
    satisfaction: int | None
    next_qbr_on: dt.date | None
    attendees: str
    accomplishments: str
    business_changes: str
    priorities: str
    questions: str
    notes: str


class QbrClient(NamedTuple):
    """A client whose QBRs are scheduled: an active one."""

    id: int
    name: str
    start_date: dt.date | None
    satisfaction: int | None


def meetings(conn: Connection, client_id: int | None = None) -> list[MeetingRow]:
    """The QBRs held (of ``client_id``, or of every client), by client then day, oldest first."""
    q = QBR_MEETING.c
    query = sa.select(
        q.id,
        q.client_id,
        q.day,
        q.outcome,
        q.satisfaction,
        q.next_qbr_on,
        q.attendees,
        q.accomplishments,
        q.business_changes,
        q.priorities,
        q.questions,
        q.notes,
    ).order_by(q.client_id, q.day, q.id)
    if client_id is not None:
        query = query.where(q.client_id == client_id)
    return [
        MeetingRow(r[0], r[1], _day(r[2]), r[3], r[4], as_date(r[5]), r[6], r[7], r[8], r[9], r[10], r[11])
        for r in conn.execute(query)
    ]


def last_meetings(
    conn: Connection, client_id: int | None = None
) -> dict[int, tuple[dt.date, dt.date | None]]:
    """Each client's last QBR held (of ``client_id``, or of every client): its day and the next
    QBR date it set. One query for the whole shop (scheduling 20,000 clients' QBRs reads it once)."""
    q = QBR_MEETING.c
    query = sa.select(q.client_id, q.day, q.next_qbr_on).order_by(q.client_id, q.day, q.id)
    if client_id is not None:
        query = query.where(q.client_id == client_id)
    last: dict[int, tuple[dt.date, dt.date | None]] = {}
    for found, day, next_on in raw_rows(conn, query):
        last[found] = (_day(day), as_date(next_on))  # ordered by day: the last one stays
    return last


def qbr_clients(conn: Connection, client_id: int | None = None) -> list[QbrClient]:
    """The active clients (or ``client_id`` if active), by name."""
    c = CLIENT.c
    query = (
        sa.select(c.id, c.name, c.start_date, c.satisfaction)
        .where(c.status == ClientStatus.ACTIVE.value)
        .order_by(c.name_key)
    )
    if client_id is not None:
        query = query.where(c.id == client_id)
    return [QbrClient(cid, name, as_date(start), sat) for cid, name, start, sat in conn.execute(query)]


def open_qbr_tasks(conn: Connection, client_id: int | None = None) -> dict[int, list[tuple[int, dt.date]]]:
    """Per client, its open QBR tasks as (task id, due), earliest first."""
    t = TASK.c
    query = (
        sa.select(t.client_id, t.id, t.due_on)
        .where(t.kind == TaskKind.QBR.value, t.done == sa.false(), t.client_id.is_not(None))
        .order_by(t.due_on, t.id)
    )
    if client_id is not None:
        query = query.where(t.client_id == client_id)
    found: dict[int, list[tuple[int, dt.date]]] = {}
    for cid, tid, due in conn.execute(query):
        found.setdefault(cid, []).append((tid, _day(due)))
    return found


def client_name(conn: Connection, client_id: int) -> str | None:
    return conn.execute(sa.select(CLIENT.c.name).where(CLIENT.c.id == client_id)).scalar()


def decision_makers(conn: Connection, client_id: int) -> list[str]:
    """The names of the client's decision makers (the people a QBR is held with), by name."""
    c = CONTACT.c
    query = sa.select(c.name).where(c.client_id == client_id, c.decision_maker == sa.true()).order_by(c.name)
    return list(conn.execute(query).scalars())


def roadmap_done(
    conn: Connection, client_id: int, first: dt.date, last: dt.date
) -> list[tuple[dt.date, str, str]]:
    """(day done, title, category) of the client's roadmap items done from ``first`` to ``last``."""
    r = ROADMAP_ITEM.c
    query = (
        sa.select(r.done_on, r.title, r.category)
        .where(r.client_id == client_id, r.done_on >= first, r.done_on <= last)
        .order_by(r.done_on, r.id)
    )
    return [(_day(day), title, category) for day, title, category in conn.execute(query)]


class LineChange(NamedTuple):
    """A contract line that started or ended in a span: the ledger's service change."""

    description: str
    kind: str
    start_date: dt.date
    end_date: dt.date | None
    change: str
    mrr_cents: int | None


def line_changes(conn: Connection, client_id: int, first: dt.date, last: dt.date) -> list[LineChange]:
    """The client's contract lines started or ended from ``first`` to ``last``, by the day."""
    c = CONTRACT_LINE.c
    started = sa.and_(c.start_date >= first, c.start_date <= last)
    ended = sa.and_(c.end_date >= first, c.end_date <= last)
    query = (
        sa.select(c.description, c.kind, c.start_date, c.end_date, c.change, c.mrr_cents)
        .where(c.client_id == client_id, sa.or_(started, ended))
        .order_by(c.start_date, c.id)
    )
    return [LineChange(d, k, _day(s), as_date(e), ch, m) for d, k, s, e, ch, m in conn.execute(query)]


def referrals_given(
    conn: Connection, client_id: int, first: dt.date, last: dt.date
) -> list[tuple[dt.date, str, str]]:
    """(received on, company, stage) of the referrals the client gave from ``first`` to ``last``."""
    r = REFERRAL.c
    query = (
        sa.select(r.received_on, r.company, r.stage)
        .where(r.referrer_client_id == client_id, r.received_on >= first, r.received_on <= last)
        .order_by(r.received_on, r.id)
    )
    return [(_day(day), company, stage) for day, company, stage in conn.execute(query)]


def open_roadmap_by_horizon(conn: Connection) -> dict[int, dict[str, tuple[int, int, int]]]:
    """Per client and horizon, the open roadmap items' (one-off cost, MRR impact) in cents and
    their number."""
    r = ROADMAP_ITEM.c
    query = (
        sa.select(
            r.client_id,
            r.horizon,
            sa.func.sum(r.est_one_off_cents),
            sa.func.sum(r.mrr_impact_cents),
            sa.func.count(),
        )
        .where(r.status.in_(OPEN_ROADMAP))
        .group_by(r.client_id, r.horizon)
    )
    found: dict[int, dict[str, tuple[int, int, int]]] = {}
    for cid, horizon, one_off, mrr, items in conn.execute(query):
        found.setdefault(cid, {})[horizon] = (int(one_off or 0), int(mrr or 0), int(items))
    return found
