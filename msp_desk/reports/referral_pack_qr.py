"""The referral pack's QR code to the booking link: encoded by ReportLab's own QR widget, drawn
as vectors in one filled path."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

QR_SIZE = 78.0  # points: about 27 mm, scans from a printed page at arm's length


@dataclass(frozen=True)
class QrSquares:
    """A QR code's dark squares on a unit square (x, y, width, height), and their colour."""

    squares: tuple[tuple[float, float, float, float], ...]
    colour: Color


def qr_squares(link: str) -> QrSquares:
    """``link`` encoded by ReportLab's own QR widget (its encoder, error correction M, its quiet
    border), as runs of dark modules on a unit square: the geometry of the widget's own drawing,
    without building a shape object for each square."""
    widget = QrCodeWidget(link, barLevel="M")
    encoder = vars(widget)["qr"]  # the widget keeps its encoder in its __dict__ (not in the stubs)
    encoder.make()
    modules: list[list[bool | None]] = encoder.modules
    border = widget.barBorder
    box = 1 / (len(modules) + 2 * border)
    squares = []
    for row, cells in enumerate(modules):
        column = 0
        for dark, run in groupby(bool(cell) for cell in cells):
            count = len(list(run))
            if dark:
                squares.append(((column + border) * box, 1 - (row + border + 1) * box, count * box, box))
            column += count
    return QrSquares(tuple(squares), widget.barFillColor)


class QrCode(Flowable):
    """A QR code ``size`` points square, filled as one vector path (the widget's own drawing
    saves and restores the graphics state around each of its hundreds of squares)."""

    def __init__(self, code: QrSquares, size: float) -> None:
        super().__init__()
        self.code, self.width, self.height = code, size, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        return self.width, self.height

    def draw(self) -> None:
        canvas, size = self.canv, self.width
        canvas.saveState()
        canvas.setFillColor(self.code.colour)
        path = canvas.beginPath()
        for x, y, w, h in self.code.squares:
            path.rect(x * size, y * size, w * size, h * size)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
