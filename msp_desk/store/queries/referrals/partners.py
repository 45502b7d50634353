"""The partners page's reads: every partner, the referrals each gave (and how many were won),
each one's next open task, their contacts and the referrals we sent them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import sqlalchemy as sa

from msp_desk.domain.enums import ReferralStage
from msp_desk.store.tables import CONTACT, PARTNER, RECIPROCAL_REFERRAL, REFERRAL, TASK

if TYPE_CHECKING:
    from sqlalchemy import Connection

PartnerRow = tuple[int, str, str, str, str, str, str, dt.date | None]
"""(id, name, kind, company, email, phone, notes, last touch) of a partner."""


def partner_rows(conn: Connection) -> list[PartnerRow]:
    """Every partner by name."""
    p = PARTNER.c
    query = sa.select(p.id, p.name, p.kind, p.company, p.email, p.phone, p.notes, p.last_touch).order_by(
        sa.func.lower(p.name), p.id
    )
    return [tuple(row) for row in conn.execute(query)]


def referrals_given(conn: Connection) -> dict[int, tuple[int, int]]:
    """Per partner that referred someone: (referrals given, of them won)."""
    r = REFERRAL.c
    won = sa.func.sum(sa.case((r.stage == ReferralStage.WON.value, 1), else_=0))
    query = (
        sa.select(r.referrer_partner_id, sa.func.count(), won)
        .where(r.referrer_partner_id.is_not(None))
        .group_by(r.referrer_partner_id)
    )
    return {pid: (n, int(w or 0)) for pid, n, w in conn.execute(query)}


def next_open_tasks(conn: Connection) -> dict[int, tuple[dt.date, str]]:
    """Per partner with an open task: (due day, title) of the earliest."""
    tk = TASK.c
    query = (
        sa.select(tk.partner_id, tk.due_on, tk.title)
        .where(tk.partner_id.is_not(None), sa.not_(tk.done))
        .order_by(tk.due_on, tk.id)
    )
    tasks: dict[int, tuple[dt.date, str]] = {}
    for pid, due, title in conn.execute(query):
        tasks.setdefault(pid, (due, title))
    return tasks


def partner_contacts(conn: Connection) -> dict[int, list[tuple[int, str, str, str, str]]]:
    """Per partner with contacts: (id, name, role, email, phone) of each, by name."""
    ct = CONTACT.c
    query = (
        sa.select(ct.partner_id, ct.id, ct.name, ct.role, ct.email, ct.phone)
        .where(ct.partner_id.is_not(None))
        .order_by(sa.func.lower(ct.name), ct.id)
    )
    contacts: dict[int, list[tuple[int, str, str, str, str]]] = {}
    for pid, cid, name, role, email, phone in conn.execute(query):
        contacts.setdefault(pid, []).append((cid, name, role, email, phone))
    return contacts


def referrals_sent(conn: Connection) -> dict[int, list[tuple[int, dt.date, str, str]]]:
    """Per partner we sent referrals to: (id, day sent, company, note) of each, latest first."""
    rr = RECIPROCAL_REFERRAL.c
    query = sa.select(rr.partner_id, rr.id, rr.sent_on, rr.company, rr.note).order_by(
        rr.sent_on.desc(), rr.id.desc()
    )
    sent: dict[int, list[tuple[int, dt.date, str, str]]] = {}
    for pid, rid, day, company, note in conn.execute(query):
        sent.setdefault(pid, []).append((rid, day, company, note))
    return sent
