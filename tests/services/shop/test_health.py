"""The health check names every value written around the app that a reader would trip on, and
repair recomputes what it can and says why it leaves the rest."""

from __future__ import annotations

import datetime as dt
import inspect
import re
import sqlite3
from pathlib import Path

import pytest
from factories import make_client, make_ladder

from msp_desk import domain
from msp_desk.domain.tickets import Ticket
from msp_desk.services.accounts import ledger
from msp_desk.services.shop.health import Problem, check, listing, repair
from msp_desk.store.database import Database
from msp_desk.store.queries.health.columns import CHOICES

NOT_A_DATE = "start_date 'not-a-date' is not a date (YYYY-MM-DD from 1900 on)"


@pytest.fixture
def shop(db: Database) -> Database:
    """Acme Dental on 8 Growth seats with Backup from 2026-01-01 (lines 1 and 2), one P2 ticket
    (ticket 1), and Birch Law, a prospect."""
    ids = make_ladder(db)
    acme = make_client(db, "Acme Dental", industry="dental")
    make_client(db, "Birch Law")
    ledger.start_client(db, acme, ids["Growth"], 8, dt.date(2026, 1, 1), [ids["Backup"]])
    with db.unit_of_work() as session:
        session.add(Ticket(client_id=acme, external_id="T-1", subject="Printer", priority="P2",
                           opened_at=dt.datetime(2026, 2, 2, 9, 0), resolved_at=dt.datetime(2026, 2, 2, 11, 0)))  # fmt: skip
    return db


def around_the_app(path: Path, *statements: str) -> None:
    """Write with plain sqlite3, as another tool or a bad script would."""
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def found(db: Database) -> list[str]:
    """What check says, the stale figures the bad writes leave aside (they are checked below)."""
    return [p.text for p in check(db) if p.kind != "derived"]


def test_a_factory_shop_is_healthy(shop: Database) -> None:
    assert check(shop) == []


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            "UPDATE contract_line SET unit_price_cents = -500 WHERE id = 1",
            "contract_line 1 (Acme Dental): unit_price_cents -500 is negative",
        ),
        ("UPDATE contract_line SET start_date = 'not-a-date' WHERE id = 2", f"contract_line 2 (Acme Dental): {NOT_A_DATE}"),
        (
            "UPDATE client SET status = 'bogus' WHERE id = 2",
            "client 2 (Birch Law): status 'bogus' is not one of prospect, onboarding, active, paused, churned",
        ),
        (
            "UPDATE client SET name = 'Birch' || char(0) || ' Law', name_key = 'birch' || char(0) || ' law' WHERE id = 2",
            r"client 2 (Birch\x00 Law): name 'Birch\x00 Law' contains a control character (U+0000)",
        ),
        ("UPDATE ticket SET priority = 'P9' WHERE id = 1", "ticket 1 (Acme Dental): priority 'P9' is not one of P1, P2, P3, P4"),
        ("UPDATE contract_line SET quantity = -3 WHERE id = 2", "contract_line 2 (Acme Dental): quantity -3 is below 1"),
        (
            "INSERT INTO contract_line (created_at, updated_at, client_id, kind, tier_id, description, quantity,"
            " unit_price_cents, period, discount_bp, start_date, change) SELECT created_at, updated_at,"
            " client_id, kind, tier_id, description, quantity, unit_price_cents, period, discount_bp,"
            " '2026-03-01', change FROM contract_line WHERE id = 1",
            "contract_line 1 (Acme Dental): runs on the same days as contract_line 3 for the same item ('Growth')",
        ),
        ("UPDATE contract_line SET discount_bp = 10001 WHERE id = 1", "contract_line 1 (Acme Dental): discount_bp 10001 is above the plausible maximum 10000"),
        ("UPDATE tier SET price_cents = 100000000001 WHERE id = 1", "tier 1 (Starter): price_cents 100000000001 is above the plausible maximum 100000000000"),
        ("UPDATE contract_line SET unit_price_cents = 'abc' WHERE id = 1", "contract_line 1 (Acme Dental): unit_price_cents 'abc' is not a whole number"),
        ("UPDATE contract_line SET quantity = 2.5 WHERE id = 1", "contract_line 1 (Acme Dental): quantity 2.5 is not a whole number"),
        ("UPDATE ticket SET fcr = 2 WHERE id = 1", "ticket 1 (Acme Dental): fcr 2 is not 0 or 1"),
        (
            "UPDATE ticket SET opened_at = '2026-02-30 09:00:00' WHERE id = 1",
            "ticket 1 (Acme Dental): opened_at '2026-02-30 09:00:00' is not a date and time (YYYY-MM-DD HH:MM:SS from 1900 on)",
        ),
        ("UPDATE client SET start_date = '0001-01-01' WHERE id = 1", "client 1 (Acme Dental): start_date '0001-01-01' is not a date (YYYY-MM-DD from 1900 on)"),
        ("UPDATE client SET start_date = 20260101 WHERE id = 1", "client 1 (Acme Dental): start_date 20260101 is not a date (YYYY-MM-DD from 1900 on)"),
        ("UPDATE client SET name = '  ', name_key = '' WHERE id = 2", "client 2: name is empty"),
        ("UPDATE tier SET name = 'Core' || char(10) || 'Plus' WHERE id = 2", r"tier 2 (Core\x0aPlus): name 'Core\nPlus' contains a control character (U+000A)"),
        (
            "INSERT INTO marketing_spend (created_at, updated_at, month, channel, amount_cents, note)"
            " VALUES ('2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-13', 'marketing', 100, '')",
            "marketing_spend 1: month '2026-13' is not a month (YYYY-MM from 1900 on)",
        ),
        ("UPDATE contract_line SET kind = 'addon' WHERE id = 1", "contract_line 1 (Acme Dental): an add-on line names no add-on"),
        ("UPDATE contract_line SET end_date = '2025-12-31' WHERE id = 1", "contract_line 1 (Acme Dental): ends (2025-12-31) before it starts (2026-01-01)"),
        ("UPDATE shop_settings SET locale = 'xx_bogus'", "shop_settings 1 (My shop): locale 'xx_bogus' is not a known locale"),
    ],
)  # fmt: skip
def test_check_names_each_value_written_around_the_app(
    shop: Database, db_path: Path, statement: str, expected: str
) -> None:
    if "shop_settings" in statement:
        from msp_desk.services.shop.settings import save_settings

        save_settings(shop)  # the row exists once the shop is set up
    around_the_app(db_path, statement)
    assert found(shop) == [expected]


def test_repair_recomputes_what_it_can_and_says_why_it_leaves_the_rest(shop: Database, db_path: Path) -> None:
    around_the_app(
        db_path,
        "UPDATE contract_line SET unit_price_cents = unit_price_cents + 1000 WHERE id = 1",  # fine, but stale
        "UPDATE contract_line SET start_date = 'not-a-date' WHERE id = 2",
        "UPDATE ticket SET priority = 'P9' WHERE id = 1",
        "UPDATE client SET name = 'Acme Dental Group' WHERE id = 1",  # its name key is now stale
        "INSERT INTO derived_cache (created_at, updated_at, key, version, payload)"
        " VALUES ('2026-01-01 00:00:00', '2026-01-01 00:00:00', 'kpis', '1', '{}')",
    )
    before = check(shop)
    assert [(p.kind, p.table, p.row_id, p.repairable) for p in before] == [
        ("date", "contract_line", 2, False),
        ("choice", "ticket", 1, False),
        ("derived", "contract_line", 1, True),
        ("derived", "contract_line", 2, True),
        ("stored", "derived_cache", None, True),  # stored at revision 0, the data has moved on
        ("name-key", "client", 1, True),
    ]
    done = repair(shop)
    assert (
        done.changes.message
        == "Recomputed the figures of 2 rows; set 1 client name key again; dropped 1 stored figure"
    )
    assert listing(done.remaining, advice=True) == [
        f"contract_line 2 (Acme Dental Group): {NOT_A_DATE}; fix it in the app (Clients → Acme Dental Group) or restore a backup",
        "ticket 1 (Acme Dental Group): priority 'P9' is not one of P1, P2, P3, P4;"
        " correct it where it came from (an import, another tool) or restore a backup",
    ]
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT mrr_cents FROM contract_line WHERE id = 1").fetchone() == (8 * 18_500,)
    assert con.execute("SELECT name_key FROM client WHERE id = 1").fetchone() == ("acme dental group",)
    assert con.execute("SELECT count(*) FROM derived_cache").fetchone() == (0,)
    con.close()


def test_repair_never_guesses_a_name_key_two_clients_would_share(shop: Database, db_path: Path) -> None:
    around_the_app(db_path, "UPDATE client SET name = 'ACME DENTAL' WHERE id = 2")  # folds like client 1
    (problem,) = check(shop)
    assert (problem.kind, problem.repairable) == ("name-key", False)
    assert repair(shop).remaining == [problem]


def test_a_badly_damaged_file_is_listed_twenty_rows_a_kind(shop: Database, db_path: Path) -> None:
    rows = ", ".join(
        f"('2026-01-01 00:00:00', '2026-01-01 00:00:00', 1, 'P2', '{n}', 'not-a-time', 'T-{n}', 'x', '')"
        for n in range(30)
    )
    around_the_app(
        db_path,
        "INSERT INTO ticket (created_at, updated_at, client_id, priority, subject, opened_at, external_id,"
        f" source, first_response_at) VALUES {rows}",
    )
    problems = check(shop)
    assert len(problems) == 60  # each new ticket's opening and first response
    lines = listing(problems)
    assert len(lines) == 21
    assert lines[0] == (
        "ticket 2 (Acme Dental): first_response_at '' is not a date and time (YYYY-MM-DD HH:MM:SS from 1900 on)"
    )
    assert lines[-1] == "… and 40 more bad dates and times"


def test_problems_sort_by_kind_then_table_then_row() -> None:
    problems = [
        Problem("derived", "ticket", 2, "b"),
        Problem("date", "ticket", 9, "a"),
        Problem("date", "client", 3, "c"),
    ]
    assert [p.text for p in sorted(problems, key=Problem.sort_key)] == ["c", "a", "b"]


def test_every_word_list_the_domain_validates_is_checked() -> None:
    """Each ``rules.known(x.column, Enum, ...)`` in a ``validate_*`` function has its column in
    the check's word lists, with the same words (a new one cannot be forgotten)."""
    from msp_desk.store.tables import MODELS

    tables = {model: name for name, model in MODELS.items()}
    known = re.compile(r"rules\.known\(\s*(\w+)\.(\w+),\s*(\w+)")
    seen = set()
    for module in (
        domain.clients,
        domain.contracts,
        domain.ladder,
        domain.referrals,
        domain.reviews,
        domain.shop,
        domain.tickets,
    ):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("validate_") or function.__module__ != module.__name__:
                continue
            hints = inspect.get_annotations(function, eval_str=True)
            for param, column, enum_name in known.findall(inspect.getsource(function)):
                table = tables[hints[param]]
                enum = getattr(module, enum_name)
                assert CHOICES.get((table, column)) == tuple(e.value for e in enum), (table, column)
                seen.add((table, column))
    assert seen == {key for key in CHOICES if key != ("shop_settings", "paper")}
