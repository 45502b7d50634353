"""The client's Tickets tab (Requests for a VA agency): the latest opened first, with priority,
times and the SLA verdict, and Add / Edit / Resolve, each saved through ``Edits`` (undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.clients.detail import ClientRecord, TicketRow
from msp_desk.services.tickets import editing as tickets
from msp_desk.services.tickets.editing import TicketFields
from msp_desk.ui import theme
from msp_desk.ui.clients.history import caption
from msp_desk.ui.clients.ticket_dialog import ResolveTicketDialog, TicketDialog
from msp_desk.ui.common.tables import EmptyOr, RowsModel, table_view
from msp_desk.ui.common.words import TICKET_WORDS
from msp_desk.ui.context import PageContext


def _sla(ticket: TicketRow) -> str:
    if ticket.resolved_at is None:
        return "Open"
    if ticket.sla_met is None:  # no target to judge it by
        return "Not judged"
    return "Met" if ticket.sla_met else "Missed"


def _resolution_hours(ticket: TicketRow) -> float | None:
    if ticket.resolved_at is None or ticket.resolved_at < ticket.opened_at:
        return None
    return (ticket.resolved_at - ticket.opened_at).total_seconds() / 3600


class ClientTickets(QWidget):
    """``set_record(record, kind, locale)``; the dialog it opens is ``dialog`` (tests drive it)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_tickets")
        self._db, self._edits, self._today = ctx.db, ctx.edits, ctx.today
        self._client_id: int | None = None
        self._locale, self._noun = "en_US", "ticket"
        self.rows: list[TicketRow] = []
        self.dialog: TicketDialog | ResolveTicketDialog | None = None
        self.model = RowsModel(("ID", "Subject", "Priority", "Opened", "Resolved", "Took", "SLA"), right=(5,))
        self.view = table_view("tickets_table", self.model)
        self.view.doubleClicked.connect(lambda _index: self.edit_ticket())
        self.stack = EmptyOr(self.view, "tickets_empty")
        self.caption = caption("tickets_caption")
        self.add_button = QPushButton()
        self.add_button.setObjectName("ticket_add")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("ticket_edit")
        self.resolve_button = QPushButton("Resolve…")
        self.resolve_button.setObjectName("ticket_resolve_open")
        self.add_button.clicked.connect(self.add_ticket)
        self.edit_button.clicked.connect(self.edit_ticket)
        self.resolve_button.clicked.connect(self.resolve_ticket)
        edit = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view, self.edit_ticket)
        edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.error = QLabel()
        self.error.setObjectName("tickets_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.label_style("error"))
        self.error.hide()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.resolve_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.error)
        column.addWidget(self.caption)
        column.addWidget(self.stack, 1)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_record(self, record: ClientRecord, kind: str, locale: str) -> None:
        selected = self.selected()
        if record.id != self._client_id:
            self.error.hide()
            selected = None
        self._client_id, self._locale = record.id, locale
        noun = TICKET_WORDS.get(kind, "tickets")
        self._noun = noun[:-1]
        self.add_button.setText(f"Add {self._noun}…")
        self.rows = list(record.tickets)
        rows, colors, missed = [], [], theme.color("error")  # a ticket past its SLA
        for t in self.rows:
            took = _resolution_hours(t)
            rows.append(
                (
                    t.external_id or f"#{t.id}",
                    t.subject,
                    t.priority,
                    fmt.date_text(t.opened_at.date(), locale),
                    fmt.date_text(t.resolved_at.date(), locale) if t.resolved_at else "",
                    fmt.hours(took, locale) if took is not None else "",
                    _sla(t),
                )
            )
            colors.append(missed if t.sla_met is False else None)
        self.model.set_rows(rows, [t.id for t in self.rows], colors, [t.subject for t in self.rows])
        total = record.ticket_count
        shown = f"the latest {fmt.count(len(self.rows), locale)} of " if total > len(self.rows) else ""
        self.caption.setText(
            f"Showing {shown}{fmt.count(total, locale)} {self._noun if total == 1 else noun}"
        )
        self.caption.setVisible(bool(self.rows))
        self.stack.show_empty(None if self.rows else f"No {noun} recorded for this client yet")
        if selected is not None and selected.id in self.model.keys:
            self.view.selectRow(self.model.keys.index(selected.id))
        self._update_buttons()

    def selected(self) -> TicketRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(chosen is not None)
        self.resolve_button.setEnabled(chosen is not None and chosen.resolved_at is None)

    def add_ticket(self) -> None:
        if self._client_id is not None:
            self._open(
                TicketDialog(self._db, self._edits, self._client_id, self._today, self._locale, self._noun)
            )

    def edit_ticket(self) -> None:
        fields = self._chosen_fields()
        if fields is not None and self._client_id is not None:
            self._open(
                TicketDialog(
                    self._db, self._edits, self._client_id, self._today, self._locale, self._noun, fields
                )
            )

    def resolve_ticket(self) -> None:
        fields = self._chosen_fields()
        if fields is not None and fields.resolved_at is None:
            self._open(
                ResolveTicketDialog(self._db, self._edits, fields, self._today, self._locale, self._noun)
            )

    def _chosen_fields(self) -> TicketFields | None:
        """The selected ticket as it is stored now (None, with the reason shown, if it is gone)."""
        chosen = self.selected()
        if chosen is None:
            return None
        try:
            return tickets.ticket(self._db, chosen.id)
        except MspError as exc:
            self._show_error(exc)
            return None

    def _show_error(self, exc: MspError) -> None:
        self.error.setText(str(exc))
        self.error.show()

    def _open(self, dialog: TicketDialog | ResolveTicketDialog) -> None:
        self.error.hide()
        if self.dialog is not None:  # the last one, closed by now
            self.dialog.deleteLater()
        dialog.setParent(self, dialog.windowFlags())
        self.dialog = dialog
        dialog.open()
