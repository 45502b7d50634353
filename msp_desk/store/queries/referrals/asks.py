"""The referral asks' reads: the trigger moments (one grouped query each), who to ask and their
decision makers, partners due a touch, the asks log, and the choices of the record-ask dialog."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from msp_desk.domain.enums import ClientStatus, GrowthStage, LineKind, QbrOutcome, RoadmapStatus
from msp_desk.store.tables import (
    ADDON,
    CLIENT,
    CONTACT,
    CONTRACT_LINE,
    PARTNER,
    PROJECT_REVENUE,
    QBR_MEETING,
    REFERRAL_ASK,
    ROADMAP_ITEM,
    SCRIPT,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

NOT_ASKABLE = (ClientStatus.PROSPECT.value, ClientStatus.CHURNED.value)

# -- trigger moments: (client id, latest day, ...) per client with one in since..until ------------


def good_qbrs(conn: Connection, since: dt.date, until: dt.date) -> list[tuple[int, dt.date]]:
    """(client id, latest day) of the clients with a QBR that went well in ``since``..``until``."""
    q = QBR_MEETING.c
    query = (
        sa.select(q.client_id, sa.func.max(q.day))
        .where(q.outcome == QbrOutcome.POSITIVE.value, q.day >= since, q.day <= until)
        .group_by(q.client_id)
    )
    return [(cid, day) for cid, day in conn.execute(query)]


def projects_delivered(conn: Connection, since: dt.date, until: dt.date) -> list[tuple[int, dt.date, int]]:
    """(client id, latest day, how many) of the one-off projects delivered in ``since``..``until``."""
    p = PROJECT_REVENUE.c
    query = (
        sa.select(p.client_id, sa.func.max(p.day), sa.func.count())
        .where(p.client_id.is_not(None), p.day >= since, p.day <= until)
        .group_by(p.client_id)
    )
    return [(cid, day, n) for cid, day, n in conn.execute(query)]


def roadmap_items_done(conn: Connection, since: dt.date, until: dt.date) -> list[tuple[int, dt.date, int]]:
    """(client id, latest day, how many) of the roadmap items done in ``since``..``until``."""
    r = ROADMAP_ITEM.c
    query = (
        sa.select(r.client_id, sa.func.max(r.done_on), sa.func.count())
        .where(r.status == RoadmapStatus.DONE.value, r.done_on >= since, r.done_on <= until)
        .group_by(r.client_id)
    )
    return [(cid, day, n) for cid, day, n in conn.execute(query)]


def protect_addons_started(
    conn: Connection, since: dt.date, until: dt.date
) -> list[tuple[int, dt.date, str, int]]:
    """(client id, latest start, first add-on name, how many add-ons) of the new add-ons of the
    ladder's *protect* stage started in ``since``..``until``."""
    c, a = CONTRACT_LINE.c, ADDON.c
    query = (
        sa.select(
            c.client_id, sa.func.max(c.start_date), sa.func.min(a.name), sa.func.count(sa.distinct(a.id))
        )
        .select_from(CONTRACT_LINE.join(ADDON, a.id == c.addon_id))
        .where(
            c.kind == LineKind.ADDON.value,
            c.replaces_line_id.is_(None),  # a new add-on, not a seat or price change of one
            a.growth_stage == GrowthStage.PROTECT.value,
            c.start_date >= since,
            c.start_date <= until,
        )
        .group_by(c.client_id)
    )
    return [(cid, day, name, n) for cid, day, name, n in conn.execute(query)]


# -- who to ask ------------------------------------------------------------------------------------


def decision_makers(conn: Connection, client_ids: list[int]) -> dict[int, str]:
    """Per client of ``client_ids``, its decision maker's name (else its first contact's)."""
    k = CONTACT.c
    query = (
        sa.select(k.client_id, k.name)
        .where(k.client_id.in_(client_ids))
        .order_by(k.client_id, k.decision_maker.desc(), k.id)
    )
    names: dict[int, str] = {}
    for cid, name in conn.execute(query):
        names.setdefault(cid, name)
    return names


def client_names(conn: Connection) -> dict[int, tuple[str, str]]:
    """(name, industry) of every client, by id."""
    k = CLIENT.c
    return {
        cid: (name, industry) for cid, name, industry in conn.execute(sa.select(k.id, k.name, k.industry))
    }


def partners_untouched_since(
    conn: Connection, day: dt.date
) -> list[tuple[int, str, str, str, dt.date | None]]:
    """(id, name, kind, company, last touch) of the partners last touched before ``day`` or
    never: never touched first, then the longest untouched."""
    t = PARTNER.c
    query = (
        sa.select(t.id, t.name, t.kind, t.company, t.last_touch)
        .where(sa.or_(t.last_touch.is_(None), t.last_touch < day))
        .order_by(t.last_touch.is_not(None), t.last_touch, t.name)
    )
    return [(pid, name, kind, company, last) for pid, name, kind, company, last in conn.execute(query)]


# -- the asks log and its dialog -------------------------------------------------------------------


def ask_rows(conn: Connection, result: str | None = None) -> list[tuple[Any, ...]]:
    """The asks, newest first (only those with ``result`` when given): (id, day, client id,
    partner id, client name, partner name, contact name, script name, target industry, target
    pain, result, names given, follow-up day, notes); names are None where nothing is linked."""
    a, k, p, s, n = REFERRAL_ASK.c, CLIENT.c, PARTNER.c, SCRIPT.c, CONTACT.c
    query = (
        sa.select(
            a.id, a.day, a.client_id, a.partner_id, k.name, p.name, n.name, s.name, a.target_industry,
            a.target_pain, a.result, a.names_given, a.follow_up_on, a.notes,
        )
        .select_from(
            REFERRAL_ASK.outerjoin(CLIENT, k.id == a.client_id)
            .outerjoin(PARTNER, p.id == a.partner_id)
            .outerjoin(SCRIPT, s.id == a.script_id)
            .outerjoin(CONTACT, n.id == a.contact_id)
        )
        .order_by(a.day.desc(), a.id.desc())
    )  # fmt: skip
    if result:
        query = query.where(a.result == result)
    return [tuple(row) for row in conn.execute(query)]


def askable_clients(conn: Connection) -> list[tuple[int, str]]:
    """(id, name) of the clients that can be asked (neither prospects nor churned), by name."""
    k = CLIENT.c
    query = sa.select(k.id, k.name).where(k.status.not_in(NOT_ASKABLE)).order_by(k.name_key)
    return [(cid, name) for cid, name in conn.execute(query)]


def partners_by_name(conn: Connection) -> list[tuple[int, str]]:
    """(id, name) of every partner, by name."""
    p = PARTNER.c
    return [(pid, name) for pid, name in conn.execute(sa.select(p.id, p.name).order_by(p.name))]


def contacts_of(
    conn: Connection, *, client_id: int | None = None, partner_id: int | None = None
) -> list[tuple[int, str]]:
    """(id, name) of the contacts of a client (else of a partner), the decision makers first."""
    k = CONTACT.c
    owner = k.client_id == client_id if client_id is not None else k.partner_id == partner_id
    query = sa.select(k.id, k.name).where(owner).order_by(k.decision_maker.desc(), k.name)
    return [(cid, name) for cid, name in conn.execute(query)]
