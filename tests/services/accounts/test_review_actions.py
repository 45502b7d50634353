"""Acting on an account: a proposed next rung lands on the roadmap, an exit plan as a task."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client

from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.accounts.review_actions import plan_exit, propose
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

TODAY = dt.date(2026, 11, 23)


def rows(db: Database, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def test_a_proposal_is_a_proposed_roadmap_item_and_undoable(db: Database) -> None:
    client = make_client(db, "Ōsaka Dental")
    changes = propose(db, client, "Move up to Growth (24/7 monitoring)", 40_000, TODAY)
    assert changes.message == "Proposed to Ōsaka Dental: Move up to Growth (24/7 monitoring)"
    assert rows(
        db, "SELECT client_id, title, status, horizon, proposed_on, mrr_impact_cents FROM roadmap_item"
    ) == [(client, "Move up to Growth (24/7 monitoring)", "proposed", "this_quarter", "2026-11-23", 40_000)]
    revert(db, changes.journal, "Undone")  # type: ignore[arg-type]
    assert rows(db, "SELECT id FROM roadmap_item") == []


def test_an_exit_plan_is_a_follow_up_due_in_two_weeks(db: Database) -> None:
    client = make_client(db, "Kestrel Insurance")
    plan_exit(db, client, TODAY, "margin 18% vs target 40%; 3.1 tickets a seat")
    assert rows(db, "SELECT kind, due_on, title, done FROM task") == [
        (
            "follow_up",
            "2026-12-07",
            "Plan the exit of Kestrel Insurance: margin 18% vs target 40%; 3.1 tickets a seat",
            0,
        )
    ]


def test_bad_input_is_refused(db: Database) -> None:
    client = make_client(db, "Zoë Müller Design")
    with pytest.raises(ValidationError, match="title"):
        propose(db, client, "  ", 0, TODAY)
    with pytest.raises(NotFound):
        plan_exit(db, 999, TODAY, "gone")
    assert rows(db, "SELECT id FROM roadmap_item UNION ALL SELECT id FROM task") == []
