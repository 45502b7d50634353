"""Check-in calls: one open check-in task per active client on its tier's cadence, logging a
call (closes the task, schedules the next, records the satisfaction), the onboarding template
and the onboarding progress."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.errors import ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients import onboarding
from msp_desk.services.ladder import editing as ladder
from msp_desk.services.ladder.cadence import check_in_every_days, qbr_every_days
from msp_desk.services.reviews import checkins
from msp_desk.services.undo import revert
from msp_desk.store.database import Database
from msp_desk.store.tables import TASK

TODAY = dt.date(2028, 2, 29)


def check_in_tasks(db: Database, client_id: int) -> list[tuple[object, ...]]:
    t = TASK.c
    query = sa.select(t.due_on, t.done, t.done_on).where(t.kind == "check_in", t.client_id == client_id)
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(query.order_by(t.due_on))]


def set_cadence(db: Database, tier_id: int, check_in: int, qbr: int = 90) -> None:
    form = ladder.tier_form(db, tier_id, TODAY)
    ladder.update_tier(
        db,
        tier_id,
        ladder.TierForm(**{**form.__dict__, "check_in_every_days": check_in, "qbr_every_days": qbr}),
        TODAY,
    )


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    ids = make_ladder(db)
    set_cadence(db, ids["Starter"], 90, 180)
    set_cadence(db, ids["Premium"], 30)
    ids["Acme"] = make_client(db, "Acme", status="prospect")
    ledger.start_client(db, ids["Acme"], ids["Premium"], 10, dt.date(2028, 1, 30))
    ids["Birch"] = make_client(db, "Birch", status="prospect")
    ledger.start_client(db, ids["Birch"], ids["Starter"], 5, dt.date(2027, 6, 1))
    return ids


def test_the_cadences_are_the_tiers_and_the_defaults_on_no_tier(db: Database, shop: dict[str, int]) -> None:
    assert check_in_every_days(db, shop["Acme"], TODAY) == 30
    assert (check_in_every_days(db, shop["Birch"], TODAY), qbr_every_days(db, shop["Birch"], TODAY)) == (
        90,
        180,
    )
    lone = make_client(db, "Lone", status="prospect")
    assert (check_in_every_days(db, lone, TODAY), qbr_every_days(db, lone, TODAY)) == (60, 90)


def test_the_tier_cadence_is_checked(db: Database, shop: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as raised:
        set_cadence(db, shop["Core"], 3)
    assert raised.value.field == "check_in_every_days"


def test_each_active_client_gets_one_open_check_in_on_its_cadence(db: Database, shop: dict[str, int]) -> None:
    changes = checkins.schedule_check_ins(db, TODAY)
    assert changes.clients == {shop["Acme"], shop["Birch"]}
    # Acme started 30 Jan 2028 on Premium (30 days): due 29 Feb 2028, today.
    assert check_in_tasks(db, shop["Acme"]) == [(dt.date(2028, 2, 29), False, None)]
    # Birch started 1 Jun 2027 on Starter (90 days): beats 30 Aug, 28 Nov 2027, 26 Feb, 26 May 2028.
    assert check_in_tasks(db, shop["Birch"]) == [(dt.date(2028, 5, 26), False, None)]
    again = checkins.schedule_check_ins(db, TODAY)
    assert again.clients == frozenset()
    assert len(check_in_tasks(db, shop["Acme"])) == 1


def test_logging_a_call_closes_the_task_schedules_the_next_and_sets_satisfaction(
    db: Database, shop: dict[str, int]
) -> None:
    checkins.schedule_check_ins(db, TODAY)
    changes = checkins.log_check_in(
        db, shop["Acme"], TODAY, "Walk through the backup report", "Wants a restore drill", 9
    )
    assert changes.clients == {shop["Acme"]}
    assert "the next is due" in changes.message
    assert check_in_tasks(db, shop["Acme"]) == [
        (dt.date(2028, 2, 29), True, dt.date(2028, 2, 29)),
        (dt.date(2028, 3, 30), False, None),
    ]
    with db.read() as conn:
        assert (
            conn.execute(
                sa.text("SELECT satisfaction FROM client WHERE id = :c"), {"c": shop["Acme"]}
            ).scalar()
            == 9
        )
    rows = checkins.check_ins(db, shop["Acme"])
    assert [(r.day, r.purpose, r.satisfaction) for r in rows] == [
        (TODAY, "Walk through the backup report", 9)
    ]
    revert(db, changes.journal, "undo")  # type: ignore[arg-type]
    assert check_in_tasks(db, shop["Acme"]) == [(dt.date(2028, 2, 29), False, None)]
    assert checkins.check_ins(db, shop["Acme"]) == []


def test_a_call_without_satisfaction_keeps_the_clients(db: Database, shop: dict[str, int]) -> None:
    clients.update_profile(db, shop["Birch"], satisfaction=7)
    checkins.log_check_in(db, shop["Birch"], TODAY, "Plan the new office move")
    with db.read() as conn:
        assert (
            conn.execute(
                sa.text("SELECT satisfaction FROM client WHERE id = :c"), {"c": shop["Birch"]}
            ).scalar()
            == 7
        )
    assert check_in_tasks(db, shop["Birch"]) == [(dt.date(2028, 5, 29), False, None)]


@pytest.mark.parametrize("purpose", ["", "  ", "Just checking in", "checking in."])
def test_a_call_has_a_purpose(db: Database, shop: dict[str, int], purpose: str) -> None:
    with pytest.raises(ValidationError) as raised:
        checkins.log_check_in(db, shop["Acme"], TODAY, purpose)
    assert raised.value.field == "purpose"
    assert checkins.check_ins(db, shop["Acme"]) == []


def test_satisfaction_is_0_to_10(db: Database, shop: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as raised:
        checkins.log_check_in(db, shop["Acme"], TODAY, "Review the open tickets", satisfaction=11)
    assert raised.value.field == "satisfaction"


def test_a_client_marked_active_gets_its_first_check_in(db: Database) -> None:
    client_id = make_client(db, "Cedar", status="prospect")
    clients.set_status(db, client_id, "onboarding", dt.date(2028, 1, 31))
    clients.set_status(db, client_id, "active", TODAY)
    assert check_in_tasks(db, client_id) == [(dt.date(2028, 4, 29), False, None)]  # 60 days, no tier


def test_onboarding_follows_the_template_and_counts_progress(db: Database) -> None:
    assert [s.offset_days for s in onboarding.onboarding_template(db)] == [2, 14, 21, 30, 90]
    onboarding.save_template(
        db,
        [
            onboarding.Step("Kickoff", 0),
            onboarding.Step("Network documented", 30),
            onboarding.Step("First QBR", 90),
        ],
    )
    client_id = make_client(db, "Dune", status="prospect")
    clients.set_status(db, client_id, "onboarding", dt.date(2027, 1, 31))
    t = TASK.c
    query = sa.select(t.due_on, t.title).where(t.client_id == client_id).order_by(t.due_on)
    with db.read() as conn:
        tasks = [tuple(row) for row in conn.execute(query)]
    assert tasks == [
        (dt.date(2027, 1, 31), "Kickoff"),
        (dt.date(2027, 3, 2), "Network documented"),
        (dt.date(2027, 5, 1), "First QBR"),
    ]
    with db.unit_of_work() as session:
        session.execute(sa.text("UPDATE task SET done = 1 WHERE title = 'Kickoff'"))
    progress = onboarding.onboarding_progress(db, client_id, dt.date(2027, 2, 17))
    assert progress is not None
    assert progress.text() == "1 of 3 done, 17 days in"


def test_the_template_keeps_a_step_and_checks_each(db: Database) -> None:
    with pytest.raises(ValidationError):
        onboarding.save_template(db, [])
    with pytest.raises(ValidationError) as raised:
        onboarding.save_template(db, [onboarding.Step("Kickoff", 0), onboarding.Step("", 5)])
    assert "step 2" in str(raised.value)
    assert len(onboarding.onboarding_template(db)) == 5  # nothing saved


@pytest.mark.parametrize("kind", ["msp", "va"])
def test_a_new_shops_tiers_call_more_often_up_the_ladder(tmp_path, kind: str) -> None:  # type: ignore[no-untyped-def]
    from msp_desk.services.shop.opening import create_shop
    from msp_desk.store.tables import TIER

    shop_db = create_shop(tmp_path / "new.sqlite3", kind=kind)
    try:
        with shop_db.read() as conn:
            rows = conn.execute(
                sa.select(TIER.c.check_in_every_days, TIER.c.qbr_every_days).order_by(TIER.c.rank)
            ).all()
        assert [tuple(row) for row in rows] == [(90, 90), (60, 90), (30, 90), (30, 90)]
        assert onboarding.onboarding_template(shop_db)[0].title.startswith(
            "Kickoff call" if kind == "va" else "Kickoff meeting"
        )
    finally:
        shop_db.close()
