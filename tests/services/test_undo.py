"""Undo and redo of service writes: the database goes back exactly, and forward again."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.errors import Conflict
from msp_desk.services.accounts import ledger
from msp_desk.services.changes import Changes
from msp_desk.services.shop.settings import get_settings, save_settings
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

TABLES = ("client", "contract_line", "shop_settings")
IGNORED = {"updated_at", "created_at"}


def state(db: Database) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Every row of the tables an account action writes, volatile stamps left out."""
    found = {}
    with db.read() as conn:
        for table in TABLES:
            result = conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))  # noqa: S608 - constants
            keys = [k for k in result.keys() if k not in IGNORED]  # noqa: SIM118 - a Result, not a dict
            found[table] = [tuple(row._mapping[k] for k in keys) for row in result]
    return found


State = dict[str, list[tuple]]  # type: ignore[type-arg]


def undo_redo(db: Database, changes: Changes) -> tuple[State, State, State]:
    """Undo ``changes`` then redo it: the database after the change, after the undo, after the redo."""
    after = state(db)
    undone = revert(db, changes.journal, f"Undone: {changes.message}")  # type: ignore[arg-type]
    after_undo = state(db)
    revert(db, undone.journal, f"Redone: {changes.message}")  # type: ignore[arg-type]
    return after, after_undo, state(db)


@pytest.fixture
def account(db: Database) -> tuple[dict[str, int], int]:
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1), [ids["Backup"]])
    return ids, client


@pytest.mark.parametrize(
    "action",
    [
        lambda db, ids, c: ledger.change_tier(db, c, ids["Growth"], dt.date(2026, 3, 1)),
        lambda db, ids, c: ledger.change_seats(db, c, 14, dt.date(2026, 3, 1)),
        lambda db, ids, c: ledger.add_addon(db, c, ids["Endpoint security"], dt.date(2026, 3, 1)),
        lambda db, ids, c: ledger.remove_addon(db, c, ids["Backup"], dt.date(2026, 3, 1)),
        lambda db, ids, c: ledger.churn(db, c, dt.date(2026, 3, 1), "moved to in-house IT"),
    ],
    ids=["upgrade", "seats", "add-on", "remove add-on", "churn"],
)
def test_every_account_action_undoes_and_redoes_exactly(db: Database, account, action) -> None:  # type: ignore[no-untyped-def]
    ids, client = account
    before = state(db)
    changes = action(db, ids, client)
    assert changes.undoable
    after, after_undo, after_redo = undo_redo(db, changes)
    assert after != before and after_undo == before and after_redo == after


def test_a_start_undone_removes_its_lines_and_restores_the_prospect(db: Database) -> None:
    ids = make_ladder(db)
    client = make_client(db, "Zoë Müller Design")
    before = state(db)
    after, after_undo, after_redo = undo_redo(
        db, ledger.start_client(db, client, ids["Starter"], 4, dt.date(2026, 2, 1))
    )
    assert after != before and after_undo == before and after_redo == after


def test_settings_undo(db: Database) -> None:
    before = state(db)
    after, after_undo, after_redo = undo_redo(
        db, save_settings(db, name="Harbor Point IT")
    )  # created, removed
    assert after != before and after_undo == before and after_redo == after
    save_settings(db, name="Harbor Point IT")
    changes = save_settings(db, name="Harbor Point Technology")
    revert(db, changes.journal, "Undone")  # type: ignore[arg-type]
    assert get_settings(db).name == "Harbor Point IT"


def test_undo_refuses_when_the_rows_changed_since_and_changes_nothing(db: Database, account) -> None:  # type: ignore[no-untyped-def]
    ids, client = account
    upgrade = ledger.change_tier(db, client, ids["Growth"], dt.date(2026, 3, 1))
    ledger.change_seats(db, client, 12, dt.date(2026, 4, 1))  # a later write ends the Growth line
    after = state(db)
    with pytest.raises(Conflict, match="changed since"):
        revert(db, upgrade.journal, "Undone")  # type: ignore[arg-type]
    assert state(db) == after
