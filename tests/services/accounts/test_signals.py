"""Account signals from the database: readiness and review flags of every client, next rung, ladder page."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.demo.msp import MSP
from msp_desk.demo.shops import build_demo
from msp_desk.domain.referrals import ReferralAsk
from msp_desk.domain.reviews import QbrMeeting, RoadmapItem
from msp_desk.domain.tickets import Ticket
from msp_desk.errors import NotFound
from msp_desk.kpi.inputs import AccountFacts
from msp_desk.kpi.ladder import Signal
from msp_desk.kpi.readiness import FactorCode
from msp_desk.kpi.review_flags import FlagCode
from msp_desk.services.accounts import ledger
from msp_desk.services.accounts.signals import account_facts, account_signals, ask_now_list, review_list
from msp_desk.services.ladder.growth import ladder_overview, next_rung
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database

D = dt.date
TODAY = D(2026, 11, 23)  # last full month 2026-10: margins over the month ends of Aug, Sep, Oct


def tickets(db: Database, client: int, first: dt.datetime, met: list[bool]) -> None:
    """One ticket a day from ``first``, each resolved an hour later, judged by the source."""
    with db.unit_of_work() as session:
        for k, verdict in enumerate(met):
            opened = first + dt.timedelta(days=k)
            session.add(
                Ticket(
                    client_id=client,
                    priority="P3",
                    opened_at=opened,
                    resolved_at=opened + dt.timedelta(hours=1),
                    sla_met=verdict,
                )
            )


def add(db: Database, *rows: object) -> None:
    with db.unit_of_work() as session:
        session.add_all(rows)


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    """Five clients and a prospect, written through the ledger like a user would:

    - Apex: Core 10 seats + Backup since 2025-09-01 (150,000 MRR, cost 71,000), satisfaction 9;
      12 tickets in September all within SLA (plus 1 in August 2026 before the 90 days and 5 in
      June); QBRs 2026-07-05 negative and 2026-10-05 positive ("Hired 5 staff"); firewall done
      2026-11-11, Wi-Fi upgrade accepted; asked 2026-03-01.
    - Brennan: Core 6 seats since 2025-06-01, 30% off from 2026-01-01 (56,700 MRR, cost 39,000),
      satisfaction 3; 30 tickets from 2026-09-01, 22 within SLA; QBR 2026-10-10 negative (and
      one planned 2026-12-01); roadmap items declined as proposed on 2025-10-01, 2026-01-10,
      2026-04-10, 2026-10-10; asked 2026-10-01, said no.
    - Cedar: Growth 20 seats from 2026-09-15, Backup added 2026-11-20; no satisfaction; 6 tickets
      from 2026-10-01 within SLA.
    - Dorset: Starter 5 seats 2025-01-01, churned 2026-06-01.
    - Fir: Starter 4 seats + Backup from 2026-11-10, satisfaction 8; no tickets.
    - Elm: a prospect.
    """
    ids = make_ladder(db)
    c = {
        "Apex": make_client(db, "Apex Dental", status="onboarding", satisfaction=9),
        "Brennan": make_client(db, "Brennan Fabrication", status="onboarding", satisfaction=3),
        "Cedar": make_client(db, "Cedar Law", status="onboarding"),
        "Dorset": make_client(db, "Dorset Bakery", status="onboarding"),
        "Fir": make_client(db, "Fir Optometry", status="onboarding", satisfaction=8),
        "Elm": make_client(db, "Elm Realty"),
    }
    ledger.start_client(db, c["Apex"], ids["Core"], 10, D(2025, 9, 1), [ids["Backup"]])
    ledger.start_client(db, c["Brennan"], ids["Core"], 6, D(2025, 6, 1))
    with db.read() as conn:
        line = conn.execute(
            sa.text("SELECT id FROM contract_line WHERE client_id = :c"), {"c": c["Brennan"]}
        ).scalar_one()
    ledger.change_price(db, line, 13_500, D(2026, 1, 1), discount_bp=3000)
    ledger.start_client(db, c["Cedar"], ids["Growth"], 20, D(2026, 9, 15))
    ledger.add_addon(db, c["Cedar"], ids["Backup"], D(2026, 11, 20))
    ledger.start_client(db, c["Dorset"], ids["Starter"], 5, D(2025, 1, 1))
    ledger.churn(db, c["Dorset"], D(2026, 6, 1), "Closed the business")
    ledger.start_client(db, c["Fir"], ids["Starter"], 4, D(2026, 11, 10), [ids["Backup"]])

    tickets(db, c["Apex"], dt.datetime(2026, 9, 1, 9), [True] * 12)
    tickets(db, c["Apex"], dt.datetime(2026, 8, 20, 9), [True])
    tickets(db, c["Apex"], dt.datetime(2026, 6, 10, 9), [True] * 5)
    tickets(db, c["Brennan"], dt.datetime(2026, 9, 1, 9), [True] * 22 + [False] * 8)
    tickets(db, c["Cedar"], dt.datetime(2026, 10, 1, 9), [True] * 6)
    add(
        db,
        QbrMeeting(client_id=c["Apex"], day=D(2026, 7, 5), outcome="negative"),
        QbrMeeting(
            client_id=c["Apex"], day=D(2026, 10, 5), outcome="positive", business_changes="Hired 5 staff"
        ),
        QbrMeeting(client_id=c["Brennan"], day=D(2026, 10, 10), outcome="negative"),
        QbrMeeting(client_id=c["Brennan"], day=D(2026, 12, 1), outcome="positive"),
        RoadmapItem(
            client_id=c["Apex"],
            title="Firewall replacement",
            status="done",
            proposed_on=D(2026, 7, 5),
            done_on=D(2026, 11, 11),
        ),
        RoadmapItem(
            client_id=c["Apex"], title="Wi-Fi upgrade", status="accepted", proposed_on=D(2026, 10, 5)
        ),
        *(
            RoadmapItem(client_id=c["Brennan"], title=f"Advice {n}", status="declined", proposed_on=day)
            for n, day in enumerate((D(2025, 10, 1), D(2026, 1, 10), D(2026, 4, 10), D(2026, 10, 10)))
        ),
        ReferralAsk(client_id=c["Apex"], day=D(2026, 3, 1), result="names_given"),
        ReferralAsk(client_id=c["Brennan"], day=D(2026, 10, 1), result="no"),
    )
    return c


def test_account_facts_read_from_the_ledger_tickets_and_reviews(db: Database, shop: dict[str, int]) -> None:
    """Apex over Aug-Oct: 3 x 150,000 = 450,000 MRR at 3 x 71,000 = 213,000 cost. Brennan:
    3 x 56,700 = 170,100 at 3 x 39,000 = 117,000. Cedar ran at the Sep and Oct month ends only:
    2 x 350,000 at 2 x 160,000 (its Backup started in November). Apex's 90 days (2026-08-26 on)
    hold its 12 September tickets, not the August or June ones. Brennan's declines proposed in
    the last 365 days: 3 of 4."""
    with db.read() as conn:
        facts = {f.client_id: f for f in account_facts(conn, TODAY)}
    apex, brennan, cedar = facts[shop["Apex"]], facts[shop["Brennan"]], facts[shop["Cedar"]]
    assert (apex.mrr_cents, apex.revenue_3m_cents, apex.cost_3m_cents) == (150_000, 450_000, 213_000)
    assert (apex.tickets_90d, apex.sla_judged_90d, apex.sla_met_90d) == (12, 12, 12)
    assert (apex.last_qbr_day, apex.last_qbr_outcome) == (D(2026, 10, 5), "positive")
    assert (apex.last_win_day, apex.last_win) == (D(2026, 11, 11), "Roadmap item done: Firewall replacement")
    assert (apex.start, apex.seats, apex.satisfaction) == (D(2025, 9, 1), 10, 9)
    assert (brennan.mrr_cents, brennan.revenue_3m_cents, brennan.cost_3m_cents) == (56_700, 170_100, 117_000)
    assert (brennan.tickets_90d, brennan.sla_judged_90d, brennan.sla_met_90d) == (30, 30, 22)
    assert (brennan.declined_12m, brennan.last_ask_day, brennan.last_ask_result) == (3, D(2026, 10, 1), "no")
    assert brennan.last_qbr_day == D(2026, 10, 10)  # the one planned for December is not held yet
    assert (cedar.mrr_cents, cedar.revenue_3m_cents, cedar.cost_3m_cents) == (380_000, 700_000, 320_000)
    assert (cedar.last_win_day, cedar.last_win) == (D(2026, 11, 20), "Add-on started: Backup")
    assert facts[shop["Fir"]].last_win_day is None  # its Backup came with its start: no win
    assert facts[shop["Dorset"]] == AccountFacts(shop["Dorset"], "churned", seats=5, start=D(2025, 1, 1))


def test_readiness_and_flags_of_every_client(db: Database, shop: dict[str, int]) -> None:
    """Tickets a seat a month (90 days / seats / 3): Apex 12/10/3 = 0.4, Brennan 30/6/3 = 1.67,
    Cedar 6/20/3 = 0.1, Fir 0; Dorset and Elm pay nothing. Median (0.1 + 0.4) / 2 = 0.25.

    Apex: satisfaction 9 (20) + last QBR positive (20) + 0.4 > 0.25 (0) + SLA 12/12 (15) + 448
    days (10) + firewall 12 days ago (10) + asked 267 days ago (10) = 85: ask now.
    Brennan: 3/10 (0) + negative QBR (0) + tickets (0) + SLA 22/30 = 73% (0) + 540 days (10) +
    no win (0) + asked 53 days ago (0) = 10. Flags: margin (170,100 - 117,000) / 170,100 = 31%;
    1.67 / 0.25 = 6.7x the median; 3 declined; satisfaction 3.
    Cedar: no score (0) + no QBR (0) + 0.1 (15) + SLA 6/6 (15) + 69 days (0) + Backup 3 days ago
    (10) + never asked (10) = 50. Fir: 8 (20) + 0 + 0 <= 0.25 (15) + nothing judged (0) + 13 days
    (0) + no win (0) + never asked (10) = 45. Dorset: 0 tickets on 5 seats (15) + 691 days (10)
    + never asked (10) = 35. Elm: never asked (10)."""
    signals = account_signals(db, TODAY)
    scores = {name: signals[cid].score for name, cid in shop.items()}
    assert scores == {"Apex": 85, "Brennan": 10, "Cedar": 50, "Dorset": 35, "Fir": 45, "Elm": 10}
    apex = {f.code: (f.met, f.reason) for f in signals[shop["Apex"]].readiness.factors}
    assert apex[FactorCode.TICKETS] == (
        False,
        "0.40 tickets a seat a month over 90 days vs shop median 0.25",
    )
    assert apex[FactorCode.NOT_ASKED] == (True, "Last asked 267 days ago")
    brennan = signals[shop["Brennan"]]
    assert {f.code: f.reason for f in brennan.readiness.factors}[FactorCode.NOT_ASKED] == (
        "Asked 53 days ago (said no: look into the relationship)"
    )
    assert [(f.code, f.reason) for f in brennan.flags] == [
        (FlagCode.LOW_MARGIN, "Margin 31% vs target 40% over the last 3 months"),
        (FlagCode.HIGH_TICKETS, "1.67 tickets a seat a month vs shop median 0.25 (6.7x; review above 2x)"),
        (FlagCode.DECLINED_ADVICE, "3 roadmap recommendations declined in 12 months"),
        (FlagCode.LOW_SATISFACTION, "Satisfaction 3/10 (review at 5 or less)"),
    ]
    assert [s.client_id for s in ask_now_list(signals.values())] == [shop["Apex"]]
    assert [s.client_id for s in review_list(signals.values())] == [shop["Brennan"]]
    assert signals[shop["Dorset"]].flags == () and not signals[shop["Dorset"]].ask_now


def test_thresholds_come_from_the_shops_benchmarks(db: Database, shop: dict[str, int]) -> None:
    """Ask from 90 up: Apex (85) waits. A 30% margin target: Brennan's 31% passes."""
    save_settings(db, benchmarks_json='{"readiness_ask_min": 90, "gross_margin": [0.30, 0.60]}')
    signals = account_signals(db, TODAY)
    assert ask_now_list(signals.values()) == []
    assert [f.code for f in signals[shop["Brennan"]].flags] == [
        FlagCode.HIGH_TICKETS,
        FlagCode.DECLINED_ADVICE,
        FlagCode.LOW_SATISFACTION,
    ]


def test_next_rung_prices_at_the_clients_seats(db: Database, shop: dict[str, int]) -> None:
    """Apex on Core at 10 seats: Growth 10 x 175.00 = 1,750.00, +400.00 on Core's 1,350.00. It
    has Backup; the protect stage still lacks Endpoint security: 10 x 12.00 = +120.00.
    Tickets opened Aug-Oct 13 vs May-Jul 5: +160%. Brennan keeps its 30% off on Growth:
    6 x 175.00 x 0.7 = 735.00, +168.00 on 567.00."""
    rung = next_rung(db, shop["Apex"], TODAY)
    assert (rung.current.name, rung.current.mrr_cents) == ("Core", 135_000)  # type: ignore[union-attr]
    assert rung.next_tier is not None
    assert (rung.next_tier.name, rung.next_tier.mrr_cents, rung.next_tier.mrr_delta_cents) == (
        "Growth",
        175_000,
        40_000,
    )
    assert rung.stage == "protect"
    assert [(a.name, a.mrr_delta_cents) for a in rung.addons] == [("Endpoint security", 12_000)]
    assert rung.signals == (
        Signal("tickets_up", "Tickets up 160%: 13 in the last 3 months vs 5 in the 3 before"),
        Signal("roadmap_open", "1 roadmap item open or accepted: Wi-Fi upgrade"),
        Signal("business_changes", "Business changes at the last QBR (2026-10-05): Hired 5 staff"),
        Signal("tenure", "Client for 14 months"),
    )
    brennan = next_rung(db, shop["Brennan"], TODAY)
    assert brennan.next_tier is not None
    assert (brennan.next_tier.mrr_cents, brennan.next_tier.mrr_delta_cents) == (73_500, 16_800)


def test_next_rung_after_protect_is_complete(db: Database, shop: dict[str, int]) -> None:
    """With Endpoint security added, protect is done; the factory ladder has no optimize
    add-on, so scale's vCIO sessions come next: a flat 500.00."""
    with db.read() as conn:
        edr = conn.execute(sa.text("SELECT id FROM addon WHERE name = 'Endpoint security'")).scalar_one()
    ledger.add_addon(db, shop["Apex"], edr, TODAY)
    rung = next_rung(db, shop["Apex"], TODAY)
    assert rung.stage == "scale"
    assert [(a.name, a.mrr_delta_cents) for a in rung.addons] == [("vCIO sessions", 50_000)]
    gone = next_rung(db, shop["Dorset"], TODAY)
    assert (gone.current, gone.next_tier, gone.addons) == (None, None, ())
    with pytest.raises(NotFound):
        next_rung(db, 999_999, TODAY)


def test_ladder_overview(db: Database) -> None:
    """L1: Starter 5 seats 2026-01-01, up to Core 04-01, down to Starter 08-01. L2: Core 10 seats
    2025-10-01, up to Growth 2026-02-01. L3: Growth 3 seats 2025-10-15, churned 2026-03-01.
    L4: Premium 2 seats + Backup from 2026-09-01.

    Moves Nov 2025-Oct 2026: up in Feb and Apr, down in Aug. Cohorts: Oct 2025 (L2 up within 6
    months, L3 not): 1 of 2; Jan 2026: 1 of 1; Sep 2026: 0 of 1, still open. From 2025-10-31 to
    2026-10-31: Core -> Growth (L2), Growth -> churned (L3).
    Rungs on 2026-11-23: Starter L1 5 x 95.00 = 475.00 (cost 250.00); Core none; Growth L2
    10 x 175.00 = 1,750.00 (cost 800.00); Premium L4 2 x 225.00 + 2 x 15.00 = 480.00 (cost
    2 x 100.00 + 2 x 6.00 = 212.00), its tier line alone 450.00 (cost 200.00)."""
    ids = make_ladder(db)
    l1, l2, l3, l4 = (make_client(db, f"L{n}", status="onboarding") for n in range(1, 5))
    ledger.start_client(db, l1, ids["Starter"], 5, D(2026, 1, 1))
    ledger.change_tier(db, l1, ids["Core"], D(2026, 4, 1))
    ledger.change_tier(db, l1, ids["Starter"], D(2026, 8, 1))
    ledger.start_client(db, l2, ids["Core"], 10, D(2025, 10, 1))
    ledger.change_tier(db, l2, ids["Growth"], D(2026, 2, 1))
    ledger.start_client(db, l3, ids["Growth"], 3, D(2025, 10, 15))
    ledger.churn(db, l3, D(2026, 3, 1), "Moved away")
    ledger.start_client(db, l4, ids["Premium"], 2, D(2026, 9, 1), [ids["Backup"]])

    page = ladder_overview(db, TODAY)
    assert [(r.name, r.clients, r.mrr_cents, r.cost_cents) for r in page.rungs] == [
        ("Starter", 1, 47_500, 25_000),
        ("Core", 0, 0, 0),
        ("Growth", 1, 175_000, 80_000),
        ("Premium", 1, 48_000, 21_200),
    ]
    premium = page.rungs[3]
    assert (premium.tier_mrr_cents, premium.tier_cost_cents) == (45_000, 20_000)
    assert premium.margin == pytest.approx(26_800 / 48_000)
    moves = {str(m.month): (m.upgrades, m.downgrades) for m in page.months if m.upgrades or m.downgrades}
    assert moves == {"2026-02": (1, 0), "2026-04": (1, 0), "2026-08": (0, 1)}
    assert [str(m.month) for m in page.months][0::11] == ["2025-11", "2026-10"]
    assert [(str(c.month), c.clients, c.moved_up, c.complete) for c in page.cohorts] == [
        ("2025-10", 2, 1, True),
        ("2026-01", 1, 1, True),
        ("2026-09", 1, 0, False),
    ]
    assert (page.matrix.start, page.matrix.end) == (D(2025, 10, 31), D(2026, 10, 31))
    assert dict(page.matrix.counts) == {(2, 3): 1, (3, None): 1}
    assert page.matrix.ranks == (1, 2, 3, 4)


def test_demo_shows_its_problem_accounts_and_clients_to_ask(db: Database) -> None:
    """The MSP demo was written with three "killer" accounts (Core at 30% off, 3.5x the tickets,
    satisfaction 3-4, negative QBRs, every recommendation declined): each raises all four flags,
    and they are the only accounts with more than one. Two other accounts carry one flag each
    by the demo's chance (two declined items; a ticket rate 2.2x the median): a single flag is
    a prompt to look, not a problem account. Clients are ready to ask, and no killer is one."""
    build_demo(db, "msp", TODAY)
    signals = account_signals(db, TODAY)
    with db.read() as conn:
        names = dict(conn.execute(sa.text("SELECT id, name FROM client")).all())
    problems = {names[s.client_id] for s in review_list(signals.values()) if len(s.flags) >= 2}
    assert problems == set(MSP.killers)
    assert 2 <= len(problems) <= 3
    for s in review_list(signals.values()):
        if names[s.client_id] in problems:
            assert {f.code for f in s.flags} == set(FlagCode)
    ask = [names[s.client_id] for s in ask_now_list(signals.values())]
    assert ask and not set(ask) & problems
    assert all(signals[cid].score >= 70 for cid, name in names.items() if name in ask)
