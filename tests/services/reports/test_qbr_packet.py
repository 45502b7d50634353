"""The QBR packet read back with pypdf: 2-4 pages, the client's and the shop's names, the service
desk's figures equal to the QBR preparation's (the KPI engine's), Unicode names and embedded
fonts, the referral page exactly when readiness is at the ask threshold, words where there is
no data, and pdftoppm draws every page without a warning."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from qbr_shops import (
    AT,
    BELOW,
    NEW,
    SHOP,
    TODAY,
    SmallShop,
    embedded_fonts,
    pdf_text,
    pdftoppm_warnings,
    small_shop,
)

from msp_desk import formatting as fmt
from msp_desk.demo.shops import build_demo
from msp_desk.errors import NotFound
from msp_desk.kpi.service_desk import fcr_rate, mttr_hours_by_priority, sla_compliance
from msp_desk.services.accounts.signals import account_signals
from msp_desk.services.kpis.facts import load_tickets
from msp_desk.services.reports.qbr_packet import client_named, packet_file_name, qbr_packet
from msp_desk.services.reports.qbr_shop import packet_shop
from msp_desk.services.reviews.preparation import prepare_qbr
from msp_desk.services.shop.settings import get_settings, save_settings
from msp_desk.store.database import Database, open_database

REFERRAL = "Who else should we help?"


@pytest.fixture(scope="module")
def msp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("msp") / "msp.sqlite3")
    build_demo(db, "msp", TODAY)
    yield db
    db.close()


@pytest.fixture(scope="module")
def va(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("va") / "va.sqlite3")
    build_demo(db, "va", TODAY)
    yield db
    db.close()


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[SmallShop]:
    made = small_shop(tmp_path / "shop.sqlite3")
    yield made
    made.db.close()


def _demo_clients(db: Database) -> tuple[int, int]:
    """An active client with resolved tickets at the ask threshold or above, and one below."""
    signals = account_signals(db, TODAY)
    threshold = packet_shop(db, TODAY).ask_threshold
    ready = below = None
    for client_id, signal in sorted(signals.items()):
        if signal.mrr_cents <= 0 or prepare_qbr(db, client_id, TODAY).tickets.resolved == 0:
            continue
        if signal.score >= threshold and ready is None:
            ready = client_id
        if signal.score < threshold and below is None:
            below = client_id
    assert ready is not None and below is not None
    return ready, below


def test_the_service_desk_figures_are_the_preparation_s_and_the_engine_s(msp: Database) -> None:
    locale = get_settings(msp).locale
    for client_id in _demo_clients(msp):
        prep = prepare_qbr(msp, client_id, TODAY)
        first = dt.datetime.combine(prep.first, dt.time.min)
        end = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time.min)
        with msp.read() as conn:
            tickets = [t for t in load_tickets(conn, first, end) if t.client_id == client_id]
        by_priority = mttr_hours_by_priority(tickets)
        assert by_priority is not None and by_priority["all"] == prep.tickets.mttr_hours
        assert (sla_compliance(tickets), fcr_rate(tickets)) == (prep.tickets.sla, prep.tickets.fcr)

        packet = qbr_packet(msp, client_id, TODAY)
        first_page = pdf_text(packet.pdf)[0]
        for quarter in (prep.tickets, prep.previous_tickets):
            assert fmt.hours(quarter.mttr_hours, locale) in first_page
            assert fmt.percent(quarter.sla, locale, 0) in first_page
            assert fmt.percent(quarter.fcr, locale, 0) in first_page
        assert f"{fmt.count(prep.tickets.resolved, locale)}\nTickets resolved" in first_page
        assert f"Previous quarter: {fmt.hours(prep.previous_tickets.mttr_hours, locale)}" in first_page


def test_demo_packets_are_two_to_four_pages_with_both_names(msp: Database, va: Database) -> None:
    for db in (msp, va):
        shop_name = get_settings(db).name
        for client_id in _demo_clients(db):
            packet = qbr_packet(db, client_id, TODAY)
            pages = pdf_text(packet.pdf)
            assert 2 <= len(pages) <= 4
            assert all(shop_name in page and packet.client in page for page in pages)
            assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
            fonts = embedded_fonts(packet.pdf)
            assert fonts and all(fonts.values()), fonts


def test_the_va_packet_speaks_of_requests_and_draws_without_a_warning(va: Database, tmp_path: Path) -> None:
    ready, _below = _demo_clients(va)
    packet = qbr_packet(va, ready, TODAY)
    first_page = pdf_text(packet.pdf)[0]
    assert "Requests resolved" in first_page and "Tickets resolved" not in first_page
    assert "MTTR (hours)" in first_page  # the charts are drawn, as vectors: no image in the file
    assert not any(page.images for page in PdfReader(io.BytesIO(packet.pdf)).pages)
    said = pdftoppm_warnings(packet.pdf, tmp_path)
    if said is None:
        pytest.skip("pdftoppm is not installed")
    assert said == ""


def test_the_referral_page_is_in_exactly_at_the_threshold_or_above(msp: Database) -> None:
    ready, below = _demo_clients(msp)
    packet = qbr_packet(msp, ready, TODAY)
    assert packet.referral_page and packet.referral_page_reason is None
    assert REFERRAL in pdf_text(packet.pdf)[-1]
    packet = qbr_packet(msp, below, TODAY)
    assert not packet.referral_page and REFERRAL not in "".join(pdf_text(packet.pdf))
    score = account_signals(msp, TODAY)[below].score
    assert packet.referral_page_reason is not None
    assert packet.referral_page_reason.startswith(
        f"Readiness {score} of 100, below the ask threshold of 70: "
    )


def test_a_client_exactly_at_the_threshold_gets_the_page_one_below_does_not(shop: SmallShop) -> None:
    at = qbr_packet(shop.db, shop.ids[AT], TODAY)
    assert account_signals(shop.db, TODAY)[shop.ids[AT]].score == 70
    assert at.referral_page
    last = " ".join(pdf_text(at.pdf)[-1].split())  # lines joined as they wrap
    assert REFERRAL in last and "Do you know anyone moving offices?" in last
    assert "logistics who is struggling with messy patching and weak backup testing" in last
    assert "30-minute risk walkthrough" in last

    below = qbr_packet(shop.db, shop.ids[BELOW], TODAY)
    assert not below.referral_page
    assert below.referral_page_reason == (
        "Readiness 60 of 100, below the ask threshold of 70: No tickets recorded in the shop in the last"
        " 90 days; No ticket judged against an SLA in the last 90 days; No project done or add-on started"
        " in the last 30 days"
    )


def test_the_threshold_is_the_shop_s_own(shop: SmallShop) -> None:
    save_settings(shop.db, benchmarks_json='{"readiness_ask_min": 75}')
    packet = qbr_packet(shop.db, shop.ids[AT], TODAY)
    assert not packet.referral_page
    assert (
        packet.referral_page_reason is not None
        and "below the ask threshold of 75" in packet.referral_page_reason
    )


def test_the_reward_rule_is_printed_on_the_referral_page(shop: SmallShop) -> None:
    save_settings(
        shop.db,
        reward_rule_json='{"kind": "service_credit", "amount_cents": 25000, "condition": "paid_months", "condition_n": 2}',
    )
    last = " ".join(pdf_text(qbr_packet(shop.db, shop.ids[AT], TODAY).pdf)[-1].split())
    assert "a $250.00 service credit on your account" in last and "paid 2 full months" in last


def test_a_unicode_client_name_comes_back_as_the_same_text(shop: SmallShop, tmp_path: Path) -> None:
    packet = qbr_packet(shop.db, shop.ids[AT], TODAY)
    pages = pdf_text(packet.pdf)
    assert AT in pages[0] and SHOP in pages[0]
    assert packet.file_name == f"QBR {AT} 2026-11-23.pdf"
    fonts = embedded_fonts(packet.pdf)
    assert fonts and all(fonts.values()) and all("DejaVuSans" in name for name in fonts)
    said = pdftoppm_warnings(packet.pdf, tmp_path)
    if said is None:
        pytest.skip("pdftoppm is not installed")
    assert said == ""


def test_what_the_last_qbr_said_and_the_roadmap_are_in_the_plan(shop: SmallShop) -> None:
    pages = [" ".join(page.split()) for page in pdf_text(qbr_packet(shop.db, shop.ids[AT], TODAY).pdf)]
    assert "Backup recovery drill" in pages[0] and "Moved the office to the cloud" in pages[0]
    plan = pages[1]
    assert "Hires: Two new drivers in January" in plan
    assert "Replace the warehouse laptops" in plan
    assert "Laptop refresh" in plan and "$4,800.00" in plan
    assert "Second site network" in plan and "6-12 months" in plan and "+$150.00" in plan
    assert "Move up to Growth" in plan and "Next QBR: Jan 31, 2027" in plan  # 2 Nov + 90 days


def test_a_client_with_no_tickets_and_no_roadmap_prints_words_not_empty_charts(
    shop: SmallShop, tmp_path: Path
) -> None:
    packet = qbr_packet(shop.db, shop.ids[NEW], TODAY)
    pages = [" ".join(page.split()) for page in pdf_text(packet.pdf)]
    assert len(pages) == 2
    assert "No tickets were resolved in these 90 days or the 90 before" in pages[0]
    assert "MTTR (hours)" not in pages[0]  # no chart drawn
    assert "—" in pages[0]
    assert "Nothing is planned for the next 90 days yet" in pages[1]
    assert "Nothing further on the roadmap yet" in pages[1]
    assert "This is our first review together" in pages[1]
    assert "Is there an expansion plan?" in pages[1]  # the questions the record form opens with
    said = pdftoppm_warnings(packet.pdf, tmp_path)
    if said is not None:
        assert said == ""


def test_a_client_is_found_by_name_whatever_its_case(shop: SmallShop) -> None:
    assert client_named(shop.db, "  łódź   LOGISTICS ") == shop.ids[AT]
    with pytest.raises(NotFound, match="There is no client named Nobody Inc"):
        client_named(shop.db, "Nobody  Inc")


def test_file_names_are_safe_on_every_system() -> None:
    day = dt.date(2026, 11, 23)
    assert packet_file_name("Hollis & Marsh: Law/Tax", day) == "QBR Hollis & Marsh- Law-Tax 2026-11-23.pdf"
    assert packet_file_name("..", day) == "QBR client 2026-11-23.pdf"
    assert len(packet_file_name("x" * 500, day)) < 160
