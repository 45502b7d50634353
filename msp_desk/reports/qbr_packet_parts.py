"""The QBR packet's building blocks: escaped paragraphs in the report styles, tables in the one
table look, bullet lists cut to a length (with "and N more"), and the shop's words for tickets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from msp_desk import formatting as fmt
from msp_desk.reports.fonts import BOLD
from msp_desk.reports.theme import PALETTE, styles, table_style

# A table names its font on the page even when every cell is a paragraph; ReportLab's default
# is Helvetica, which is never embedded.

# What a ticket is called: an MSP's tickets, a VA agency's requests (as on screen).
TICKET_WORDS = {"msp": ("ticket", "tickets"), "va": ("request", "requests")}


def ticket_words(kind: str) -> tuple[str, str]:
    return TICKET_WORDS.get(kind, TICKET_WORDS["msp"])


def text(value: str) -> str:
    """User text made safe for a Paragraph (names like "Hollis & Marsh Law")."""
    return escape(value)


def para(value: str, style: str = "body", *, markup: bool = False) -> Flowable:
    """A paragraph in the named style; ``value`` is escaped unless it is ``markup`` already.
    Plain text in a plain left-aligned style is a ``PlainLine``: drawn as it is when it fits
    on one line (most headings and notes), a paragraph when it must wrap."""
    look = getattr(styles(), style)
    if markup or not _plain_style(look) or not value.strip():
        return Paragraph(value if markup else text(value), look)
    return PlainLine(value, look)


def _plain_style(style: ParagraphStyle) -> bool:
    return style.alignment == TA_LEFT and not (style.leftIndent or style.firstLineIndent or style.rightIndent)


class PlainLine(Flowable):
    """One line of plain text in a paragraph style, after a ``bullet`` if given, drawn as it is:
    what a one-line paragraph prints (the same place, spacing and text), for a fraction of its
    cost. Text too wide for the frame is handed to a real paragraph that wraps."""

    def __init__(self, value: str, style: ParagraphStyle, *, bullet: str = "") -> None:
        super().__init__()
        self.value = " ".join(value.split())  # as a paragraph runs its white space together
        self.style = style
        self.bullet = bullet
        # where a paragraph starts its text after its bullet (ReportLab: the bullet's width and
        # 0.6 of its size past the bullet's indent)
        self.indent = (
            style.bulletIndent
            + stringWidth(bullet, style.bulletFontName, style.bulletFontSize)
            + 0.6 * style.bulletFontSize
            if bullet
            else 0.0
        )
        self._paragraph: Paragraph | None = None

    def _wrapping(self, width: float) -> Paragraph | None:
        """The paragraph to stand in for the line once it has not fitted ``width``."""
        style = self.style
        if (
            self._paragraph is None
            and self.indent + stringWidth(self.value, style.fontName, style.fontSize) > width
        ):
            self._paragraph = Paragraph(text(self.value), style, bulletText=self.bullet or None)
        return self._paragraph

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        paragraph = self._wrapping(availWidth)
        if paragraph is not None:
            self.width, self.height = paragraph.wrap(availWidth, availHeight)
        else:
            self.width, self.height = availWidth, self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - ReportLab's names
        paragraph = self._wrapping(availWidth)
        return [] if paragraph is None else paragraph.split(availWidth, availHeight)

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # noqa: N802 - ReportLab's name
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        style, canvas = self.style, self.canv
        baseline = self.height - style.fontSize
        if self.bullet:
            canvas.setFont(style.bulletFontName, style.bulletFontSize)
            canvas.setFillColor(getattr(style, "bulletColor", style.textColor))
            canvas.drawString(style.bulletIndent, baseline, self.bullet)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawString(self.indent, baseline, self.value)


def bullets(lines: Sequence[str], *, limit: int, more: str = "more", style: str = "body") -> list[Flowable]:
    """One paragraph a line with a bullet, at most ``limit`` lines; the rest said as "and N more"."""
    look = getattr(styles(), style)
    shown: list[Flowable] = [
        PlainLine(line, look, bullet="•")
        if _plain_style(look) and line.strip()
        else Paragraph(text(line), look, bulletText="•")
        for line in lines[:limit]
    ]
    hidden = len(lines) - limit
    if hidden > 0:
        shown.append(para(f"… and {fmt.count(hidden)} {more}", "quiet"))
    return shown


def grid(
    rows: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    *,
    head: bool = True,
    right: Sequence[int] = (),
) -> Table:
    """A table in the reports' look: a quiet header row, thin rules, numbers right-aligned in
    the ``right`` columns. Text too wide for its column is set as a paragraph that wraps; text
    that fits is drawn as it is, which looks the same and is several times faster (a packet has
    a few hundred cells)."""
    look = styles()
    body: list[list[Flowable | str]] = []
    for index, row in enumerate(rows):
        header = head and index == 0
        cells: list[Flowable | str] = []
        for column, cell in enumerate(row):
            if isinstance(cell, str) and _too_wide(cell, widths[column], header):
                style = look.cell_head if header else look.cell_right if column in right else look.cell
                cell = Paragraph(text(cell), style)
            cells.append(cell)
        body.append(cells)
    table = Table(body, colWidths=list(widths), repeatRows=1 if head else 0, hAlign="LEFT")
    first = 1 if head else 0
    commands: list[tuple[Any, ...]] = [
        ("FONTSIZE", (0, first), (-1, -1), look.cell.fontSize),
        ("LEADING", (0, first), (-1, -1), look.cell.leading),
        ("TEXTCOLOR", (0, first), (-1, -1), PALETTE.ink),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, PALETTE.rule),
        *(("ALIGN", (column, 0), (column, -1), "RIGHT") for column in right),
    ]
    if head:
        commands += [
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ("FONTSIZE", (0, 0), (-1, 0), look.cell_head.fontSize),
            ("LEADING", (0, 0), (-1, 0), look.cell_head.leading),
            ("TEXTCOLOR", (0, 0), (-1, 0), PALETTE.quiet),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, PALETTE.quiet),
        ]
    table.setStyle(table_style(commands))
    return table


def _too_wide(cell: str, width: float, header: bool) -> bool:
    look = styles()
    style = look.cell_head if header else look.cell
    return "\n" in cell or stringWidth(cell, style.fontName, style.fontSize) > width - 6  # the padding


def panel(cells: Sequence[Sequence[Flowable]], widths: Sequence[float]) -> Table:
    """Boxes side by side on the panel colour (the key figures)."""
    table = Table([list(cells)], colWidths=list(widths), hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), PALETTE.panel),
                ("LINEAFTER", (0, 0), (-2, -1), 3, PALETTE.paper),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


class StackedLines(Flowable):
    """Short lines one under the other, each in its own paragraph style, drawn as plain text:
    what one-line paragraphs print (the same place, the same order in the PDF's text), for a
    fraction of their cost. For text known to fit its width; ``lines_or_paragraphs`` checks."""

    def __init__(self, lines: Sequence[tuple[str, ParagraphStyle]]) -> None:
        super().__init__()
        self.lines = list(lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        self.width = availWidth
        self.height = sum(style.leading for _, style in self.lines)
        return self.width, self.height

    def draw(self) -> None:
        canvas, top = self.canv, self.height
        for value, style in self.lines:
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            canvas.drawString(0, top - style.fontSize, value)
            top -= style.leading


def lines_or_paragraphs(lines: Sequence[tuple[str, str]], width: float) -> list[Flowable]:
    """``lines`` (text, style name) one under the other in ``width``: as ``StackedLines`` when
    each fits on one line, else as paragraphs that wrap."""
    look = [(value, getattr(styles(), name)) for value, name in lines]
    if all(
        "\n" not in value and stringWidth(value, style.fontName, style.fontSize) <= width
        for value, style in look
    ):
        return [StackedLines(look)]
    return [Paragraph(text(value), style) for value, style in look]
