"""A Drawing that paints its plain shapes (rectangles, lines, polylines, polygons, strings)
straight onto the PDF page, for the reports' charts.

ReportLab's PDF renderer saves and restores the whole graphics state around every shape and
recomputes each one's inherited style: most of a small chart's drawing time. ``Figure`` paints
in one pass instead, writing a colour, a line style or a font only when it changes. Anything it
does not know (another kind of shape, a group, a transform, a scale, rounded corners) it leaves
to ReportLab's renderer, and other renderers (PNG, SVG) see an ordinary Drawing.

``unchecked_shapes`` builds a chart with ReportLab's check of every attribute given to a shape
turned off: a help while writing a chart, more than half the time of building these small ones.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

P = ParamSpec("P")
LineStyle = tuple[Color, float, tuple[float, ...], int, int]  # colour, width, dash, join, cap


class Figure(Drawing):
    """A Drawing that, flowing in a story, paints its shapes itself when they are all plain."""

    def draw(self, showBoundary: object = None) -> None:  # noqa: N803 - ReportLab's name
        plain = self.renderScale == 1 and tuple(self.transform) == (1, 0, 0, 1, 0, 0)
        if not plain or not all(_paintable(node) for node in self.contents):
            super().draw()
            return
        pen = _Pen(self.canv)
        self.canv.saveState()
        for node in self.contents:
            _PAINTERS[type(node)](pen, node)
        self.canv.restoreState()


class _Pen:
    """The canvas with the line style, fill colour and font last set."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._line: LineStyle | None = None
        self._fill: Color | None = None
        self._font: tuple[str, float] | None = None

    def line_style(self, shape: Line | PolyLine | Rect | Polygon, colour: Color) -> None:
        """Stroke in ``colour`` (the shape's, known not to be None) with the shape's line style."""
        dash = tuple(float(step) for step in shape.strokeDashArray or ())  # type: ignore[arg-type]  # numbers
        style: LineStyle = (
            colour,
            shape.strokeWidth,
            dash,
            shape.strokeLineJoin,
            shape.strokeLineCap,
        )
        if style == self._line:
            return
        canvas = self.canvas
        canvas.setStrokeColor(style[0])
        canvas.setLineWidth(style[1])
        canvas.setDash(list(style[2]), 0)
        canvas.setLineJoin(style[3])
        canvas.setLineCap(style[4])
        self._line = style

    def fill(self, colour: Color) -> None:
        if colour != self._fill:
            self.canvas.setFillColor(colour)
            self._fill = colour

    def font(self, name: str, size: float) -> None:
        if (name, size) != self._font:
            self.canvas.setFont(name, size)
            self._font = (name, size)


def _paintable(node: object) -> bool:
    return type(node) in _PAINTERS and not (isinstance(node, Rect) and (node.rx or node.ry))


def _paint_rect(pen: _Pen, rect: Rect) -> None:
    stroke, fill = rect.strokeColor is not None, rect.fillColor is not None
    if rect.strokeColor is not None:
        pen.line_style(rect, rect.strokeColor)
    if rect.fillColor is not None:
        pen.fill(rect.fillColor)
    if stroke or fill:
        pen.canvas.rect(rect.x, rect.y, rect.width, rect.height, stroke=int(stroke), fill=int(fill))


def _paint_line(pen: _Pen, line: Line) -> None:
    if line.strokeColor is not None:
        pen.line_style(line, line.strokeColor)
        pen.canvas.line(line.x1, line.y1, line.x2, line.y2)


def _paint_path(pen: _Pen, shape: PolyLine | Polygon) -> None:
    points = shape.points
    path = pen.canvas.beginPath()
    path.moveTo(points[0], points[1])
    for i in range(2, len(points), 2):
        path.lineTo(points[i], points[i + 1])
    colour = shape.fillColor if isinstance(shape, Polygon) else None
    if isinstance(shape, Polygon):
        path.close()
    stroke = shape.strokeColor is not None
    if shape.strokeColor is not None:
        pen.line_style(shape, shape.strokeColor)
    if colour is not None:
        pen.fill(colour)
    if stroke or colour is not None:
        pen.canvas.drawPath(path, stroke=int(stroke), fill=int(colour is not None))


def _paint_string(pen: _Pen, string: String) -> None:
    if string.fillColor is None:
        return
    pen.fill(string.fillColor)
    pen.font(string.fontName, string.fontSize)
    anchor = string.textAnchor
    if anchor == "end":
        pen.canvas.drawRightString(string.x, string.y, string.text)
    elif anchor == "middle":
        pen.canvas.drawCentredString(string.x, string.y, string.text)
    else:
        pen.canvas.drawString(string.x, string.y, string.text)


_PAINTERS: dict[type, Callable[[_Pen, Any], None]] = {
    Rect: _paint_rect,
    Line: _paint_line,
    PolyLine: _paint_path,
    Polygon: _paint_path,
    String: _paint_string,
}


def unchecked_shapes(build: Callable[P, Drawing]) -> Callable[P, Drawing]:
    """``build`` with ReportLab's shape attribute checks off while it runs (the setting is
    process-wide: a shape another thread builds meanwhile goes unchecked too, which only skips a
    developer's aid)."""

    @wraps(build)
    def building(*args: P.args, **kwargs: P.kwargs) -> Drawing:
        checking = rl_config.shapeChecking
        rl_config.shapeChecking = 0
        try:
            return build(*args, **kwargs)
        finally:
            rl_config.shapeChecking = checking

    return building
