"""The shared report page: Unicode names print as themselves, fonts are embedded, pages say
"Page x of y", the shop's logo is optional, and charts are vectors in the report font."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph

from msp_desk.reports.document import Masthead, fitted, render
from msp_desk.reports.figures import comparison_bars, monthly_line, movement_bars
from msp_desk.reports.fonts import font_files
from msp_desk.reports.theme import page_size, styles

NAMES = ("Zoë Müller", "Ōsaka Dental", "Łódź Logistics")


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font the pages use, and whether its program is embedded."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def test_unicode_names_come_back_as_the_same_text_in_embedded_fonts() -> None:
    story = [Paragraph(name, styles().body) for name in NAMES]
    pdf = render(story, Masthead(shop="Ōsaka IT", title="Report", subject="Łódź Logistics"))
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    for name in (*NAMES, "Ōsaka IT"):
        assert name in text
    fonts = _fonts(reader)
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVuSans" in name for name in fonts)


def test_every_page_says_which_of_how_many_it_is() -> None:
    story = [Paragraph("one", styles().body), PageBreak(), Paragraph("two", styles().body), PageBreak()]
    story.append(Paragraph("three", styles().body))
    reader = PdfReader(io.BytesIO(render(story, Masthead(shop="Shop", title="Report"))))
    assert len(reader.pages) == 3
    assert [f"Page {n} of 3" in page.extract_text() for n, page in enumerate(reader.pages, 1)] == [True] * 3


def test_an_unnumbered_report_has_no_page_number_and_the_paper_is_the_shops() -> None:
    pdf = render(
        [Paragraph("pack", styles().body)], Masthead(shop="Shop", title="Pack", paper="a4"), numbered=False
    )
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert "Page 1" not in page.extract_text()
    width, height = page_size("a4")
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
        round(width),
        round(height),
    )


def test_an_unreadable_logo_prints_the_report_without_it() -> None:
    pdf = render([Paragraph("body", styles().body)], Masthead(shop="Shop", title="T", logo_png=b"not a png"))
    assert "Shop" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_logo_is_drawn_as_an_image() -> None:
    png = io.BytesIO()
    Image.new("RGB", (80, 40), (20, 90, 160)).save(png, format="PNG")
    pdf = render(
        [Paragraph("body", styles().body)], Masthead(shop="Shop", title="T", logo_png=png.getvalue())
    )
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1


def test_charts_are_vectors_in_the_report_font_with_their_labels() -> None:
    story = [
        comparison_bars(
            ["P1", "P2"],
            [5.0, None],
            [3.5, 9.0],
            fmt=lambda v: "—" if v is None else f"{v:.1f} h",
            title="MTTR",
        ),
        monthly_line(
            ["Jan", "Feb", "Mar"], [100.0, 120.0, None], band=(90.0, 110.0), series="MRR", title="MRR"
        ),
        movement_bars(["Jan", "Feb"], [10.0, 0.0], [4.0, 6.0], title="Movements"),
    ]
    reader = PdfReader(io.BytesIO(render(story, Masthead(shop="Shop", title="Charts"))))
    text = "".join(page.extract_text() for page in reader.pages)
    for label in (
        "MTTR",
        "3.5 h",
        "9.0 h",
        "5.0 h",
        "Previous quarter",
        "Benchmark",
        "Movements",
        "Net",
        "Feb",
    ):
        assert label in text
    assert all(not page.images for page in reader.pages)  # drawn, not pasted as pictures
    assert all(_fonts(reader).values())


def test_the_font_files_are_shipped() -> None:
    assert all(path.is_file() and path.stat().st_size > 100_000 for path in font_files())


def test_a_long_shop_name_and_title_share_the_masthead_without_running_into_each_other() -> None:
    shop, subject = "Ōsaka " + "Very Long Managed Services " * 8, "Łódź " + "Logistics " * 10
    pdf = render(
        [Paragraph("body", styles().body)],
        Masthead(shop=shop, title="Quarterly business review", subject=subject),
    )
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Ōsaka Very Long" in text and "…" in text and "Quarterly business review" in text
    assert fitted("short", "MspSans", 10, 200) == "short"
    cut = fitted(shop, "MspSans-Bold", 11, 150)
    assert cut.endswith("…") and stringWidth(cut, "MspSans-Bold", 11) <= 150
