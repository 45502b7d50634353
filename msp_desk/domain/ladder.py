"""The service ladder: tiers (rank 1..N) with response targets, and add-ons by growth stage."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Field

from msp_desk.domain import rules
from msp_desk.domain.base import Record
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
    price_cents: int = 0  # per unit a month (unit: seat, hours block, or the flat fee)
    cost_cents: int = 0  # direct cost (COGS) per unit a month
    hours_per_block: int | None = None  # VA: hours in one billed block
    tech_minutes_per_seat: int = 0  # technician time per seat a month, for staffing forecast
    active: bool = True


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


def validate_tier(tier: Tier) -> None:
    rules.text_required(tier.name, "name")
    rules.positive(tier.rank, "rank")
    rules.known(tier.price_model, PriceModel, "price_model")
    rules.non_negative(tier.price_cents, "price")
    rules.non_negative(tier.cost_cents, "cost")
    rules.non_negative(tier.tech_minutes_per_seat, "tech_minutes_per_seat")
    if tier.price_model == PriceModel.PER_HOURS_BLOCK.value:
        rules.positive(tier.hours_per_block, "hours_per_block")


def validate_target(target: ResponseTarget) -> None:
    rules.known(target.priority, Priority, "priority")
    rules.non_negative(target.first_response_min, "first_response_min")
    rules.non_negative(target.resolution_min, "resolution_min")


def validate_addon(addon: AddOn) -> None:
    rules.text_required(addon.name, "name")
    rules.known(addon.price_model, PriceModel, "price_model")
    if addon.price_model == PriceModel.PER_HOURS_BLOCK.value:
        # Blocks of hours belong to the tier (its hours_per_block); an add-on is flat or per seat.
        raise ValidationError("price_model", "an add-on is priced flat or per seat, not per block of hours")
    rules.non_negative(addon.price_cents, "price")
    rules.non_negative(addon.cost_cents, "cost")
    rules.known(addon.growth_stage, GrowthStage, "growth_stage")
