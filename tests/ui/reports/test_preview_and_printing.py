"""A report's pages shown as they will print, and printed page by page on the printer's paper."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.platypus import PageBreak, Paragraph

from msp_desk.reports.document import Masthead, render
from msp_desk.reports.theme import styles
from msp_desk.ui.reports.preview import PdfPreview
from msp_desk.ui.reports.printing import print_pdf

pytestmark = pytest.mark.qt_log_level_fail("WARNING")


def two_pages(paper: str = "letter") -> bytes:
    story = [Paragraph("Łódź Logistics", styles().body), PageBreak(), Paragraph("page two", styles().body)]
    return render(story, Masthead(shop="Ōsaka IT", title="Report", paper=paper))


def test_the_preview_shows_every_page_or_says_why_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.show_message("Preparing the report…")
    assert preview.page_count() == 0 and preview.message.text() == "Preparing the report…"
    preview.show_pdf(two_pages())
    assert preview.page_count() == 2
    assert preview.stack.currentWidget() is preview.view
    preview.show_pdf(b"%PDF-1.4 not really")
    assert preview.page_count() == 0
    assert preview.message.text() == "The report could not be shown."
    assert preview.data == b""


def test_printing_puts_each_page_on_the_printers_paper(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pdf(two_pages("a4"), printer) == 2
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4, as the report was made
    assert all(page.images for page in reader.pages)  # each page drawn


def test_a_pdf_that_cannot_be_read_is_not_printed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "never.pdf"))
    with pytest.raises(ValueError, match="could not be read"):
        print_pdf(b"garbage", printer)
    assert not (tmp_path / "never.pdf").exists()
