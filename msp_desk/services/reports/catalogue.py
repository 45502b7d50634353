"""The reports one can make, and making one from a request: what the Reports page offers and
previews (the command line calls each report's own service the same way)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from msp_desk.domain.values import Month
from msp_desk.store.database import Database

PACK, QBR, KPI = "pack", "qbr", "kpi"
REPORTS = (
    (
        PACK,
        "Referral-ready pack",
        "One page to hand a client or partner: who you help, how fast, the proof, the offer.",
    ),
    (QBR, "QBR packet", "A client's quarterly business review: the last 90 days, the plan, the next rung."),
    (
        KPI,
        "Owner's KPI report",
        "A month's KPIs against their benchmarks, the MRR movements and who to call.",
    ),
)


@dataclass(frozen=True)
class ReportRequest:
    """Which report, about what: ``client_id`` for a QBR packet, ``month`` for the KPI report,
    the optional aim of a referral pack."""

    kind: str
    client_id: int | None = None
    month: Month | None = None
    industry: str = ""
    pain: str = ""
    referrer: str = ""
    prospect: str = ""


@dataclass(frozen=True)
class MadeReport:
    pdf: bytes
    file_name: str  # what Save suggests
    note: str = ""  # e.g. why a QBR packet has no referral page
    remark: str = ""  # what else is worth saying: the packet ends with the referral page


def make_report(db: Database, today: dt.date, request: ReportRequest) -> MadeReport:
    """The PDF ``request`` asks for, made from the shop's data as of ``today``."""
    if request.kind == PACK:
        from msp_desk.services.reports.referral_pack import referral_pack_pdf

        pdf = referral_pack_pdf(
            db,
            today,
            industry=request.industry.strip() or None,
            referrer=request.referrer.strip() or None,
            prospect=request.prospect.strip() or None,
            pain=request.pain.strip() or None,
        )
        aim = request.prospect.strip() or request.industry.strip()
        return MadeReport(pdf, file_name("Referral pack", aim))
    if request.kind == QBR:
        from msp_desk.services.reports.qbr_packet import qbr_packet

        if request.client_id is None:
            raise ValueError("a QBR packet is about one client")
        packet = qbr_packet(db, request.client_id, today)
        remark = (
            f'It ends with "Who else should we help?": {packet.client} is ready to be asked for a referral.'
            if packet.referral_page
            else ""
        )
        return MadeReport(packet.pdf, packet.file_name, packet.referral_page_reason or "", remark)
    if request.kind == KPI:
        from msp_desk.services.kpis.snapshots import default_month
        from msp_desk.services.reports.kpi_report import kpi_report_pdf

        month = request.month or default_month(today)
        return MadeReport(kpi_report_pdf(db, month), file_name("KPI report", str(month)))
    raise ValueError(f"no report {request.kind!r}")


def file_name(title: str, subject: str = "") -> str:
    """A file name a person would give it: ``QBR packet - Ōsaka Dental.pdf`` (characters no file
    system takes are left out)."""
    text = f"{title} - {subject}" if subject else title
    safe = "".join(ch for ch in text if ch.isprintable() and ch not in '<>:"/\\|?*').strip(" .")
    return f"{safe[:120] or 'Report'}.pdf"
