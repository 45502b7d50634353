"""The Settings page's logo field: the shop's logo as reports print it, "Choose logo…" and
"Remove logo", each one undoable write saved at once (not with the page's Save)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMargins, QStandardPaths, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk.errors import MspError
from msp_desk.services.changes import SETTINGS_TABLES, Changes
from msp_desk.services.shop.logo import clear_logo, set_logo
from msp_desk.services.shop.settings import get_settings
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower

# The masthead's logo box is 34 x 11 mm: the preview has its shape, so a logo looks here as it prints.
PREVIEW_SIZE = (214, 76)  # px: 204 x 66 for the logo, inside the frame's padding and border
PREVIEW_PADDING = 4  # px
NO_LOGO = "No logo: reports print the shop's name alone"
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)"


class LogoField(QWidget):
    """``LogoField(ctx)``: the logo's preview and its two buttons; a refused file is said beside
    them. Follows every settings write, so an undo shows the logo it brought back."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logo_field")
        self._db, self._edits, self._runner = ctx.db, ctx.edits, ctx.runner
        self.preview = QLabel()
        self.preview.setObjectName("logo_preview")
        self.preview.setFixedSize(*PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.preview.setWordWrap(True)
        self.choose_button = QPushButton("Choose logo…")
        self.choose_button.setObjectName("choose_logo")
        self.choose_button.setToolTip(
            "A PNG, JPEG, GIF, BMP or WebP picture, printed at the top of every report"
        )
        self.choose_button.clicked.connect(self._choose)
        self.remove_button = QPushButton("Remove logo")
        self.remove_button.setObjectName("remove_logo")
        self.remove_button.clicked.connect(self.remove)
        self.status = QLabel()
        self.status.setObjectName("logo_status")
        self.status.setWordWrap(True)
        self.status.setVisible(False)  # until there is something to say

        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.status)  # under both: a refusal's sentence has the row's width
        self.follower = ChangeFollower(self, ctx.edits, SETTINGS_TABLES, lambda _changes: self.load())
        self.load()

    def load(self) -> None:
        """Show the logo as saved (or say there is none)."""
        png = get_settings(self._db).logo_png
        pixmap = QPixmap()
        # On white like the page it prints on, in a frame the shape of the masthead's logo box.
        paper = f"background: {theme.hex_color('card')}; border: 1px solid {theme.hex_color('border')};"
        paper += f" padding: {PREVIEW_PADDING}px;"
        if png and pixmap.loadFromData(png):
            room = self.preview.size().shrunkBy(QMargins(*(PREVIEW_PADDING + 1,) * 4))
            fitted = pixmap.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self.preview.setPixmap(fitted)
            self.preview.setStyleSheet(paper)
        else:
            self.preview.clear()
            self.preview.setText(NO_LOGO)
            self.preview.setStyleSheet(paper + theme.label_style("caption"))
        self.remove_button.setEnabled(bool(png))

    @property
    def has_logo(self) -> bool:
        return self.preview.pixmap() is not None and not self.preview.pixmap().isNull()

    # -- choosing and removing -------------------------------------------------------------
    def choose_file(self) -> str:
        """Ask for the picture (the system's file dialog); "" when the owner cancels."""
        pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        chosen, _filter = QFileDialog.getOpenFileName(self, "Choose the shop's logo", pictures, IMAGE_FILTER)
        return chosen

    def _choose(self) -> None:
        chosen = self.choose_file()
        if chosen:
            self.use_file(chosen)

    def use_file(self, path: str | Path) -> None:
        """Make the picture at ``path`` the logo: read and scaled off the UI thread (a large
        photo takes a second), then saved as one undoable write; a refusal is said beside."""
        self._busy(True)
        self._say("Reading the picture…", "caption")
        self._runner.submit(lambda: set_logo(self._db, path), self._saved, self._failed, context=self)

    def remove(self) -> None:
        """Remove the logo (one undoable write)."""
        try:
            changes = self._edits.apply(lambda: clear_logo(self._db))
        except MspError as exc:
            self._say(str(exc), "error")
            return
        self._say(changes.message, "caption")

    def _saved(self, changes: Changes) -> None:
        self._busy(False)
        self._edits.adopt(changes)  # undoable, and announced: this field and the pages follow
        self._say(changes.message, "caption")

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if not isinstance(exc, MspError):
            raise exc  # a bug: the app's error dialog shows it
        self._say(str(exc), "error")

    def _busy(self, busy: bool) -> None:
        self.choose_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and self.has_logo)

    def _say(self, text: str, kind: theme.LabelRole) -> None:
        self.status.setStyleSheet(theme.label_style(kind))
        self.status.setText(text)
        self.status.setVisible(bool(text))
