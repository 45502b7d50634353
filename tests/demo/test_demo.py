"""The demo shops: deterministic, believable, and every KPI of the last full month in its band."""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from msp_desk import paths
from msp_desk.demo.shops import build_demo, demo_anchor, open_demo
from msp_desk.domain.values import Month, last_full_month
from msp_desk.errors import Conflict, ValidationError
from msp_desk.kpi.snapshot import KpiSnapshot
from msp_desk.services.kpis.snapshots import kpis_for_month
from msp_desk.services.ladder.defaults import install_default_ladder
from msp_desk.store.database import Database, open_database

TODAY = dt.date(2026, 11, 23)
LAST = last_full_month(TODAY)


def _build(folder: Path, kind: str, today: dt.date = TODAY) -> Database:
    db = open_database(folder / f"{kind}.sqlite3")
    build_demo(db, kind, today)
    return db


@pytest.fixture(scope="module")
def msp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = _build(tmp_path_factory.mktemp("msp"), "msp")
    yield db
    db.close()


@pytest.fixture(scope="module")
def va(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = _build(tmp_path_factory.mktemp("va"), "va")
    yield db
    db.close()


def q(db: Database, sql: str, **params: object) -> list[tuple]:
    with db.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


def one(db: Database, sql: str, **params: object) -> object:
    return q(db, sql, **params)[0][0]


def dump(db: Database) -> dict[str, list[tuple]]:
    found = {name: q(db, f"SELECT * FROM {name} ORDER BY id") for name in sorted(SQLModel.metadata.tables)}
    found["data_revision"] = q(db, "SELECT id, revision FROM data_revision")  # when it moved is the clock's
    return found


# -- determinism -----------------------------------------------------------------------------------


def test_two_builds_are_identical_row_for_row(msp: Database, tmp_path: Path) -> None:
    started = time.perf_counter()
    again = _build(tmp_path, "msp")
    elapsed = time.perf_counter() - started
    try:
        first, second = dump(msp), dump(again)
        for table in first:
            assert first[table] == second[table], table
    finally:
        again.close()
    assert elapsed < 20  # typically 1-2 s; a guard against pathological slowness only


def test_another_seed_tells_another_story(tmp_path: Path) -> None:
    db = open_database(tmp_path / "other.sqlite3")
    try:
        build_demo(db, "va", TODAY, seed=8)
        other = q(db, "SELECT name, start_date FROM client ORDER BY id")
    finally:
        db.close()
    reference = open_database(tmp_path / "ref.sqlite3")
    try:
        build_demo(reference, "va", TODAY)
        assert q(reference, "SELECT name, start_date FROM client ORDER BY id") != other
    finally:
        reference.close()


# -- the MSP demo's shape --------------------------------------------------------------------------


def test_msp_roster_size_names_and_channels(msp: Database) -> None:
    assert one(msp, "SELECT kind FROM shop_settings") == "msp"
    assert one(msp, "SELECT demo_anchor FROM shop_settings") == demo_anchor("msp", TODAY)
    clients = q(msp, "SELECT name, industry, status, channel, start_date FROM client")
    assert 55 <= len(clients) <= 75  # ~45 on the books, the rest churned over three years
    names = [c[0] for c in clients]
    assert sum(not n.isascii() for n in names) >= 4 and {"Zoë Müller Design", "Ōsaka Dental"} <= set(names)
    industries = {c[1] for c in clients}
    assert len(industries) >= 10 and {"Dental", "Legal", "Real estate"} <= industries
    assert all(i[0].isupper() for i in industries)  # written as a person would
    assert {c[2] for c in clients} == {"active", "churned", "onboarding"}
    channels = [c[3] for c in clients]
    referred = sum(ch in ("referral", "partner") for ch in channels)
    assert 0.25 <= referred / len(channels) <= 0.45
    assert {"marketing", "outbound", "referral", "partner"} <= set(channels)
    starts = sorted(dt.date.fromisoformat(c[4]) for c in clients if c[4])
    assert (LAST - 35).first_day() <= starts[0] and Month.of(starts[-2]) <= LAST
    # every client has a decision maker to ask
    assert (
        one(
            msp,
            "SELECT count(*) FROM client c WHERE NOT EXISTS (SELECT 1 FROM contact k"
            " WHERE k.client_id = c.id AND k.decision_maker)",
        )
        == 0
    )


def test_msp_ledger_tells_the_ladder_story(msp: Database) -> None:
    changes = dict(q(msp, "SELECT change, count(*) FROM contract_line GROUP BY change"))
    for change in ("start", "upgrade", "downgrade", "seats", "add-on", "price", "reactivate"):
        assert changes.get(change, 0) >= 1, change
    assert one(msp, "SELECT count(*) FROM contract_line WHERE end_date IS NOT NULL") > 50
    tiers_in_use = q(
        msp, "SELECT DISTINCT tier_id FROM contract_line WHERE kind = 'tier' AND end_date IS NULL"
    )
    assert len(tiers_in_use) == 4
    churned = q(msp, "SELECT churn_reason, churned_on FROM client WHERE status = 'churned'")
    assert len(churned) >= 12 and all(reason and day for reason, day in churned)
    assert len({reason for reason, _ in churned}) >= len(churned) - 2  # a reason of its own, mostly
    returned = q(
        msp,
        "SELECT c.name FROM client c JOIN contract_line l ON l.client_id = c.id"
        " WHERE l.change = 'reactivate' AND c.status = 'active'",
    )
    assert returned
    discounted = one(
        msp,
        "SELECT count(DISTINCT client_id) FROM contract_line WHERE end_date IS NULL AND discount_bp >= 2000",
    )
    assert discounted >= 2


def test_every_referral_stage_and_both_partner_kinds(msp: Database) -> None:
    stages = {stage for (stage,) in q(msp, "SELECT DISTINCT stage FROM referral")}
    assert stages == {"received", "contacted", "meeting", "proposal", "won", "lost"}
    assert all(reason for (reason,) in q(msp, "SELECT lost_reason FROM referral WHERE stage = 'lost'"))
    kinds = {kind for (kind,) in q(msp, "SELECT kind FROM partner")}
    assert {"cpa", "attorney"} <= kinds
    assert (
        one(msp, "SELECT count(*) FROM referral WHERE referrer_partner_id IS NOT NULL AND stage = 'won'") >= 2
    )
    results = {r for (r,) in q(msp, "SELECT DISTINCT result FROM referral_ask")}
    assert results == {"names_given", "declined", "no"}
    assert one(msp, "SELECT count(*) FROM referral_ask WHERE script_id IS NULL") == 0


def test_won_referrals_link_their_client_and_never_lose_the_credit(msp: Database) -> None:
    won = q(
        msp,
        "SELECT r.id, r.client_id, r.no_reward, r.no_reward_reason, c.referred_by_referral_id,"
        " c.channel, (SELECT count(*) FROM reward w WHERE w.referral_id = r.id)"
        " FROM referral r LEFT JOIN client c ON c.id = r.client_id WHERE r.stage = 'won'",
    )
    assert len(won) >= 8
    for rid, client_id, no_reward, reason, referred_by, channel, rewards in won:
        assert client_id is not None and referred_by == rid, rid
        assert channel in ("referral", "partner")
        assert rewards == 1 or (no_reward and reason), rid
    assert (
        one(
            msp,
            "SELECT count(*) FROM referral r JOIN reward w ON w.referral_id = r.id WHERE r.stage != 'won'",
        )
        == 0
    )
    assert (
        one(
            msp,
            "SELECT count(*) FROM client WHERE channel IN ('referral', 'partner')"
            " AND referred_by_referral_id IS NULL",
        )
        == 0
    )
    statuses = {s for (s,) in q(msp, "SELECT DISTINCT status FROM reward")}
    assert {"pending", "earned"} <= statuses and statuses & {"applied", "paid"}
    earned = q(
        msp,
        "SELECT w.id FROM reward w WHERE w.status = 'earned' AND NOT EXISTS"
        " (SELECT 1 FROM task t WHERE t.reward_id = w.id AND t.kind = 'reward_payout')",
    )
    assert earned == []


def test_problem_accounts_stand_out(msp: Database) -> None:
    start, end = (LAST - 2).first_day().isoformat(), (LAST + 1).first_day().isoformat()
    accounts = q(
        msp,
        """
        SELECT c.id, c.name, c.seats, c.satisfaction,
          (SELECT sum(quantity * unit_price_cents * (10000 - discount_bp) / 10000.0) FROM contract_line l
             WHERE l.client_id = c.id AND l.end_date IS NULL),
          (SELECT sum(quantity * unit_cost_cents) FROM contract_line l
             WHERE l.client_id = c.id AND l.end_date IS NULL),
          (SELECT count(*) FROM ticket t WHERE t.client_id = c.id AND t.opened_at >= :s AND t.opened_at < :e),
          (SELECT count(*) FROM roadmap_item r WHERE r.client_id = c.id AND r.status = 'declined')
        FROM client c WHERE c.status = 'active' AND c.start_date < :s""",
        s=start,
        e=end,
    )
    per_seat = {cid: tickets / 3 / seats for cid, _, seats, _, _, _, tickets, _ in accounts}
    median = statistics.median(per_seat.values())
    problems = [
        name
        for cid, name, _, satisfaction, revenue, cost, _, declined in accounts
        if (revenue - cost) / revenue < 0.40
        and per_seat[cid] > 2 * median
        and (declined or 0) >= 2
        and satisfaction <= 4
    ]
    assert 2 <= len(problems) <= 3, problems
    healthy = [
        (revenue - cost) / revenue for _, name, _, _, revenue, cost, _, _ in accounts if name not in problems
    ]
    assert statistics.median(healthy) >= 0.45


def test_reviews_tasks_and_money_are_there(msp: Database) -> None:
    outcomes = {o for (o,) in q(msp, "SELECT DISTINCT outcome FROM qbr_meeting")}
    assert outcomes == {"positive", "neutral", "negative"}
    statuses = {s for (s,) in q(msp, "SELECT DISTINCT status FROM roadmap_item")}
    assert {"proposed", "accepted", "declined", "done"} <= statuses


def test_each_clients_roadmap_reads_as_a_plan(msp: Database) -> None:
    """No idea twice on one client's roadmap; every horizon and status used; each horizon's
    positions 0, 1, 2...; a plan looking past the next 90 days for most clients."""
    repeated = q(
        msp, "SELECT client_id, title FROM roadmap_item GROUP BY client_id, title HAVING count(*) > 1"
    )
    assert repeated == []
    assert {h for (h,) in q(msp, "SELECT DISTINCT horizon FROM roadmap_item")} == {
        "now",
        "30_days",
        "this_quarter",
        "next_quarter",
        "6_12_months",
        "later",
    }
    assert {s for (s,) in q(msp, "SELECT DISTINCT status FROM roadmap_item")} == {
        "proposed",
        "accepted",
        "declined",
        "in_progress",
        "done",
    }
    gaps = q(
        msp,
        "SELECT client_id, horizon FROM roadmap_item GROUP BY client_id, horizon"
        " HAVING min(position) != 0 OR max(position) != count(*) - 1",
    )
    assert gaps == []
    with_items = one(msp, "SELECT count(DISTINCT client_id) FROM roadmap_item")
    ahead = one(
        msp,
        "SELECT count(DISTINCT client_id) FROM roadmap_item WHERE status IN ('proposed', 'accepted')"
        " AND horizon IN ('next_quarter', '6_12_months', 'later')",
    )
    assert ahead >= with_items // 2
    assert one(msp, "SELECT count(*) FROM roadmap_item WHERE status = 'done' AND done_on IS NULL") == 0
    # an earned reward's payout is due the day it was earned, up to two months back (settled next month)
    since, until = (TODAY - dt.timedelta(days=62)).isoformat(), (TODAY + dt.timedelta(days=60)).isoformat()
    open_kinds = {
        k
        for (k,) in q(
            msp,
            "SELECT DISTINCT kind FROM task WHERE NOT done AND due_on BETWEEN :a AND :b",
            a=since,
            b=until,
        )
    }
    assert {"follow_up", "qbr", "renewal", "onboarding", "reward_payout", "check_in"} <= open_kinds
    assert one(msp, "SELECT count(*) FROM task WHERE done AND done_on IS NULL") == 0
    months = {m for (m,) in q(msp, "SELECT DISTINCT month FROM marketing_spend")}
    assert len(months) == 36 and str(LAST) in months
    assert one(msp, "SELECT count(*) FROM project_revenue WHERE cost_cents IS NULL") == 0
    month_start = LAST.first_day().isoformat()
    assert one(msp, "SELECT count(*) FROM project_revenue WHERE day >= :d", d=month_start) >= 1


def test_tickets_are_naive_and_judged_from_the_tier_targets(msp: Database) -> None:
    count = one(msp, "SELECT count(*) FROM ticket")
    assert 2000 <= count <= 9000
    assert one(msp, "SELECT count(*) FROM ticket WHERE sla_met IS NOT NULL") == 0
    priorities = dict(q(msp, "SELECT priority, count(*) FROM ticket GROUP BY priority"))
    assert set(priorities) == {"P1", "P2", "P3", "P4"} and priorities["P1"] < priorities["P3"]
    bad = one(
        msp,
        "SELECT count(*) FROM ticket WHERE first_response_at < opened_at"
        " OR resolved_at < opened_at OR resolved_at < first_response_at",
    )
    assert bad == 0
    assert one(msp, "SELECT count(*) FROM ticket WHERE opened_at >= :t", t=TODAY.isoformat()) == 0
    known = one(msp, "SELECT avg(fcr IS NOT NULL) FROM ticket WHERE resolved_at IS NOT NULL")
    assert 0.8 <= known <= 0.95  # FCR known on most tickets, never guessed on all
    with msp.unit_of_work() as session:
        from msp_desk.domain.tickets import Ticket

        ticket = session.get(Ticket, 1)
        assert ticket is not None and ticket.opened_at.tzinfo is None


def assert_msp_bands(k: KpiSnapshot) -> None:
    """The MSP demo's month against seed 002's benchmarks (bands a little wider than the targets)."""
    assert k.mrr > 0 and k.new is not None and k.new > 0
    assert k.net_mrr_churn_rate is not None and k.net_mrr_churn_rate < 0.03
    assert k.gross_margin is not None and 0.40 <= k.gross_margin <= 0.60
    assert k.sla_compliance is not None and 0.90 <= k.sla_compliance <= 0.99
    assert k.fcr is not None and 0.65 <= k.fcr <= 0.80
    assert k.mttr_hours is not None and k.mttr_hours["P1"] is not None and k.mttr_hours["P1"] < 4
    assert k.referral_share_new is not None and k.referral_share_new > 0
    assert k.cac is not None and 1_500_00 <= k.cac <= 6_000_00
    assert k.clv_cac is not None and 3 <= k.clv_cac <= 15
    assert k.expected_lifetime_months is not None and 48 <= k.expected_lifetime_months <= 96
    assert k.expected_lifetime_capped is False  # churn is there: 5-7 years, not "forever"
    assert k.arr_per_employee is not None and 150_000_00 <= k.arr_per_employee <= 250_000_00
    assert k.recurring_share is not None and 0.75 < k.recurring_share < 0.95
    assert k.mrr_growth_12m is not None and 0.15 <= k.mrr_growth_12m <= 0.25
    assert k.nrr_12m is not None and 0.85 <= k.nrr_12m <= 1.10
    for field in ("arpa", "logo_churn_rate", "clv", "lifetime_revenue"):
        assert getattr(k, field) is not None, field


def test_last_full_month_kpis_land_in_the_benchmark_bands(msp: Database) -> None:
    assert_msp_bands(kpis_for_month(msp, LAST))


# -- the VA demo -----------------------------------------------------------------------------------


def test_va_demo_is_an_hours_based_agency(va: Database) -> None:
    assert q(va, "SELECT kind, name FROM shop_settings") == [("va", "BrightDesk Virtual Assistants")]
    assert {m for (m,) in q(va, "SELECT DISTINCT price_model FROM tier")} == {"per_hours_block"}
    clients = one(va, "SELECT count(*) FROM client")
    assert 35 <= clients <= 55  # agencies churn faster than MSPs
    assert one(va, "SELECT count(*) FROM client WHERE seats % 10 != 0") == 0  # hours, in blocks of ten
    assert one(va, "SELECT count(*) FROM ticket") >= 1000
    assert (
        one(
            va,
            "SELECT count(*) FROM contract_line WHERE addon_id IN"
            " (SELECT id FROM addon WHERE name = 'Growth Ops Mastermind')",
        )
        >= 1
    )
    stages = {s for (s,) in q(va, "SELECT DISTINCT stage FROM referral")}
    assert stages == {"received", "contacted", "meeting", "proposal", "won", "lost"}
    rewards = q(
        va, "SELECT kind, amount_cents, condition, condition_n FROM reward WHERE kind = 'service_credit'"
    )
    assert rewards and set(rewards) == {("service_credit", 10_000, "weeks_completed", 1)}
    months = one(va, "SELECT count(DISTINCT month) FROM marketing_spend")
    assert 24 <= months <= 36


def assert_va_bands(k: KpiSnapshot) -> None:
    """The VA demo's month: the MSP bands where they apply; agencies churn faster."""
    assert k.mrr > 0 and k.new is not None and k.new > 0
    assert k.net_mrr_churn_rate is not None and k.net_mrr_churn_rate < 0.03
    assert k.gross_margin is not None and 0.40 <= k.gross_margin <= 0.60
    assert k.sla_compliance is not None and 0.90 <= k.sla_compliance <= 0.99
    assert k.fcr is not None and 0.60 <= k.fcr <= 0.85
    assert k.mttr_hours is not None and k.mttr_hours["P1"] is not None and k.mttr_hours["P1"] < 4
    assert k.referral_share_new is not None
    assert k.cac is not None and 1_500_00 <= k.cac <= 6_000_00
    assert k.clv_cac is not None and 3 <= k.clv_cac <= 15
    assert k.expected_lifetime_months is not None and 24 <= k.expected_lifetime_months <= 60
    assert k.expected_lifetime_capped is False
    assert k.recurring_share is not None and k.recurring_share > 0.75 and k.nrr_12m is not None
    assert k.mrr_growth_12m is not None and 0.10 <= k.mrr_growth_12m <= 0.40


def test_va_last_full_month_kpis(va: Database) -> None:
    assert_va_bands(kpis_for_month(va, LAST))


@pytest.mark.parametrize("today", [dt.date(2026, 3, 31), dt.date(2027, 1, 2)])
@pytest.mark.parametrize("kind", ["msp", "va"])
def test_the_bands_hold_whatever_the_month(kind: str, today: dt.date, tmp_path: Path) -> None:
    """A February (the shortest month) and a December (a year end) as the last full month."""
    db = _build(tmp_path, kind, today)
    try:
        k = kpis_for_month(db, last_full_month(today))
    finally:
        db.close()
    (assert_msp_bands if kind == "msp" else assert_va_bands)(k)


# -- guards and the demo file ------------------------------------------------------------------------


def test_build_refuses_a_database_that_is_not_empty(db: Database) -> None:
    install_default_ladder(db, "msp")
    with pytest.raises(Conflict):
        build_demo(db, "msp", TODAY)
    with pytest.raises(ValidationError):
        build_demo(db, "bakery", TODAY)


def _mark(db: Database) -> None:
    with db.unit_of_work() as session:
        session.execute(
            sa.text(
                "INSERT INTO tag (name, created_at, updated_at)"
                " VALUES ('marker', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )


def test_open_demo_reuses_the_file_within_a_month_and_rebuilds_in_the_next() -> None:
    path = paths.demo_db_path("va")
    assert not path.exists()
    db = open_demo("va", TODAY)
    try:
        assert db.path == path and path.exists()
        assert one(db, "SELECT demo_anchor FROM shop_settings") == demo_anchor("va", TODAY)
        _mark(db)
    finally:
        db.close()
    db = open_demo("va", TODAY + dt.timedelta(days=3))  # same month: the same file
    try:
        assert one(db, "SELECT count(*) FROM tag WHERE name = 'marker'") == 1
    finally:
        db.close()
    next_month = dt.date(2026, 12, 2)
    db = open_demo("va", next_month)
    try:
        assert one(db, "SELECT count(*) FROM tag WHERE name = 'marker'") == 0
        assert one(db, "SELECT demo_anchor FROM shop_settings") == demo_anchor("va", next_month)
        assert one(db, "SELECT max(month) FROM marketing_spend") == "2026-11"
    finally:
        db.close()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no half-built file left behind


def test_open_demo_rebuilds_a_damaged_file() -> None:
    path = paths.demo_db_path("va")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 10)
    db = open_demo("va", TODAY)
    try:
        assert one(db, "SELECT count(*) FROM client") > 0
    finally:
        db.close()


def test_opening_a_current_demo_loads_neither_the_builder_nor_sqlalchemy() -> None:
    open_demo("va", TODAY).close()  # built now: current in a later process
    probe = (
        "import datetime as dt, sys\n"
        "from msp_desk.demo.shops import open_demo\n"
        f"open_demo('va', dt.date.fromisoformat('{TODAY.isoformat()}')).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')"
        " or m.startswith(('msp_desk.demo.build', 'msp_desk.services'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
