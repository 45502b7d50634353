"""The vCIO roadmap's services: items added, edited, reordered, moved between horizons, their
status set (done carries its day), the next 90 days planned at a QBR, and each write undoable."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_client, make_ladder

from msp_desk.errors import ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.reviews import roadmap
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def client_id(db: Database) -> int:
    ids = make_ladder(db)
    client = make_client(db, "Harbor Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1))  # flags need MRR
    return client


def _add(db: Database, client_id: int, title: str, horizon: str, **fields: object) -> int:
    return roadmap.new_item_id(roadmap.add_item(db, client_id, DAY, title=title, horizon=horizon, **fields))


def _titles(db: Database, client_id: int) -> list[tuple[str, str]]:
    return [(r.horizon, r.title) for r in roadmap.roadmap(db, client_id)]


def test_items_show_by_horizon_in_their_order(db: Database, client_id: int) -> None:
    _add(db, client_id, "Firewall refresh", "later")
    _add(db, client_id, "MFA everywhere", "now")
    _add(db, client_id, "Backup test", "now", est_one_off_cents=50_000, mrr_impact_cents=12_000)
    assert _titles(db, client_id) == [
        ("now", "MFA everywhere"),
        ("now", "Backup test"),
        ("later", "Firewall refresh"),
    ]
    backup = roadmap.roadmap(db, client_id)[1]
    assert (backup.status, backup.proposed_on, backup.est_one_off_cents, backup.mrr_impact_cents) == (
        "proposed",
        DAY,
        50_000,
        12_000,
    )


def test_moving_up_and_to_another_horizon(db: Database, client_id: int) -> None:
    _add(db, client_id, "A", "now")
    b = _add(db, client_id, "B", "now")
    c = _add(db, client_id, "C", "later")
    changes = roadmap.move_item(db, b, -1)
    assert client_id in changes.clients
    assert _titles(db, client_id) == [("now", "B"), ("now", "A"), ("later", "C")]
    roadmap.move_to_horizon(db, c, "now")
    assert _titles(db, client_id) == [("now", "B"), ("now", "A"), ("now", "C")]
    assert [r.title for r in roadmap.next_90_days(db, client_id)] == ["B", "A", "C"]


def _positions(db: Database, client_id: int) -> list[tuple[str, int, str]]:
    return [(r.horizon, r.position, r.title) for r in roadmap.roadmap(db, client_id)]


def test_moving_to_a_place_of_another_horizon_numbers_both_again(db: Database, client_id: int) -> None:
    _add(db, client_id, "A", "now")
    b = _add(db, client_id, "B", "now")
    _add(db, client_id, "C", "now")
    _add(db, client_id, "D", "later")
    _add(db, client_id, "E", "later")
    before = _positions(db, client_id)
    changes = roadmap.move_to(db, b, "later", 1)
    assert changes.message == "Moved B to later"
    assert client_id in changes.clients
    assert _positions(db, client_id) == [
        ("now", 0, "A"),
        ("now", 1, "C"),  # closed up behind B
        ("later", 0, "D"),
        ("later", 1, "B"),
        ("later", 2, "E"),
    ]
    revert(db, changes.journal, "undo")  # the one write undoes whole
    assert _positions(db, client_id) == before


def test_moving_to_a_place_of_its_own_horizon_reorders_it(db: Database, client_id: int) -> None:
    a = _add(db, client_id, "A", "30_days")
    _add(db, client_id, "B", "30_days")
    _add(db, client_id, "C", "30_days")
    changes = roadmap.move_to(db, a, "30_days", 2)
    assert changes.message == "Reordered A"
    assert _positions(db, client_id) == [("30_days", 0, "B"), ("30_days", 1, "C"), ("30_days", 2, "A")]
    roadmap.move_to(db, a, "30_days", -4)  # before the first: first
    assert _positions(db, client_id) == [("30_days", 0, "A"), ("30_days", 1, "B"), ("30_days", 2, "C")]
    assert not roadmap.move_to(db, a, "30_days", 0).undoable  # where it is: nothing written
    with pytest.raises(ValidationError):
        roadmap.move_to(db, a, "someday", 0)


def test_done_carries_its_day_and_undone_clears_it(db: Database, client_id: int) -> None:
    item = _add(db, client_id, "MFA everywhere", "now")
    roadmap.set_status(db, item, "done", DAY + dt.timedelta(days=3))
    assert roadmap.roadmap_item(db, item).done_on == dt.date(2026, 3, 5)
    roadmap.set_status(db, item, "in_progress", DAY)
    assert roadmap.roadmap_item(db, item).done_on is None


def test_planning_the_next_90_days_pushes_the_rest_back(db: Database, client_id: int) -> None:
    now = _add(db, client_id, "Now item", "now")
    _add(db, client_id, "Month item", "30_days")
    quarter = _add(db, client_id, "Quarter item", "this_quarter")
    declined = _add(db, client_id, "Declined item", "now", status="declined")
    later = _add(db, client_id, "Later item", "later")
    far = _add(db, client_id, "Half-year item", "6_12_months")
    roadmap.plan_next_90_days(db, client_id, [now, later], DAY)
    assert {r.title: r.horizon for r in roadmap.roadmap(db, client_id)} == {
        "Now item": "now",  # chosen, already near
        "Month item": "this_quarter",  # pushed back one
        "Quarter item": "next_quarter",
        "Declined item": "now",  # not open: stays
        "Later item": "this_quarter",  # chosen from later
        "Half-year item": "6_12_months",  # beyond the next 90 days: stays
    }
    assert {r.id for r in roadmap.next_90_days(db, client_id)} == {now, later} | {
        r.id for r in roadmap.roadmap(db, client_id) if r.title == "Month item"
    }
    assert quarter not in {r.id for r in roadmap.next_90_days(db, client_id)}
    assert declined and far


def test_every_write_undoes(db: Database, client_id: int) -> None:
    a = _add(db, client_id, "A", "now")
    _add(db, client_id, "B", "later")
    before = _titles(db, client_id)
    changes = roadmap.plan_next_90_days(db, client_id, [], DAY)
    assert _titles(db, client_id) == [("30_days", "A"), ("later", "B")]
    revert(db, changes.journal, "undo")
    assert _titles(db, client_id) == before
    deleted = roadmap.delete_item(db, a)
    assert _titles(db, client_id) == [("later", "B")]
    revert(db, deleted.journal, "undo")
    assert _titles(db, client_id) == before


def test_a_blank_title_and_two_ladder_links_are_refused(db: Database, client_id: int) -> None:
    with pytest.raises(ValidationError):
        roadmap.add_item(db, client_id, DAY, title="  ")
    addons, tiers = roadmap.ladder_links(db)
    with pytest.raises(ValidationError):
        roadmap.add_item(db, client_id, DAY, title="X", addon_id=addons[0][0], tier_id=tiers[0][0])
    assert roadmap.roadmap(db, client_id) == []


def test_a_done_item_is_a_recent_win_and_declined_advice_raises_the_flag(
    db: Database, client_id: int
) -> None:
    from msp_desk.kpi.readiness import FactorCode
    from msp_desk.kpi.review_flags import FlagCode
    from msp_desk.services.accounts.signals import account_signals

    def win(day: dt.date) -> bool | None:
        factors = account_signals(db, day)[client_id].readiness.factors
        return next(f.met for f in factors if f.code is FactorCode.RECENT_WIN)

    def flags(day: dt.date) -> set[str]:
        return {f.code for f in account_signals(db, day)[client_id].flags}

    item = _add(db, client_id, "Move files to SharePoint", "now")
    assert not win(DAY)
    roadmap.set_status(db, item, "done", DAY)
    assert win(DAY + dt.timedelta(days=10))
    for title in ("Firewall refresh", "Password manager"):
        assert FlagCode.DECLINED_ADVICE not in flags(DAY)
        roadmap.set_status(db, _add(db, client_id, title, "later"), "declined", DAY)
    assert FlagCode.DECLINED_ADVICE in flags(DAY)
