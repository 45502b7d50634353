"""The client's QBRs tab: the next one due (scheduled as a task, so Today shows it), the meetings
held, the preparation figures of a QBR held today ("Prepare…") and "Record QBR…"."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.reviews import qbrs
from msp_desk.services.reviews.preparation import QbrPreparation, TicketQuarter, prepare_qbr
from msp_desk.services.reviews.qbrs import ClientQbrs
from msp_desk.ui import theme
from msp_desk.ui.clients.history import caption
from msp_desk.ui.common.layout import split
from msp_desk.ui.common.tables import EmptyOr, RowsModel, table_view
from msp_desk.ui.common.words import word
from msp_desk.ui.context import PageContext
from msp_desk.ui.reviews.record_dialog import RecordQbrDialog

OUTCOME_WORDS = {"positive": "Positive", "neutral": "Neutral", "negative": "Negative"}


def _rate(value: float | None, locale: str) -> str:
    return "—" if value is None else fmt.percent(value, locale, 0)


def ticket_lines(now: TicketQuarter, before: TicketQuarter, locale: str) -> list[str]:
    """The tickets of the last 90 days against the 90 before, a line each."""
    return [
        f"Tickets resolved: {fmt.count(now.resolved, locale)} (before: {fmt.count(before.resolved, locale)})",
        f"MTTR: {fmt.hours(now.mttr_hours, locale)} (before: {fmt.hours(before.mttr_hours, locale)})",
        f"SLA met: {_rate(now.sla, locale)} (before: {_rate(before.sla, locale)})",
        f"First-contact resolution: {_rate(now.fcr, locale)} (before: {_rate(before.fcr, locale)})",
    ]


def preparation_html(prep: QbrPreparation, currency: str, locale: str) -> str:
    """The preparation as the tab shows it: a heading and a list per part."""

    def part(title: str, lines: list[str], empty: str) -> str:
        items = (
            "".join(f"<li>{html.escape(line)}</li>" for line in lines)
            or f"<li><i>{html.escape(empty)}</i></li>"
        )
        return f"<b>{html.escape(title)}</b><ul style='margin-top:2px'>{items}</ul>"

    day = partial(fmt.date_text, locale=locale)
    done = [
        f"{day(d)}: {title}" + (f" ({category})" if category else "")
        for d, title, category in prep.roadmap_done
    ]
    changes = []
    for line in prep.service_changes:
        what = line.description or word(line.kind)
        mrr = "" if line.mrr_cents is None else f", {fmt.money(line.mrr_cents, currency, locale)} a month"
        if line.start_date >= prep.first:
            changes.append(
                f"{day(line.start_date)}: started {what}{mrr}"
                + (f" — {word(line.change)}" if line.change else "")
            )
        if line.end_date is not None and prep.first <= line.end_date <= prep.day:
            changes.append(f"{day(line.end_date)}: ended {what}")
    referrals = [f"{day(d)}: {company} ({word(stage)})" for d, company, stage in prep.referrals]
    trend = " → ".join(fmt.count(s, locale) for _d, s in prep.satisfaction)
    now = "" if prep.client_satisfaction is None else f"now {fmt.count(prep.client_satisfaction, locale)}/10"
    satisfaction = [" · ".join(x for x in (f"at QBRs: {trend}" if trend else "", now) if x)]
    return (
        f"<p><b>Preparation: {html.escape(day(prep.first))} – {html.escape(day(prep.day))}</b></p>"
        + part("Roadmap items done", done, "None done in these 90 days")
        + part("Service changes", changes, "No contract line started or ended")
        + part(
            "Tickets (against the 90 days before)",
            ticket_lines(prep.tickets, prep.previous_tickets, locale),
            "",
        )
        + part("Referrals given", referrals, "None yet: a good QBR is the moment to ask")
        + part("Satisfaction", [s for s in satisfaction if s], "Not recorded yet")
    )


class ClientQbrsTab(QWidget):
    """``ClientQbrsTab(ctx)``; ``set_client(client_id, currency, locale)`` fills it. ``dialog``
    is the last record dialog opened, ``prepared`` the last preparation (tests read both)."""

    packet_requested = Signal(int)  # the client whose QBR packet is to be shown in Reports

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_qbrs")
        self._ctx = ctx
        self._db, self._today, self._edits = ctx.db, ctx.today, ctx.edits
        self.client_id: int | None = None
        self._currency, self._locale = "USD", "en_US"
        self.data: ClientQbrs | None = None
        self.dialog: RecordQbrDialog | None = None
        self.prepared: QbrPreparation | None = None

        self.next_label = QLabel()
        self.next_label.setObjectName("qbr_next")
        self.next_label.setWordWrap(True)
        self.schedule_button = QPushButton("Schedule next QBR")
        self.schedule_button.setObjectName("qbr_schedule")
        self.schedule_button.setToolTip(
            "Put the next QBR on the agenda, 90 days after the last one (or the start)"
        )
        self.schedule_button.clicked.connect(self.schedule)
        self.prepare_button = QPushButton("Prepare…")
        self.prepare_button.setObjectName("qbr_prepare")
        self.prepare_button.setToolTip(
            "The last 90 days from the data: roadmap, service changes, tickets, referrals"
        )
        self.prepare_button.clicked.connect(self.prepare)
        self.record_button = QPushButton("Record QBR…")
        self.record_button.setObjectName("qbr_record")
        self.record_button.clicked.connect(self.record)
        self.packet_button = QPushButton("QBR packet…")
        self.packet_button.setObjectName("qbr_packet")
        self.packet_button.setToolTip("Preview, save or print this client's QBR packet (Reports)")
        self.packet_button.clicked.connect(self._ask_packet)
        self.error = QLabel()
        self.error.setObjectName("qbr_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.label_style("error"))
        self.error.hide()
        head = QHBoxLayout()
        head.addWidget(self.next_label, 1)
        for button in (self.schedule_button, self.prepare_button, self.record_button, self.packet_button):
            head.addWidget(button)

        self.caption = caption("qbrs_caption")
        self.model = RowsModel(
            ("Held on", "Outcome", "Satisfaction", "Attendees", "Priorities", "Next QBR"), right=(2,)
        )
        self.view = table_view("qbrs_table", self.model)
        self.view.selectionModel().selectionChanged.connect(self._show_meeting)
        self.stack = EmptyOr(self.view, "qbrs_empty")
        self.detail = QLabel()
        self.detail.setObjectName("qbr_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumWidth(240)
        column = QVBoxLayout(self)
        column.addLayout(head)
        column.addWidget(self.error)
        column.addWidget(self.caption)
        column.addWidget(split(Qt.Orientation.Horizontal, self.stack, self.detail, sizes=(560, 360)), 1)

    # -- filling -------------------------------------------------------------------------------
    def set_client(self, client_id: int, currency: str, locale: str) -> None:
        if client_id != self.client_id:
            self.prepared = None
            self.error.hide()
        self.client_id, self._currency, self._locale = client_id, currency, locale
        self.data = data = qbrs.client_qbrs(self._db, client_id)
        day = partial(fmt.date_text, locale=locale)
        if data.next_due is None:
            self.next_label.setText(
                "No QBR scheduled" if data.active else "QBRs are scheduled once the client is active"
            )
            self.next_label.setStyleSheet(theme.label_style("caption"))
        else:
            late = (self._today - data.next_due).days
            overdue = f" — overdue by {fmt.plural(late, 'day', locale=locale)}" if late > 0 else ""
            self.next_label.setText(f"Next QBR due {day(data.next_due)}{overdue}")
            self.next_label.setStyleSheet(
                theme.text_style("warning", bold=True) if late > 0 else theme.label_style("title")
            )
        self.schedule_button.setEnabled(data.active)
        rows = [
            (
                day(m.day),
                OUTCOME_WORDS.get(m.outcome, word(m.outcome)),
                "" if m.satisfaction is None else f"{fmt.count(m.satisfaction, locale)}/10",
                ", ".join(m.attendees.splitlines()),
                " · ".join(m.priorities.splitlines()),
                day(m.next_qbr_on) if m.next_qbr_on else "",
            )
            for m in data.meetings
        ]
        self.model.set_rows(rows, [m.id for m in data.meetings])
        self.caption.setText(
            f"{fmt.count(len(rows), locale)} QBR{'s' if len(rows) != 1 else ''} held, newest first"
            if rows
            else ""
        )
        self.stack.show_empty(
            None
            if rows
            else "No QBR recorded yet. Meet the decision makers every quarter: Record QBR… once held"
        )
        if self.prepared is not None:
            self.prepare()
        elif rows:
            self.view.selectRow(0)
        else:
            self.detail.setText("")

    def _show_meeting(self, *_args: object) -> None:
        if self.data is None:
            return
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        m = self.data.meetings[rows[0].row()]
        parts = [
            ("Attendees", m.attendees),
            ("Accomplished", m.accomplishments),
            ("Business changes", m.business_changes),
            ("Questions and answers", m.questions),
            ("Priorities", m.priorities),
            ("Notes", m.notes),
        ]
        self.detail.setText(
            "".join(
                f"<p><b>{title}</b><br>{html.escape(text).replace(chr(10), '<br>')}</p>"
                for title, text in parts
                if text
            )
        )

    # -- actions -------------------------------------------------------------------------------
    def schedule(self) -> None:
        if self.client_id is None:
            return
        client_id, today = self.client_id, self._today
        self._run(lambda: self._edits.apply(lambda: qbrs.schedule_qbrs(self._db, today, client_id)))

    def prepare(self) -> None:
        if self.client_id is None:
            return
        self.prepared = prepare_qbr(self._db, self.client_id, self._today)
        self.detail.setText(preparation_html(self.prepared, self._currency, self._locale))

    def _ask_packet(self) -> None:
        if self.client_id is not None:
            self.packet_requested.emit(self.client_id)

    def record(self) -> RecordQbrDialog | None:
        if self.client_id is None:
            return None
        self.dialog = RecordQbrDialog(self._db, self._edits, self.client_id, self._today, self._locale, self)
        if self.prepared is not None:  # what was done, as prepared: a start for the recap
            self.dialog.accomplishments.setPlainText("\n".join(t for _d, t, _c in self.prepared.roadmap_done))
        self.dialog.open()
        return self.dialog

    def _run(self, action: Callable[[], object]) -> None:
        self.error.hide()
        try:
            action()
        except MspError as exc:
            self.error.setText(str(exc))
            self.error.show()
