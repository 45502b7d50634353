"""The look of the whole UI, in one place: the palette (``palette``: colours named once, font
sizes, radii, margins), what each colour is for (``roles``: widgets ask for quiet text, a
warning, a card, never a colour literal) and the application's style sheet (``style_sheet``)."""

from __future__ import annotations

from msp_desk.ui.theme.palette import PAGE_MARGINS
from msp_desk.ui.theme.roles import (
    ColorRole,
    LabelRole,
    chart_fill,
    chip,
    color,
    hex_color,
    label_style,
    span,
    text_style,
)
from msp_desk.ui.theme.style_sheet import STYLE_SHEET, light_palette, restyle

__all__ = [
    "PAGE_MARGINS",
    "STYLE_SHEET",
    "ColorRole",
    "LabelRole",
    "chart_fill",
    "chip",
    "color",
    "hex_color",
    "label_style",
    "light_palette",
    "restyle",
    "span",
    "text_style",
]
