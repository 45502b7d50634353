"""What the rewards ledger shows: every reward with its referrer and terms, the won referrals
whose credit would be lost, and a per-referrer statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from msp_desk.domain.enums import (
    ClientStatus,
    ReferralStage,
    RewardKind,
)
from msp_desk.errors import NotFound
from msp_desk.kpi import rewards as machine
from msp_desk.store.database import Database
from msp_desk.store.queries.common import as_date

NO_RULE_REASON = "No reward rule set"
HAS_ACCOUNT = frozenset({ClientStatus.ONBOARDING.value, ClientStatus.ACTIVE.value, ClientStatus.PAUSED.value})


RewardRule = machine.RewardRule

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


_LEDGER_SQL = """
SELECT w.id, w.referral_id, w.referrer_client_id, w.referrer_partner_id, w.kind, w.amount_cents,
       w.condition, w.condition_n, w.clawback_months, w.status, w.earned_on, w.settled_on,
       w.voided_on, w.void_reason, r.company, r.won_on, r.received_on,
       rc.name, rc.status, p.name, p.company,
       coalesce(cc.name, (SELECT c.name FROM client c WHERE c.referred_by_referral_id = r.id
                          ORDER BY c.id LIMIT 1), '')
FROM reward w JOIN referral r ON r.id = w.referral_id
LEFT JOIN client rc ON rc.id = w.referrer_client_id
LEFT JOIN partner p ON p.id = w.referrer_partner_id
LEFT JOIN client cc ON cc.id = r.client_id
"""


def partner_label(name: str | None, company: str | None) -> str:
    return f"{name} ({company})" if company and company != name else name or "a partner"


def _row(raw: Any, today: dt.date) -> RewardRow:
    (rid, ref_id, rcid, rpid, kind, amount, cond, n, claw, status, earned, settled, voided, why) = raw[:14]
    (company, won, received, rc_name, rc_status, p_name, p_company, referred) = raw[14:]
    won_on = as_date(won)
    terms = machine.RewardTerms(cond, n, claw)
    pending_since = won_on or as_date(received)
    return RewardRow(
        id=rid,
        referral_id=ref_id,
        referrer=rc_name if rcid is not None else partner_label(p_name, p_company),
        referrer_client_id=rcid,
        referrer_partner_id=rpid,
        referred_company=company,
        referred_client=referred,
        kind=kind,
        amount_cents=amount,
        condition=terms.text(),
        clawback=terms.clawback_text(),
        status=status,
        won_on=won_on,
        earned_on=as_date(earned),
        settled_on=as_date(settled),
        voided_on=as_date(voided),
        void_reason=why or "",
        days_pending=(today - pending_since).days if status == "pending" and pending_since else None,
        can_apply=status == "earned" and kind == RewardKind.SERVICE_CREDIT.value and rc_status in HAS_ACCOUNT,
    )


def rewards_ledger(db: Database, today: dt.date) -> list[RewardRow]:
    """Every reward, newest win first."""
    with db.read() as conn:
        raws = conn.execute(
            sa.text(_LEDGER_SQL + " ORDER BY coalesce(r.won_on, r.received_on) DESC, w.id DESC")
        )
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
    sql = (
        "SELECT r.id, r.company, rc.name, p.name, p.company, r.won_on FROM referral r"
        " LEFT JOIN client rc ON rc.id = r.referrer_client_id"
        " LEFT JOIN partner p ON p.id = r.referrer_partner_id"
        " WHERE r.stage = :won AND NOT r.no_reward"
        " AND NOT EXISTS (SELECT 1 FROM reward w WHERE w.referral_id = r.id)"
        " ORDER BY r.won_on, r.id"
    )
    with db.read() as conn:
        rows = conn.execute(sa.text(sql), {"won": ReferralStage.WON.value}).all()
    return [
        UnrewardedWin(rid, company, rc_name or partner_label(p_name, p_company), as_date(won))
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
    column, key = (
        ("referrer_client_id", client_id) if client_id is not None else ("referrer_partner_id", partner_id)
    )
    today = today or dt.date.today()
    with db.read() as conn:
        if client_id is not None:
            name = conn.execute(sa.text("SELECT name FROM client WHERE id = :k"), {"k": key}).scalar()
        else:
            found = conn.execute(
                sa.text("SELECT name, company FROM partner WHERE id = :k"), {"k": key}
            ).first()
            name = partner_label(*found) if found else None
        if name is None:
            raise NotFound(f"no referrer with id {key}")
        referrals = conn.execute(
            sa.text(
                f"SELECT id, company, received_on, stage, won_on, no_reward, no_reward_reason FROM referral"
                f" WHERE {column} = :k ORDER BY received_on, id"
            ),
            {"k": key},
        ).all()
        raws = conn.execute(sa.text(_LEDGER_SQL + f" WHERE w.{column} = :k ORDER BY w.id"), {"k": key})
        rewards = {row.referral_id: row for row in (_row(raw, today) for raw in raws)}
    lines = tuple(
        StatementLine(
            rid, company, as_date(rec), stage, as_date(won), rewards.get(rid), (why or "") if none else ""
        )
        for rid, company, rec, stage, won, none, why in referrals
    )

    def total(*statuses: str) -> int:
        return sum(r.amount_cents for r in rewards.values() if r.status in statuses)

    return ReferrerStatement(
        name, lines, total("pending"), total("earned"), total("applied", "paid"), total("clawed_back")
    )
