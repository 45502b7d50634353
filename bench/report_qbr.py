"""The QBR packet's speed: a 4-page packet with its charts against bare ReportLab in the same run,
and the batch of 200 packets on the 20k-client bench shop.

    .venv/bin/python bench/report_qbr.py [--repeat 5] [--batch 200] [--no-batch]

1. Packet: ``render_qbr_packet`` on plain data that fills four pages (three vector charts,
   tables cut at their limits, the referral page), against the floor, a bare ReportLab page of
   the same paper size (one line of text in the same embedded TTF), made in the same run
   alternately. Target: within 10x. Shown too: the same floor drawn four times (a bare 4-page
   document), and the whole service on the demo MSP (``qbr_packet``: the data read and printed).
2. Batch: ``qbr_batch`` of ``--batch`` clients on the bench shop (``run.py``'s cached file, made
   if missing: it takes minutes), on a copy with their QBRs scheduled; the figure is the time
   per packet against the single packet's render and the shop-wide read said apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

from report import Figure, describe, table

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from msp_desk.reports.document import Masthead  # noqa: E402
from msp_desk.reports.fonts import REGULAR, register_fonts  # noqa: E402
from msp_desk.reports.qbr_packet import render_qbr_packet  # noqa: E402
from msp_desk.reports.qbr_packet_data import (  # noqa: E402
    NextRungPlan,
    QbrPacketData,
    ReferralAsk,
    RoadmapEntry,
    RungStep,
    ServiceChange,
    TicketFigures,
)
from msp_desk.reports.theme import page_size  # noqa: E402

DAY = dt.date(2026, 11, 23)
HEAD = Masthead("Northwind Shield IT", "Quarterly business review", "Łódź Logistics", "(503) 555-0100")


def four_page_data() -> QbrPacketData:
    """A packet that fills four pages: every section at its limit, three charts, the referral page."""
    entry = RoadmapEntry(
        "Replace the firewall and the branch switches", "Network", "This quarter", "Accepted", 250_000, 5_000
    )
    return QbrPacketData(
        shop=HEAD.shop,
        kind="msp",
        client=HEAD.subject,
        day=DAY,
        tickets=TicketFigures(dt.date(2026, 8, 26), DAY, 48, 5.25, 0.93, 0.71),
        previous=TicketFigures(dt.date(2026, 5, 28), dt.date(2026, 8, 25), 61, 7.5, 0.88, 0.64),
        accomplishments=tuple((DAY, f"Project {n} delivered on time") for n in range(12)),
        service_changes=tuple(
            ServiceChange(DAY, "started", f"Add-on {n}", "add-on", 1_000) for n in range(12)
        ),
        satisfaction=(7, 8, 9, 9),
        last_qbr=dt.date(2026, 8, 20),
        business_changes="Hires: five in the warehouse; New locations: a second site in Tacoma",
        questions=tuple(f"Question {n} about where the business is going next year?" for n in range(8)),
        agreed_priorities=("Backups tested monthly", "MFA everywhere"),
        next_90_days=(entry,) * 12,
        later=(entry,) * 12,
        next_rung=NextRungPlan(
            "Core",
            RungStep("Growth", 175_000, 40_000, ("Security training", "Quarterly roadmap sessions")),
            "protect",
            (RungStep("Backup & recovery", 18_000, 18_000, ("Daily cloud backup",)),),
        ),
        next_qbr=dt.date(2027, 2, 21),
        referral=ReferralAsk(
            ("Do you know anyone moving offices?",) * 6, "Do you know a business owner?", "A gift"
        ),
    )


def bare_pages(paper: str, pages: int) -> bytes:
    """The floor: ``pages`` pages of the same size, a line of text each in the same embedded font."""
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size(paper), invariant=True)
    for n in range(pages):
        canvas.setFont(REGULAR, 10)
        canvas.drawString(72, 720, f"Łódź Logistics, page {n + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def packet_figures(repeat: int) -> list[Figure]:
    data = four_page_data()
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(render_qbr_packet(data, HEAD))).pages)
    assert pages == 4, f"the bench packet has {pages} pages, not 4"
    bare_pages(HEAD.paper, 1)  # fonts registered and warm, as in the app after the first report
    packet = Figure("4-page QBR packet (render)", "ms", target=10, floor_name="a bare ReportLab page")
    four = Figure("4-page QBR packet vs a bare 4-page document", "ms", floor_name="4 bare pages")
    for _ in range(repeat):
        packet.floor_runs.append(timed(lambda: bare_pages(HEAD.paper, 1)))
        run = timed(lambda: render_qbr_packet(data, HEAD))
        packet.runs.append(run)
        four.runs.append(run)
        four.floor_runs.append(timed(lambda: bare_pages(HEAD.paper, 4)))
    return [packet, four]


def service_figure(repeat: int, folder: Path) -> Figure:
    """The whole service on the demo MSP: reading one client's data and printing its packet."""
    from msp_desk.demo.shops import build_demo
    from msp_desk.services.reports.qbr_packet import client_named, qbr_packet
    from msp_desk.services.reports.qbr_shop import packet_shop
    from msp_desk.store.database import open_database

    db = open_database(folder / "demo.sqlite3")
    try:
        build_demo(db, "msp", DAY)
        client = client_named(db, "Hanover Square Realty")
        shop = packet_shop(db, DAY)
        figure = Figure("demo MSP packet (data read + render)", "ms", floor_name="a bare ReportLab page")
        for _ in range(repeat):
            figure.floor_runs.append(timed(lambda: bare_pages(HEAD.paper, 1)))
            figure.runs.append(timed(lambda: qbr_packet(db, client, DAY, shop)))
        return figure
    finally:
        db.close()


def batch_figures(count: int, folder: Path) -> list[Figure]:
    """``count`` packets on a copy of the 20k-client bench shop, QBRs scheduled on the copy."""
    from large_shop import ShopSize
    from run import shop_file

    from msp_desk.domain.values import last_full_month
    from msp_desk.services.reports.qbr_batch import due_qbrs, qbr_batch
    from msp_desk.services.reports.qbr_shop import packet_shop
    from msp_desk.services.reviews.qbrs import schedule_qbrs
    from msp_desk.store.database import open_database

    today = dt.date.today()
    source, _generated = shop_file(ShopSize(), last_full_month(today), fresh=False)
    copy = folder / "bench-shop.sqlite3"
    shutil.copyfile(source, copy)
    db = open_database(copy)
    try:
        schedule_started = time.perf_counter()
        schedule_qbrs(db, today)
        scheduled = time.perf_counter() - schedule_started
        due = due_qbrs(db, today, 14)[:count]
        shared = timed(lambda: packet_shop(db, today))
        single = Figure("batch: shop-wide read (readiness of 20k clients, ladder)", "s", [shared])
        started = time.perf_counter()
        result = qbr_batch(db, today, folder / "packets", due)
        total = time.perf_counter() - started
        per = Figure(
            f"batch: per packet, {len(result.written)} clients",
            "ms",
            [(total - shared) / max(len(result.written), 1)],
            floor_name="a bare ReportLab page",
            floor_runs=[timed(lambda: bare_pages(HEAD.paper, 1)) for _ in range(5)],
        )
        whole = Figure(f"batch: {len(result.written)} packets in all", "s", [total])
        note = Figure("QBRs scheduled for 20k clients first (not a target)", "s", [scheduled])
        return [note, single, per, whole]
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--no-batch", action="store_true", help="skip the batch on the 20k-client shop")
    args = parser.parse_args(argv)
    figures = packet_figures(args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        figures.append(service_figure(args.repeat, Path(tmp)))
        for figure in figures:
            print(describe(figure))
        if not args.no_batch:
            for figure in batch_figures(args.batch, Path(tmp)):
                figures.append(figure)
                print(describe(figure))
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
