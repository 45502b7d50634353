"""The client's check-in calls tab ("Calls"): its onboarding progress, its next check-in call, the calls logged
(newest first) and "Log check-in…"."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.enums import TaskKind
from msp_desk.services.clients.detail import ClientRecord
from msp_desk.services.clients.onboarding import onboarding_progress
from msp_desk.services.reviews import checkins
from msp_desk.ui import theme
from msp_desk.ui.common.tables import EmptyOr, RowsModel, table_view
from msp_desk.ui.context import PageContext
from msp_desk.ui.reviews.checkin_dialog import CheckInDialog


def onboarding_text(ctx: PageContext, client_id: int, locale: str, *, unfinished_only: bool = False) -> str:
    """ "Onboarding: 2 of 5 done, 17 days in"; "" for a client with no onboarding steps (or, with
    ``unfinished_only``, whose steps are all done)."""
    progress = onboarding_progress(ctx.db, client_id, ctx.today)
    if progress is None or (unfinished_only and progress.done >= progress.total):
        return ""
    return f"Onboarding: {progress.text(locale)}"


class ClientCheckIns(QWidget):
    """``ClientCheckIns(ctx)``; ``set_record(record, locale)`` shows that client's calls."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_checkins")
        self._ctx = ctx
        self._record: ClientRecord | None = None
        self._locale = "en_US"
        self.count = 0
        self.dialog: CheckInDialog | None = None  # the last one opened (tests drive it)
        self.onboarding = QLabel()
        self.onboarding.setObjectName("onboarding_progress")
        self.next_call = QLabel()
        self.next_call.setObjectName("next_check_in")
        self.next_call.setStyleSheet(theme.label_style("caption"))
        self.log_button = QPushButton("Log check-in…")
        self.log_button.setObjectName("log_check_in")
        self.log_button.setToolTip("A call with a purpose: what it was for, what you heard, the satisfaction")
        self.log_button.clicked.connect(self.log_check_in)
        self.model = RowsModel(("Date", "Purpose", "Satisfaction", "Note"), right=(2,))
        self.view = table_view("checkins_table", self.model)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.stack = EmptyOr(self.view, "checkins_empty")
        top = QHBoxLayout()
        lines = QVBoxLayout()
        lines.addWidget(self.onboarding)
        lines.addWidget(self.next_call)
        top.addLayout(lines, 1)
        top.addWidget(self.log_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addLayout(top)
        column.addWidget(self.stack, 1)

    def set_record(self, record: ClientRecord, locale: str) -> None:
        self._record, self._locale = record, locale
        progress = onboarding_text(self._ctx, record.id, locale)
        self.onboarding.setText(progress)
        self.onboarding.setVisible(bool(progress))
        due = [t.due_on for t in record.open_tasks if t.kind == TaskKind.CHECK_IN.value]
        self.next_call.setText(
            f"Next check-in call due {fmt.date_text(min(due), locale)}"
            if due
            else "No check-in call scheduled"
        )
        calls = checkins.check_ins(self._ctx.db, record.id)
        self.count = len(calls)
        self.model.set_rows(
            [
                (
                    fmt.date_text(call.day, locale),
                    call.purpose,
                    "" if call.satisfaction is None else f"{call.satisfaction}/10",
                    call.note,
                )
                for call in calls
            ],
            [call.id for call in calls],
            tips=[call.note for call in calls],
        )
        self.stack.show_empty(
            None if calls else "No check-in calls yet — call with a purpose and log what you heard"
        )

    def title(self) -> str:
        """The tab's title, short (the detail's tabs share its width): "Calls (3)"."""
        return f"Calls ({fmt.count(self.count, self._locale)})" if self.count else "Calls"

    def log_check_in(self) -> None:
        """Open the check-in form for the client shown (the pane re-reads it once saved)."""
        record = self._record
        if record is None:
            return
        if self.dialog is not None:  # the last one, closed by now
            self.dialog.deleteLater()
        self.dialog = CheckInDialog(
            self._ctx.db, self._ctx.edits, record.id, record.name, self._ctx.today, self._locale, self
        )
        self.dialog.open()
