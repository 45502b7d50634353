"""Referral rewards paid or applied count as referral spend (DESIGN §4) in the month settled."""

from __future__ import annotations

import datetime as dt

from factories import make_client, make_ladder

from msp_desk.domain.contracts import MarketingSpend
from msp_desk.domain.referrals import Partner, Referral, Reward
from msp_desk.domain.values import Month
from msp_desk.kpi.inputs import SpendFact
from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.facts import load_spend
from msp_desk.services.kpis.snapshots import kpis_for_month
from msp_desk.store.database import Database

MARCH = Month(2026, 3)


def shop_with_rewards(db: Database) -> None:
    ids = make_ladder(db)
    anchor = make_client(db, "Ōsaka Dental", channel="marketing")
    ledger.start_client(db, anchor, ids["Core"], 10, dt.date(2026, 1, 1))
    referred = make_client(db, "Zoë Müller Design", channel="referral")
    introduced = make_client(db, "Kestrel Insurance", channel="partner")
    ledger.start_client(db, referred, ids["Starter"], 4, dt.date(2026, 3, 2))
    ledger.start_client(db, introduced, ids["Core"], 6, dt.date(2026, 3, 9))
    with db.unit_of_work() as session:
        partner = Partner(name="Dana Whitfield", kind="cpa")
        session.add(partner)
        session.add(MarketingSpend(month="2026-03", channel="marketing", amount_cents=100_000))
        session.flush()
        from_client = Referral(
            company="Zoë Müller Design", referrer_client_id=anchor, received_on=dt.date(2026, 2, 1),
            stage="won", client_id=referred, won_on=dt.date(2026, 2, 20),
        )  # fmt: skip
        from_partner = Referral(
            company="Kestrel Insurance", referrer_partner_id=partner.id, received_on=dt.date(2026, 2, 3),
            stage="won", client_id=introduced, won_on=dt.date(2026, 3, 1),
        )  # fmt: skip
        session.add_all([from_client, from_partner])
        session.flush()
        session.add_all(
            [
                Reward(referral_id=from_client.id, referrer_client_id=anchor, amount_cents=25_000,
                       status="applied", settled_on=dt.date(2026, 3, 31)),
                Reward(referral_id=from_partner.id, referrer_partner_id=partner.id, kind="cash",
                       amount_cents=10_000, status="paid", settled_on=dt.date(2026, 3, 25)),
                # Not spend: clawed back, void, or not settled yet.
                Reward(referral_id=from_client.id, referrer_client_id=anchor, amount_cents=50_000,
                       status="clawed_back", settled_on=dt.date(2026, 3, 10)),
                Reward(referral_id=from_client.id, referrer_client_id=anchor, amount_cents=70_000,
                       status="void", voided_on=dt.date(2026, 3, 12)),
                Reward(referral_id=from_partner.id, referrer_partner_id=partner.id, amount_cents=90_000,
                       status="earned", earned_on=dt.date(2026, 3, 20)),
            ]
        )  # fmt: skip


def test_settled_rewards_are_spend_of_their_channel_and_month(db: Database) -> None:
    shop_with_rewards(db)
    with db.read() as conn:
        spend = sorted(load_spend(conn), key=lambda s: s.channel)
    assert spend == [
        SpendFact(MARCH.index, "marketing", 100_000),
        SpendFact(MARCH.index, "partner", 10_000),
        SpendFact(MARCH.index, "referral", 25_000),
    ]


def test_cac_counts_the_rewards(db: Database) -> None:
    shop_with_rewards(db)
    march = kpis_for_month(db, MARCH)
    assert march.new == 4 * 9_500 + 6 * 13_500  # the two referred clients
    assert march.cac == (100_000 + 25_000 + 10_000) // 2
