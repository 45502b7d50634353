"""The Reviews page: every active client's last and next QBR, the last outcome, the satisfaction
heard at its QBRs, and its open roadmap's value by horizon (read-only); filters for the overdue
and the negative; a double-click opens the client."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.enums import Horizon
from msp_desk.domain.horizons import HORIZON_WORDS
from msp_desk.errors import MspError
from msp_desk.services.reviews.overview import HORIZONS, ReviewRow, review_rows
from msp_desk.services.reviews.qbrs import schedule_qbrs
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.common.tables import AnyIndex, EmptyOr, RowsModel, table_view
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower
from msp_desk.ui.reviews.client_qbrs import OUTCOME_WORDS

SHOWS = frozenset({"client", "qbr_meeting", "task", "roadmap_item", "shop_settings"})
# The horizons' headers as short as a 1440 px window needs them; the tooltip says them in full.
HORIZON_HEADERS = {
    Horizon.NOW: "Now",
    Horizon.DAYS_30: "30 days",
    Horizon.THIS_QUARTER: "This qtr",
    Horizon.NEXT_QUARTER: "Next qtr",
    Horizon.MONTHS_6_12: "6–12 mo",
    Horizon.LATER: "Later",
}
# Thin spaces: five QBRs' scores, or a cost and an MRR impact, in a narrow column.
SATISFACTION_STEP = "\u2009→\u2009"
VALUE_STEP = "\u2009·\u2009"
NEXT_QBR = 4
FIRST_HORIZON = 5  # the column of "Now"; the horizons follow it, nearest first
OVERDUE_MARK = "⚠"  # beside an overdue QBR's date, in the warning colour; its tooltip says it
COLUMNS = (
    "Client",
    "Last QBR",
    "Outcome",
    "Satisfaction",
    "Next QBR",
    *(HORIZON_HEADERS[h] for h in Horizon),
)
HEADER_TIPS = (
    "",
    "The day of the client's last QBR",
    "How the last QBR went",
    "Satisfaction (0-10) heard at the client's last QBRs, oldest first",
    f"When the next QBR is due ({OVERDUE_MARK}: overdue)",
    *(
        f"Open roadmap items planned for {HORIZON_WORDS[h].lower()}: their one-off cost · their MRR "
        "impact a month (proposed, accepted and in progress items)"
        for h in Horizon
    ),
)


def roadmap_cell(value: tuple[int, int, int] | None, currency: str, locale: str) -> str:
    """An open horizon's value, compact: its one-off cost, then its signed MRR impact a month
    (``$4.5K · +$120``, thin spaces; the header's and the cell's tooltips say it in full); items without
    either are counted (``2 items``)."""
    if value is None:
        return ""
    one_off, mrr, items = value
    parts = [fmt.money_compact(one_off, currency, locale)] if one_off else []
    if mrr:
        sign = "+" if mrr > 0 else "−"
        parts.append(f"{sign}{fmt.money_compact(abs(mrr), currency, locale)}")
    return VALUE_STEP.join(parts) or fmt.plural(items, "item", locale=locale)


def roadmap_tip(horizon: Horizon, value: tuple[int, int, int] | None, currency: str, locale: str) -> str:
    """The cell's value in full: ``This quarter: 2 open items, $4,500.00 one-off, +$120.00 a month``."""
    if value is None:
        return ""
    one_off, mrr, items = value
    parts = [f"{HORIZON_WORDS[horizon]}: {fmt.plural(items, 'open item', locale=locale)}"]
    if one_off:
        parts.append(f"{fmt.money(one_off, currency, locale)} one-off")
    if mrr:
        sign = "+" if mrr > 0 else "−"
        parts.append(f"{sign}{fmt.money(abs(mrr), currency, locale)} a month")
    return ", ".join(parts)


class ReviewsModel(RowsModel):
    """The Reviews table: each header's full meaning and each roadmap cell's exact value as tooltips
    (the cells are compact so that the table fits a 1440 px window)."""

    def __init__(self) -> None:
        super().__init__(COLUMNS, right=(3, *range(FIRST_HORIZON, len(COLUMNS))))
        self.cell_tips: list[dict[int, str]] = []  # per row: column -> its tooltip (else the row's)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            if index.column() == 0:
                return self.rows[index.row()][0]  # the name, which a narrow window would elide
            tips = self.cell_tips[index.row()] if index.row() < len(self.cell_tips) else {}
            if index.column() in tips:
                return tips[index.column()] or None
        return super().data(index, role)

    def headerData(  # noqa: N802 - Qt name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section] or None
        return super().headerData(section, orientation, role)


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
        self.model = ReviewsModel()
        self.view = table_view("reviews_table", self.model)
        # The client's name takes what the other columns leave (elided, in full in its tooltip).
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
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
        self.model.cell_tips = [
            {
                **({NEXT_QBR: f"Overdue: it was due {day(r.next_due)}"} if r.overdue(today) else {}),
                **{
                    FIRST_HORIZON + n: roadmap_tip(Horizon(h), r.roadmap.get(h), currency, locale)
                    for n, h in enumerate(HORIZONS)
                },
            }
            for r in shown
        ]
        self.model.set_rows(
            [
                (
                    r.name,
                    day(r.last_qbr),
                    OUTCOME_WORDS.get(r.last_outcome or "", "—"),
                    SATISFACTION_STEP.join(fmt.count(s, locale) for s in r.satisfaction),
                    day(r.next_due) + (f" {OVERDUE_MARK}" if r.overdue(today) else ""),
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
            " · open roadmap by horizon: one-off cost · MRR impact a month"
        )
        self.stack.show_empty(
            None
            if shown
            else "No active client yet: QBRs are scheduled once a client is active"
            if not self.rows
            else "No client matches the filters"
        )
