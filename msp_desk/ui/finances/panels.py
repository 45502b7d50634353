"""The two tables of the Spend & revenue page: marketing spend by month and channel (with the
referral rewards that count as spend by themselves, so nobody enters them twice) and one-off
revenue by date."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.values import Month
from msp_desk.services.changes import Changes
from msp_desk.services.finances import revenue as revenues
from msp_desk.services.finances import spend as spending
from msp_desk.services.finances.revenue import RevenueRow
from msp_desk.services.finances.spend import SpendRow
from msp_desk.services.kpis.snapshots import default_month
from msp_desk.ui import theme
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.context import PageContext
from msp_desk.ui.finances.panel import RecordsPanel
from msp_desk.ui.finances.revenue_dialog import RevenueDialog
from msp_desk.ui.finances.spend_dialog import SpendDialog
from msp_desk.ui.finances.words import CHANNEL_WORDS, KIND_WORDS

SPEND_TITLES = ("Month", "Channel", "Amount", "Note")
REVENUE_TITLES = ("Date", "Client", "Kind", "Amount", "Direct cost", "Description")
NO_COST = "not known"


class SpendPanel(RecordsPanel[SpendRow]):
    """Marketing spend, newest month first; the rewards counted as spend under it."""

    SHOWS = frozenset({"marketing_spend", "reward", "shop_settings"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            key="spend",
            heading="Marketing spend",
            noun="spend",
            titles=SPEND_TITLES,
            right=(2,),
            empty=(
                "No marketing spend yet",
                "What you spend each month to win clients, by channel (marketing, outbound, "
                "referral, partner): CAC and CLV : CAC on the dashboard are worked out from it. "
                "Referral rewards you pay are counted as referral spend by themselves.",
            ),
            parent=parent,
        )
        self.rewards = QLabel()
        self.rewards.setObjectName("spend_rewards")
        self.rewards.setWordWrap(True)
        self.rewards.setStyleSheet(theme.label_style("caption"))
        self.below.addWidget(self.rewards)
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        rewards = spending.reward_spend(self.ctx.db)
        total = sum(r.amount_cents for r in rewards)
        currency, locale = self.profile.currency, self.profile.locale
        self.rewards.setVisible(bool(self.rows))  # the empty state says it
        if rewards:
            months = len({r.month for r in rewards})
            self.rewards.setText(
                f"Referral rewards paid or applied, {fmt.money(total, currency, locale)} over "
                f"{fmt.plural(months, 'month', locale=locale)}, count as referral or partner spend "
                "by themselves: do not enter them here."
            )
        else:
            self.rewards.setText(
                "Referral rewards you pay count as referral spend by themselves: do not enter them here."
            )

    def load(self) -> list[SpendRow]:
        return spending.spend_list(self.ctx.db)

    def row_id(self, row: SpendRow) -> int:
        return row.id

    def cells(self, row: SpendRow) -> tuple[str, ...]:
        locale = self.profile.locale
        return (
            fmt.month_text(Month.parse(row.month), locale),
            CHANNEL_WORDS.get(row.channel, row.channel),
            fmt.money(row.amount_cents, self.profile.currency, locale),
            row.note,
        )

    def dialog_for(self, row: SpendRow | None) -> FormDialog:
        month = default_month(self.ctx.today)  # the last full month, as the dashboard shows
        profile = self.profile
        return SpendDialog(self.ctx.db, self.ctx.edits, month, profile.currency, profile.locale, row, self)

    def delete_write(self, row: SpendRow) -> Changes:
        return spending.delete_spend(self.ctx.db, row.id)


class RevenuePanel(RecordsPanel[RevenueRow]):
    """One-off revenue, newest first."""

    SHOWS = frozenset({"project_revenue", "client", "shop_settings"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            key="revenue",
            heading="One-off revenue",
            noun="revenue",
            titles=REVENUE_TITLES,
            right=(3, 4),
            empty=(
                "No one-off revenue yet",
                "Projects and hardware you bill once, beside the recurring revenue of your ladder: "
                "recurring share and gross margin on the dashboard count them. Give each its "
                "direct cost so the month's margin can be worked out.",
            ),
            parent=parent,
        )
        self.refresh()

    def load(self) -> list[RevenueRow]:
        return revenues.revenue_list(self.ctx.db)

    def row_id(self, row: RevenueRow) -> int:
        return row.id

    def cells(self, row: RevenueRow) -> tuple[str, ...]:
        currency, locale = self.profile.currency, self.profile.locale
        return (
            fmt.date_text(row.day, locale),
            row.client or fmt.NO_DATA,
            KIND_WORDS.get(row.kind, row.kind),
            fmt.money(row.amount_cents, currency, locale),
            NO_COST if row.cost_cents is None else fmt.money(row.cost_cents, currency, locale),
            row.description,
        )

    def warning(self, row: RevenueRow) -> str:
        if row.cost_cents is not None:
            return ""
        month = fmt.month_text(Month.of(row.day), self.profile.locale)
        return f"No direct cost: the gross margin of {month} cannot be worked out until it is entered"

    def dialog_for(self, row: RevenueRow | None) -> FormDialog:
        profile = self.profile
        return RevenueDialog(
            self.ctx.db, self.ctx.edits, self.ctx.today, profile.currency, profile.locale, row, self
        )

    def delete_write(self, row: RevenueRow) -> Changes:
        return revenues.delete_revenue(self.ctx.db, row.id)
