"""Spend and revenue imports: money read in the shop's locale, every bad cell as ``row N, column
X``, all or nothing, dry runs write nothing, re-imports add nothing twice, and the app's own
export comes back without loss (export -> import into a fresh shop -> export gives the same)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client

from msp_desk.errors import ValidationError, ValidationErrors
from msp_desk.io.imports.reading import ImportRequest, ParsedFile, parse_import
from msp_desk.services.exports.tables import export_table
from msp_desk.services.finances import revenue as rev
from msp_desk.services.finances import spend as sp
from msp_desk.services.imports.files import ImportChoice, import_file
from msp_desk.services.shop.opening import create_shop
from msp_desk.store.database import Database

EXPORT_DAY = dt.date(2026, 2, 1)
SPEND = """month,channel,amount,note
2026-01,marketing,"1,250.50",Search ads
2026-01,Outbound,800,SDR
2026-02,marketing,$900.00,
2026-01,marketing,49.50,Webinar
"""


def text(data: str, kind: str) -> ParsedFile:
    return parse_import(data.encode(), ImportRequest(kind))


def write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding=encoding)
    return path


def test_spend_is_added_once_a_month_and_channel_and_a_new_amount_is_a_change(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, "spend.csv", SPEND)
    dry = import_file(db, path, ImportChoice("spend"), dry_run=True)
    assert dry.lines() == [
        "Read 4 rows: 3 spend rows (a month's rows on one channel added up)",
        "Would add 3 spend rows: 2026-01 marketing, 2026-01 outbound, 2026-02 marketing",
        "Dry run: nothing was written",
    ]
    assert sp.spend_list(db) == []
    report = import_file(db, path, ImportChoice("spend"))
    assert report.changes is not None and report.changes.touches({"marketing_spend"})
    assert [(r.month, r.channel, r.amount_cents, r.note) for r in sp.spend_list(db)] == [
        ("2026-02", "marketing", 90_000, ""),
        ("2026-01", "marketing", 130_000, "Search ads; Webinar"),  # 1,250.50 + 49.50
        ("2026-01", "outbound", 80_000, "SDR"),
    ]
    again = import_file(db, path, ImportChoice("spend"))
    assert again.lines()[1:] == ["Unchanged: 3 spend rows"]
    write(tmp_path, "spend.csv", SPEND.replace("$900.00", "950"))
    changed = import_file(db, path, ImportChoice("spend"))
    assert changed.lines()[1:] == [
        "Updated 1 spend row: 2026-02 marketing (amount)",
        "Unchanged: 2 spend rows",
    ]
    assert sp.spend_list(db)[0].amount_cents == 95_000


def test_every_bad_spend_cell_is_named_and_nothing_is_written(db: Database, tmp_path: Path) -> None:
    bad = 'month,channel,amount\n2026-13,marketing,10\n2026-01,billboards,"12,50"\n2026-02,marketing,-5\n,outbound,\n'
    with pytest.raises(ValidationErrors) as caught:
        import_file(db, write(tmp_path, "bad.csv", bad), ImportChoice("spend"))
    assert [str(e) for e in caught.value.errors] == [
        "row 2, column month: '2026-13' is not a month: 13 is not a month number",
        "row 3, column channel: 'billboards' is not one of referral, partner, marketing, outbound, other",
        "row 3, column amount: “12,50” is not money in en_US: the comma groups thousands here; write 12.50",
        "row 4, column amount: “-5”: the amount must not be negative",
        "row 5, column month: the month is empty",
        "row 5, column amount: the amount is empty",
    ]
    assert sp.spend_list(db) == []


def test_money_is_read_in_the_shops_locale(tmp_path: Path) -> None:
    db = create_shop(tmp_path / "de.sqlite3", name="Kanzlei IT", locale="de_DE", currency="EUR")
    try:
        data = "month;channel;amount\n2026-01;marketing;1.250,50 €\n2026-02;marketing;1250.00\n"
        import_file(db, write(tmp_path, "de.csv", data), ImportChoice("spend"))
        assert [r.amount_cents for r in sp.spend_list(db)] == [125_000, 125_050]
        with pytest.raises(ValidationError, match="row 2, column amount: “1,250.50” is not money in de_DE"):
            import_file(
                db,
                write(tmp_path, "us.csv", 'month,channel,amount\n2026-03,outbound,"1,250.50"\n'),
                ImportChoice("spend"),
            )
    finally:
        db.close()


def test_spend_months_in_other_shapes() -> None:
    parsed = text("Month,Channel,Amount\n03/2026,referral,5\n2026-04-30,partner,6\n2026/5,other,7\n", "spend")
    assert [str(r.values["month"]) for r in parsed.records] == ["2026-03", "2026-04", "2026-05"]


REVENUE = """date,client,kind,description,amount,direct_cost
2026-01-12,Harbor Dental,project,Office move,"4,800.00","3,100.00"
2026-01-20,,hardware,Five laptops,"6,000.00","5,200.00"
2026-01-20,,hardware,Five laptops,"6,000.00","5,200.00"
2026-02-03,harbor dental,,Firewall,900,
"""


def test_revenue_matches_on_date_client_kind_description_and_amount(db: Database, tmp_path: Path) -> None:
    make_client(db, "Harbor Dental")
    path = write(tmp_path, "revenue.csv", REVENUE)
    report = import_file(db, path, ImportChoice("revenue"))
    assert report.lines() == [
        "Added 4 revenue rows: 2026-01-12 Office move, 2026-01-20 Five laptops, 2026-01-20 Five laptops and 1 more"
    ]
    assert [
        (r.day.isoformat(), r.client, r.kind, r.amount_cents, r.cost_cents) for r in rev.revenue_list(db)
    ] == [
        ("2026-02-03", "Harbor Dental", "project", 90_000, None),  # an empty cost is unknown
        ("2026-01-20", None, "hardware", 600_000, 520_000),
        ("2026-01-20", None, "hardware", 600_000, 520_000),  # two identical sales are two
        ("2026-01-12", "Harbor Dental", "project", 480_000, 310_000),
    ]
    assert import_file(db, path, ImportChoice("revenue")).lines() == ["Unchanged: 4 revenue rows"]
    write(tmp_path, "revenue.csv", REVENUE.replace("Firewall,900,", "Firewall,900,450"))
    assert import_file(db, path, ImportChoice("revenue")).lines() == [
        "Updated 1 revenue row: 2026-02-03 Firewall (direct cost)",
        "Unchanged: 3 revenue rows",
    ]


def test_revenue_by_month_for_an_unknown_client_is_refused_whole(db: Database, tmp_path: Path) -> None:
    data = "month,client,amount\n2026-03,Nobody Inc,100\n2026-04,,abc\n2026-05,,\n"
    with pytest.raises(ValidationErrors) as caught:
        import_file(db, write(tmp_path, "r.csv", data), ImportChoice("revenue"))
    assert [str(e) for e in caught.value.errors] == [
        "row 3, column amount: “abc” is not an amount of money in en_US: write it like 1,250.50",
        "row 4, column amount: the amount is empty",
    ]
    with pytest.raises(ValidationError, match="row 2, column client: there is no client named 'Nobody Inc'"):
        import_file(
            db,
            write(tmp_path, "r.csv", "month,client,amount\n2026-03,Nobody Inc,100\n"),
            ImportChoice("revenue"),
        )
    assert rev.revenue_list(db) == []
    import_file(db, write(tmp_path, "r.csv", "month,amount\n2026-03,100\n"), ImportChoice("revenue"))
    assert [(r.day.isoformat(), r.kind) for r in rev.revenue_list(db)] == [("2026-03-01", "project")]
    with pytest.raises(ValidationError, match="the file has no date or month column"):
        text("client,amount\nx,1\n", "revenue")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_apps_own_export_comes_back_without_loss(db: Database, tmp_path: Path, suffix: str) -> None:
    """Export spend and revenue, import them into a brand-new shop, export again: the same files."""
    client = make_client(db, "Harbor Dental")
    sp.add_spend(db, month="2026-01", channel="marketing", amount_cents=125_050, note="Search ads, =SUM(A1)")
    sp.add_spend(db, month="2026-01", channel="referral", amount_cents=0)
    sp.add_spend(db, month="2025-12", channel="outbound", amount_cents=80_000, note="SDR")
    rev.add_revenue(
        db,
        day=dt.date(2026, 1, 12),
        amount_cents=480_000,
        cost_cents=310_000,
        client_id=client,
        description="Office move",
    )
    rev.add_revenue(
        db, day=dt.date(2026, 1, 20), amount_cents=600_001, kind="hardware", description="Laptops"
    )
    fresh = create_shop(tmp_path / "fresh.sqlite3")
    try:
        make_client(fresh, "Harbor Dental")
        for kind in ("spend", "revenue"):
            first = tmp_path / f"{kind}{suffix}"
            export_table(db, kind, first, EXPORT_DAY)
            import_file(fresh, first, ImportChoice(kind))
            second = tmp_path / f"{kind}-again{suffix}"
            export_table(fresh, kind, second, EXPORT_DAY)
            if suffix == ".csv":
                assert second.read_bytes() == first.read_bytes(), kind
        assert [(r.month, r.channel, r.amount_cents, r.note) for r in sp.spend_list(fresh)] == [
            (r.month, r.channel, r.amount_cents, r.note) for r in sp.spend_list(db)
        ]
        assert [
            (r.day, r.client, r.kind, r.amount_cents, r.cost_cents, r.description)
            for r in rev.revenue_list(fresh)
        ] == [
            (r.day, r.client, r.kind, r.amount_cents, r.cost_cents, r.description)
            for r in rev.revenue_list(db)
        ]
    finally:
        fresh.close()
