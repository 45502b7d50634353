"""One look for every report: paper sizes, margins, colours and paragraph styles.

Reports ask for a role (``ink``, ``quiet``, ``accent``, ``good``, ``warn``, ``bad``) or a named
style, never a colour literal, so the three reports print as one family.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from msp_desk.reports.fonts import BOLD, REGULAR, register_fonts

PAPERS = {"letter": LETTER, "a4": A4}
MARGIN = 16 * mm
HEADER_HEIGHT = 15 * mm  # the band the masthead takes at the top of every page
FOOTER_HEIGHT = 9 * mm


def page_size(paper: str) -> tuple[float, float]:
    """The page size for the shop's paper setting (``letter`` or ``a4``; anything else: Letter)."""
    return PAPERS.get(paper.lower(), LETTER)


@dataclass(frozen=True)
class Palette:
    ink: colors.Color = colors.HexColor("#1f2933")
    quiet: colors.Color = colors.HexColor("#616e7c")
    rule: colors.Color = colors.HexColor("#cbd2d9")
    panel: colors.Color = colors.HexColor("#f0f4f8")
    accent: colors.Color = colors.HexColor("#1f5f99")
    accent_soft: colors.Color = colors.HexColor("#9fc3e7")
    good: colors.Color = colors.HexColor("#2f7d4f")
    warn: colors.Color = colors.HexColor("#b7791f")
    bad: colors.Color = colors.HexColor("#b83232")
    band: colors.Color = colors.HexColor("#dcefe3")  # a benchmark's target range behind a chart
    paper: colors.Color = colors.white  # the page itself: parts boxes set side by side


PALETTE = Palette()


def status_colour(status: str | None) -> colors.Color:
    """The colour of a KPI status word (``good``, ``watch``/``warn``, ``bad``); quiet otherwise."""
    return {"good": PALETTE.good, "watch": PALETTE.warn, "warn": PALETTE.warn, "bad": PALETTE.bad}.get(
        status or "", PALETTE.quiet
    )


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    quiet: ParagraphStyle
    figure: ParagraphStyle  # a big proof number
    figure_label: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle


@cache
def styles(scale: float = 1.0) -> Styles:
    """The paragraph styles, optionally scaled down (the one-page pack fits long text that way)."""
    register_fonts()
    ink, quiet = PALETTE.ink, PALETTE.quiet

    def style(
        name: str, size: float, *, font: str = REGULAR, colour: colors.Color = ink, **kw: Any
    ) -> ParagraphStyle:
        size *= scale
        return ParagraphStyle(  # bullets in the report font too: ReportLab's default is Helvetica
            name,
            fontName=font,
            bulletFontName=font,
            fontSize=size,
            leading=round(size * 1.3, 1),
            textColor=colour,
            **kw,
        )

    return Styles(
        title=style("title", 20, font=BOLD, colour=PALETTE.accent, spaceAfter=4 * scale),
        heading=style(
            "heading", 12.5, font=BOLD, colour=PALETTE.accent, spaceBefore=8 * scale, spaceAfter=3 * scale
        ),
        subheading=style("subheading", 10, font=BOLD, spaceBefore=4 * scale, spaceAfter=2 * scale),
        body=style("body", 9.5, spaceAfter=3 * scale),
        small=style("small", 8),
        quiet=style("quiet", 8, colour=quiet),
        figure=style("figure", 17, font=BOLD, colour=PALETTE.accent, alignment=TA_LEFT),
        figure_label=style("figure_label", 7.5, colour=quiet),
        cell=style("cell", 8.5),
        cell_right=style("cell_right", 8.5, alignment=TA_RIGHT),
        cell_head=style("cell_head", 8, font=BOLD, colour=quiet),
    )


def table_style(commands: list[Any]) -> TableStyle:  # ReportLab's command tuples, each its own shape
    """A table style in the report's font: a table sets every cell's font, Helvetica unless told,
    and a page naming Helvetica carries a font that is not embedded."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])
