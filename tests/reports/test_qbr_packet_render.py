"""The QBR packet from plain data: long lists are cut with "and N more" so it stays within four
pages, the paper is the shop's, and a figure with no data prints "—" with the reason."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from msp_desk.reports.document import Masthead
from msp_desk.reports.qbr_packet import render_qbr_packet
from msp_desk.reports.qbr_packet_data import (
    NextRungPlan,
    QbrPacketData,
    ReferralAsk,
    RoadmapEntry,
    RungStep,
    ServiceChange,
    TicketFigures,
)
from msp_desk.reports.theme import page_size

DAY = dt.date(2026, 11, 23)
FIRST = dt.date(2026, 8, 26)


def _data(**changes: object) -> QbrPacketData:
    base = QbrPacketData(
        shop="Zoë Müller IT",
        kind="msp",
        client="Łódź Logistics",
        day=DAY,
        tickets=TicketFigures(FIRST, DAY, 12, 5.25, 0.9, None),
        previous=TicketFigures(dt.date(2026, 5, 28), dt.date(2026, 8, 25), 0, None, None, None),
        next_rung=NextRungPlan("Core", RungStep("Growth", 175_000, 40_000, ("Security training",))),
        next_qbr=dt.date(2027, 2, 21),
    )
    return QbrPacketData(**{**base.__dict__, **changes})


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_long_lists_are_cut_and_the_packet_stays_within_four_pages() -> None:
    entry = RoadmapEntry("Replace the firewall " * 3, "Network", "This quarter", "Accepted", 250_000, 5_000)
    data = _data(
        accomplishments=tuple((DAY, f"Project {n} delivered on time and on budget") for n in range(40)),
        service_changes=tuple(
            ServiceChange(DAY, "started", f"Add-on {n}", "add-on", 1_000) for n in range(30)
        ),
        questions=tuple(
            f"Question {n} about the business and where it is going next year?" for n in range(20)
        ),
        agreed_priorities=tuple(f"Priority {n}" for n in range(12)),
        next_90_days=(entry,) * 30,
        later=(entry,) * 30,
        referral=ReferralAsk(
            ("Do you know anyone moving offices?",) * 6, "Do you know any business owner?", "A gift"
        ),
    )
    pages = _pages(
        render_qbr_packet(data, Masthead("Zoë Müller IT", "Quarterly business review", "Łódź Logistics"))
    )
    assert len(pages) == 4
    text = " ".join(pages)
    assert "… and 32 more (see the roadmap)" in text
    assert "… and 22 more changes" in text
    assert "… and 20 more items planned" in text and "… and 20 more items further out" in text
    assert "Who else should we help?" in pages[-1] and "Page 4 of 4" in pages[-1]


def test_no_data_prints_a_dash_and_says_why() -> None:
    pages = _pages(render_qbr_packet(_data(), Masthead("Shop", "Quarterly business review", paper="a4")))
    assert len(pages) == 2
    first = pages[0]
    assert "5.3 h" in first and "90%" in first and "Previous quarter: —" in first
    assert "No tickets resolved in the previous quarter: its MTTR, SLA and FCR are “—” (no data)." in first
    assert (
        "FCR in these 90 days: “—”, no resolved ticket recorded whether it was fixed on first contact."
        in first
    )
    reader = PdfReader(io.BytesIO(render_qbr_packet(_data(), Masthead("Shop", "T", paper="a4"))))
    width, height = page_size("a4")
    assert round(float(reader.pages[0].mediabox.height)) == round(height)
    assert "Move up to Growth: $1,750.00 a month (+$400.00 a month)" in pages[1]
    assert "Next QBR: Feb 21, 2027" in pages[1]
