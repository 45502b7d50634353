"""The Reviews page: every active client's last and next QBR, the last outcome, the satisfaction
heard at its QBRs, and its open roadmap's value by horizon (read-only); filters for the overdue
and the negative; a double-click opens the client."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.enums import Horizon
from msp_desk.errors import MspError
from msp_desk.services.reviews.overview import HORIZONS, ReviewRow, review_rows
from msp_desk.services.reviews.qbrs import schedule_qbrs
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.common.tables import EmptyOr, RowsModel, table_view
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower
from msp_desk.ui.reviews.client_qbrs import OUTCOME_WORDS

HORIZON_WORDS = {
    Horizon.NOW.value: "Now",
    Horizon.DAYS_30.value: "30 days",
    Horizon.THIS_QUARTER.value: "This quarter",
    Horizon.NEXT_QUARTER.value: "Next quarter",
    Horizon.MONTHS_6_12.value: "6-12 months",
    Horizon.LATER.value: "Later",
}
COLUMNS = ("Client", "Last QBR", "Outcome", "Satisfaction", "Next QBR", *(HORIZON_WORDS[h] for h in HORIZONS))
SHOWS = frozenset({"client", "qbr_meeting", "task", "roadmap_item", "shop_settings"})


def roadmap_cell(value: tuple[int, int, int] | None, currency: str, locale: str) -> str:
    """An open horizon's value: its one-off cost, then its MRR impact (``$4.5K · +$120/mo``);
    items without either are counted (``2 items``)."""
    if value is None:
        return ""
    one_off, mrr, items = value
    parts = [fmt.money_compact(one_off, currency, locale)] if one_off else []
    if mrr:
        sign = "+" if mrr > 0 else "−"
        parts.append(f"{sign}{fmt.money_compact(abs(mrr), currency, locale)}/mo")
    return " · ".join(parts) or fmt.plural(items, "item", locale=locale)


class ReviewsPage(QWidget):
    """``ReviewsPage(ctx)``; ``open_client`` asks the window to show a client (double-click)."""

    open_client = Signal(int)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviews_page")
        self._db, self._today, self._edits = ctx.db, ctx.today, ctx.edits
        self.rows: list[ReviewRow] = []
        self.shown: list[ReviewRow] = []
        self._currency, self._locale = "USD", "en_US"
        title = QLabel("Reviews")
        title.setStyleSheet(theme.label_style("title"))
        self.overdue = QCheckBox("Overdue only")
        self.overdue.setObjectName("reviews_overdue")
        self.overdue.setToolTip("Clients whose next QBR was due before today")
        self.negative = QCheckBox("Negative last QBR")
        self.negative.setObjectName("reviews_negative")
        self.negative.setToolTip("Clients whose last QBR went badly: call before it turns into churn")
        for box in (self.overdue, self.negative):
            box.toggled.connect(self._show)
        self.caption = QLabel()
        self.caption.setObjectName("reviews_caption")
        self.caption.setStyleSheet(theme.label_style("caption"))
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.overdue)
        head.addWidget(self.negative)
        head.addStretch(1)
        self.schedule_button = QPushButton("Schedule QBRs")
        self.schedule_button.setObjectName("reviews_schedule")
        self.schedule_button.setToolTip(
            "Give every active client one QBR on the agenda, due 90 days after its last QBR (or its start)"
        )
        self.schedule_button.clicked.connect(self.schedule)
        head.addWidget(self.schedule_button)
        self.error = QLabel()
        self.error.setObjectName("reviews_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.label_style("error"))
        self.error.hide()
        self.model = RowsModel(COLUMNS, right=(3, *range(5, len(COLUMNS))))
        self.view = table_view("reviews_table", self.model)
        self.view.doubleClicked.connect(
            lambda index: self.open_client.emit(self.shown[index.row()].client_id)
        )
        self.stack = EmptyOr(self.view, "reviews_empty")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 14, 16, 10)
        column.addLayout(head)
        column.addWidget(self.caption)
        column.addWidget(self.error)
        column.addWidget(self.stack, 1)
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, lambda _changes: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        shop = shop_profile(self._db)
        self._currency, self._locale = shop.currency, shop.locale
        self.rows = review_rows(self._db)
        self._show()

    def schedule(self) -> None:
        """Schedule (or move) every active client's next QBR: one undoable write."""
        db, today = self._db, self._today
        self.error.hide()
        try:
            self._edits.apply(lambda: schedule_qbrs(db, today))
        except MspError as exc:
            self.error.setText(str(exc))
            self.error.show()

    def _show(self, *_args: object) -> None:
        today, currency, locale = self._today, self._currency, self._locale
        shown = [
            r
            for r in self.rows
            if (not self.overdue.isChecked() or r.overdue(today))
            and (not self.negative.isChecked() or r.negative)
        ]
        self.shown = shown

        def day(value: dt.date | None) -> str:
            return fmt.date_text(value, locale) if value else "—"

        late = theme.color("warning")
        bad = theme.color("error")
        self.model.set_rows(
            [
                (
                    r.name,
                    day(r.last_qbr),
                    OUTCOME_WORDS.get(r.last_outcome or "", "—"),
                    " → ".join(fmt.count(s, locale) for s in r.satisfaction),
                    day(r.next_due) + (" (overdue)" if r.overdue(today) else ""),
                    *(roadmap_cell(r.roadmap.get(h), currency, locale) for h in HORIZONS),
                )
                for r in shown
            ],
            [r.client_id for r in shown],
            [bad if r.negative else late if r.overdue(today) else None for r in shown],
            [
                f"Satisfaction at the last QBRs: {', '.join(map(str, r.satisfaction))}"
                if r.satisfaction
                else ""
                for r in shown
            ],
        )
        overdue = sum(r.overdue(today) for r in self.rows)
        negative = sum(r.negative for r in self.rows)
        self.caption.setText(
            f"{fmt.count(len(shown), locale)} of {fmt.plural(len(self.rows), 'active client', locale=locale)}"
            f" · {fmt.count(overdue, locale)} overdue · {fmt.count(negative, locale)} with a negative last QBR"
            " · open roadmap by horizon: one-off cost · MRR impact"
        )
        self.stack.show_empty(
            None
            if shown
            else "No active client yet: QBRs are scheduled once a client is active"
            if not self.rows
            else "No client matches the filters"
        )
