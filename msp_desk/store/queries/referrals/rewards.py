"""The rewards' reads: the rewards to move along (ORM objects, in the caller's unit of work),
whether a referral has one and the client it became, the ledger's rows, the won referrals without
a reward decided, and what a referrer's statement lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import col, select

from msp_desk.domain.enums import ReferralStage
from msp_desk.domain.referrals import Reward
from msp_desk.store.tables import CLIENT, PARTNER, REFERRAL, REWARD

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Connection
    from sqlmodel import Session


def rewards_in(session: Session, statuses: Iterable[str]) -> list[Reward]:
    """The rewards whose status is one of ``statuses``, by id."""
    query = select(Reward).where(col(Reward.status).in_(list(statuses))).order_by(col(Reward.id))
    return list(session.exec(query))


def has_reward(session: Session, referral_id: int) -> bool:
    """Whether the referral has a reward row."""
    query = sa.select(sa.literal(1)).where(REWARD.c.referral_id == referral_id).limit(1)
    return session.execute(query).first() is not None


def _first_client_referred(referral_id: ColumnElement[Any] | int, column: str) -> sa.Select[Any]:
    """``column`` of the first client (by id) whose referred-by link is ``referral_id``: the
    client a won referral became when the referral itself does not say."""
    c = CLIENT.alias()
    return sa.select(c.c[column]).where(c.c.referred_by_referral_id == referral_id).order_by(c.c.id).limit(1)


def first_client_referred(session: Session, referral_id: int) -> int | None:
    """The id of the first client referred by the referral, None without one."""
    found = session.execute(_first_client_referred(referral_id, "id")).scalar()
    return None if found is None else int(found)


# -- the ledger ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """A reward with its referral and the names around it, as the ledger and statements read it."""

    id: int
    referral_id: int
    referrer_client_id: int | None
    referrer_partner_id: int | None
    kind: str
    amount_cents: int
    condition: str
    condition_n: int
    clawback_months: int | None
    status: str
    earned_on: dt.date | None
    settled_on: dt.date | None
    voided_on: dt.date | None
    void_reason: str | None
    company: str  # the referred company
    won_on: dt.date | None
    received_on: dt.date | None
    referrer_client: str | None  # the referring client's name and status
    referrer_client_status: str | None
    partner_name: str | None  # the referring partner's name and company
    partner_company: str | None
    referred_client: str  # the client the referral became ("" until there is one)


def ledger_rows(
    conn: Connection, *, referrer_client_id: int | None = None, referrer_partner_id: int | None = None
) -> list[LedgerRow]:
    """Every reward, newest win first; or, for a referrer (a client or a partner), its rewards by id."""
    w, r, referrer, p, became = REWARD.c, REFERRAL.c, CLIENT.alias(), PARTNER.c, CLIENT.alias()
    first_referred = _first_client_referred(r.id, "name").scalar_subquery()
    query = sa.select(
        w.id, w.referral_id, w.referrer_client_id, w.referrer_partner_id, w.kind, w.amount_cents,
        w.condition, w.condition_n, w.clawback_months, w.status, w.earned_on, w.settled_on,
        w.voided_on, w.void_reason, r.company, r.won_on, r.received_on,
        referrer.c.name.label("referrer_client"), referrer.c.status.label("referrer_client_status"),
        p.name.label("partner_name"), p.company.label("partner_company"),
        sa.func.coalesce(became.c.name, first_referred, "").label("referred_client"),
    ).select_from(
        REWARD.join(REFERRAL, r.id == w.referral_id)
        .outerjoin(referrer, referrer.c.id == w.referrer_client_id)
        .outerjoin(PARTNER, p.id == w.referrer_partner_id)
        .outerjoin(became, became.c.id == r.client_id)
    )  # fmt: skip
    if referrer_client_id is not None:
        query = query.where(w.referrer_client_id == referrer_client_id).order_by(w.id)
    elif referrer_partner_id is not None:
        query = query.where(w.referrer_partner_id == referrer_partner_id).order_by(w.id)
    else:
        query = query.order_by(sa.func.coalesce(r.won_on, r.received_on).desc(), w.id.desc())
    return [LedgerRow(**row._asdict()) for row in conn.execute(query)]


def unrewarded_win_rows(
    conn: Connection,
) -> list[tuple[int, str, str | None, str | None, str | None, dt.date | None]]:
    """(referral id, company, referring client's name, partner's name, partner's company, day
    won) of the won referrals with neither a reward row nor an explicit "no reward", by day won."""
    r, referrer, p, w = REFERRAL.c, CLIENT.c, PARTNER.c, REWARD.c
    rewarded = sa.exists().where(w.referral_id == r.id)
    query = (
        sa.select(r.id, r.company, referrer.name, p.name, p.company, r.won_on)
        .select_from(
            REFERRAL.outerjoin(CLIENT, referrer.id == r.referrer_client_id).outerjoin(
                PARTNER, p.id == r.referrer_partner_id
            )
        )
        .where(r.stage == ReferralStage.WON.value, sa.not_(r.no_reward), sa.not_(rewarded))
        .order_by(r.won_on, r.id)
    )
    return [tuple(row) for row in conn.execute(query)]


# -- a referrer's statement ------------------------------------------------------------------------


def client_name(conn: Connection, client_id: int) -> str | None:
    """A client's name; None when there is no such client."""
    return conn.execute(sa.select(CLIENT.c.name).where(CLIENT.c.id == client_id)).scalar()


def partner_name(conn: Connection, partner_id: int) -> tuple[str, str] | None:
    """(name, company) of a partner; None when there is no such partner."""
    p = PARTNER.c
    row = conn.execute(sa.select(p.name, p.company).where(p.id == partner_id)).first()
    return None if row is None else (row[0], row[1])


def referrals_from(
    conn: Connection, *, referrer_client_id: int | None = None, referrer_partner_id: int | None = None
) -> list[tuple[int, str, dt.date, str, dt.date | None, bool, str]]:
    """(id, company, received on, stage, won on, no reward, no-reward reason) of the referrals a
    client (else a partner) gave, by day received."""
    r = REFERRAL.c
    given = (
        r.referrer_client_id == referrer_client_id
        if referrer_client_id is not None
        else r.referrer_partner_id == referrer_partner_id
    )
    query = (
        sa.select(r.id, r.company, r.received_on, r.stage, r.won_on, r.no_reward, r.no_reward_reason)
        .where(given)
        .order_by(r.received_on, r.id)
    )
    return [tuple(row) for row in conn.execute(query)]
