"""Settings > Reviews on the service side: the shop's QBR questions (stored, checked, restored,
undone, given to the record form) and the tiers' cadences saved with the open tasks following."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.domain.qbr_schedule import QBR_QUESTIONS
from msp_desk.errors import ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.ladder.cadence import Cadence, check_in_every_days
from msp_desk.services.reviews import checkins, questions
from msp_desk.services.reviews.cadences import check_in_due_after_change, save_cadences, tier_cadences
from msp_desk.services.reviews.qbrs import qbr_form, schedule_qbrs
from msp_desk.services.today.tasks import snooze_task
from msp_desk.services.undo import revert
from msp_desk.store.database import Database
from msp_desk.store.tables import SHOP_SETTINGS, TASK

TODAY = dt.date(2028, 1, 15)
D = dt.date


def open_tasks(db: Database, client_id: int, kind: str) -> list[tuple[object, ...]]:
    t = TASK.c
    query = sa.select(t.id, t.due_on, t.first_due_on).where(
        t.kind == kind, t.client_id == client_id, sa.not_(t.done)
    )
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(query.order_by(t.due_on))]


def stored_questions(db: Database) -> str:
    with db.read() as conn:
        return conn.execute(sa.select(SHOP_SETTINGS.c.qbr_questions)).scalar_one()


# -- the questions ---------------------------------------------------------------------------------


def test_a_shop_asks_seed_001s_questions_until_it_edits_its_own(db: Database) -> None:
    assert questions.qbr_questions(db) == QBR_QUESTIONS
    client_id = make_client(db, "Acme", status="active")
    assert qbr_form(db, client_id, TODAY).questions.startswith(f"{QBR_QUESTIONS[0]}\n  → ")

    changes = questions.save_qbr_questions(db, ["  What keeps you up at night? ", "", "Any new sites?"])
    assert changes.message == "Saved the QBR questions (2 questions)"
    assert questions.qbr_questions(db) == ("What keeps you up at night?", "Any new sites?")
    assert stored_questions(db) == "What keeps you up at night?\nAny new sites?"
    assert (
        qbr_form(db, client_id, TODAY).questions == "What keeps you up at night?\n  → \nAny new sites?\n  → "
    )

    revert(db, changes.journal, "Saved the QBR questions")  # undoable like every settings edit
    assert questions.qbr_questions(db) == QBR_QUESTIONS


def test_restoring_the_seed_questions_stores_nothing_of_its_own(db: Database) -> None:
    questions.save_qbr_questions(db, ["Only this"])
    changes = questions.save_qbr_questions(db, None)
    assert changes.message == "QBR questions: seed 001's restored"
    assert stored_questions(db) == ""  # a later build's seed wording reaches this shop too
    assert questions.qbr_questions(db) == QBR_QUESTIONS


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (["", "   "], "keep at least one question"),
        ([], "keep at least one question"),
        (["Fine", "Bad\x07bell"], "question 2 contains an invisible control character"),
        (["Two\nlines"], "question 1 contains a line break"),
        (["x" * 501], "question 1 is longer than 500 characters"),
    ],
)
def test_a_question_list_refused_saves_nothing(db: Database, typed: list[str], said: str) -> None:
    questions.save_qbr_questions(db, ["Kept"])
    with pytest.raises(ValidationError) as refused:
        questions.save_qbr_questions(db, typed)
    assert refused.value.field == "questions"
    assert refused.value.reason.startswith(said)
    assert questions.qbr_questions(db) == ("Kept",)


# -- the cadences ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "every", "old_due", "today", "due"),
    [
        # not yet due: the new cadence's next beat from the anchor, not before today
        (D(2027, 12, 31), 30, D(2028, 2, 29), D(2028, 1, 15), D(2028, 1, 30)),
        (D(2028, 1, 31), 29, D(2028, 3, 31), D(2028, 2, 10), D(2028, 2, 29)),  # 29 February
        (D(2025, 2, 28), 365, D(2028, 3, 1), D(2028, 2, 1), D(2028, 2, 28)),  # two beats on
        (D(2027, 10, 31), 30, D(2028, 1, 29), D(2028, 1, 15), D(2028, 1, 29)),  # 30 Nov, 30 Dec, 29 Jan
        # already overdue: a longer cadence owes it later, a shorter one leaves it where it was
        (D(2027, 11, 30), 91, D(2027, 12, 30), D(2028, 1, 10), D(2028, 2, 29)),
        (D(2027, 11, 30), 30, D(2028, 1, 29), D(2028, 2, 10), D(2028, 1, 29)),
    ],
)
def test_an_open_check_in_follows_a_new_cadence(
    anchor: dt.date, every: int, old_due: dt.date, today: dt.date, due: dt.date
) -> None:
    assert check_in_due_after_change(anchor, every, old_due, today) == due


@pytest.fixture
def premium_client(db: Database) -> dict[str, int]:
    ids = make_ladder(db)
    ids["Acme"] = make_client(db, "Acme", status="prospect")
    ledger.start_client(db, ids["Acme"], ids["Premium"], 10, D(2027, 12, 31))
    checkins.schedule_check_ins(db, TODAY)
    schedule_qbrs(db, TODAY)
    return ids


def test_saving_a_cadence_moves_the_open_check_in_and_qbr(
    db: Database, premium_client: dict[str, int]
) -> None:
    acme = premium_client["Acme"]
    assert [t[1] for t in open_tasks(db, acme, "check_in")] == [D(2028, 2, 29)]  # 31 Dec + 60 days
    assert [t[1] for t in open_tasks(db, acme, "qbr")] == [D(2028, 3, 30)]  # 31 Dec + 90 days

    changes = save_cadences(db, {premium_client["Premium"]: Cadence(check_in_days=30, qbr_days=60)}, TODAY)
    assert changes.message == "Saved the cadences of Premium; 2 open tasks moved to them"
    assert check_in_every_days(db, acme, TODAY) == 30
    assert [t[1] for t in open_tasks(db, acme, "check_in")] == [D(2028, 1, 30)]
    assert [t[1] for t in open_tasks(db, acme, "qbr")] == [D(2028, 2, 29)]  # 31 Dec + 60 days
    premium = next(t for t in tier_cadences(db) if t.name == "Premium")
    assert (premium.qbr_days, premium.check_in_days) == (60, 30)

    revert(db, changes.journal, "cadences")  # one undoable write: tier and tasks back together
    assert [t[1] for t in open_tasks(db, acme, "check_in")] == [D(2028, 2, 29)]
    assert [t[1] for t in open_tasks(db, acme, "qbr")] == [D(2028, 3, 30)]


def test_a_snoozed_task_keeps_its_day_when_the_cadence_changes(
    db: Database, premium_client: dict[str, int]
) -> None:
    acme = premium_client["Acme"]
    ((check_in_id, _due, _first),) = open_tasks(db, acme, "check_in")
    ((qbr_id, _due, _first),) = open_tasks(db, acme, "qbr")
    snooze_task(db, check_in_id, D(2028, 3, 10))
    snooze_task(db, qbr_id, D(2028, 4, 10))
    save_cadences(db, {premium_client["Premium"]: Cadence(check_in_days=30, qbr_days=60)}, TODAY)
    schedule_qbrs(db, TODAY)  # the next start-up's scheduling leaves a snoozed QBR too
    assert open_tasks(db, acme, "check_in") == [(check_in_id, D(2028, 3, 10), D(2028, 2, 29))]
    assert open_tasks(db, acme, "qbr") == [(qbr_id, D(2028, 4, 10), D(2028, 3, 30))]


def test_a_cadence_out_of_range_is_refused_naming_its_tier(
    db: Database, premium_client: dict[str, int]
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_cadences(db, {premium_client["Core"]: Cadence(check_in_days=5, qbr_days=90)}, TODAY)
    assert refused.value.field == f"check_in_days_{premium_client['Core']}"
    assert refused.value.reason == "Core, check-in call every: must be between 7 and 730 days (got 5)"
    assert next(t for t in tier_cadences(db) if t.name == "Core").check_in_days == 60


def test_saving_unchanged_cadences_moves_nothing(db: Database, premium_client: dict[str, int]) -> None:
    before = open_tasks(db, premium_client["Acme"], "check_in")
    changes = save_cadences(
        db, {t.tier_id: Cadence(t.check_in_days, t.qbr_days) for t in tier_cadences(db)}, TODAY
    )
    assert changes.message == "The cadences are as they were"
    assert open_tasks(db, premium_client["Acme"], "check_in") == before
