"""What each colour is for: the roles widgets ask for (quiet text, warning, good, card ...), a
``QColor`` or a small style-sheet snippet for a role, and rich-text spans in a role's colour."""

from __future__ import annotations

from html import escape
from typing import Literal

from PySide6.QtGui import QColor

from msp_desk.ui.theme import palette as p

ColorRole = Literal[
    # text
    "text",  # ink: values, names, titles
    "heading",  # small headings, table headers
    "caption",  # a sentence under or beside something
    "quiet",  # what can be skipped: hints, fine print
    "faded",  # a row that no longer counts (ended, churned), a placeholder
    "accent_text",  # the chosen navigation entry or tab
    "figure",  # a price or a statistic on a card; the brand
    "good",
    "warning",
    "error",
    "on_accent",  # text on an accent background
    # surfaces and lines
    "window",
    "sidebar",
    "card",
    "alternate",  # every other table row
    "header",  # a table's header, a board column
    "hover",
    "selection",
    "chip",  # a tag
    "tint",  # a light accent background: card stats, a hovered card button
    "border",
    "control_border",
    "hover_border",
    "accent",  # focus, the highlight, a chosen card
    "good_mark",  # the coloured band or line that marks good, warning or error
    "warning_mark",
    "error_mark",
    "warning_surface",
    "warning_border",
    "error_surface",
    # charts
    "chart_line",
    "chart_axis",
    "chart_bar",
    "chart_bar_empty",
    "chart_background",
]

ROLES: dict[ColorRole, str] = {
    "text": p.GREY_900,
    "heading": p.GREY_700,
    "caption": p.GREY_600,
    "quiet": p.GREY_500,
    "faded": p.GREY_400,
    "accent_text": p.BLUE_700,
    "figure": p.BLUE_900,
    "good": p.GREEN_700,
    "warning": p.AMBER_700,
    "error": p.RED_700,
    "on_accent": p.WHITE,
    "window": p.GREY_50,
    "sidebar": p.GREY_150,
    "card": p.WHITE,
    "alternate": p.GREY_25,
    "header": p.GREY_100,
    "hover": p.GREY_200,
    "selection": p.BLUE_100,
    "chip": p.BLUE_100,
    "tint": p.BLUE_50,
    "border": p.GREY_200,
    "control_border": p.GREY_300,
    "hover_border": p.BLUE_300,
    "accent": p.BLUE_600,
    "good_mark": p.GREEN_600,
    "warning_mark": p.AMBER_600,
    "error_mark": p.RED_600,
    "warning_surface": p.AMBER_100,
    "warning_border": p.AMBER_500,
    "error_surface": p.RED_50,
    "chart_line": p.BLUE_600,
    "chart_axis": p.GREY_500,
    "chart_bar": p.INDIGO_500,
    "chart_bar_empty": p.GREY_300,
    "chart_background": p.WHITE,
}
CHART_FILL_ALPHA = 38  # of 255: the area under the MRR line

# A client status as a chip: (background, text).
STATUS_CHIPS: dict[str, tuple[str, str]] = {
    "prospect": (p.GREY_200, p.GREY_700),
    "onboarding": (p.AMBER_100, p.AMBER_800),
    "active": (p.GREEN_100, p.GREEN_800),
    "paused": (p.BLUE_100, p.INDIGO_800),
    "churned": (p.RED_100, p.RED_800),
}
# The band over each growth stage of the ladder's add-ons.
STAGE_MARKS: dict[str, str] = {
    "run": p.GREY_500,
    "protect": p.GREEN_600,
    "optimize": p.AMBER_600,
    "scale": p.VIOLET_600,
}

LabelRole = Literal["error", "caption", "quiet", "title", "empty", "preview"]


def hex_color(role: ColorRole) -> str:
    """The colour of ``role`` as ``#rrggbb`` (for style sheets and rich text)."""
    return ROLES[role]


def color(role: ColorRole) -> QColor:
    """The colour of ``role`` (a new ``QColor``: the caller may change it)."""
    return QColor(ROLES[role])


def chart_fill() -> QColor:
    """The area under a chart's line: the line's colour, mostly transparent."""
    fill = color("chart_line")
    fill.setAlpha(CHART_FILL_ALPHA)
    return fill


def text_style(role: ColorRole, size: int | None = None, *, bold: bool = False) -> str:
    """A label's style sheet: text in ``role``'s colour, optionally ``size`` px and bold."""
    parts = [f"color: {ROLES[role]};"]
    if size is not None:
        parts.append(f"font-size: {size}px;")
    if bold:
        parts.append("font-weight: 600;")
    return " ".join(parts)


LABEL_STYLES: dict[LabelRole, str] = {
    "error": text_style("error", p.FONT_CAPTION),  # beside a field, or over a form
    "caption": text_style("caption", p.FONT_CAPTION),  # a caption, hint or note
    "quiet": text_style("quiet", p.FONT_CAPTION),  # fine print under a form
    "title": text_style("heading", p.FONT_SUBHEADING, bold=True),  # a panel's title
    "empty": text_style("quiet", p.FONT_BODY) + " padding: 24px;",  # why a table is empty
    "preview": "font-weight: 600; padding: 8px 0;",  # what a change will do, before it is saved
}


def label_style(kind: LabelRole) -> str:
    """The style sheet of a label of kind ``kind`` (an error, a caption, a panel's title ...)."""
    return LABEL_STYLES[kind]


def span(text: str, role: ColorRole) -> str:
    """Rich text: ``text`` (already HTML) in ``role``'s colour."""
    return f"<span style='color:{ROLES[role]}'>{text}</span>"


def chip(text: str) -> str:
    """Rich text: ``text`` (plain) as a tag chip."""
    return (
        f"<span style='background-color:{ROLES['chip']}; color:{ROLES['figure']}; font-weight:600;'>"
        f"&nbsp;{escape(text)}&nbsp;</span>"
    )
