"""The owner's monthly KPI report, read back from the PDF the way a person reads it: the shop, the
month and every key figure as the KPI engine computes it (``msp-desk kpi --json``'s service),
the month's movers with their causes, accounts to review and who to ask; "—" with a reason
where a figure cannot be worked out, never a made-up 0."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from msp_desk import formatting as fmt
from msp_desk.demo.shops import build_demo
from msp_desk.domain.values import Month
from msp_desk.errors import ValidationError
from msp_desk.services.accounts.signals import account_signals, review_list
from msp_desk.services.clients.book import create_active_client
from msp_desk.services.kpis.movers import month_movers
from msp_desk.services.kpis.snapshots import kpis_for_month
from msp_desk.services.ladder.items import ladder_items
from msp_desk.services.referrals.asks import ask_now_rows
from msp_desk.services.reports.kpi_report import kpi_report_pdf
from msp_desk.services.shop.opening import create_shop
from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import Database, open_database

TODAY = dt.date(2026, 11, 20)
OCTOBER = Month(2026, 10)


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both demo shops, built once for the module (the report only reads them)."""
    files = {}
    for kind in ("msp", "va"):
        path = tmp_path_factory.mktemp(f"demo-{kind}") / "demo.sqlite3"
        db = open_database(path)
        build_demo(db, kind, TODAY)
        db.close()
        files[kind] = path
    return files


@pytest.fixture
def msp_demo(demo_files: dict[str, Path]):  # type: ignore[no-untyped-def]
    db = open_database(demo_files["msp"])
    yield db
    db.close()


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """The text with its line breaks as spaces (a table cell may wrap)."""
    return re.sub(r"\s+", " ", text)


def test_the_key_figures_are_the_kpi_engines_for_the_month(msp_demo: Database) -> None:
    s = kpis_for_month(msp_demo, OCTOBER)  # what ``msp-desk kpi --json`` prints
    shop = get_settings(msp_demo)
    cur, loc = shop.currency, shop.locale
    reader, text = read(kpi_report_pdf(msp_demo, OCTOBER, TODAY))
    assert shop.name in text and "Monthly KPI report: October 2026" in text
    assert s.mttr_hours is not None
    figures = {
        "MRR": fmt.money(s.mrr, cur, loc),
        "ARR": fmt.money(s.arr, cur, loc),
        "ARPA": fmt.money(s.arpa, cur, loc),
        "Net MRR churn": fmt.percent(s.net_mrr_churn_rate, loc, 2),
        "NRR (12 months)": fmt.percent(s.nrr_12m, loc),
        "Gross margin": fmt.percent(s.gross_margin, loc),
        "Recurring share": fmt.percent(s.recurring_share, loc),
        "CLV": fmt.money(s.clv, cur, loc),
        "CAC": fmt.money(s.cac, cur, loc),
        "CLV : CAC": fmt.ratio(s.clv_cac, loc),
        "MTTR P1 (critical)": fmt.hours(s.mttr_hours["P1"], loc),
        "MTTR P4": fmt.hours(s.mttr_hours["P4"], loc),
        "SLA compliance": fmt.percent(s.sla_compliance, loc),
        "First-contact resolution": fmt.percent(s.fcr, loc),
        "ARR per employee": fmt.money(s.arr_per_employee, cur, loc),
        "Referral share of new clients": fmt.percent(s.referral_share_new, loc, 0),
    }
    for label, value in figures.items():
        assert value != fmt.NO_DATA, label  # the demo has every figure
        # the figure is the cell right after its KPI's name
        assert re.search(rf"(^|\n){re.escape(label)}\n ?{re.escape(value)}\n", text), (label, value)
    assert f"New +{fmt.money(s.new, cur, loc)}" in flat(text)
    assert "Page 1 of" in reader.pages[0].extract_text()


def test_each_benchmarked_kpi_says_its_target_and_status(msp_demo: Database) -> None:
    text = flat(read(kpi_report_pdf(msp_demo, OCTOBER, TODAY))[1])
    s = kpis_for_month(msp_demo, OCTOBER)
    assert s.sla_compliance is not None and s.sla_compliance >= 0.95  # the demo meets its SLA
    assert f"SLA compliance {fmt.percent(s.sla_compliance)} ≥ 95% ● On target" in text
    assert "Gross margin" in text and "40%–60% ● On target" in text
    assert "Against the benchmarks: 10 on target · 0 to watch · 0 off target." in text


def test_the_months_largest_movements_name_the_clients_and_their_causes(msp_demo: Database) -> None:
    movers = month_movers(msp_demo, OCTOBER)
    assert movers
    text = flat(read(kpi_report_pdf(msp_demo, OCTOBER, TODAY))[1])
    largest = movers[0]
    assert f"{largest.client} New +{fmt.money(largest.cents)}" in text
    assert "new client" in text
    seats = next(m for m in movers if m.kind == "expansion" and "seats" in m.causes)
    assert f"{seats.client} Expansion +{fmt.money(seats.cents)}" in text
    assert f"{fmt.money(seats.before)} → {fmt.money(seats.after)} more seats" in text


def test_the_movers_sum_to_the_engines_movements(msp_demo: Database) -> None:
    for month in (OCTOBER, Month(2026, 6), Month(2025, 3)):
        s = kpis_for_month(msp_demo, month)
        movers = month_movers(msp_demo, month) or []
        for kind in ("new", "expansion", "contraction", "churn", "reactivation"):
            assert sum(m.cents for m in movers if m.kind == kind) == getattr(s, kind), (month, kind)


def test_accounts_to_review_and_who_to_ask_are_named(msp_demo: Database) -> None:
    text = flat(read(kpi_report_pdf(msp_demo, OCTOBER, TODAY))[1])
    signals = account_signals(msp_demo, OCTOBER.last_day())
    flagged = review_list(signals.values())
    asks = ask_now_rows(msp_demo, OCTOBER.last_day(), signals)
    assert flagged and asks
    assert "Flagged on Oct 31, 2026" in text
    for flag in flagged[0].flags:
        assert f"{flag.label}: {flag.reason}" in text
    assert f"{asks[0].name} {asks[0].contact} {asks[0].score} / 100" in text


def test_the_fonts_are_embedded_and_pdftoppm_reads_it_without_a_warning(
    msp_demo: Database, tmp_path: Path
) -> None:
    pdf = kpi_report_pdf(msp_demo, OCTOBER, TODAY)
    reader, _ = read(pdf)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    target = tmp_path / "report.pdf"
    target.write_bytes(pdf)
    done = subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(target), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) == len(reader.pages)


def test_a_va_agency_reads_its_own_words(demo_files: dict[str, Path]) -> None:
    db = open_database(demo_files["va"])
    try:
        text = flat(read(kpi_report_pdf(db, OCTOBER, TODAY))[1])
    finally:
        db.close()
    assert "Requests and service levels" in text and "Tickets and service levels" not in text
    assert "more hours" in text and "more seats" not in text


def test_a_brand_new_shop_prints_no_data_with_reasons_never_a_made_up_zero(tmp_path: Path) -> None:
    db = create_shop(tmp_path / "new.sqlite3", name="Ōsaka Harbor IT")
    try:
        reader, text = read(kpi_report_pdf(db, today=TODAY))  # the last full month: October
    finally:
        db.close()
    text = flat(text)
    assert "Ōsaka Harbor IT" in text and "Monthly KPI report: October 2026" in text
    assert "No recurring revenue at the end of October 2026" in text
    assert "ARPA — no paying clients at the end of October 2026" in text
    assert "New — no recurring revenue at the end of September 2026 to compare with" in text
    assert "MTTR P1 (critical) — < 4.0 h no tickets resolved in October 2026" in text
    assert "Gross margin — 40%–60% no recurring revenue in October 2026" in text
    assert "set your employees in Settings" in text
    assert "The charts need two months of recurring revenue" in text
    assert "No account is flagged for review." in text and "No client is at the ask threshold yet." in text
    # The only zeros are the true ones: no MRR, no ARR, no paying clients.
    assert text.count("$0.00") == 2 and not re.search(r"(?<![\d.,])0(\.0+)?%", text)
    assert [
        f"Page {n} of {len(reader.pages)}" in page.extract_text() for n, page in enumerate(reader.pages, 1)
    ] == [True] * len(reader.pages)


def test_a_month_before_the_shop_began_and_a_month_without_tickets(
    msp_demo: Database, tmp_path: Path
) -> None:
    text = flat(read(kpi_report_pdf(msp_demo, Month(2020, 1), TODAY))[1])
    assert "Monthly KPI report: January 2020" in text
    assert "MRR $0.00" in text and "ARPA — no paying clients at the end of January 2020" in text
    assert "No recurring revenue at the end of December 2019 to compare with." in text

    db = create_shop(tmp_path / "one.sqlite3", name="Łódź Logistics IT")
    try:
        tier = ladder_items(db, TODAY).tiers[0].id
        create_active_client(
            db, name="Zoë Müller Design", tier_id=tier, seats=10, start=dt.date(2026, 9, 1), today=TODAY
        )
        s = kpis_for_month(db, OCTOBER)
        text = flat(read(kpi_report_pdf(db, OCTOBER, TODAY))[1])
    finally:
        db.close()
    assert s.mttr_hours is None and s.mrr > 0
    assert f"MRR {fmt.money(s.mrr)}" in text and "Łódź Logistics IT" in text
    assert "MTTR P1 (critical) — < 4.0 h no tickets resolved in October 2026 — add or import tickets" in text
    assert "SLA compliance — ≥ 95% as above" in text  # one reason for the run of "—", said once
    assert "No client's MRR changed in October 2026." in text


def test_a_month_that_has_not_begun_is_refused(msp_demo: Database) -> None:
    with pytest.raises(ValidationError, match="December 2026 has not begun yet"):
        kpi_report_pdf(msp_demo, Month(2026, 12), TODAY)
