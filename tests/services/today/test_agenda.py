"""The agenda: the renewals window (month ends, 29 February), what each group lists, a new shop's
agenda filling as its clients are added, and done / snooze / reassign on a task."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_client
from hypothesis import given
from hypothesis import strategies as st

from msp_desk.errors import ValidationError
from msp_desk.services.clients.editing import create_client, new_client_id, update_profile
from msp_desk.services.referrals.pipeline import add_referral
from msp_desk.services.today.agenda import agenda, may_renew_between, next_renewal, renewal_window
from msp_desk.services.today.tasks import complete_task, owner_names, reassign_task, snooze_task
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

TODAY = dt.date(2026, 3, 2)
D = dt.date


# -- the renewals window -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("renewal", "term", "today", "expected"),
    [
        (D(2026, 4, 30), 12, D(2026, 3, 2), D(2026, 4, 30)),  # still ahead: itself
        (D(2026, 3, 2), 12, D(2026, 3, 2), D(2026, 3, 2)),  # today counts
        (D(2025, 3, 1), 12, D(2026, 3, 2), D(2027, 3, 1)),  # a day past: a whole term on
        (D(2024, 2, 29), 12, D(2025, 2, 1), D(2025, 2, 28)),  # no 29 February in 2025
        (D(2024, 2, 29), 12, D(2027, 3, 1), D(2028, 2, 29)),  # back on the 29th in a leap year
        (D(2024, 2, 29), None, D(2026, 1, 10), D(2026, 2, 28)),  # no term: yearly
        (D(2026, 1, 31), 1, D(2026, 2, 15), D(2026, 2, 28)),  # monthly from the 31st: February's end
        (D(2026, 1, 31), 1, D(2026, 3, 1), D(2026, 3, 31)),  # ... and the 31st again after it
        (D(2025, 8, 31), 6, D(2026, 1, 1), D(2026, 2, 28)),  # half-yearly from 31 August
        (D(2023, 11, 30), 3, D(2024, 2, 1), D(2024, 2, 29)),  # quarterly into a leap February
    ],
)
def test_next_renewal_rolls_on_by_whole_terms(
    renewal: dt.date, term: int | None, today: dt.date, expected: dt.date
) -> None:
    assert next_renewal(renewal, term, today) == expected


@pytest.mark.parametrize(
    ("today", "last"),
    [
        (D(2026, 3, 2), D(2026, 5, 1)),  # 29 + 30 + 1 days
        (D(2026, 12, 31), D(2027, 3, 1)),  # across a year end and a short February
        (D(2027, 12, 31), D(2028, 2, 29)),  # ends on a leap day
        (D(2028, 1, 1), D(2028, 3, 1)),  # a leap February inside the window
    ],
)
def test_renewal_window_is_today_and_the_next_60_days(today: dt.date, last: dt.date) -> None:
    assert renewal_window(today) == (today, last)


@given(
    renewal=st.dates(D(2015, 1, 1), D(2032, 12, 31)),
    term=st.one_of(st.none(), st.integers(0, 36)),
    today=st.dates(D(2020, 1, 1), D(2030, 12, 31)),
)
def test_the_quick_renewal_test_never_drops_a_renewal_in_the_window(
    renewal: dt.date, term: int | None, today: dt.date
) -> None:
    first, last = renewal_window(today)
    if first <= next_renewal(renewal, term, today) <= last:  # a renewal shown: the test lets it through
        assert may_renew_between(renewal, term, first, last)


def test_the_quick_renewal_test_drops_a_contract_renewing_in_another_month() -> None:
    first, last = renewal_window(D(2026, 3, 2))  # March to May 1
    assert not may_renew_between(D(2025, 7, 10), 12, first, last)  # renews in July
    assert not may_renew_between(D(2025, 8, 31), 6, first, last)  # February and August
    assert may_renew_between(D(2025, 11, 30), 6, first, last)  # May: then the exact day decides


def test_a_renewal_shows_on_the_60th_day_and_not_the_61st(db: Database) -> None:
    today = D(2027, 12, 31)
    make_client(db, "Leap Day Dental", status="active", renewal_date=D(2028, 2, 29), term_months=12)
    make_client(db, "March Logistics", status="active", renewal_date=D(2028, 3, 1), term_months=12)
    make_client(db, "Prospect Co", status="prospect", renewal_date=D(2028, 1, 10))  # not a client yet
    make_client(db, "Rolled On Ltd", status="active", renewal_date=D(2027, 1, 15), term_months=12)
    renewals = [(i.client, i.due) for i in agenda(db, today) if i.kind == "renewal"]
    assert renewals == [("Rolled On Ltd", D(2028, 1, 15)), ("Leap Day Dental", D(2028, 2, 29))]


# -- what the groups list ----------------------------------------------------------------------------


def test_a_new_shop_s_agenda_fills_as_its_clients_are_added(db: Database) -> None:
    assert agenda(db, TODAY) == []
    changes = create_client(db, "Harbor Dental", status="onboarding", today=TODAY)
    onboarding = [(i.kind, i.due, i.client, i.title) for i in agenda(db, TODAY)]
    # The checklist's steps due within the week (kickoff in 2 days); the rest show as they come due.
    assert onboarding == [
        ("onboarding", D(2026, 3, 4), "Harbor Dental", "Kickoff meeting: goals, contacts and access")
    ]
    later = [i.title for i in agenda(db, D(2026, 3, 16))]
    assert later == [
        "Kickoff meeting: goals, contacts and access",
        "Document the network, accounts and vendors",
        "Security baseline: MFA, backups, patching",
    ]
    assert [i.overdue for i in agenda(db, D(2026, 3, 16))] == [True, False, False]  # the 2nd is due today
    add_referral(db, "Lakeside Vet", TODAY, referrer_client_id=new_client_id(changes), follow_up_on=TODAY)
    kinds = [(i.kind, i.title) for i in agenda(db, TODAY)]
    assert kinds[0] == (
        "follow_up",
        "Contact Lakeside Vet (referred by Harbor Dental)",
    )  # follow-ups before onboarding


def test_tasks_are_grouped_in_the_agenda_s_order(db: Database) -> None:
    from msp_desk.domain.reviews import Task

    client = make_client(db, "Kestrel Insurance", status="active")
    with db.unit_of_work() as session:
        for kind, days in (("check_in", 1), ("onboarding", 2), ("qbr", 6), ("renewal", 40), ("qbr", 8)):
            session.add(
                Task(
                    due_on=TODAY + dt.timedelta(days=days),
                    kind=kind,
                    title=f"{kind} {days}",
                    client_id=client,
                )
            )
    assert [i.title for i in agenda(db, TODAY)] == ["qbr 6", "renewal 40", "onboarding 2", "check_in 1"]


def test_a_churned_clients_account_tasks_leave_the_agenda(db: Database) -> None:
    """Its QBR, check-in, renewal and onboarding tasks are moot once it has left; a reward to pay
    its referrer or a follow-up still stands."""
    from msp_desk.domain.reviews import Task

    gone = make_client(db, "Gone Ltd", status="churned")
    with db.unit_of_work() as session:
        for kind in ("qbr", "check_in", "renewal", "onboarding", "follow_up"):
            session.add(Task(due_on=TODAY, kind=kind, title=f"{kind} of Gone Ltd", client_id=gone))
    assert [i.title for i in agenda(db, TODAY)] == ["follow_up of Gone Ltd"]


# -- done, snooze, reassign ---------------------------------------------------------------------------


def test_done_snooze_and_reassign_each_one_undoable_write(db: Database) -> None:
    client = new_client_id(create_client(db, "Harbor Dental", status="onboarding", today=TODAY))
    kickoff = next(i for i in agenda(db, TODAY) if i.kind == "onboarding")
    assert kickoff.task_id is not None and kickoff.owner == ""

    snoozed = snooze_task(db, kickoff.task_id, D(2026, 3, 9))
    assert snoozed.message == "Snoozed to Mar 9, 2026: Kickoff meeting: goals, contacts and access"
    assert snoozed.clients == {client}
    again = snooze_task(db, kickoff.task_id, D(2026, 3, 20))  # out of this week's agenda
    assert [i.task_id for i in agenda(db, TODAY)] == []
    (shown,) = [i for i in agenda(db, D(2026, 3, 20)) if i.task_id == kickoff.task_id]
    assert shown.due == D(2026, 3, 20) and shown.snoozed_from == D(2026, 3, 4)  # the first due date kept
    revert(db, again.journal, "undo")  # type: ignore[arg-type]
    assert [i.due for i in agenda(db, TODAY)] == [D(2026, 3, 9)]
    with pytest.raises(ValidationError, match="snooze to a day after Mar 9, 2026"):
        snooze_task(db, kickoff.task_id, D(2026, 3, 9))

    reassign_task(db, kickoff.task_id, "  Sam  Lee ")
    assert [i.owner for i in agenda(db, TODAY)] == ["Sam Lee"]
    assert owner_names(db) == ["Sam Lee"]
    with pytest.raises(ValidationError):
        reassign_task(db, kickoff.task_id, "Sam\x07")

    done = complete_task(db, kickoff.task_id, TODAY)
    assert done.message == "Done: Kickoff meeting: goals, contacts and access"
    assert agenda(db, TODAY) == []
    with pytest.raises(ValidationError, match="already done"):
        complete_task(db, kickoff.task_id, TODAY)
    revert(db, done.journal, "undo")  # type: ignore[arg-type]
    assert [i.title for i in agenda(db, TODAY)] == ["Kickoff meeting: goals, contacts and access"]


def test_a_client_s_new_tasks_are_its_account_lead_s(db: Database) -> None:
    client = make_client(db, "Kestrel Insurance", status="prospect")
    update_profile(db, client, account_lead=" Priya ")
    from msp_desk.services.clients.editing import set_status

    set_status(db, client, "onboarding", TODAY)
    owners = {i.owner for i in agenda(db, D(2026, 6, 30))}
    assert owners == {"Priya"}
    assert owner_names(db) == ["Priya"]
