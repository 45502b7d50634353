"""The charts drawn from plain shapes: a value axis of round steps whose labels read apart, the
bars' values printed above them ("—" over a bar of no data), the legend at the top right, and
the fast painting putting on the page what ReportLab's own renderer would."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.platypus import Flowable

from msp_desk.reports.document import Masthead, render
from msp_desk.reports.figures import comparison_bars, monthly_line, movement_bars, nice_ticks


def _count(value: float | None) -> str:
    return "—" if value is None else f"{round(value):,}"


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} h"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _strings(drawing: Drawing) -> list[str]:
    return [node.text for node in drawing.contents if isinstance(node, String)]


def test_the_value_axis_counts_in_round_steps_whose_labels_read_apart() -> None:
    assert [label for _, label in nice_ticks(0, 17 * 1.12, _count)] == ["0", "5", "10", "15"]
    assert [label for _, label in nice_ticks(0, 112, _percent)] == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert [label for _, label in nice_ticks(0, 3.8 * 1.12, _hours)] == [
        "0.0 h",
        "1.0 h",
        "2.0 h",
        "3.0 h",
        "4.0 h",
    ]
    # one ticket: steps of 0.2 would print 0, 0, 0, 1, 1; the axis says 0 and 1
    assert [label for _, label in nice_ticks(0, 1.12, _count)] == ["0", "1"]
    # gains and losses: zero is a tick, the steps are the same either side
    assert [value for value, _ in nice_ticks(-2.6, 4.4, _count)] == [-2.0, 0.0, 2.0, 4.0]


def test_comparison_bars_label_every_bar_and_leave_out_the_bar_of_no_data() -> None:
    drawing = comparison_bars(
        ["SLA met", "First contact"], [100.0, None], [95.0, 70.0], fmt=_percent, title="SLA and FCR"
    )
    texts = _strings(drawing)
    assert texts[0] == "SLA and FCR"
    assert {"Previous quarter", "Last 90 days", "SLA met", "First contact"} <= set(texts)
    assert [t for t in texts[-4:]] == ["100%", "95%", "—", "70%"]  # the bars' values, in order
    assert "100%" in texts[:-4]  # the axis reaches 100% (20% steps)
    bars = [n for n in drawing.contents if isinstance(n, Rect) and n.height > 6]  # not the swatches
    assert len(bars) == 3
    legend = [n for n in drawing.contents if isinstance(n, String) and n.text == "Last 90 days"][0]
    assert legend.x > drawing.width / 2  # the legend sits at the right


def test_building_a_chart_leaves_reportlabs_shape_checks_as_they_were() -> None:
    assert rl_config.shapeChecking
    comparison_bars(["Tickets"], [17], [13])
    assert rl_config.shapeChecking


def _page_text(flowable: Flowable) -> list[str]:
    pdf = render([flowable], Masthead(shop="Shop", title="Charts"))
    return sorted(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


class _Plain(Flowable):
    """A drawing drawn by ReportLab's own renderer."""

    def __init__(self, drawing: Drawing) -> None:
        super().__init__()
        self.drawing = drawing

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's
        return self.drawing.width, self.drawing.height

    def draw(self) -> None:
        self.drawing.canv = self.canv
        Drawing.draw(self.drawing)


def test_the_fast_painting_prints_what_reportlabs_renderer_prints() -> None:
    charts = [
        comparison_bars(["P1", "P2"], [5.0, None], [3.5, 9.0], fmt=_hours, title="MTTR"),
        monthly_line(
            ["Jan", "Feb", "Mar"], [100.0, 120.0, None], band=(90.0, 110.0), series="MRR", title="MRR"
        ),
        movement_bars(["Jan", "Feb"], [10.0, 0.0], [4.0, 6.0], title="Movements"),
    ]
    for chart in charts:
        fast = _page_text(chart)
        assert "Page" in fast and len(fast) > 12
        assert fast == _page_text(_Plain(chart))


def _pixels(flowable: Flowable, folder: Path) -> bytes:
    source = folder / "chart.pdf"
    source.write_bytes(render([flowable], Masthead(shop="Shop", title="Charts")))
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-singlefile", str(source), str(folder / "chart")], check=True
    )
    with Image.open(folder / "chart.png") as image:
        return image.convert("RGB").tobytes()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
def test_the_fast_painting_draws_what_reportlabs_renderer_draws(tmp_path: Path) -> None:
    for chart in (
        comparison_bars(["SLA met", "First contact"], [100.0, None], [95.0, 70.0], fmt=_percent, title="SLA"),
        monthly_line(
            ["Jan", "Feb", "Mar", "Apr"],
            [100.0, None, 120.0, 130.0],
            band_path=([None, 90, 95, 99], [None, 110, 115, 120]),
            series="MRR",
        ),
        movement_bars(["Jan", "Feb"], [10.0, 0.0], [4.0, 6.0], title="Movements"),
    ):
        assert _pixels(chart, tmp_path) == _pixels(_Plain(chart), tmp_path)
