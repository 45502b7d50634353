"""The one-page referral pack against a bare ReportLab page of the same size, in the same run.

    .venv/bin/python bench/report_pack.py [--repeat 7]

The pack is made from the demo MSP's data (gathered once; the gathering is timed apart, for
information): its layout, fitting, QR code and PDF. The floor, interleaved with it: a bare
``Canvas`` page of the same paper that draws the same words line by line in the same embedded
fonts and the same QR code (encoded by the same ReportLab widget), and saves: the pack's cost
over it is its layout, fitting and styling. Target: the pack within 3x the floor. A long-text pack (a 1,000-character
industry, fitted then shortened) is timed too, against the same floor, for information.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from report import Figure, describe, table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = dt.date(2026, 11, 23)
LONG_INDUSTRY = ("dental and orthodontic practices with several chairs and a front desk " * 20)[:1000]


def bare_page(lines: list[str], link: str, paper: str) -> bytes:
    """The floor: one page of ``lines`` drawn straight on a canvas in the report's two faces,
    and the QR code of ``link`` (encoded by ReportLab's widget) filled beside them."""
    from reportlab.pdfgen.canvas import Canvas

    from msp_desk.reports.fonts import BOLD, REGULAR, register_fonts
    from msp_desk.reports.referral_pack_qr import qr_squares
    from msp_desk.reports.theme import MARGIN, page_size

    register_fonts()
    buffer = io.BytesIO()
    width, height = page_size(paper)
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True, initialFontName=REGULAR)
    y = height - MARGIN
    for number, line in enumerate(lines):
        canvas.setFont(BOLD if number == 0 else REGULAR, 8)
        canvas.drawString(MARGIN, y, line)
        y -= 10
    if link:
        path = canvas.beginPath()
        for x, y, w, h in qr_squares(link).squares:
            path.rect(MARGIN + x * 80, MARGIN + y * 80, w * 80, h * 80)
        canvas.drawPath(path, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(make: Callable[[], bytes]) -> float:
    start = time.perf_counter()
    make()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from pypdf import PdfReader

    from msp_desk.demo.shops import build_demo
    from msp_desk.reports.referral_pack import referral_pack
    from msp_desk.services.reports.referral_pack import PackAim, referral_pack_input
    from msp_desk.store.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "msp.sqlite3")
        try:
            build_demo(db, "msp", TODAY)
            gather = Figure("gather the pack's data (demo MSP)", "ms")
            for _ in range(args.repeat):
                start = time.perf_counter()
                data = referral_pack_input(
                    db, TODAY, PackAim(industry="dental practices", referrer="Bob Lee")
                )
                gather.runs.append(time.perf_counter() - start)
        finally:
            db.close()

    sample = referral_pack(data)
    lines = [
        line for page in PdfReader(io.BytesIO(sample)).pages for line in page.extract_text().splitlines()
    ]
    paper = data.head.paper
    long_data = replace(data, industry=LONG_INDUSTRY)
    floor_name = "bare ReportLab page, same words and QR code"
    pack = Figure("referral pack, one page", "ms", target=3, floor_name=floor_name)
    long_pack = Figure("referral pack, 1,000-character industry", "ms", floor_name=floor_name)
    words_only = Figure(
        "referral pack vs the words alone", "ms", floor_name="bare page, same words, no QR code"
    )
    (
        bare_page(lines, data.booking_link, paper),
        referral_pack(data),
    )  # warm up: fonts registered, modules loaded
    for _ in range(args.repeat):
        floor = timed(lambda: bare_page(lines, data.booking_link, paper))
        pack.floor_runs.append(floor)
        long_pack.floor_runs.append(floor)
        words_only.floor_runs.append(timed(lambda: bare_page(lines, "", paper)))
        pack.runs.append(timed(lambda: referral_pack(data)))
        long_pack.runs.append(timed(lambda: referral_pack(long_data)))
    words_only.runs = pack.runs
    figures = [pack, long_pack, words_only, gather]
    for figure in figures:
        print(describe(figure))
    print()
    print(table(figures))
    return 0 if pack.status != "MISSED" else 1


if __name__ == "__main__":
    sys.exit(main())
