"""A clients file with tiers starts each client's ledger right (seats or hours, a start date, the
monthly price it pays); a re-import never rewrites a ledger, it says what differs; referrers,
tags and churn come in; contacts can be at a referral partner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from msp_desk.errors import ValidationError, ValidationErrors
from msp_desk.io.imports.reading import ImportRequest, parse_import
from msp_desk.io.imports.rows import ImportOptions
from msp_desk.services.imports.clients import import_clients
from msp_desk.services.imports.contacts import import_contacts
from msp_desk.services.imports.report import ImportReport
from msp_desk.services.referrals.partners import add_partner
from msp_desk.services.shop.opening import create_shop
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database

DAY = dt.date(2025, 6, 15)
HEADER = "name,status,tier,seats,mrr,start_date,churned_on,churn_reason,referred_by,tags,industry\n"


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Database]:
    """A new MSP with the default ladder: Starter 95.00, Core 135.00, Growth 175.00, Premium
    225.00 a seat."""
    db = create_shop(tmp_path / "shop.sqlite3", kind="msp")
    yield db
    db.close()


def clients(db: Database, data: str, **options: object) -> ImportReport:
    profile = shop_profile(db)
    given = {"locale": profile.locale, "currency": profile.currency, **options}
    parsed = parse_import(data.encode(), ImportRequest("clients", options=ImportOptions(**given)))  # type: ignore[arg-type]
    return import_clients(db, parsed, today=DAY)


def contacts(db: Database, data: str) -> ImportReport:
    return import_contacts(db, parse_import(data.encode(), ImportRequest("contacts")))


def rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.quick_read() as conn:
        return [tuple(row) for row in conn.execute(sql)]


LINES = (
    "SELECT c.name, l.kind, l.description, l.quantity, l.unit_price_cents, l.start_date, l.end_date "
    "FROM contract_line l JOIN client c ON c.id = l.client_id ORDER BY c.name, l.id"
)


def test_clients_on_tiers_start_their_ledger_at_the_price_they_pay(shop: Database) -> None:
    report = clients(
        shop,
        HEADER + "Acme Law,active,core,12,,2024-03-01,,,,,Legal\n"  # the list price: 12 x 135.00
        "Bolt Dental,active,Growth,7,1234.57,2024-05-01,,,,,Dental\n",  # agreed: 7 x 176.36 + 0.05
    )
    assert report.lines() == ["Added 2 clients: Acme Law, Bolt Dental"]
    assert rows(shop, LINES) == [
        ("Acme Law", "tier", "Core", 12, 135_00, "2024-03-01", None),
        ("Bolt Dental", "tier", "Growth", 7, 176_36, "2024-05-01", None),
        ("Bolt Dental", "custom", "Growth: rounding to the agreed monthly price", 1, 5, "2024-05-01", None),
    ]
    assert rows(shop, "SELECT name, status, seats, start_date FROM client ORDER BY name") == [
        ("Acme Law", "active", 12, "2024-03-01"),
        ("Bolt Dental", "active", 7, "2024-05-01"),
    ]


def test_a_va_agency_reads_hours_and_bills_blocks(tmp_path: Path) -> None:
    db = create_shop(tmp_path / "va.sqlite3", kind="va")  # Core: 380.00 a block of 10 hours
    try:
        clients(db, "name,status,tier,seats,mrr,start_date\nNova Realty,active,Core,20,760.00,2025-01-01\n")
        assert rows(db, "SELECT quantity, unit_price_cents FROM contract_line") == [(2, 380_00)]
        assert rows(db, "SELECT seats FROM client") == [(20,)]
    finally:
        db.close()


def test_money_is_read_in_the_shops_locale(tmp_path: Path) -> None:
    db = create_shop(tmp_path / "de.sqlite3", kind="msp", locale="de_DE", currency="EUR")
    try:
        data = "name;tier;seats;mrr;start_date;acquisition_cost\nMüller GmbH;Core;10;1.234,50;2025-01-01;1250.00\n"
        clients(db, data)
        assert rows(db, "SELECT sum(quantity * unit_price_cents) FROM contract_line") == [(123_450,)]
        assert rows(db, "SELECT acquisition_cost_cents FROM client") == [(125_000,)]
    finally:
        db.close()


def test_rows_that_cannot_start_a_ledger_are_refused_with_the_reason(shop: Database) -> None:
    with pytest.raises(ValidationErrors) as caught:
        clients(
            shop,
            HEADER + "A,active,Platinum,5,,2025-01-01,,,,,\n"
            "B,prospect,Core,5,,2025-01-01,,,,,\n"
            "C,active,Core,,,2025-01-01,,,,,\n"
            "D,active,Core,5,,,,,,,\n"
            "E,active,,,500.00,2025-01-01,,,,,\n"
            "F,active,Core,5,,2025-01-01,,,Nobody Inc,,\n",
        )
    assert str(caught.value).splitlines() == [
        "row 3, column tier: a prospect client is on no tier yet: leave the tier empty or make it active",
        "row 4, column seats: a client on Core needs its seats (hours for a VA agency)",
        "row 5, column start_date: a client on Core needs the day it started",
        "row 6, column mrr: a client with a monthly revenue is on a tier: say which in the tier column",
    ]
    with pytest.raises(ValidationErrors) as shop_errors:
        clients(
            shop,
            HEADER + "A,active,Platinum,5,,2025-01-01,,,,,\nF,active,Core,5,,2025-01-01,,,Nobody Inc,,\n",
        )
    assert str(shop_errors.value).splitlines() == [
        "row 2, column tier: there is no tier named 'Platinum'; the tiers are Starter, Core, Growth, Premium",
        "row 3, column referred_by: there is no client or partner named 'Nobody Inc'; add the partner first "
        "(Referrals ▸ Add partner…) or leave it empty",
    ]
    assert rows(shop, "SELECT count(*) FROM client") == [(0,)]


def test_referrers_tags_and_churn_come_in(shop: Database) -> None:
    add_partner(shop, "Dana Whitfield", "cpa")
    report = clients(
        shop,
        HEADER + "Cedar Clinic,active,Core,5,,2025-01-01,,,Zenith Law,HIPAA; at risk,Healthcare\n"
        "Elm Books,churned,,4,0.00,2023-01-01,2024-06-01,Moved away,Dana Whitfield,,Retail\n"
        "Zenith Law,churned,Core,3,405.00,2024-01-01,2025-07-01,Closing down,,,Legal\n",
    )
    assert report.lines() == ["Added 3 clients: Elm Books, Zenith Law, Cedar Clinic"]  # referrer first
    assert rows(
        shop,
        "SELECT f.company, f.received_on, by_client.name, p.name FROM client c "
        "JOIN referral f ON f.id = c.referred_by_referral_id AND f.client_id = c.id "
        "LEFT JOIN client by_client ON by_client.id = f.referrer_client_id "
        "LEFT JOIN partner p ON p.id = f.referrer_partner_id ORDER BY f.company",
    ) == [
        ("Cedar Clinic", "2025-01-01", "Zenith Law", None),
        ("Elm Books", "2023-01-01", None, "Dana Whitfield"),
    ]
    assert rows(shop, "SELECT name, status, churned_on, churn_reason, channel FROM client ORDER BY name") == [
        ("Cedar Clinic", "active", None, "", "referral"),
        ("Elm Books", "churned", "2024-06-01", "Moved away", "partner"),
        ("Zenith Law", "churned", "2025-07-01", "Closing down", None),
    ]
    # a churned client whose churn is still ahead: its lines run until the day before it leaves
    assert rows(shop, LINES) == [
        ("Cedar Clinic", "tier", "Core", 5, 135_00, "2025-01-01", None),
        ("Zenith Law", "tier", "Core", 3, 135_00, "2024-01-01", "2025-06-30"),
    ]
    assert rows(
        shop,
        "SELECT t.name FROM client_tag ct JOIN tag t ON t.id = ct.tag_id ORDER BY t.name",
    ) == [("HIPAA",), ("at risk",)]


def test_a_reimport_changes_the_profile_and_says_what_differs_of_the_ledger(shop: Database) -> None:
    clients(shop, HEADER + "Acme Law,active,Core,12,,2024-03-01,,,,vip,Legal\n")
    ledger_before = rows(shop, LINES)
    report = clients(shop, HEADER + "ACME LAW,active,Growth,14,2500.00,2024-03-01,,,,vip; north,Law firm\n")
    assert report.lines() == [
        "Updated 1 client: Acme Law (industry, tags)",
        "Kept as it is here for 1 client (a ledger and a referrer change in the app, not by a file): Acme Law (seats 14 in the "
        "file, 12 here; tier Growth in the file, Core here; mrr $2,500.00 in the file, $1,620.00 here)",
    ]
    assert rows(shop, LINES) == ledger_before
    assert rows(shop, "SELECT name, industry, seats FROM client") == [("Acme Law", "Law firm", 12)]
    assert clients(
        shop, HEADER + "Acme Law,active,Core,12,1620.00,2024-03-01,,,,north; vip,Law firm\n"
    ).lines() == ["Unchanged: 1 client"]


def test_a_client_from_a_plain_list_is_started_on_its_tier_later(shop: Database) -> None:
    clients(shop, "name,industry\nAcme Law,Legal\n")
    report = clients(shop, "name,tier,seats,start_date\nAcme Law,Starter,4,2025-02-01\n")
    assert report.lines() == ["Updated 1 client: Acme Law (seats, start_date, tier)"]
    assert rows(shop, LINES) == [("Acme Law", "tier", "Starter", 4, 95_00, "2025-02-01", None)]
    assert rows(shop, "SELECT status FROM client") == [("active",)]


def test_contacts_at_a_partner(shop: Database) -> None:
    add_partner(shop, "Dana Whitfield", "cpa")
    clients(shop, "name\nAcme Law\n")
    data = (
        "client,partner,name,email,decision_maker\n"
        "Acme Law,,José Álvarez,jose@acme.example,yes\n"
        ",dana whitfield,Dana Whitfield,dana@whitfield.example,yes\n"
    )
    assert contacts(shop, data).lines() == [
        "Added 2 contacts: José Álvarez at Acme Law, Dana Whitfield at Dana Whitfield"
    ]
    assert rows(shop, "SELECT name, client_id IS NULL, partner_id IS NULL FROM contact ORDER BY id") == [
        ("José Álvarez", 0, 1),
        ("Dana Whitfield", 1, 0),
    ]
    assert contacts(shop, data).lines() == ["Unchanged: 2 contacts"]
    with pytest.raises(ValidationError) as caught:
        contacts(shop, "client,partner,name\nAcme Law,Dana Whitfield,Kim\n,Nobody,Lee\n")
    assert caught.value.message.splitlines() == [
        "row 2, column partner: a contact is at a client or at a partner, not both (Acme Law and Dana Whitfield)"
    ]
    with pytest.raises(ValidationError) as unknown:
        contacts(shop, "partner,name\nNobody,Lee\n")  # a partners' file needs no client column
    assert unknown.value.message == (
        "row 2, column partner: there is no partner named 'Nobody'; add the partner first (Referrals ▸ Add partner…) or check the spelling"
    )


def test_a_referrer_is_added_to_a_client_without_one_and_never_replaced(shop: Database) -> None:
    add_partner(shop, "Dana Whitfield", "cpa")
    clients(shop, "name,start_date\nAcme Law,2024-03-01\nBolt Dental,2024-04-01\n")
    report = clients(shop, "name,referred_by\nAcme Law,Dana Whitfield\n")
    assert report.lines() == ["Updated 1 client: Acme Law (referred_by)"]
    assert clients(shop, "name,referred_by\nAcme Law,dana whitfield\n").lines() == ["Unchanged: 1 client"]
    other = clients(shop, "name,referred_by\nAcme Law,Bolt Dental\n")
    assert other.lines() == [
        "Unchanged: 1 client",
        "Kept as it is here for 1 client (a ledger and a referrer change in the app, not by a file): Acme Law (referred by "
        "Bolt Dental in the file, Dana Whitfield here)",
    ]
    assert rows(shop, "SELECT company, received_on, referrer_partner_id IS NOT NULL FROM referral") == [
        ("Acme Law", "2024-03-01", 1)
    ]
