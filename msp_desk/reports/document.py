"""The page every report prints on: the shop's masthead (logo, name, report title), the footer
with its contact line and "Page x of y", and the build that turns a story into PDF bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from msp_desk.reports.fonts import BOLD, REGULAR, register_fonts
from msp_desk.reports.theme import FOOTER_HEIGHT, HEADER_HEIGHT, MARGIN, PALETTE, page_size

LOGO_BOX = (34 * mm, 11 * mm)  # the most a logo takes: wide logos by width, tall ones by height
CAP_HEIGHT = 0.73  # DejaVu Sans capitals' height per point of size: a name centred on the logo


@dataclass(frozen=True)
class Masthead:
    """Who prints the report and what it is: on every page."""

    shop: str
    title: str  # the report's name on the masthead, e.g. "Quarterly business review"
    subject: str = ""  # e.g. the client's name; printed after the title
    contact: str = ""  # one line: phone · email · web, for the footer
    logo_png: bytes | None = None
    paper: str = "letter"


def logo_image(png: bytes | None) -> ImageReader | None:
    """The shop's logo, or None when there is none or it cannot be read (the report prints
    without it rather than not at all; Settings checks a logo when it is chosen)."""
    if not png:
        return None
    try:
        image = ImageReader(io.BytesIO(png))
        image.getSize()
    except Exception:  # noqa: BLE001 - any unreadable image: print without the logo
        return None
    return image


def fitted(text: str, font: str, size: float, width: float) -> str:
    """``text`` as it fits in ``width`` points: whole, or cut with "…" (a 200-character shop name
    must not run into the title)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_logo(canvas: Canvas, image: ImageReader, x: float, middle: float) -> float:
    """Draw the logo as large as LOGO_BOX allows, from ``x``, centred on the line ``middle``
    (a wide, short logo sits level with the name, not above it); returns the width used."""
    width, height = image.getSize()
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
    w, h = width * scale, height * scale
    canvas.drawImage(image, x, middle - h / 2, w, h, mask="auto")
    return w


def _masthead(canvas: Canvas, doc: BaseDocTemplate, head: Masthead, logo: ImageReader | None) -> None:
    page_w, page_h = doc.pagesize
    top = page_h - MARGIN + 4 * mm
    canvas.saveState()
    x, baseline = MARGIN, top - 5 * mm
    if logo is not None:
        middle = top - LOGO_BOX[1] / 2
        x += _draw_logo(canvas, logo, x, middle) + 4 * mm
        baseline = middle - CAP_HEIGHT * 11 / 2  # the name's capitals centred beside the logo
    title = f"{head.title} · {head.subject}" if head.subject else head.title
    room = page_w - MARGIN - x - 6 * mm  # the shop's name on the left, the title on the right
    title = fitted(title, REGULAR, 8.5, room * 0.55)
    shop = fitted(head.shop, BOLD, 11, room - stringWidth(title, REGULAR, 8.5))
    canvas.setFillColor(PALETTE.ink)
    canvas.setFont(BOLD, 11)
    canvas.drawString(x, baseline, shop)
    canvas.setFillColor(PALETTE.quiet)
    canvas.setFont(REGULAR, 8.5)
    canvas.drawRightString(page_w - MARGIN, baseline, title)
    canvas.setStrokeColor(PALETTE.rule)
    canvas.setLineWidth(0.6)
    rule_y = page_h - MARGIN - HEADER_HEIGHT + 4 * mm
    canvas.line(MARGIN, rule_y, page_w - MARGIN, rule_y)
    canvas.restoreState()


def _canvas_class(head: Masthead, numbered: bool) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each can say "Page x of y"."""

    class FootedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own page-numbering recipe

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            page_w, _ = page_size(head.paper)
            y = MARGIN - FOOTER_HEIGHT + 3 * mm
            self.saveState()
            self.setStrokeColor(PALETTE.rule)
            self.setLineWidth(0.6)
            self.line(MARGIN, y + 4 * mm, page_w - MARGIN, y + 4 * mm)
            self.setFillColor(PALETTE.quiet)
            self.setFont(REGULAR, 7.5)
            self.drawString(MARGIN, y, head.contact or head.shop)
            if numbered:
                self.drawRightString(page_w - MARGIN, y, f"Page {number} of {total}")
            self.restoreState()

    return FootedCanvas


def content_size(paper: str) -> tuple[float, float]:
    """Width and height of the frame a story flows into on ``paper``."""
    page_w, page_h = page_size(paper)
    return page_w - 2 * MARGIN, page_h - 2 * MARGIN - HEADER_HEIGHT


def render(story: Sequence[Flowable], head: Masthead, *, numbered: bool = True, author: str = "") -> bytes:
    """The story laid out on the shop's pages; the PDF's bytes (fonts embedded, no timestamps
    in the content, so the same data gives the same pages)."""
    register_fonts()
    # Streams as binary, not ASCII85 text (ReportLab's default, for 7-bit mail): a quarter
    # smaller, and it skips a pure-Python encoder that took a tenth of a packet's time.
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    size = page_size(head.paper)
    width, height = content_size(head.paper)
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT,
        bottomMargin=MARGIN,
        title=f"{head.title} — {head.subject}" if head.subject else head.title,
        author=author or head.shop,
        creator="MSP Desk",
        invariant=True,
        initialFontName=REGULAR,  # else every page names Helvetica, which is never embedded
    )
    logo = logo_image(head.logo_png)
    frame = Frame(
        MARGIN, MARGIN, width, height, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda canvas, d: _masthead(canvas, d, head, logo))]
    )
    doc.build(list(story), canvasmaker=_canvas_class(head, numbered))
    return buffer.getvalue()
