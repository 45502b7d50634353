"""A client from the owner's existing book: created active on a tier from a past date, at the
list price or at exactly the monthly price it pays; refused whole when anything is wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client, make_ladder, table_rows
from sqlmodel import select

from msp_desk.domain.clients import Client
from msp_desk.domain.contracts import ContractLine
from msp_desk.domain.referrals import Referral
from msp_desk.errors import ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.clients.book import create_active_client, quote
from msp_desk.services.clients.editing import new_client_id
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.services.shop.opening import create_shop
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

TODAY = dt.date(2026, 3, 14)
START = dt.date(2026, 1, 15)
TABLES = ("client", "contract_line", "referral")


def lines_of(db: Database, client_id: int) -> list[ContractLine]:
    with db.unit_of_work() as session:
        found = session.exec(select(ContractLine).where(ContractLine.client_id == client_id))
        return sorted(found, key=lambda line: line.id or 0)


def test_at_the_list_price_the_ledger_starts_on_the_past_date(db: Database) -> None:
    ids = make_ladder(db)
    changes = create_active_client(
        db, name="Harbor Dental", tier_id=ids["Core"], seats=12, start=START, today=TODAY, industry="Dental"
    )
    client_id = new_client_id(changes)
    with db.unit_of_work() as session:
        client = session.get(Client, client_id)
        assert client is not None
        assert (client.status, client.seats, client.start_date, client.industry) == (
            "active",
            12,
            START,
            "Dental",
        )
    [line] = lines_of(db, client_id)
    assert (line.kind, line.tier_id, line.quantity, line.unit_price_cents) == (
        "tier",
        ids["Core"],
        12,
        13_500,
    )
    assert (line.start_date, line.end_date) == (START, None)
    assert client_mrr_on(db, client_id, START - dt.timedelta(days=1)) == 0
    assert client_mrr_on(db, client_id, START) == 162_000  # 12 x $135
    assert changes.message == "Added Harbor Dental, active on Core from Jan 15, 2026"


def test_an_agreed_price_that_divides_is_the_unit_price(db: Database) -> None:
    ids = make_ladder(db)
    client_id = new_client_id(
        create_active_client(
            db,
            name="Cove Legal",
            tier_id=ids["Core"],
            seats=12,
            start=START,
            today=TODAY,
            monthly_price_cents=150_000,
        )
    )
    [line] = lines_of(db, client_id)
    assert (line.tier_id, line.quantity, line.unit_price_cents, line.discount_bp) == (
        ids["Core"],
        12,
        12_500,
        0,
    )
    assert client_mrr_on(db, client_id, TODAY) == 150_000


def test_an_agreed_price_that_does_not_divide_is_exact_and_keeps_the_tier(db: Database) -> None:
    ids = make_ladder(db)
    # $1,600.00 over 7 seats: $228.57 a seat is $1,599.99, one cent over as a rounding line.
    client_id = new_client_id(
        create_active_client(
            db,
            name="Pine Vets",
            tier_id=ids["Core"],
            seats=7,
            start=START,
            today=TODAY,
            monthly_price_cents=160_000,
        )
    )
    tier_line, rounding = lines_of(db, client_id)
    assert (tier_line.kind, tier_line.tier_id, tier_line.quantity, tier_line.unit_price_cents) == (
        "tier",
        ids["Core"],
        7,
        22_857,
    )
    assert (rounding.kind, rounding.quantity, rounding.unit_price_cents) == ("custom", 1, 1)
    assert rounding.description == "Core: rounding to the agreed monthly price"
    assert client_mrr_on(db, client_id, START) == 160_000
    # The seats move at the agreed unit price; the tier is still the client's.
    ledger.change_seats(db, client_id, 8, dt.date(2026, 3, 1))
    assert client_mrr_on(db, client_id, dt.date(2026, 3, 1)) == 8 * 22_857 + 1
    ledger.change_tier(db, client_id, ids["Growth"], dt.date(2026, 4, 1))  # finds the tier line


def test_add_ons_are_listed_and_the_tier_gets_what_they_leave(db: Database) -> None:
    ids = make_ladder(db)
    # Backup $15 a seat x 5 = $75; $1,000.00 - $75 = $925 over 5 seats = $185 a seat.
    client_id = new_client_id(
        create_active_client(
            db,
            name="Aster Books",
            tier_id=ids["Core"],
            seats=5,
            start=START,
            today=TODAY,
            addon_ids=[ids["Backup"]],
            monthly_price_cents=100_000,
        )
    )
    tier_line, backup = lines_of(db, client_id)
    assert (tier_line.unit_price_cents, backup.addon_id, backup.unit_price_cents) == (
        18_500,
        ids["Backup"],
        1_500,
    )
    assert client_mrr_on(db, client_id, START) == 100_000


def test_the_quote_is_the_list_price_of_the_start_day(db: Database) -> None:
    ids = make_ladder(db)
    assert quote(db, ids["Core"], 12, START).list_cents == 162_000
    assert quote(db, ids["Core"], 12, START, [ids["vCIO sessions"]]).list_cents == 162_000 + 50_000
    found = quote(db, ids["Core"], 12, START, monthly_price_cents=150_000)
    assert (found.list_cents, found.agreed_cents, found.monthly_cents) == (162_000, 150_000, 150_000)
    assert quote(db, ids["Core"], 12, START, monthly_price_cents=162_000).agreed_cents is None


def test_hours_for_a_va_agency_are_billed_in_blocks(tmp_path: Path) -> None:
    db = create_shop(tmp_path / "va.sqlite3", kind="va", name="Remote Hands")
    try:
        with db.unit_of_work() as session:
            from msp_desk.domain.ladder import Tier

            core = session.exec(select(Tier).where(Tier.name == "Core")).one()
            block, price = core.hours_per_block or 1, core.price_cents
            core_id = core.saved_id
        client_id = new_client_id(
            create_active_client(
                db, name="Acme Coaching", tier_id=core_id, seats=45, start=START, today=TODAY
            )
        )
        assert client_mrr_on(db, client_id, START) == -(-45 // block) * price
    finally:
        db.close()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "Kestrel Insurance"}, "name"),  # taken (names ignore case)
        ({"name": "Bad\x07Name"}, "name"),
        ({"seats": 0}, "seats"),
        ({"start": TODAY + dt.timedelta(days=367)}, "start"),
        ({"monthly_price_cents": 0}, "monthly_price"),
        ({"monthly_price_cents": 10**15}, "monthly_price"),
        ({"addon_names": ["vCIO sessions"], "monthly_price_cents": 40_000}, "monthly_price"),
    ],
)
def test_a_refused_client_writes_nothing(db: Database, fields: dict[str, object], field: str) -> None:
    ids = make_ladder(db)
    make_client(db, "kestrel insurance")
    before = table_rows(db, TABLES)
    given: dict[str, object] = {"name": "New One", "tier_id": ids["Core"], "seats": 3, "start": START}
    given.update(fields)
    names = given.pop("addon_names", [])
    assert isinstance(names, list)
    with pytest.raises(ValidationError) as refused:
        create_active_client(db, today=TODAY, addon_ids=[ids[n] for n in names], **given)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert table_rows(db, TABLES) == before


def test_a_referring_client_gets_the_credit_and_undo_removes_it_all(db: Database) -> None:
    ids = make_ladder(db)
    referrer = make_client(db, "Kestrel Insurance", status="active")
    before = table_rows(db, TABLES)
    changes = create_active_client(
        db,
        name="Lark Studio",
        tier_id=ids["Starter"],
        seats=2,
        start=START,
        today=TODAY,
        referrer_client_id=referrer,
    )
    with db.unit_of_work() as session:
        referral = session.exec(select(Referral)).one()
        assert (referral.company, referral.referrer_client_id, referral.received_on) == (
            "Lark Studio",
            referrer,
            START,
        )
        client = session.get(Client, new_client_id(changes))
        assert client is not None and client.channel == "referral"
    assert changes.journal is not None
    revert(db, changes.journal, "add")
    assert table_rows(db, TABLES) == before


def test_the_message_writes_the_start_as_the_shops_locale_does(tmp_path: Path) -> None:
    """A German shop reads ``15.01.2026`` in the status bar, as on every page (never ISO)."""
    db = create_shop(tmp_path / "de.sqlite3", name="Hafen IT", locale="de_DE", currency="EUR")
    try:
        with db.unit_of_work() as session:
            from msp_desk.domain.ladder import Tier

            core_id = session.exec(select(Tier).where(Tier.name == "Core")).one().saved_id
        changes = create_active_client(
            db, name="Zahnarzt Kühn", tier_id=core_id, seats=4, start=START, today=TODAY
        )
        assert changes.message == "Added Zahnarzt Kühn, active on Core from 15.01.2026"
    finally:
        db.close()
