"""The service ladder: tiers (rank 1..N) with response targets, add-ons by growth stage, and the
dated changes of their list prices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from sqlmodel import Field

from msp_desk.domain import rules
from msp_desk.domain.base import Record
from msp_desk.domain.checkins import DEFAULT_CHECK_IN_DAYS, DEFAULT_QBR_DAYS, validate_cadence
from msp_desk.domain.enums import GrowthStage, PriceModel, Priority
from msp_desk.errors import ValidationError


class Tier(Record, table=True):
    """A rung of the ladder: Starter, Core, Growth, Premium by default."""

    __tablename__ = "tier"

    rank: int = Field(unique=True)
    name: str = Field(max_length=100)
    description: str = ""
    inclusions: str = ""  # one inclusion a line
    price_model: str = Field(default=PriceModel.PER_SEAT.value, max_length=20)
    # The newest list price and cost, per unit a month (unit: seat, hours block, or the flat fee);
    # a line gets the price listed on its start date (``PriceChange``, ``listed_on``).
    price_cents: int = 0
    cost_cents: int = 0  # direct cost (COGS) per unit a month
    hours_per_block: int | None = None  # VA: hours in one billed block
    tech_minutes_per_seat: int = 0  # technician time per seat a month, for staffing forecast
    active: bool = True
    # How often its clients get a check-in call and a QBR (days; ``domain.checkins``).
    check_in_every_days: int = DEFAULT_CHECK_IN_DAYS
    qbr_every_days: int = DEFAULT_QBR_DAYS


class ResponseTarget(Record, table=True):
    """First-response and resolution targets of a tier for one priority, in minutes."""

    __tablename__ = "response_target"
    __table_args__ = (sa.UniqueConstraint("tier_id", "priority", name="uq_target_tier_priority"),)

    tier_id: int = Field(foreign_key="tier.id", index=True)
    priority: str = Field(max_length=2)
    first_response_min: int | None = None
    resolution_min: int | None = None


class AddOn(Record, table=True):
    """An add-on service (backup, endpoint security, MFA, ...) with its growth stage."""

    __tablename__ = "addon"

    name: str = Field(max_length=100, unique=True)
    description: str = ""
    price_model: str = Field(default=PriceModel.PER_SEAT.value, max_length=20)
    price_cents: int = 0
    cost_cents: int = 0
    growth_stage: str = Field(default=GrowthStage.PROTECT.value, max_length=20)
    active: bool = True


class PriceChange(Record, table=True):
    """A list price (and direct cost) of a tier or an add-on from ``effective_date`` on.

    Lines started from that date get it; lines started before keep theirs (unless the change
    repriced existing clients: ``existing_clients``). ``old_*`` is what was listed the day before,
    so the item's earliest change also says what it cost before any change.
    """

    __tablename__ = "price_change"

    tier_id: int | None = Field(default=None, foreign_key="tier.id", index=True)
    addon_id: int | None = Field(default=None, foreign_key="addon.id", index=True)
    effective_date: dt.date
    price_cents: int
    cost_cents: int
    old_price_cents: int
    old_cost_cents: int
    existing_clients: bool = False


def validate_tier(tier: Tier) -> None:
    rules.text_required(tier.name, "name", max_len=100)
    rules.note(tier.description, "description")
    rules.note(tier.inclusions, "inclusions")
    rules.positive(tier.rank, "rank")
    rules.known(tier.price_model, PriceModel, "price_model")
    rules.non_negative_money(tier.price_cents, "price")
    rules.non_negative_money(tier.cost_cents, "cost")
    rules.non_negative(tier.tech_minutes_per_seat, "tech_minutes_per_seat")
    if tier.price_model == PriceModel.PER_HOURS_BLOCK.value:
        rules.positive(tier.hours_per_block, "hours_per_block")
    validate_cadence(tier.check_in_every_days, "check_in_every_days")
    validate_cadence(tier.qbr_every_days, "qbr_every_days")


def validate_target(target: ResponseTarget) -> None:
    """Fields are named ``P1.first_response_min`` ... so a form shows the error at its box."""
    rules.known(target.priority, Priority, "priority")
    first, resolution = f"{target.priority}.first_response_min", f"{target.priority}.resolution_min"
    rules.non_negative(target.first_response_min, first)
    rules.non_negative(target.resolution_min, resolution)
    if (
        target.first_response_min is not None
        and target.resolution_min is not None
        and target.resolution_min < target.first_response_min
    ):
        raise ValidationError(resolution, "must not be shorter than the first-response target")


def validate_addon(addon: AddOn) -> None:
    rules.text_required(addon.name, "name", max_len=100)
    rules.note(addon.description, "description")
    rules.known(addon.price_model, PriceModel, "price_model")
    if addon.price_model == PriceModel.PER_HOURS_BLOCK.value:
        # Blocks of hours belong to the tier (its hours_per_block); an add-on is flat or per seat.
        raise ValidationError("price_model", "an add-on is priced flat or per seat, not per block of hours")
    rules.non_negative_money(addon.price_cents, "price")
    rules.non_negative_money(addon.cost_cents, "cost")
    rules.known(addon.growth_stage, GrowthStage, "growth_stage")


def validate_price_change(change: PriceChange) -> None:
    if (change.tier_id is None) == (change.addon_id is None):
        raise ValidationError("item", "a price change is of one tier or one add-on")
    rules.non_negative_money(change.price_cents, "price")
    rules.non_negative_money(change.cost_cents, "cost")


def listed_on(
    changes: Sequence[PriceChange], price_cents: int, cost_cents: int, day: dt.date
) -> tuple[int, int]:
    """(price, cost) listed on ``day`` by an item's ``changes`` (any order); ``price_cents`` and
    ``cost_cents`` (the item's own) when it has none."""
    if not changes:
        return price_cents, cost_cents
    ordered = sorted(changes, key=lambda c: (c.effective_date, c.id or 0))
    started = [c for c in ordered if c.effective_date <= day]
    if started:
        return started[-1].price_cents, started[-1].cost_cents
    return ordered[0].old_price_cents, ordered[0].old_cost_cents
