"""The recurring-revenue ledger (contract lines), one-off project revenue and marketing spend."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field

from msp_desk.domain import rules
from msp_desk.domain.base import Record
from msp_desk.domain.enums import BillingPeriod, Channel, LineKind, RevenueKind
from msp_desk.domain.values import Month
from msp_desk.errors import ValidationError


class ContractLine(Record, table=True):
    """One priced item a client buys from ``start_date`` to ``end_date`` (inclusive; None = running).

    A change never rewrites a line: it ends the line the day before the effective date and
    starts a new one (``replaces_line_id`` links them).
    """

    __tablename__ = "contract_line"
    __table_args__ = (sa.Index("ix_line_client_dates", "client_id", "start_date", "end_date"),)

    client_id: int = Field(foreign_key="client.id")
    kind: str = Field(max_length=10)
    tier_id: int | None = Field(default=None, foreign_key="tier.id")
    addon_id: int | None = Field(default=None, foreign_key="addon.id")
    description: str = Field(default="", max_length=200)
    quantity: int = 1
    unit_price_cents: int = 0
    unit_cost_cents: int | None = None  # direct cost per unit a month; None = unknown
    period: str = Field(default=BillingPeriod.MONTHLY.value, max_length=10)
    discount_bp: int = 0  # basis points: 1000 = 10% off
    start_date: dt.date
    end_date: dt.date | None = None
    change: str = Field(default="", max_length=200)  # why the line started: "upgrade", ...
    replaces_line_id: int | None = Field(default=None, foreign_key="contract_line.id")
    # Derived from the fields above when the line is written (``store.queries.kpis.fill_line_derived``,
    # run by every unit of work that writes lines), so the KPIs read integers: the ``Month.index``
    # of the first and last month end it covers (last None while running, first - 1 if none),
    # its MRR (``kpi.mrr.line_mrr_cents``) and its direct cost a month (None when unknown).
    first_month: int | None = None
    last_month: int | None = None
    mrr_cents: int | None = Field(default=None, sa_type=sa.BigInteger)
    cost_cents: int | None = Field(default=None, sa_type=sa.BigInteger)


class ProjectRevenue(Record, table=True):
    """One-off revenue (not recurring): a project or resold hardware, of a client or of none,
    with its direct cost (None = unknown: the month's gross margin is then unknown too)."""

    __tablename__ = "project_revenue"

    client_id: int | None = Field(default=None, foreign_key="client.id", index=True)
    day: dt.date = Field(index=True)
    kind: str = Field(default=RevenueKind.PROJECT.value, max_length=10)
    amount_cents: int
    cost_cents: int | None = None
    description: str = ""


class MarketingSpend(Record, table=True):
    """Sales & marketing spend of a channel in a month (``YYYY-MM``)."""

    __tablename__ = "marketing_spend"

    month: str = Field(max_length=7, index=True)
    channel: str = Field(max_length=20)
    amount_cents: int
    note: str = ""


def validate_line(line: ContractLine) -> None:
    rules.known(line.kind, LineKind, "kind")
    if line.kind == LineKind.TIER.value and line.tier_id is None:
        raise ValidationError("tier", "a tier line needs a tier")
    if line.kind == LineKind.ADDON.value and line.addon_id is None:
        raise ValidationError("add-on", "an add-on line needs an add-on")
    if line.kind == LineKind.CUSTOM.value:
        rules.text_required(line.description, "description")
    rules.one_line(line.description, "description")
    rules.one_line(line.change, "change")
    rules.positive(line.quantity, "quantity")
    rules.non_negative_money(line.unit_price_cents, "price")
    rules.non_negative_money(line.unit_cost_cents, "cost")
    rules.known(line.period, BillingPeriod, "period")
    rules.in_range(line.discount_bp, 0, 10000, "discount")
    rules.date_order(line.start_date, line.end_date, "end_date", "start_date")


def validate_project(project: ProjectRevenue) -> None:
    """Every problem of a one-off revenue row at once (``ValidationErrors`` when several)."""
    rules.all_of(
        lambda: rules.known(project.kind, RevenueKind, "kind"),
        lambda: rules.note(project.description, "description"),
        lambda: rules.non_negative_money(project.amount_cents, "amount"),
        lambda: rules.non_negative_money(project.cost_cents, "cost"),
    )


def validate_spend(spend: MarketingSpend) -> None:
    """Every problem of a spend row at once (``ValidationErrors`` when several). The channels are
    the clients' acquisition channels, so CAC can be worked out per channel."""
    rules.all_of(
        lambda: month_text(spend.month, "month"),
        lambda: rules.known(spend.channel, Channel, "channel"),
        lambda: rules.non_negative_money(spend.amount_cents, "amount"),
        lambda: rules.note(spend.note, "note"),
    )


def month_text(text: str, field: str) -> Month:
    """The month ``text`` holds (``YYYY-MM``); a ValidationError naming ``field`` if none."""
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise ValidationError(field, str(exc)) from exc
