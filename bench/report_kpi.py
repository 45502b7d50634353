"""The owner's monthly KPI report: time per report against a bare ReportLab page, in the same run.

    .venv/bin/python bench/report_kpi.py [--repeat 5] [--kind msp|va]

Built on the demo shop of ``--kind`` (generated once into a temporary folder). Three figures,
each the median of ``--repeat`` runs:

- the whole report, ``kpi_report_pdf`` (the KPIs of 24 months, the movers, the account signals,
  the ask-now list, and the PDF);
- its PDF alone, ``render_kpi_report`` of the data already fetched (fonts, tables, charts);
- the floor: a bare ReportLab page of the same size (one paragraph in Helvetica, one page),
  made in the same run.

No target is set for this report (the issue sets them for the pack and the QBR packet); the
ratios are printed for the record.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from report import Figure, describe, table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = dt.date(2026, 11, 20)


def bare_page(size: tuple[float, float]) -> bytes:
    """One page of the same size with one paragraph: what any ReportLab PDF costs."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=size, invariant=True)
    doc.build([Paragraph("A bare page.", getSampleStyleSheet()["Normal"])])
    return buffer.getvalue()


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        runs.append(time.perf_counter() - start)
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--kind", choices=("msp", "va"), default="msp")
    args = parser.parse_args()

    from msp_desk.demo.shops import build_demo
    from msp_desk.reports.fonts import register_fonts
    from msp_desk.reports.kpi_report import render_kpi_report
    from msp_desk.reports.theme import page_size
    from msp_desk.services.kpis.snapshots import default_month
    from msp_desk.services.reports.kpi_report import kpi_report, kpi_report_pdf
    from msp_desk.store.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "demo.sqlite3")
        try:
            build_demo(db, args.kind, TODAY)
            month = default_month(TODAY)
            data = kpi_report(db, month, TODAY)
            size = page_size(data.head.paper)
            register_fonts()
            kpi_report_pdf(db, month, TODAY)  # warm-up: imports, fonts, caches of the first run
            bare_page(size)
            floor = timed(lambda: bare_page(size), args.repeat)
            figures = [
                Figure(
                    f"KPI report, {args.kind} demo (data + PDF)",
                    "ms",
                    timed(lambda: kpi_report_pdf(db, month, TODAY), args.repeat),
                    floor,
                    floor_name="bare ReportLab page",
                ),
                Figure(
                    "KPI report, PDF only",
                    "ms",
                    timed(lambda: render_kpi_report(data), args.repeat),
                    floor,
                    floor_name="bare ReportLab page",
                ),
            ]
        finally:
            db.close()
    for figure in figures:
        print(describe(figure))
    print()
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
