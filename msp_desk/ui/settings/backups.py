"""The Settings page's "Backups" box: where the backups are (a button opens the folder), when the
last one was taken, and "Back up now"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.shop import backups
from msp_desk.services.shop.settings import get_settings
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext

REASONS = {
    "daily": "daily",
    "manual": "by hand",
    "before-restore": "before a restore",
    "damaged": "damaged file",
}


class BackupsBox(QGroupBox):
    """``BackupsBox(ctx)``: the backup folder, the last backup, and a button to take one now
    (``label_width``: the captions' width, to line up with the page's other boxes)."""

    def __init__(self, ctx: PageContext, label_width: int = 0, parent: QWidget | None = None) -> None:
        super().__init__("Backups", parent)
        self.setObjectName("backups_box")
        self._db, self._runner = ctx.db, ctx.runner
        self.folder = backups.backup_folder(ctx.db.path)
        self.folder_label = QLabel(str(self.folder))
        self.folder_label.setObjectName("backup_folder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open folder")
        self.open_button.setObjectName("open_backup_folder")
        self.open_button.clicked.connect(self.open_folder)
        self.last_label = QLabel()
        self.last_label.setObjectName("last_backup")
        self.backup_button = QPushButton("Back up now")
        self.backup_button.setObjectName("back_up_now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.status = QLabel()
        self.status.setObjectName("backup_status")
        self.status.setStyleSheet(theme.label_style("caption"))
        self.status.setWordWrap(True)

        folder_row, last_row = QHBoxLayout(), QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.open_button)
        last_row.addWidget(self.last_label, 1)
        last_row.addWidget(self.backup_button)
        form = QFormLayout(self)
        for caption, row in (("Folder", folder_row), ("Last backup", last_row)):
            label = QLabel(caption)
            label.setMinimumWidth(label_width)
            form.addRow(label, row)
        form.addRow("", self.status)
        self.refresh()

    def refresh(self) -> None:
        """Show the newest backup (the daily one is taken when the app opens)."""
        last = backups.last_backup(self._db.path)
        if last is None:
            self.last_label.setText("None yet")
        else:
            locale = get_settings(self._db).locale
            when = f"{fmt.date_text(last.taken_at.date(), locale)} {last.taken_at:%H:%M}"
            why = REASONS.get(last.reason, "before an upgrade")
            self.last_label.setText(f"{when} ({why})")
        self.open_button.setEnabled(self.folder.is_dir())

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def back_up_now(self) -> None:
        """Take a backup by hand, off the UI thread; say where it went or why it could not."""
        self.backup_button.setEnabled(False)
        self.status.setText("Backing up…")
        self._runner.submit(lambda: backups.backup(self._db), self._done, self._failed, context=self)

    def _done(self, path: object) -> None:
        self.backup_button.setEnabled(True)
        self.status.setText(f"Backup written to {path}")
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.status.setText("")
        if not isinstance(exc, MspError):
            raise exc  # a bug: the app's error dialog shows it
        self.status.setText(str(exc))
