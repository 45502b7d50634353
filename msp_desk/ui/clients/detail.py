"""One client in detail, beside the roster: a header (name, status, tier, MRR, the next status
step) over tabs for the profile, growth, contacts, contract lines with the MRR timeline, tickets, notes
and tags, open tasks, and reviews (QBRs, roadmap, check-in calls). Every write goes through ``Edits``; the pane re-reads its client when an
edit, undo or redo touches it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.domain.enums import ClientStatus
from msp_desk.errors import MspError, NotFound
from msp_desk.services.accounts.signals import AccountSignals
from msp_desk.services.changes import Changes
from msp_desk.services.clients import detail as client_record
from msp_desk.services.clients import editing as clients
from msp_desk.services.clients.detail import ClientRecord
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.clients.account_menu import AccountMenuButton
from msp_desk.ui.clients.contacts import ClientContacts
from msp_desk.ui.clients.growth import ClientGrowth
from msp_desk.ui.clients.history import ClientLines, ClientTasks
from msp_desk.ui.clients.notes import ClientNotes, ClientTags
from msp_desk.ui.clients.profile_form import ClientProfileForm
from msp_desk.ui.clients.tickets import ClientTickets
from msp_desk.ui.common.words import TICKET_WORDS, UNIT_WORDS, count_of, word
from msp_desk.ui.context import PageContext
from msp_desk.ui.reviews.checkins_panel import onboarding_text
from msp_desk.ui.reviews.client_reviews import REVIEW_TABS, ClientReviews

# The header's next step for a status (button text, the status it moves to).
NEXT_STEP = {
    ClientStatus.PROSPECT.value: ("Start onboarding", ClientStatus.ONBOARDING.value),
    ClientStatus.ONBOARDING.value: ("Mark active", ClientStatus.ACTIVE.value),
}
STEP_TIPS = {
    ClientStatus.ONBOARDING.value: "Signed: move to onboarding and add the first-90-days checklist",
    ClientStatus.ACTIVE.value: "Onboarding is done: the client is active (start its services from the ladder)",
}
TABS = ("profile", "growth", "contacts", "lines", "tickets", "notes", "tasks", "reviews")
# Keys ``show_tab`` also takes: the tab that holds each.
PANE_MARGIN = 16  # px left and right of the detail's contents
HELD_BY = {"tags": "notes", **{key: "reviews" for key in REVIEW_TABS}}


class ClientDetail(QWidget):
    """``ClientDetail(ctx)``; ``show_client(client_id)`` fills it (None: nothing shown)."""

    client_shown = Signal(object)  # the client id shown, or None
    close_requested = Signal()  # the ✕ of the header: the roster takes the room back

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_detail")
        self._db, self._today, self._edits, self._ctx = ctx.db, ctx.today, ctx.edits, ctx
        self.client_id: int | None = None
        self.record: ClientRecord | None = None

        self.name = QLabel()
        self.name.setObjectName("client_name")
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("client_status")
        self.facts = QLabel()
        self.facts.setObjectName("client_facts")
        self.facts.setWordWrap(True)
        self.step_button = QPushButton()
        self.step_button.setObjectName("status_step")
        self.step_button.clicked.connect(self.next_step)
        self.message = QLabel()
        self.message.setObjectName("client_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.error = QLabel()
        self.error.setObjectName("client_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.label_style("error"))
        self.error.hide()
        self.account = AccountMenuButton(ctx)  # the ladder actions of this client
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("close_detail")
        self.close_button.setToolTip("Close the client's detail (Esc)")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.clicked.connect(self.close_requested)
        self.header_actions = QHBoxLayout()
        self.header_actions.addWidget(self.step_button)
        self.header_actions.addWidget(self.account)
        self.header_actions.addWidget(self.close_button)
        title_row = QHBoxLayout()
        title_row.addWidget(self.name, 1)
        title_row.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addLayout(self.header_actions)

        self.signals: Mapping[int, AccountSignals] | None = None  # the shop's, once read
        self.profile = ClientProfileForm(ctx)
        self.growth = ClientGrowth(ctx, self.account.open_action)
        self.contacts = ClientContacts(ctx)
        self.lines = ClientLines()
        self.tickets = ClientTickets(ctx)
        self.notes = ClientNotes(ctx)
        self.tags = ClientTags(ctx)
        self.tasks = ClientTasks(ctx)
        self.reviews = ClientReviews(ctx)
        self.qbrs, self.roadmap, self.checkins = (
            self.reviews.qbrs,
            self.reviews.roadmap,
            self.reviews.checkins,
        )
        notes_and_tags = QWidget()
        notes_and_tags.setObjectName("client_notes_and_tags")
        stacked = QVBoxLayout(notes_and_tags)
        stacked.setContentsMargins(0, 0, 0, 0)
        stacked.addWidget(self.tags, 0)
        stacked.addWidget(self.notes, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("client_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        for widget in (
            self.profile,
            self.growth,
            self.contacts,
            self.lines,
            self.tickets,
            notes_and_tags,
            self.tasks,
            self.reviews,
        ):
            self.tabs.addTab(widget, "")

        shown = QWidget()
        column = QVBoxLayout(shown)
        column.setContentsMargins(PANE_MARGIN, 14, PANE_MARGIN, 10)
        column.setSpacing(6)
        column.addLayout(title_row)
        column.addWidget(self.facts)
        column.addWidget(self.message)
        column.addWidget(self.error)
        column.addWidget(self.tabs, 1)
        self.empty = QLabel(
            "Select a client to see its profile, contacts, contracts and tickets.\nCtrl+N adds a client."
        )
        self.empty.setObjectName("client_detail_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(shown)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        ctx.edits.changed.connect(self._on_changed)

    # -- public ------------------------------------------------------------------------------
    def show_client(self, client_id: int | None) -> None:
        """Show ``client_id`` (None, or a client that no longer exists: the empty state)."""
        if client_id != self.client_id:
            self.message.hide()
            self.error.hide()
        self.client_id = client_id
        self.reload()
        self.client_shown.emit(self.client_id)

    def show_tab(self, key: str) -> None:
        """Show the tab ``key`` (one of ``TABS``, or a part one of them holds: ``tags``, ``qbrs``,
        ``roadmap``, ``checkins``)."""
        self.tabs.setCurrentIndex(TABS.index(HELD_BY.get(key, key)))
        if key in REVIEW_TABS:
            self.reviews.show_inner(key)

    def tabs_width(self) -> int:
        """The width the detail needs for every tab on show (no scroll arrows), margins included."""
        return self.tabs.tabBar().sizeHint().width() + 2 * PANE_MARGIN

    def current_tab(self) -> str:
        """The tab shown; within Reviews, its inner tab's key."""
        key = TABS[self.tabs.currentIndex()]
        return self.reviews.current_inner() if key == "reviews" else key

    def reload(self) -> None:
        """Re-read the shown client from the database."""
        record = None
        if self.client_id is not None:
            try:
                record = client_record.client_detail(self._db, self.client_id, self._today)
            except NotFound:
                self.client_id = None
        self.record = record
        self.account.set_client(None if record is None else record.id)
        if record is None:
            self.stack.setCurrentIndex(0)
            return
        shop = shop_profile(self._db)
        kind, currency, locale = shop.kind, shop.currency, shop.locale
        self._show_header(record, kind, currency, locale)
        self.profile.set_record(record, kind, currency, locale)
        self._show_growth(record.id, record.name, currency, locale)
        self.contacts.set_contacts(record.id, record.contacts)
        self.lines.set_record(record, currency, locale)
        self.tickets.set_record(record, kind, locale)
        self.notes.set_record(record, locale)
        self.tags.set_record(record, client_record.all_tag_names(self._db))
        self.tasks.set_record(record, self._today, locale)
        self.qbrs.set_client(record.id, currency, locale)
        self.checkins.set_record(record, locale)
        self.roadmap.show_client(record.id)
        titles = (
            "Profile",
            self._growth_title(record.id),
            f"Contacts ({fmt.count(len(record.contacts), locale)})" if record.contacts else "Contacts",
            "Contracts",
            word(TICKET_WORDS.get(kind, "tickets")),
            f"Notes ({fmt.count(len(record.dated_notes), locale)})" if record.dated_notes else "Notes",
            f"Tasks ({fmt.count(len(record.open_tasks), locale)})" if record.open_tasks else "Tasks",
            "Reviews",
        )
        self.reviews.set_titles()
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.stack.setCurrentIndex(1)

    def set_signals(self, signals: Mapping[int, AccountSignals]) -> None:
        """The shop's readiness and review flags (read in the background): the Growth tab shows them."""
        self.signals = signals
        record = self.record
        if record is None:
            return
        shop = shop_profile(self._db)  # only the Growth tab shows them: the rest stays as read
        self._show_growth(record.id, record.name, shop.currency, shop.locale)
        self.tabs.setTabText(TABS.index("growth"), self._growth_title(record.id))

    def _growth_title(self, client_id: int) -> str:
        """ "Growth", with the number of review flags raised when there are any."""
        found = None if self.signals is None else self.signals.get(client_id)
        flags = 0 if found is None else len(found.flags)
        return f"Growth ⚠{flags}" if flags else "Growth"

    def _show_growth(self, client_id: int, name: str, currency: str, locale: str) -> None:
        signals = None if self.signals is None else self.signals.get(client_id)  # None: not read yet
        self.growth.show_client(client_id, name, signals, currency, locale)

    def next_step(self) -> None:
        """Move the client one status along (prospect -> onboarding -> active)."""
        if self.record is None or self.record.status not in NEXT_STEP:
            return
        client_id, (_text, status) = self.record.id, NEXT_STEP[self.record.status]
        self.error.hide()
        try:
            changes = self._edits.apply(lambda: clients.set_status(self._db, client_id, status, self._today))
        except MspError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        text = changes.message
        if status == ClientStatus.ONBOARDING.value and self.record is not None and self.record.open_tasks:
            self.show_tab("tasks")  # the checklist just added
            first = min(task.due_on for task in self.record.open_tasks)
            locale = shop_profile(self._db).locale
            text = (
                f"{self.record.name} is onboarding: its first-90-days checklist is in Tasks, "
                f"the first step due {fmt.date_text(first, locale)}"
            )
        self.message.setText(text)
        self.message.show()

    # -- showing -----------------------------------------------------------------------------
    def _show_header(self, record: ClientRecord, kind: str, currency: str, locale: str) -> None:
        self.name.setText(record.name)
        self.status.setText(word(record.status))
        theme.restyle(self.status, status=record.status)  # the chip's colours
        facts = []
        if record.tier:
            facts.append(record.tier)
        unit = UNIT_WORDS.get(kind, "seats")
        if not record.seats:
            facts.append(f"no {unit} yet")
        else:
            facts.append(
                count_of(record.seats, "seat", locale)
                if unit == "seats"
                else f"{fmt.count(record.seats, locale)} {unit}"
            )
        if record.mrr_cents:
            facts.append(f"MRR {fmt.money(record.mrr_cents, currency, locale)} a month")
        else:
            facts.append("no recurring revenue")
        if record.industry:
            facts.append(record.industry)
        if onboarding := onboarding_text(self._ctx, record.id, locale, unfinished_only=True):
            facts.append(onboarding)
        self.facts.setText(" · ".join(facts))
        step = NEXT_STEP.get(record.status)
        self.step_button.setVisible(step is not None)
        if step is not None:
            self.step_button.setText(step[0])
            self.step_button.setToolTip(STEP_TIPS[step[1]])

    def _on_changed(self, changes: Changes) -> None:
        if self.client_id is None:
            return
        self.message.hide()  # it confirmed an earlier step
        if self.client_id in changes.clients or changes.ladder or changes.settings:
            self.reload()
