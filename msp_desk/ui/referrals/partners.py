"""Referral partners: a table (kind, last touch, referrals given and won, referrals we sent back,
next touch) beside the chosen partner's detail (contacts, notes, what we sent them), with Add,
Edit, Touch and Sent-a-referral buttons."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.services.changes import Changes
from msp_desk.services.referrals.partners import PartnerSummary, partner_summaries
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.common.tables import EmptyOr, RowsModel, table_view
from msp_desk.ui.context import PageContext
from msp_desk.ui.referrals.partner_dialogs import KIND_WORDS, PartnerDialog, SentDialog, TouchDialog
from msp_desk.ui.refresh import ChangeFollower

TITLES = ("Name", "Kind", "Company", "Last touch", "Referrals", "Won", "Sent back", "Next touch")
NO_PARTNERS = "No partners yet — add the CPAs, attorneys and vendors who can introduce you"
STALE_DAYS = 90  # a partner not touched in a quarter is going cold


# What the panel shows: partners, their contacts, touches and referrals both ways.
SHOWS = frozenset(
    {"partner", "contact", "reciprocal_referral", "referral", "task", "client", "shop_settings"}
)


class PartnersPanel(QWidget):
    """``PartnersPanel(db, today, edits)``; ``dialog`` is the last dialog it opened (tests drive it)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partners_panel")
        self._db, self._today, self._edits = ctx.db, ctx.today, ctx.edits
        self.partners: tuple[PartnerSummary, ...] = ()
        self.dialog: PartnerDialog | TouchDialog | SentDialog | None = None
        self.model = RowsModel(TITLES, right=(4, 5, 6), parent=self)
        self.view = table_view("partners_table", self.model)
        self.view.doubleClicked.connect(lambda _index: self.edit_partner())
        self.stack = EmptyOr(self.view, "partners_empty")
        self.detail = QLabel()
        self.detail.setObjectName("partner_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setContentsMargins(12, 4, 12, 4)
        scroll = QScrollArea()
        scroll.setWidget(self.detail)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(280)

        buttons = QHBoxLayout()
        self.add_button = self._button("Add partner…", "partner_add", self.add_partner, buttons)
        self.edit_button = self._button("Edit…", "partner_edit", self.edit_partner, buttons)
        self.touch_button = self._button("Touch…", "partner_touch", self.touch, buttons)
        self.sent_button = self._button("Sent a referral…", "partner_sent", self.sent, buttons)
        self.touch_button.setToolTip("Record that you were in touch today, and when to touch base next")
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("partners_status")
        buttons.addWidget(self.status)
        split = QSplitter()
        split.addWidget(self.stack)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        column = QVBoxLayout(self)
        column.addLayout(buttons)
        column.addWidget(split, 1)
        self.view.selectionModel().selectionChanged.connect(self._show_detail)
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, self._changed)
        self.refresh()

    def _button(self, text: str, name: str, slot: Callable[[], object], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        chosen = self.selected()
        profile = shop_profile(self._db)
        locale = profile.locale
        self.partners = partner_summaries(self._db, self._today)
        rows = [
            (
                p.name,
                KIND_WORDS.get(p.kind, p.kind),
                p.company,
                fmt.date_text(p.last_touch, locale) or "never",
                fmt.count(p.referrals_given, locale),
                fmt.count(p.referrals_won, locale),
                fmt.count(p.reciprocal_sent, locale),
                fmt.date_text(p.next_touch, locale),
            )
            for p in self.partners
        ]
        colors = [theme.color("error") if p.overdue or self._cold(p) else None for p in self.partners]
        self.model.set_rows(rows, [p.id for p in self.partners], colors)
        self.stack.show_empty(None if self.partners else NO_PARTNERS)
        ids = [p.id for p in self.partners]
        if chosen is not None and chosen.id in ids:
            self.view.selectRow(ids.index(chosen.id))
        elif self.partners and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
        self._show_detail()

    def _cold(self, p: PartnerSummary) -> bool:
        return p.days_since_touch is None or p.days_since_touch > STALE_DAYS

    def _changed(self, _changes: Changes) -> None:
        self.refresh()

    def selected(self) -> PartnerSummary | None:
        rows = self.view.selectionModel().selectedRows()
        return self.partners[rows[0].row()] if rows and rows[0].row() < len(self.partners) else None

    def _show_detail(self) -> None:
        p = self.selected()
        for button in (self.edit_button, self.touch_button, self.sent_button):
            button.setEnabled(p is not None)
        self.detail.setText(self._detail_html(p) if p else "")

    def _detail_html(self, p: PartnerSummary) -> str:
        locale = shop_profile(self._db).locale
        parts = [f"<h3>{escape(p.name)}</h3>"]
        who = " · ".join(
            escape(x) for x in (KIND_WORDS.get(p.kind, p.kind), p.company, p.email, p.phone) if x
        )
        parts.append(f"<p>{who}</p>")
        if p.last_touch is None:
            touch = theme.span("Never touched: reach out", "error")
        else:
            days = p.days_since_touch or 0
            late = days > STALE_DAYS
            touch = f"Last touch {fmt.date_text(p.last_touch, locale)} ({fmt.plural(days, 'day', locale=locale)} ago)"
            touch = theme.span(touch, "error") if late else touch
        nxt = "No next touch planned"
        if p.next_touch is not None:
            nxt = f"Next: {escape(p.next_touch_title)} — {fmt.date_text(p.next_touch, locale)}"
            nxt = theme.span(f"{nxt} (overdue)", "error") if p.overdue else nxt
        parts.append(f"<p>{touch}<br>{nxt}</p>")
        parts.append(
            f"<p><b>{fmt.count(p.referrals_given, locale)}</b> referrals given, "
            f"<b>{fmt.count(p.referrals_won, locale)}</b> won · "
            f"<b>{fmt.count(p.reciprocal_sent, locale)}</b> sent back to them</p>"
        )
        contacts = "".join(
            f"<li>{escape(c.name)}{' — ' + escape(c.role) if c.role else ''}"
            f"{' · ' + escape(c.email) if c.email else ''}</li>"
            for c in p.contacts
        )
        parts.append(f"<p><b>Contacts</b></p><ul>{contacts}</ul>" if contacts else "<p>No contacts yet</p>")
        if p.sent:
            sent = "".join(
                f"<li>{fmt.date_text(s.sent_on, locale)}: {escape(s.company)}"
                f"{' — ' + escape(s.note) if s.note else ''}</li>"
                for s in p.sent
            )
            parts.append(f"<p><b>Referrals we sent</b></p><ul>{sent}</ul>")
        if p.notes:
            parts.append(f"<p><b>Notes</b><br>{escape(p.notes)}</p>")
        return "".join(parts)

    def select(self, name: str) -> None:
        self.view.selectRow([p.name for p in self.partners].index(name))

    # -- actions ---------------------------------------------------------------------------------

    def _open(self, dialog: PartnerDialog | TouchDialog | SentDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.status.setText(dialog.changes.message if dialog.changes else ""))
        dialog.open()

    def add_partner(self) -> None:
        self._open(PartnerDialog(self._db, self._edits, None, self))

    def edit_partner(self) -> None:
        p = self.selected()
        if p is not None:
            self._open(PartnerDialog(self._db, self._edits, p, self))

    def touch(self) -> None:
        p = self.selected()
        if p is not None:
            self._open(TouchDialog(self._db, self._edits, p, self._today, self))

    def sent(self) -> None:
        p = self.selected()
        if p is not None:
            self._open(SentDialog(self._db, self._edits, p, self._today, self))
