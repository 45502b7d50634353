"""The KPI report's tables: KPIs against benchmarks, the month's movers, accounts to review and
clients to ask, in the reports' one table style."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.platypus import Paragraph, Table

from msp_desk.formatting import NO_DATA
from msp_desk.reports.theme import PALETTE, status_colour, styles, table_style

if TYPE_CHECKING:
    from msp_desk.reports.kpi_report import AskLine, KpiLine, MoverLine, ReviewLine

STATUS_WORDS = {"good": "On target", "watch": "To watch", "bad": "Off target"}


def _hex(colour: Color) -> str:
    return colour.hexval().replace("0x", "#")


def _text(text: str) -> str:
    """Data as paragraph text: a client named "Hollis & Marsh" is not markup."""
    return escape(text)


def _table(rows: list[list[object]], widths: Sequence[float], *, zebra: bool = True) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1)
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, PALETTE.rule),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, PALETTE.rule),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if zebra:
        commands += [("BACKGROUND", (0, r), (-1, r), PALETTE.panel) for r in range(2, len(rows), 2)]
    table.setStyle(table_style(commands))
    return table


def _head(*titles: str) -> list[object]:
    st = styles()
    return [Paragraph(title, st.cell_head) for title in titles]


def status_text(status: str | None) -> str:
    """The status word in its colour, with a dot that reads in grey print too."""
    if status is None:
        return ""
    return f'<font color="{_hex(status_colour(status))}">● {STATUS_WORDS.get(status, status)}</font>'


def kpi_table(lines: Sequence[KpiLine], width: float) -> Table:
    """KPI · value · benchmark · status or why there is no value."""
    st = styles()
    rows: list[list[object]] = [_head("KPI", "This month", "Benchmark", "Status and notes")]
    said = ""  # the reason of the line above: a run of "—" for one reason says it once
    for line in lines:
        status = status_text(line.status)
        missing = line.value == NO_DATA and line.status is None
        shown = "as above" if missing and line.note and line.note == said else line.note
        said = line.note if missing else ""
        note = f'<font color="{_hex(PALETTE.quiet)}">{_text(shown)}</font>' if shown else ""
        rows.append(
            [
                Paragraph(_text(line.label), st.cell),
                Paragraph(f"<b>{_text(line.value)}</b>", st.cell_right),
                Paragraph(_text(line.target), st.cell),
                Paragraph("<br/>".join(part for part in (status, note) if part), st.cell),
            ]
        )
    return _table(rows, [width * 0.27, width * 0.17, width * 0.17, width * 0.39])


def mover_table(movers: Sequence[MoverLine], width: float) -> Table:
    """Client · movement · change · MRR before → after · causes."""
    st = styles()
    rows: list[list[object]] = [_head("Client", "Movement", "Change", "MRR before → after", "Why")]
    for m in movers:
        colour = _hex(PALETTE.good if m.gain else PALETTE.bad)
        rows.append(
            [
                Paragraph(_text(m.client), st.cell),
                Paragraph(_text(m.movement), st.cell),
                Paragraph(f'<font color="{colour}"><b>{_text(m.change)}</b></font>', st.cell_right),
                Paragraph(_text(m.mrr), st.cell_right),
                Paragraph(_text(m.causes), st.cell),
            ]
        )
    return _table(rows, [width * 0.27, width * 0.13, width * 0.14, width * 0.24, width * 0.22])


def review_table(reviews: Sequence[ReviewLine], width: float) -> Table:
    """Client · MRR · each flag with its reason."""
    st = styles()
    rows: list[list[object]] = [_head("Client", "MRR", "Flags")]
    for r in reviews:
        flags = "<br/>".join(f"<b>{_text(label)}</b>: {_text(reason)}" for label, reason in r.flags)
        rows.append(
            [
                Paragraph(_text(r.client), st.cell),
                Paragraph(_text(r.mrr), st.cell_right),
                Paragraph(flags, st.cell),
            ]
        )
    return _table(rows, [width * 0.27, width * 0.14, width * 0.59])


def ask_table(asks: Sequence[AskLine], width: float) -> Table:
    """Client · whom to ask · readiness · why now."""
    st = styles()
    rows: list[list[object]] = [_head("Client", "Ask", "Readiness", "Why now")]
    for a in asks:
        rows.append(
            [
                Paragraph(_text(a.client), st.cell),
                Paragraph(_text(a.contact) or "—", st.cell),
                Paragraph(f"<b>{a.score}</b> / 100", st.cell_right),
                Paragraph(_text(a.why), st.cell),
            ]
        )
    return _table(rows, [width * 0.27, width * 0.2, width * 0.13, width * 0.4])
