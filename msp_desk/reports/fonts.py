"""The reports' typeface: DejaVu Sans, a Unicode TTF family shipped in ``resources/fonts``.

ReportLab's base-14 fonts know only Latin-1, so "Łódź" or "Ōsaka" would print as boxes; a TTF
covers them and is embedded (subset) in every PDF. The family is registered once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from msp_desk.paths import resources_dir

REGULAR = "MspSans"
BOLD = "MspSans-Bold"
ITALIC = "MspSans-Italic"
BOLD_ITALIC = "MspSans-BoldItalic"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@cache
def register_fonts() -> str:
    """Register the family (``<b>`` and ``<i>`` in paragraphs map to its faces); returns its name.

    A missing font file is a broken install, not a user's fault: the OSError names the file.
    """
    folder = fonts_dir()
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR


def font_files() -> list[Path]:
    """The files the reports need (for the bundle's self-check)."""
    return [fonts_dir() / file for file in _FILES.values()]
