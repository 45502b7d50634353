"""The tasks kept in step with the account: a first QBR ticks the onboarding step for it, a churn
closes the account's tasks (not a referral's or a reward's), a tier change moves the open call and
QBR to the new tier's cadence; each in the same unit of work as the change itself."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.domain.reviews import Task
from msp_desk.services.accounts import ledger
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients import onboarding
from msp_desk.services.ladder.cadence import Cadence
from msp_desk.services.reviews import checkins
from msp_desk.services.reviews.cadences import save_cadences
from msp_desk.services.reviews.qbrs import QbrRecord, record_qbr, schedule_qbrs
from msp_desk.services.today.tasks import snooze_task
from msp_desk.services.undo import revert
from msp_desk.store.database import Database
from msp_desk.store.tables import TASK

D = dt.date


def tasks_of(db: Database, client_id: int) -> list[tuple[object, ...]]:
    """(kind, title, due, done, done on) of the client's tasks, by kind then due day."""
    t = TASK.c
    query = sa.select(t.kind, t.title, t.due_on, t.done, t.done_on).where(t.client_id == client_id)
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(query.order_by(t.kind, t.due_on, t.id))]


def open_due(db: Database, client_id: int, kind: str) -> list[dt.date]:
    return [due for k, _t, due, done, _on in tasks_of(db, client_id) if k == kind and not done]  # type: ignore[misc]


# -- a first QBR ticks its onboarding step ----------------------------------------------------------


def test_recording_the_first_qbr_ticks_the_onboarding_step_for_it(db: Database) -> None:
    client_id = make_client(db, "Acme", status="prospect")
    clients.set_status(db, client_id, "onboarding", D(2028, 1, 1))
    changes = record_qbr(db, client_id, QbrRecord(day=D(2028, 3, 20), outcome="positive"), D(2028, 3, 20))
    assert changes.message.endswith("(onboarding step done: First QBR)")
    onboarding_steps = [
        (title, done, on) for kind, title, _due, done, on in tasks_of(db, client_id) if kind == "onboarding"
    ]
    assert onboarding_steps == [
        ("Kickoff meeting: goals, contacts and access", False, None),
        ("Document the network, accounts and vendors", False, None),
        ("Security baseline: MFA, backups, patching", False, None),
        ("First check-in call", False, None),
        ("First QBR", True, D(2028, 3, 20)),
    ]
    assert onboarding.onboarding_progress(db, client_id, D(2028, 3, 20)).text() == "1 of 5 done, 79 days in"  # type: ignore[union-attr]
    revert(db, changes.journal, "QBR")  # the same unit of work: undone together
    assert [done for kind, _t, _d, done, _on in tasks_of(db, client_id) if kind == "onboarding"] == [
        False
    ] * 5


@pytest.mark.parametrize(
    ("title", "ticked"),
    [
        ("Hold the first quarterly business review", True),
        ("QBRs start: first one", True),
        ("First review meeting", False),  # renamed without the words: left for the owner to tick
        ("Kickoff", False),
    ],
)
def test_a_renamed_qbr_step_is_found_by_its_words(db: Database, title: str, ticked: bool) -> None:
    onboarding.save_template(
        db,
        [onboarding.Step("Kickoff", 0), onboarding.Step(title, 90)]
        if title != "Kickoff"
        else [onboarding.Step("Kickoff", 0)],
    )
    client_id = make_client(db, "Acme", status="prospect")
    clients.set_status(db, client_id, "onboarding", D(2028, 1, 1))
    record_qbr(db, client_id, QbrRecord(day=D(2028, 2, 29)), D(2028, 2, 29))
    done = {t: d for kind, t, _due, d, _on in tasks_of(db, client_id) if kind == "onboarding"}
    assert done[title] is ticked
    assert done["Kickoff"] is (title == "Kickoff" and ticked)


# -- a churn closes the account's tasks -----------------------------------------------------------


def test_a_churn_closes_the_account_tasks_and_keeps_referral_and_reward_ones(db: Database) -> None:
    ids = make_ladder(db)
    client_id = make_client(db, "Acme", status="prospect")
    ledger.start_client(db, client_id, ids["Core"], 5, D(2027, 12, 31))
    checkins.schedule_check_ins(db, D(2028, 1, 15))
    schedule_qbrs(db, D(2028, 1, 15))
    with db.unit_of_work() as session:
        for kind, title in (
            ("renewal", "Renewal of Acme"),
            ("onboarding", "Security baseline"),
            ("follow_up", "Thank Acme for the referral"),
            ("reward_payout", "Pay Acme's reward"),
        ):
            session.add(Task(due_on=D(2028, 3, 1), kind=kind, title=title, client_id=client_id))
    changes = ledger.churn(db, client_id, D(2028, 2, 29), "moved in-house")
    assert tasks_of(db, client_id) == [
        (
            "check_in",
            "Check-in call with Acme (closed: the client churned)",
            D(2028, 2, 29),
            True,
            D(2028, 2, 29),
        ),
        ("follow_up", "Thank Acme for the referral", D(2028, 3, 1), False, None),
        ("onboarding", "Security baseline (closed: the client churned)", D(2028, 3, 1), True, D(2028, 2, 29)),
        ("qbr", "QBR with Acme (closed: the client churned)", D(2028, 3, 30), True, D(2028, 2, 29)),
        ("renewal", "Renewal of Acme (closed: the client churned)", D(2028, 3, 1), True, D(2028, 2, 29)),
        ("reward_payout", "Pay Acme's reward", D(2028, 3, 1), False, None),
    ]
    revert(db, changes.journal, "churn")
    assert [done for _k, _t, _d, done, _on in tasks_of(db, client_id)] == [False] * 6


# -- a tier change moves the open call and QBR ----------------------------------------------------


@pytest.fixture
def ladder(db: Database) -> dict[str, int]:
    ids = make_ladder(db)
    save_cadences(
        db,
        {
            ids["Starter"]: Cadence(check_in_days=90, qbr_days=180),
            ids["Premium"]: Cadence(check_in_days=29, qbr_days=60),
        },
        D(2028, 1, 1),
    )
    return ids


def test_an_upgrade_moves_the_open_call_and_the_qbr_to_the_new_tier(
    db: Database, ladder: dict[str, int]
) -> None:
    client_id = make_client(db, "Acme", status="prospect")
    ledger.start_client(db, client_id, ladder["Starter"], 5, D(2028, 1, 31))
    checkins.schedule_check_ins(db, D(2028, 2, 1))
    schedule_qbrs(db, D(2028, 2, 1))
    assert open_due(db, client_id, "check_in") == [D(2028, 4, 30)]  # 31 Jan + 90 days
    assert open_due(db, client_id, "qbr") == [D(2028, 7, 29)]  # 31 Jan + 180 days

    changes = ledger.change_tier(db, client_id, ladder["Premium"], D(2028, 2, 10))
    assert open_due(db, client_id, "check_in") == [D(2028, 2, 29)]  # 31 Jan + 29 days
    assert open_due(db, client_id, "qbr") == [D(2028, 3, 31)]  # 31 Jan + 60 days
    revert(db, changes.journal, "upgrade")
    assert open_due(db, client_id, "check_in") == [D(2028, 4, 30)]
    assert open_due(db, client_id, "qbr") == [D(2028, 7, 29)]


def test_a_downgrade_leaves_a_qbr_date_a_meeting_set_and_a_snoozed_call(
    db: Database, ladder: dict[str, int]
) -> None:
    client_id = make_client(db, "Acme", status="prospect")
    ledger.start_client(db, client_id, ladder["Premium"], 5, D(2027, 11, 30))
    record_qbr(db, client_id, QbrRecord(day=D(2028, 1, 20), next_qbr_on=D(2028, 3, 31)), D(2028, 1, 20))
    checkins.log_check_in(db, client_id, D(2028, 1, 31), "Backup test results", today=D(2028, 1, 31))
    assert open_due(db, client_id, "check_in") == [D(2028, 2, 29)]  # 31 Jan + 29 days

    ledger.change_tier(db, client_id, ladder["Starter"], D(2028, 2, 1))
    assert open_due(db, client_id, "check_in") == [D(2028, 4, 30)]  # 31 Jan + 90 days
    assert open_due(db, client_id, "qbr") == [D(2028, 3, 31)]  # the meeting's date stands

    ((task_id,),) = _open_ids(db, client_id, "check_in")
    snooze_task(db, task_id, D(2028, 5, 15))
    ledger.change_tier(db, client_id, ladder["Premium"], D(2028, 2, 5))
    assert open_due(db, client_id, "check_in") == [D(2028, 5, 15)]  # snoozed: the owner's day


def _open_ids(db: Database, client_id: int, kind: str) -> list[tuple[int]]:
    t = TASK.c
    with db.read() as conn:
        query = sa.select(t.id).where(t.client_id == client_id, t.kind == kind, sa.not_(t.done))
        return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]
