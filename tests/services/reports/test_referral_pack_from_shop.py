"""The referral pack from a shop's data: the proof numbers, MTTR and SLA equal to the KPI engine's,
the words of the shop's kind, its paper, the QR code to its booking link, a new shop with nothing
made up, and ``msp-desk report referral-pack`` writing the file or saying plainly why not."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from msp_desk import formatting as fmt
from msp_desk.__main__ import main
from msp_desk.demo.shops import build_demo
from msp_desk.domain.values import last_full_month
from msp_desk.kpi.churn import logo_retention_12m
from msp_desk.kpi.mrr import client_mrr_series
from msp_desk.kpi.service_desk import mttr_hours_by_priority, sla_compliance
from msp_desk.reports.theme import page_size
from msp_desk.services.clients.editing import create_client
from msp_desk.services.clients.roster import roster
from msp_desk.services.kpis.facts import load_lines, load_tickets
from msp_desk.services.kpis.snapshots import kpis_for_month
from msp_desk.services.reports.referral_pack import referral_pack_pdf
from msp_desk.services.shop.opening import create_shop
from msp_desk.services.shop.settings import get_settings, save_settings
from msp_desk.store.database import Database, open_database

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def msp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("msp") / "msp.sqlite3")
    build_demo(db, "msp", TODAY)
    yield db
    db.close()


def _read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _rectangles(reader: PdfReader) -> int:
    content = reader.pages[0].get_contents()
    assert content is not None
    return len(re.findall(rb"\sre\b", content.get_data()))


def test_the_numbers_are_the_kpi_engines(msp: Database) -> None:
    month = last_full_month(TODAY)
    snapshot = kpis_for_month(msp, month)
    first, last = (month - 2).first_day(), month.last_day()  # the last three full months
    with msp.read() as conn:
        tickets = load_tickets(
            conn,
            dt.datetime.combine(first, dt.time.min),
            dt.datetime.combine(TODAY.replace(day=1), dt.time.min),
        )
        lines = load_lines(conn)
    mttr = mttr_hours_by_priority(tickets)
    assert mttr is not None and snapshot.nrr_12m is not None and snapshot.active_clients > 0
    series = client_mrr_series(lines, month - 12, month).values()
    retention = logo_retention_12m([s[0] for s in series], [s[-1] for s in series])
    starts = [row.start_date for row in roster(msp, TODAY, signals=False) if row.start_date]
    earliest = min(starts)
    years = TODAY.year - earliest.year - ((TODAY.month, TODAY.day) < (earliest.month, earliest.day))
    shop = get_settings(msp)

    reader, text = _read(referral_pack_pdf(msp, TODAY, industry="law firms", referrer="Bob Lee"))

    assert len(reader.pages) == 1
    assert shop.name in text
    assert "Bob Lee suggested we talk." in text and "IT that keeps law firms running" in text
    assert f"{fmt.count(snapshot.active_clients)} clients served today" in text
    assert f"{fmt.count(years)} years in business" in text
    assert f"{fmt.percent(retention, digits=0)} of clients still with us after a year" in text
    assert f"{fmt.percent(snapshot.nrr_12m, digits=0)} net revenue retention" in text
    assert (
        f"{fmt.percent(sla_compliance(tickets))} of tickets met their response and resolution targets" in text
    )
    for priority, word in (("P1", "Critical"), ("P2", "High"), ("P3", "Normal"), ("P4", "Low")):
        assert re.search(rf"{priority} {word} .*? {re.escape(fmt.hours(mttr[priority]))}", text), priority
    assert (
        f"{fmt.plural(len(tickets), 'ticket')} resolved {fmt.date_text(first)} – {fmt.date_text(last)}"
        in text
    )
    assert f"{fmt.hours(mttr['all'])} on average to resolve" in text
    assert "A free 30-minute risk walkthrough" in text and "Scan to book" in text


def test_a_referrer_named_as_a_client_is_printed_as_given(msp: Database) -> None:
    client = roster(msp, TODAY, signals=False)[0].name
    _, text = _read(referral_pack_pdf(msp, TODAY, referrer=client, prospect="Ōsaka Dental"))
    assert f"{client} suggested we talk." in text and "Prepared for Ōsaka Dental" in text


def test_a_va_agency_speaks_of_requests_and_offers_the_workflow_review(tmp_path: Path) -> None:
    db = open_database(tmp_path / "va.sqlite3")
    try:
        build_demo(db, "va", TODAY)
        _, text = _read(referral_pack_pdf(db, TODAY, industry="real estate teams"))
    finally:
        db.close()
    assert "A free 15-minute workflow review" in text and "More done every week for real estate teams" in text
    assert "of requests met their response and resolution targets" in text
    assert "per 10 hours a month" in text
    assert "ticket" not in text


def test_a_brand_new_shop_prints_a_pack_with_no_made_up_numbers(tmp_path: Path) -> None:
    db = create_shop(tmp_path / "new.sqlite3", name="Łódź Logistics IT")
    try:
        save_settings(db, paper="a4")
        reader, text = _read(referral_pack_pdf(db, TODAY, prospect="Zoë Müller"))
        create_client(db, "Ōsaka Dental", status="onboarding", today=TODAY)  # one client, no history yet
        _, one_client = _read(referral_pack_pdf(db, TODAY))
    finally:
        db.close()
    assert len(reader.pages) == 1
    width, height = page_size("a4")
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (
        round(width),
        round(height),
    )
    for pack in (text, one_client):
        assert "Łódź Logistics IT" in pack
        for claim in ("clients served", "years in business", "still with us", "net revenue retention", "%"):
            assert claim not in pack
        assert "no tickets resolved in this period" in pack
        assert "Scan to book" not in pack  # no booking link set: no QR code
    assert "Prepared for Zoë Müller" in text
    assert "from $95" in text  # the kind's default ladder is there from the start


def test_the_qr_code_follows_the_booking_link(tmp_path: Path) -> None:
    db = create_shop(tmp_path / "shop.sqlite3", name="Harbor IT")
    try:
        without = _read(referral_pack_pdf(db, TODAY))[0]
        save_settings(db, booking_link="https://harbor.example/book")
        with_link, text = _read(referral_pack_pdf(db, TODAY))
    finally:
        db.close()
    assert "https://harbor.example/book" in text and "Scan to book" in text
    assert _rectangles(with_link) > _rectangles(without) + 100


def test_the_cli_writes_the_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, out = tmp_path / "shop.sqlite3", tmp_path / "packs" / "pack.pdf"
    assert main(["--db", str(path), "init", "--name", "Ōsaka IT"]) == 0
    capsys.readouterr()
    args = ["--db", str(path), "--today", "2026-11-23", "report", "referral-pack"]
    code = main([*args, "--industry", "dental practices", "--referrer", "Zoë Müller", "--out", str(out)])
    assert code == 0
    assert capsys.readouterr().out == f"Wrote the referral pack to {out}\n"
    reader, text = _read(out.read_bytes())
    assert len(reader.pages) == 1 and "Zoë Müller suggested we talk." in text
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_bad_out_folder_is_one_plain_sentence_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "shop.sqlite3"
    assert main(["--db", str(path), "init"]) == 0
    capsys.readouterr()
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    assert main(["--db", str(path), "report", "referral-pack", "--out", str(a_file / "pack.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: Could not finish saving the PDF") and "not a folder" in err
