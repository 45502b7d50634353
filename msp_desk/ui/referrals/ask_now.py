"""Who to ask for a referral this week: the ask-now clients by readiness score with every factor
and its value, their trigger moments, and the partners due a touch; "Record ask…" on a row."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.kpi.readiness import Factor
from msp_desk.services.referrals.asks import AskNowRow, Moment, PartnerDue, ask_now_rows, partners_due
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.common.layout import split
from msp_desk.ui.common.tables import EmptyOr, RowsModel, table_view
from msp_desk.ui.common.words import word
from msp_desk.ui.context import PageContext
from msp_desk.ui.referrals.ask_dialog import RecordAskDialog
from msp_desk.ui.refresh import ChangeFollower

MARKS = {True: "✓", False: "✗", None: "?"}
PARTNER_KINDS = {
    "cpa": "CPA",
    "attorney": "Attorney",
    "vendor": "Vendor",
    "peer_msp": "Peer MSP",
    "other": "Other",
}


def factor_text(factor: Factor) -> str:
    """One factor as a line: ``✓ Satisfaction 9/10 (20/20)``."""
    return f"{MARKS[factor.met]} {factor.reason} ({factor.points}/{factor.weight})"


def moment_text(moment: Moment, locale: str) -> str:
    return f"{moment.text} {fmt.date_text(moment.day, locale)}"


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(theme.label_style("title"))
    return label


def _caption(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(theme.label_style("caption"))
    return label


# What the list is read from: every client's readiness (its signals), the trigger moments (QBRs,
# projects, roadmap items, add-ons started), asks, and the partners due a touch.
SHOWS = frozenset(
    {"client", "contract_line", "ticket", "qbr_meeting", "roadmap_item", "referral_ask", "project_revenue"}
    | {"addon", "partner", "contact", "task", "shop_settings"}
)


class AskNowPanel(QWidget):
    """``AskNowPanel(db, today, edits)``; ``dialog`` is the last ask dialog opened (tests drive it).

    ``pack_requested(request)``: the referral-ready pack to hand the selected client, suggested
    by its decision maker and aimed at its industry (a ``ReportRequest`` for the Reports page)."""

    pack_requested = Signal(object)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ask_now_panel")
        self._db, self._today, self._edits = ctx.db, ctx.today, ctx.edits
        self._runner = ctx.runner  # the app reads off the UI thread
        self._generation = 0  # a refresh's number: a slower, older read arriving late is dropped
        self._locale = "en_US"
        self.rows: list[AskNowRow] = []
        self.partners: list[PartnerDue] = []
        self.dialog: RecordAskDialog | None = None

        self.caption = _caption("ask_now_caption")
        self.model = RowsModel(("Client", "Score", "Ask", "Trigger moments", "Factors"), right=(1,))
        self.view = table_view("ask_now_table", self.model)
        self.view.doubleClicked.connect(lambda _index: self.record_ask())
        self.stack = EmptyOr(self.view, "ask_now_empty")
        self.factors = QLabel()
        self.factors.setObjectName("ask_now_factors")
        self.factors.setWordWrap(True)
        self.factors.setTextFormat(Qt.TextFormat.RichText)
        self.factors.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.factors.setMinimumWidth(260)
        self.factors.setContentsMargins(8, 0, 0, 0)
        self.record_button = QPushButton("Record ask…")
        self.record_button.setObjectName("ask_now_record")
        self.record_button.setToolTip("Record the ask to the selected client (Enter)")
        self.record_button.clicked.connect(self.record_ask)
        self.pack_button = QPushButton("Referral pack…")
        self.pack_button.setObjectName("ask_now_pack")
        self.pack_button.setToolTip(
            "The one-page referral-ready pack to hand the selected client: suggested by its "
            "decision maker, aimed at its industry"
        )
        self.pack_button.clicked.connect(self.referral_pack)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view, self.record_ask)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.partner_caption = _caption("partners_due_caption")
        self.partner_model = RowsModel(("Partner", "Kind", "Company", "Last touch"))
        self.partner_view = table_view("partners_due_table", self.partner_model)
        self.partner_view.doubleClicked.connect(lambda _index: self.record_partner_ask())
        self.partner_stack = EmptyOr(self.partner_view, "partners_due_empty")
        self.partner_button = QPushButton("Record ask…")
        self.partner_button.setObjectName("partner_record")
        self.partner_button.setToolTip("Record a touch or an ask to the selected partner")
        self.partner_button.clicked.connect(self.record_partner_ask)

        head = QHBoxLayout()
        head.addWidget(_title("Ask now"))
        head.addStretch(1)
        head.addWidget(self.pack_button)
        head.addWidget(self.record_button)
        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        top_column.addLayout(head)
        top_column.addWidget(self.caption)
        clients = split(Qt.Orientation.Horizontal, self.stack, self.factors, sizes=(680, 420))
        top_column.addWidget(clients, 1)
        partner_head = QHBoxLayout()
        partner_head.addWidget(_title("Partners due a touch"))
        partner_head.addStretch(1)
        partner_head.addWidget(self.partner_button)
        bottom = QWidget()
        bottom_column = QVBoxLayout(bottom)
        bottom_column.setContentsMargins(0, 0, 0, 0)
        bottom_column.addLayout(partner_head)
        bottom_column.addWidget(self.partner_caption)
        bottom_column.addWidget(self.partner_stack, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(split(Qt.Orientation.Vertical, top, bottom, stretch=(3, 1), name="ask_now_split"))

        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.partner_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, lambda _changes: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Re-read the ask-now list (the readiness of every client: half a second on 20,000
        clients, so read by the runner) and the partners due."""
        self._generation += 1
        generation, db, today = self._generation, self._db, self._today
        self._runner.submit(
            lambda: (shop_profile(db).locale, ask_now_rows(db, today), partners_due(db, today)),
            lambda read: self._show(generation, *read),
            context=self,
        )

    def _show(self, generation: int, locale: str, rows: list[AskNowRow], partners: list[PartnerDue]) -> None:
        if generation != self._generation:
            return
        keep = self.selected()
        self._locale, self.rows, self.partners = locale, rows, partners
        locale = self._locale
        self.model.set_rows(
            [
                (
                    r.name,
                    fmt.count(r.score, locale),
                    r.contact or "(no contact yet)",
                    " · ".join(moment_text(m, locale) for m in r.moments),
                    " · ".join(factor_text(f) for f in r.factors),
                )
                for r in self.rows
            ],
            [r.client_id for r in self.rows],
            tips=["\n".join(factor_text(f) for f in r.factors) for r in self.rows],
        )
        moments = sum(bool(r.moments) for r in self.rows)
        self.caption.setText(
            f"{fmt.count(len(self.rows), locale)} client{'s' if len(self.rows) != 1 else ''} ready to ask, "
            f"best score first"
            + (f" · {fmt.count(moments, locale)} at a trigger moment: ask them first" if moments else "")
        )
        self.stack.show_empty(
            None
            if self.rows
            else "Nobody is ready to ask this week. Clients show here once they score 70 or more "
            "and were not asked in the last 90 days"
        )
        if self.rows:
            row = 0
            if keep is not None and keep.client_id in self.model.keys:
                row = self.model.keys.index(keep.client_id)
            self.view.selectRow(row)
        self._selected()
        self._set_partners()

    def _set_partners(self) -> None:
        locale, today = self._locale, self._today
        rows = []
        for p in self.partners:
            days = p.days_since(today)
            touch = (
                "Never"
                if days is None
                else f"{fmt.date_text(p.last_touch, locale)} ({fmt.plural(days, 'day', locale=locale)} ago)"
            )
            rows.append((p.name, PARTNER_KINDS.get(p.kind, word(p.kind)), p.company, touch))
        self.partner_model.set_rows(rows, [p.partner_id for p in self.partners])
        n = len(self.partners)
        self.partner_caption.setText(
            f"{fmt.count(n, locale)} partner{'s' if n != 1 else ''} not touched in 60 days: "
            "a call, a coffee or an ask keeps the referrals coming"
        )
        self.partner_caption.setVisible(bool(n))
        self.partner_stack.show_empty(  # true with no partners too
            None if n else "No partner is due a touch: one shows here after 60 days without one"
        )
        self._update_buttons()

    def selected(self) -> AskNowRow | None:
        chosen = self.view.selectionModel().selectedRows()
        return self.rows[chosen[0].row()] if chosen and chosen[0].row() < len(self.rows) else None

    def selected_partner(self) -> PartnerDue | None:
        chosen = self.partner_view.selectionModel().selectedRows()
        return self.partners[chosen[0].row()] if chosen and chosen[0].row() < len(self.partners) else None

    def _selected(self) -> None:
        row = self.selected()
        if row is None:
            self.factors.setText("")
        else:
            lines = [f"<b>{html.escape(row.name)}</b> · score {row.score}/100"]
            lines += [html.escape(factor_text(f)) for f in row.factors]
            if row.moments:
                lines.append("<b>Trigger moments</b>")
                lines += [html.escape(moment_text(m, self._locale)) for m in row.moments]
            self.factors.setText("<br>".join(lines))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(self.selected() is not None)
        self.pack_button.setEnabled(self.selected() is not None)
        self.partner_button.setEnabled(self.selected_partner() is not None)

    def record_ask(self) -> None:
        """Open the ask dialog for the selected client."""
        row = self.selected()
        if row is not None:
            self._open(client_id=row.client_id)

    def referral_pack(self) -> None:
        """Ask for the selected client's referral pack (shown on the Reports page)."""
        from msp_desk.services.reports.catalogue import PACK, ReportRequest

        row = self.selected()
        if row is not None:
            referrer = row.contact or row.name
            self.pack_requested.emit(ReportRequest(PACK, industry=row.industry, referrer=referrer))

    def record_partner_ask(self) -> None:
        partner = self.selected_partner()
        if partner is not None:
            self._open(partner_id=partner.partner_id)

    def _open(self, **who: int) -> None:
        if self.dialog is not None:  # the last one, closed by now
            self.dialog.deleteLater()
        self.dialog = RecordAskDialog(self._db, self._today, self._edits, parent=self, **who)
        self.dialog.open()
