"""What the rewards ledger shows: every reward with its referrer and terms, the won referrals
whose credit would be lost, and a per-referrer statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from msp_desk.domain.enums import RewardKind
from msp_desk.errors import NotFound
from msp_desk.kpi import rewards as machine
from msp_desk.services.referrals.rewards import HAS_ACCOUNT
from msp_desk.store.database import Database
from msp_desk.store.queries.referrals import rewards as queries
from msp_desk.store.queries.referrals.rewards import LedgerRow

# -- what the ledger shows ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RewardRow:
    """One reward as the ledger lists it."""

    id: int
    referral_id: int
    referrer: str
    referrer_client_id: int | None
    referrer_partner_id: int | None
    referred_company: str
    referred_client: str
    kind: str
    amount_cents: int
    condition: str  # "after 1 full month"
    clawback: str  # "clawed back if they leave within 6 months" or ""
    status: str
    won_on: dt.date | None
    earned_on: dt.date | None
    settled_on: dt.date | None
    voided_on: dt.date | None
    void_reason: str
    days_pending: int | None  # since the referral was won, while pending
    can_apply: bool  # earned service credit with a referrer account to credit


def partner_label(name: str | None, company: str | None) -> str:
    return f"{name} ({company})" if company and company != name else name or "a partner"


def _row(raw: LedgerRow, today: dt.date) -> RewardRow:
    terms = machine.RewardTerms(raw.condition, raw.condition_n, raw.clawback_months)
    pending_since = raw.won_on or raw.received_on
    return RewardRow(
        id=raw.id,
        referral_id=raw.referral_id,
        referrer=raw.referrer_client
        if raw.referrer_client is not None
        else partner_label(raw.partner_name, raw.partner_company),
        referrer_client_id=raw.referrer_client_id,
        referrer_partner_id=raw.referrer_partner_id,
        referred_company=raw.company,
        referred_client=raw.referred_client,
        kind=raw.kind,
        amount_cents=raw.amount_cents,
        condition=terms.text(),
        clawback=terms.clawback_text(),
        status=raw.status,
        won_on=raw.won_on,
        earned_on=raw.earned_on,
        settled_on=raw.settled_on,
        voided_on=raw.voided_on,
        void_reason=raw.void_reason or "",
        days_pending=(today - pending_since).days if raw.status == "pending" and pending_since else None,
        can_apply=raw.status == "earned"
        and raw.kind == RewardKind.SERVICE_CREDIT.value
        and raw.referrer_client_status in HAS_ACCOUNT,
    )


def rewards_ledger(db: Database, today: dt.date) -> list[RewardRow]:
    """Every reward, newest win first."""
    with db.read() as conn:
        raws = queries.ledger_rows(conn)
    return [_row(raw, today) for raw in raws]


@dataclass(frozen=True, slots=True)
class UnrewardedWin:
    """A won referral with neither a reward row nor an explicit "no reward"."""

    referral_id: int
    company: str
    referrer: str
    won_on: dt.date | None


def unrewarded_wins(db: Database) -> list[UnrewardedWin]:
    """The won referrals whose referrer's credit would be lost: no reward and no "none"."""
    with db.read() as conn:
        rows = queries.unrewarded_win_rows(conn)
    return [
        UnrewardedWin(rid, company, rc_name or partner_label(p_name, p_company), won)
        for rid, company, rc_name, p_name, p_company, won in rows
    ]


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One referral a referrer gave us, and what became of its reward."""

    referral_id: int
    company: str
    received_on: dt.date | None
    stage: str
    won_on: dt.date | None
    reward: RewardRow | None
    no_reward_reason: str  # the explicit "none" (won referrals without a reward row)


@dataclass(frozen=True, slots=True)
class ReferrerStatement:
    """Everything a referrer introduced and the rewards it earned; totals in cents."""

    referrer: str
    lines: tuple[StatementLine, ...]
    pending_cents: int
    earned_cents: int  # earned, not yet settled
    settled_cents: int  # applied or paid
    clawed_back_cents: int


def referrer_statement(
    db: Database, client_id: int | None = None, partner_id: int | None = None, today: dt.date | None = None
) -> ReferrerStatement:
    """The statement of one referrer (a client or a partner)."""
    if (client_id is None) == (partner_id is None):
        raise ValueError("referrer_statement needs a client_id or a partner_id")
    referrer = {"referrer_client_id": client_id, "referrer_partner_id": partner_id}
    today = today or dt.date.today()
    with db.read() as conn:
        name = None
        if client_id is not None:
            name = queries.client_name(conn, client_id)
        elif partner_id is not None:
            found = queries.partner_name(conn, partner_id)
            name = partner_label(*found) if found else None
        if name is None:
            raise NotFound(f"no referrer with id {client_id if client_id is not None else partner_id}")
        referrals = queries.referrals_from(conn, **referrer)
        rewards = {
            row.referral_id: row
            for row in (_row(raw, today) for raw in queries.ledger_rows(conn, **referrer))
        }
    lines = tuple(
        StatementLine(rid, company, received, stage, won, rewards.get(rid), (why or "") if none else "")
        for rid, company, received, stage, won, none, why in referrals
    )

    def total(*statuses: str) -> int:
        return sum(r.amount_cents for r in rewards.values() if r.status in statuses)

    return ReferrerStatement(
        name, lines, total("pending"), total("earned"), total("applied", "paid"), total("clawed_back")
    )
