"""The app's own exports come back whole: a realistic shop's clients, contacts and tickets,
exported as CSV or XLSX, imported into a new shop with the same ladder, export the same rows
again, with the same MRR per client and in all; imported again into that shop they add and
change nothing, not a byte of any row."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from msp_desk.demo.shops import build_demo
from msp_desk.io.columns import field_names
from msp_desk.io.imports.reading import ImportRequest
from msp_desk.io.imports.rows import ImportOptions
from msp_desk.io.table import read_table
from msp_desk.services.clients.book import create_active_client
from msp_desk.services.clients.editing import create_client
from msp_desk.services.exports.tables import export_table
from msp_desk.services.imports.clients import import_clients
from msp_desk.services.imports.contacts import import_contacts
from msp_desk.services.imports.report import ImportReport, read_import
from msp_desk.services.imports.tickets import import_tickets
from msp_desk.services.referrals.partners import add_partner
from msp_desk.services.shop.opening import create_shop
from msp_desk.services.shop.settings import shop_profile
from msp_desk.services.tickets.editing import add_ticket
from msp_desk.store.database import Database, open_database
from msp_desk.store.queries.kpis import mrr_by_client_on

DAY = dt.date(2025, 6, 15)  # the demo's today and the day of every export and import
KINDS = ("clients", "contacts", "tickets")


@pytest.fixture(scope="module", params=["msp", "va"])
def demo_file(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo shop (built once per kind) with two clients more: a prospect, and one on a tier at
    an agreed monthly price that leaves a rounding line, with two tickets typed in the app."""
    path = tmp_path_factory.mktemp(request.param) / "demo.sqlite3"
    db = open_database(path, create=True)
    try:
        build_demo(db, request.param, DAY)
        create_client(db, "Zephyr Prospects Ltd", industry="Retail")
        tier_id = _tier_id(db, "Core" if request.param == "msp" else None)
        create_active_client(
            db,
            name="Agreed Price Dental",
            tier_id=tier_id,
            seats=7,
            start=dt.date(2025, 1, 1),
            today=DAY,
            monthly_price_cents=1_234_57,  # 7 units: 176.36 a unit and 5 cents over
        )
        client_id = _client_id(db, "Agreed Price Dental")
        # tickets typed in the app: no number, one with no source
        add_ticket(db, client_id, opened_at=dt.datetime(2025, 3, 4, 9, 15), subject="Printer jam")
        add_ticket(
            db,
            client_id,
            opened_at=dt.datetime(2025, 3, 5, 10, 0),
            resolved_at=dt.datetime(2025, 3, 5, 10, 20),
            source="phone",
            fcr=True,
        )
    finally:
        db.close()
    return path


def _tier_id(db: Database, name: str | None) -> int:
    """The tier named ``name`` (the lowest ranked when None)."""
    with db.read() as conn:
        rows = conn.exec_driver_sql("SELECT id, name FROM tier ORDER BY rank").all()
    return int(next(tid for tid, tier in rows if name in (None, tier)))


def _client_id(db: Database, name: str) -> int:
    with db.read() as conn:
        found: int = conn.exec_driver_sql("SELECT id FROM client WHERE name = ?", (name,)).scalar_one()
        return found


def _options(db: Database) -> ImportOptions:
    shop = shop_profile(db)
    return ImportOptions(locale=shop.locale, currency=shop.currency)


def _import(db: Database, kind: str, path: Path) -> ImportReport:
    """Import ``path`` as the app does (``services.imports.files.import_file``), on ``DAY``."""
    parsed = read_import(path, ImportRequest(kind, options=_options(db)))
    if kind == "clients":
        return import_clients(db, parsed, today=DAY)
    if kind == "contacts":
        return import_contacts(db, parsed)
    return import_tickets(db, parsed)


def _exported(db: Database, kind: str, out: Path) -> list[dict[str, str]]:
    """``kind``'s export of ``db`` as written, one {column: cell text} a row."""
    export_table(db, kind, out, DAY)
    table = read_table(out.read_bytes())
    assert table.header == field_names(kind)
    return [dict(zip(table.header, cells, strict=True)) for _, cells in table.rows]


def _mrr_by_name(db: Database) -> dict[str, int]:
    with db.read() as conn:
        names: dict[int, str] = {
            cid: name for cid, name in conn.exec_driver_sql("SELECT id, name FROM client")
        }
        return {names[cid]: cents for cid, cents in mrr_by_client_on(conn, DAY).items()}


def _every_row(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = open_database(path)
    try:
        with db.quick_read() as conn:
            tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {t: list(conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid')) for t in sorted(tables)}
    finally:
        db.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_comes_back_whole_and_a_reimport_changes_nothing(
    demo_file: Path, tmp_path: Path, suffix: str
) -> None:
    source_path = tmp_path / "source.sqlite3"
    shutil.copyfile(demo_file, source_path)
    source = open_database(source_path)
    shop = shop_profile(source)
    with source.read() as conn:
        partners = [name for (name,) in conn.exec_driver_sql("SELECT name FROM partner ORDER BY id")]
    files = {kind: tmp_path / f"{kind}{suffix}" for kind in KINDS}
    first = {kind: _exported(source, kind, files[kind]) for kind in KINDS}
    source_mrr = _mrr_by_name(source)
    source.close()

    target_path = tmp_path / "target.sqlite3"
    target = create_shop(
        target_path, kind=shop.kind, name=shop.name, locale=shop.locale, currency=shop.currency
    )
    try:
        for name in partners:  # partners are entered in the app: no import makes them
            add_partner(target, name)
        for kind in KINDS:
            report = _import(target, kind, files[kind])
            assert report.added and not report.updated and not report.held, report.lines()
        # every column comes back as it was: none differs by nature (no ids are exported)
        for kind in KINDS:
            again = _exported(target, kind, tmp_path / f"again-{kind}{suffix}")
            assert len(again) == len(first[kind])
            for before, after in zip(first[kind], again, strict=True):
                assert after == before, kind
        assert _mrr_by_name(target) == source_mrr
        assert sum(_mrr_by_name(target).values()) == sum(source_mrr.values()) > 0
    finally:
        target.close()

    stored = _every_row(target_path)
    target = open_database(target_path)
    try:
        for kind in KINDS:
            report = _import(target, kind, files[kind])
            assert (report.added, report.updated, report.held) == ([], [], []), report.lines()
            assert len(report.unchanged) == len(first[kind])
    finally:
        target.close()
    assert _every_row(target_path) == stored
