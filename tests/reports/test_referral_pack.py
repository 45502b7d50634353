"""The referral pack from plain data: exactly one page on Letter and A4 however long the text (fitted,
then shortened visibly), Unicode names as themselves in embedded fonts, a QR code exactly when
there is a booking link, no proof band for a shop with nothing to prove yet, clean for pdftoppm."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_document import _fonts

from msp_desk.reports.document import Masthead
from msp_desk.reports.referral_pack import (
    PriorityRecord,
    Proof,
    ReferralPackInput,
    Rung,
    ServiceRecord,
    fitted,
    referral_pack,
)
from msp_desk.reports.referral_pack_parts import SHORTENED_NOTE, duration

LONG_INDUSTRY = ("dental and orthodontic practices with several chairs and a front desk " * 20)[:1000]
REFERRER_60 = "Zoë Müller, practice manager at Łódź Logistics, Ōsaka Dental"
assert len(LONG_INDUSTRY) == 1000 and len(REFERRER_60) == 60


def _pack(**changes: object) -> ReferralPackInput:
    service = ServiceRecord(
        dt.date(2026, 9, 1),
        dt.date(2026, 11, 30),
        resolved=412,
        mttr_hours=9.4,
        sla=0.958,
        priorities=(
            PriorityRecord("P1", (10, 60), (180, 480), 2.6),
            PriorityRecord("P2", (30, 120), (360, 960), 3.7),
            PriorityRecord("P3", (60, 480), (960, 2880), None),
            PriorityRecord("P4", (240, 960), (2880, 7200), 17.7),
        ),
    )
    data = ReferralPackInput(
        head=Masthead(shop="Ōsaka IT", title="An introduction", contact="(503) 555-0100 · hi@osaka.example"),
        rungs=(
            Rung("Starter", "Keep things running: monitoring, patching and a helpdesk.", 9_500, "per_seat"),
            Rung("Core", "Everything in Starter, plus managed endpoints.", 13_500, "per_seat"),
        ),
        service=service,
        proof=Proof(45, 3, 0.85, 1.03, dt.date(2026, 11, 30)),
        booking_link="https://osaka.example/book",
        phone="(503) 555-0100",
        email="hi@osaka.example",
    )
    return replace(data, **changes)  # type: ignore[arg-type]  # each test varies fields by name


def _read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _rectangles(reader: PdfReader) -> int:
    """Filled rectangles drawn on the first page: a QR code is hundreds of them."""
    content = reader.pages[0].get_contents()
    assert content is not None
    return len(re.findall(rb"\sre\b", content.get_data()))


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_1000_character_industry_and_a_60_character_referrer_still_print_one_page(paper: str) -> None:
    head = Masthead(shop="Ōsaka IT", title="An introduction", paper=paper)
    data = _pack(head=head, industry=LONG_INDUSTRY, referrer=REFERRER_60, pain=LONG_INDUSTRY)
    reader, text = _read(referral_pack(data))
    assert len(reader.pages) == 1
    assert f"{REFERRER_60} suggested we talk." in text  # given in full, never cut
    assert "IT that keeps dental and orthodontic practices" in text
    assert "…" in text and SHORTENED_NOTE in text  # shortened, and it says so
    assert LONG_INDUSTRY not in text
    assert "A free 30-minute risk walkthrough" in text  # the offer is still on the page


def test_text_that_fits_is_neither_shrunk_below_the_base_scale_nor_cut() -> None:
    short = fitted(_pack(industry="dental practices", referrer="Bob Lee"))
    assert short.scale >= 1.0 and not short.shortened
    _, text = _read(referral_pack(_pack(industry="dental practices", referrer="Bob Lee")))
    assert "IT that keeps dental practices running" in text
    assert "Bob Lee suggested we talk." in text
    assert SHORTENED_NOTE not in text and "…" not in text


def test_a_longer_industry_is_first_set_smaller_then_cut() -> None:
    medium = fitted(_pack(industry=LONG_INDUSTRY[:420]))
    long = fitted(_pack(industry=LONG_INDUSTRY))
    assert medium.scale < 1.0 and not medium.shortened  # fitted: smaller type, every word kept
    assert long.shortened


def test_the_pain_is_named_in_the_kinds_words() -> None:
    _, msp = _read(referral_pack(_pack(pain="patching delays")))
    _, va = _read(referral_pack(_pack(kind="va", pain="slow lead follow-up")))
    assert "Struggling with patching delays? We will show you what to fix first." in msp
    assert "Held back by slow lead follow-up? We will show you what to hand off first." in va


def test_a_thin_pack_is_set_larger_to_fill_its_page() -> None:
    thin = _pack(proof=Proof(), rungs=(), service=None, booking_link="")
    assert fitted(thin).scale > 1.0 and fitted(_pack(industry=LONG_INDUSTRY[:300])).scale <= 1.0


def test_unicode_names_come_back_as_the_same_text_in_embedded_fonts() -> None:
    data = _pack(prospect="Ōsaka Dental", referrer="Zoë Müller", industry="Łódź Logistics")
    reader, text = _read(referral_pack(data))
    for name in ("Zoë Müller suggested we talk.", "Prepared for Ōsaka Dental", "Łódź Logistics", "Ōsaka IT"):
        assert name in text
    fonts = _fonts(reader)
    assert fonts and all(fonts.values()), fonts


def test_the_qr_code_is_drawn_exactly_when_there_is_a_booking_link() -> None:
    with_link, text = _read(referral_pack(_pack()))
    without_link, text_without = _read(referral_pack(_pack(booking_link="")))
    assert "Scan to book" in text and "https://osaka.example/book" in text
    assert "Scan to book" not in text_without and "To book, call or write: (503) 555-0100" in text_without
    assert _rectangles(with_link) > _rectangles(without_link) + 100
    assert not with_link.pages[0].images  # drawn as vectors, not pasted as a picture


def test_the_va_agency_speaks_of_requests_hours_and_the_workflow_review() -> None:
    rungs = (Rung("Starter", "Inbox and calendar.", 32_000, "per_hours_block", 10),)
    _, text = _read(referral_pack(_pack(kind="va", rungs=rungs)))
    assert "A free 15-minute workflow review" in text
    assert "95.8% of requests met their response and resolution targets" in text
    assert "per 10 hours a month" in text
    assert "ticket" not in text and "risk walkthrough" not in text


def test_a_new_shop_prints_no_made_up_numbers() -> None:
    empty = ServiceRecord(dt.date(2026, 9, 1), dt.date(2026, 11, 30), 0, None, None, ())
    data = _pack(proof=Proof(), service=empty, rungs=(), booking_link="")
    reader, text = _read(referral_pack(data))
    assert len(reader.pages) == 1
    for claim in ("clients served", "years in business", "still with us", "net revenue retention", "%"):
        assert claim not in text
    assert "no tickets resolved in this period" in text
    assert "Small and growing businesses" in text


def test_a_figure_not_known_yet_is_left_out_while_the_others_print() -> None:
    _, text = _read(referral_pack(_pack(proof=Proof(12, None, None, 1.1))))
    assert "12 clients served today" in text and "110% net revenue retention" in text
    assert "years in business" not in text and "still with us" not in text


def test_a_priority_without_resolved_tickets_shows_a_dash_not_zero() -> None:
    _, text = _read(referral_pack(_pack()))
    assert "P3 Normal 1 – 8 h 16 h – 2 days —" in text
    assert "P1 Critical 10 min – 1 h 3 – 8 h 2.6 h" in text


def test_targets_read_as_people_say_them() -> None:
    assert [duration(m, "en_US") for m in (15, 60, 90, 480, 2880, 7200)] == [
        "15 min",
        "1 h",
        "1.5 h",
        "8 h",
        "2 days",
        "5 days",
    ]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_pdftoppm_renders_the_pack_without_warnings(tmp_path: Path, paper: str) -> None:
    head = Masthead(shop="Ōsaka IT", title="An introduction", paper=paper)
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(referral_pack(_pack(head=head, industry=LONG_INDUSTRY, referrer=REFERRER_60)))
    done = subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == ""
    assert [p.name for p in tmp_path.glob("page*.png")] == ["page-1.png"]
