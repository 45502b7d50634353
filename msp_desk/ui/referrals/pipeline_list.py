"""The referrals as a table: stage, referrer, received, days in stage, expected MRR and next
follow-up (overdue in red), filtered by stage and by text, sortable by every column."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.services.changes import Changes
from msp_desk.services.referrals import pipeline as rp
from msp_desk.services.referrals.pipeline import ReferralCard
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.common.tables import SORT_ROLE, AnyIndex, RowsModel, table_view
from msp_desk.ui.common.words import word
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower

TITLES = ("Company", "Stage", "Referred by", "Received", "Days in stage", "Expected MRR", "Next follow-up")


# What the list shows: the referrals, their referrers and contacts, follow-ups.
SHOWS = frozenset({"referral", "client", "partner", "contact", "task", "shop_settings"})


class ReferralsModel(RowsModel):
    """Referral cards as rows; each column sorts by its value, not its text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(TITLES, right=(4, 5), parent=parent)
        self.cards: list[ReferralCard] = []

    def set_cards(self, cards: tuple[ReferralCard, ...], currency: str, locale: str) -> None:
        self.cards = list(cards)
        rows = [
            (
                c.company,
                word(c.stage),
                c.referrer,
                fmt.date_text(c.received_on, locale),
                fmt.count(c.days_in_stage, locale) if c.stage in rp.OPEN_STAGES else "",
                fmt.money_whole(c.expected_mrr_cents, currency, locale),
                fmt.date_text(c.next_follow_up, locale) if c.next_follow_up else "",
            )
            for c in cards
        ]
        tips = [c.follow_up_title or c.lost_reason or c.pain for c in cards]
        late = theme.color("error")
        self.set_rows(rows, [c.id for c in cards], [late if c.overdue else None for c in cards], tips)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == SORT_ROLE and index.isValid():
            c = self.cards[index.row()]
            order = rp.STAGES.index(c.stage)
            values = (
                c.company.casefold(),
                order,
                c.referrer.casefold(),
                c.received_on.toordinal(),
                c.days_in_stage,
                c.expected_mrr_cents,
                c.next_follow_up.toordinal() if c.next_follow_up else 0,
            )
            return values[index.column()]
        return super().data(index, role)


class ReferralsFilter(QSortFilterProxyModel):
    """Keeps the rows of one stage ("" = all) whose company, referrer or industry has the text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = ""
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, stage: str, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+: invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.stage, self.text = stage, text.strip().casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.stage, self.text = stage, text.strip().casefold()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, _parent: AnyIndex) -> bool:  # noqa: N802 - Qt name
        model = self.sourceModel()
        assert isinstance(model, ReferralsModel)
        card = model.cards[row]
        if self.stage and card.stage != self.stage:
            return False
        hay = f"{card.company} {card.referrer} {card.industry} {card.contact_name}".casefold()
        return not self.text or self.text in hay


class ReferralsList(QWidget):
    """``ReferralsList(db, today, edits)``: every referral, filterable; re-read after each edit."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referrals_list")
        self._db, self._today = ctx.db, ctx.today
        self.model = ReferralsModel(self)
        self.proxy = ReferralsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = table_view("referrals_table", self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.stage = QComboBox()
        self.stage.setObjectName("referrals_stage")
        self.stage.addItem("All stages", "")
        for stage in rp.STAGES:
            self.stage.addItem(word(stage), stage)
        self.search = QLineEdit()
        self.search.setObjectName("referrals_search")
        self.search.setPlaceholderText("Search company, referrer, industry…")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("referrals_count")
        self.stage.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        bar = QHBoxLayout()
        bar.addWidget(self.stage)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(self.view, 1)
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, self._changed)
        self.refresh()

    def refresh(self) -> None:
        profile = shop_profile(self._db)
        self.model.set_cards(rp.referral_cards(self._db, self._today), profile.currency, profile.locale)
        self._filter()

    def _changed(self, _changes: Changes) -> None:
        self.refresh()

    def _filter(self) -> None:
        self.proxy.set_filter(self.stage.currentData() or "", self.search.text())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total}" if shown != total else fmt.plural(total, "referral"))
