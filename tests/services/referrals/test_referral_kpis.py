"""Referral KPIs of the 12 full months before today, on a hand-built shop."""

from __future__ import annotations

import datetime as dt
import json

from factories import make_client, make_ladder

from msp_desk.domain.contracts import MarketingSpend
from msp_desk.domain.referrals import Partner, Referral, Reward
from msp_desk.domain.values import Month
from msp_desk.services.accounts import ledger
from msp_desk.services.referrals.kpis import conversion_rate, median_days, referral_kpis
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database

D = dt.date
TODAY = D(2026, 11, 23)  # window: Nov 2025 .. Oct 2026


def test_referral_kpis_of_a_hand_built_shop(db: Database) -> None:
    """Referrals: R1 received Jan 10, won Feb 9 (30 days); R2 received Mar 1, won Mar 11 (10
    days); R3 received Apr 5, lost May 1; R4 received Oct 20, 2025 (before the window), won
    Nov 19, 2025 (30 days, inside it); R5 received Nov 2, 2026 and R6 lost in Aug 2025 (both
    outside). Received a month: Jan, Mar, Apr 1 each (3). Conversion 3 / (3 + 1) = 75%; median
    days to win of 30, 10, 30 = 30.

    New clients in the window (first MRR): A (referral, Feb), B (partner, Mar), C (referral,
    Dec 2025), D and E (marketing, Apr and Jun); F (outbound) and the anchor started before it.
    Share = 3 referred / 5 = 60% against the shop's own 25%-40% band.

    Spend in the window: marketing $3,000 + $1,000 = $4,000 / 2 = $2,000; referral $350
    recorded + $250 credit applied = $600 / 2 (A, C) = $300; partner $500 cash paid / 1 (B)
    = $500; outbound neither spent nor won (not listed). All: $5,100 / 5 = $1,020. The $9,999 spent
    in Sep 2025 is outside the window."""
    ids = make_ladder(db)
    save_settings(db, benchmarks_json=json.dumps({"referral_share_new": [0.25, 0.4]}))
    starts = {
        "Anchor": ("marketing", D(2024, 3, 1)),
        "A": ("referral", D(2026, 2, 15)),
        "B": ("partner", D(2026, 3, 15)),
        "C": ("referral", D(2025, 12, 1)),
        "D": ("marketing", D(2026, 4, 1)),
        "E": ("marketing", D(2026, 6, 10)),
        "F": ("outbound", D(2025, 5, 1)),
    }
    client = {}
    for name, (channel, start) in starts.items():
        client[name] = make_client(db, name, channel=channel)
        ledger.start_client(db, client[name], ids["Core"], 5, start)
    referrals = (  # company, received, stage, won_on, stage changed, client
        ("A", D(2026, 1, 10), "won", D(2026, 2, 9), None, "A"),
        ("B", D(2026, 3, 1), "won", D(2026, 3, 11), None, "B"),
        ("R3", D(2026, 4, 5), "lost", None, D(2026, 5, 1), None),
        ("C", D(2025, 10, 20), "won", D(2025, 11, 19), None, "C"),
        ("R5", D(2026, 11, 2), "received", None, None, None),
        ("R6", D(2025, 6, 1), "lost", None, D(2025, 8, 1), None),
    )
    with db.unit_of_work() as session:
        partner = Partner(name="Dana Reyes", kind="cpa")
        session.add(partner)
        made = {}
        for company, received, stage, won_on, changed, name in referrals:
            made[company] = Referral(company=company, received_on=received, stage=stage, won_on=won_on,
                                     stage_changed_on=changed, lost_reason="price" if stage == "lost" else "",
                                     client_id=client.get(name or ""), referrer_client_id=client["Anchor"])  # fmt: skip
            session.add(made[company])
        session.flush()
        session.add_all([
            MarketingSpend(month="2026-04", channel="marketing", amount_cents=300_000),
            MarketingSpend(month="2026-06", channel="marketing", amount_cents=100_000),
            MarketingSpend(month="2025-09", channel="marketing", amount_cents=999_900),
            MarketingSpend(month="2026-01", channel="referral", amount_cents=35_000),
            Reward(referral_id=made["A"].id, referrer_client_id=client["Anchor"], amount_cents=25_000,
                   status="applied", earned_on=D(2026, 3, 1), settled_on=D(2026, 3, 20)),
            Reward(referral_id=made["B"].id, referrer_partner_id=partner.id, kind="cash",
                   amount_cents=50_000, status="paid", earned_on=D(2026, 3, 30), settled_on=D(2026, 4, 1)),
        ])  # fmt: skip
    k = referral_kpis(db, TODAY)
    assert (k.first, k.last) == (Month(2025, 11), Month(2026, 10))
    by_month = {str(month): n for month, n in k.received}
    assert len(k.received) == 12 and k.received_total == 3
    assert [by_month[m] for m in ("2026-01", "2026-03", "2026-04", "2025-11")] == [1, 1, 1, 0]
    assert (k.won, k.lost, k.conversion, k.median_days_to_win) == (3, 1, 0.75, 30.0)
    assert (k.new_clients, k.referred_new_clients, k.share) == (5, 3, 0.6)
    assert k.benchmark == (0.25, 0.4)
    assert k.cac == {
        "marketing": 200_000,
        "partner": 50_000,
        "referral": 30_000,
        "all": 102_000,
    }
    assert k.referral_cac == 30_000
    assert k.other_cac == {"marketing": 200_000}


def test_an_empty_shop_has_no_referral_kpis(db: Database) -> None:
    k = referral_kpis(db, TODAY)
    assert (k.received_total, k.conversion, k.median_days_to_win, k.share, k.new_clients) == (
        0,
        None,
        None,
        None,
        0,
    )
    assert k.benchmark == (0.2, 0.5)
    assert k.referral_cac is None


def test_conversion_and_median() -> None:
    assert conversion_rate(0, 0) is None
    assert conversion_rate(1, 3) == 0.25
    assert median_days([]) is None
    assert median_days([10, 40, 20, 30]) == 25.0
