"""A PDF shown as it will print (Qt PDF): every page in a scrolling column, each fitted in view."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from msp_desk.ui import theme
from msp_desk.ui.theme import palette


class PdfPreview(QWidget):
    """``show_pdf(data)`` shows a PDF's pages; ``show_message(text)`` a sentence in their place
    (nothing chosen yet, being prepared, or why it could not be made)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_preview")
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None  # the document reads from it: kept while shown
        self.view = QPdfView(self)
        self.view.setObjectName("report_pdf_view")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)  # a whole page in sight; scroll for the next
        self.view.setPageSpacing(12)
        self.view.setDocument(self.document)
        self.message = QLabel()
        self.message.setObjectName("report_preview_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.text_style("caption", palette.FONT_BODY))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stack)
        self.data = b""

    def show_pdf(self, data: bytes) -> None:
        """Show ``data`` (a whole PDF); a PDF Qt cannot read shows a sentence saying so."""
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        if self.document.status() != QPdfDocument.Status.Ready:
            self.data = b""
            self.show_message("The report could not be shown.")
            return
        self.data = data
        self.stack.setCurrentWidget(self.view)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def page_count(self) -> int:
        """Pages of the PDF shown (0 while a message shows)."""
        return self.document.pageCount() if self.stack.currentWidget() is self.view else 0
