"""What each stored column may hold, read off the tables themselves (``store.tables``).

A column's type says most of it: a ``Date`` holds an ISO date, a ``DateTime`` an ISO date and
time, a ``Boolean`` 0 or 1, an ``Integer`` a whole number (money, counts and basis points
within their range), a length-limited text a single line. A text column named ``month`` holds
``YYYY-MM``; a text the model requires must not be empty. So a new table or column is checked
without new code. What the types cannot say is listed below: the closed sets of words a text
column is limited to (the domain's ``rules.known`` calls: a test keeps the two in step) and the
few number columns whose range is not the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from msp_desk.domain import enums
from msp_desk.domain.checkins import CADENCE_RANGE, OFFSET_RANGE
from msp_desk.domain.values import FULL_DISCOUNT_BP
from msp_desk.store.derived import DERIVED_COLUMNS
from msp_desk.store.tables import MODELS

MAX_CENTS = 100_000_000_000  # 1,000,000,000.00: no price, cost or amount of a small shop is more
MAX_COUNT = 1_000_000  # seats, quantities, minutes, months...: keeps quantity x price in 64 bits

ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("client", "status"): enums.ClientStatus,
    ("client", "channel"): enums.Channel,
    ("contract_line", "kind"): enums.LineKind,
    ("contract_line", "period"): enums.BillingPeriod,
    ("marketing_spend", "channel"): enums.Channel,
    ("project_revenue", "kind"): enums.RevenueKind,
    ("tier", "price_model"): enums.PriceModel,
    ("addon", "price_model"): enums.PriceModel,
    ("addon", "growth_stage"): enums.GrowthStage,
    ("response_target", "priority"): enums.Priority,
    ("ticket", "priority"): enums.Priority,
    ("partner", "kind"): enums.PartnerKind,
    ("script", "kind"): enums.ScriptKind,
    ("referral_ask", "result"): enums.AskResult,
    ("referral", "stage"): enums.ReferralStage,
    ("reward", "kind"): enums.RewardKind,
    ("reward", "condition"): enums.RewardCondition,
    ("reward", "status"): enums.RewardStatus,
    ("qbr_meeting", "outcome"): enums.QbrOutcome,
    ("roadmap_item", "horizon"): enums.Horizon,
    ("roadmap_item", "status"): enums.RoadmapStatus,
    ("task", "kind"): enums.TaskKind,
    ("shop_settings", "kind"): enums.ShopKind,
}
"""The text columns limited to an enum's values (as the domain's ``validate_*`` check them)."""

CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    **{column: tuple(member.value for member in enum) for column, enum in ENUMS.items()},
    ("shop_settings", "paper"): ("letter", "a4"),  # ``validate_shop``: the PDF page sizes
}

BOUNDS: dict[tuple[str, str], tuple[int, int]] = {
    ("contract_line", "quantity"): (1, MAX_COUNT),
    ("tier", "rank"): (1, MAX_COUNT),
    ("reward", "condition_n"): (1, MAX_COUNT),
    ("client", "satisfaction"): (0, 10),
    ("qbr_meeting", "satisfaction"): (0, 10),
    ("check_in", "satisfaction"): (0, 10),
    ("tier", "check_in_every_days"): CADENCE_RANGE,
    ("tier", "qbr_every_days"): CADENCE_RANGE,
    ("onboarding_step", "position"): (1, MAX_COUNT),
    ("onboarding_step", "offset_days"): OFFSET_RANGE,
    ("shop_settings", "lifetime_cap_months"): (1, 1200),
    ("roadmap_item", "mrr_impact_cents"): (-MAX_CENTS, MAX_CENTS),  # an item may lower MRR
    # The data revision counts every write ever made (the lead's ``data_revision`` table on main).
    ("data_revision", "revision"): (0, 2**63 - 1),
    ("derived_cache", "revision"): (0, 2**63 - 1),
}
"""Number columns whose range is not the default one (``default_bounds``)."""

NOT_CHECKED = {("client", "name_key")}  # derived from the name: ``ledger.name_key_mismatches``


@dataclass(frozen=True, slots=True)
class ColumnRule:
    """What one column may hold. ``kind``: date, datetime, month, choice, integer, boolean or
    text; ``nullable``: NULL allowed; ``low``/``high``: an integer's range; ``choices``: the
    words a choice column allows; ``required``: text that must not be blank; ``single_line``:
    text without control characters (a name, a code, a title)."""

    table: str
    column: str
    kind: str
    nullable: bool
    low: int = 0
    high: int = 0
    choices: tuple[str, ...] = ()
    required: bool = False
    single_line: bool = False


def default_bounds(column: str) -> tuple[int, int]:
    """Money is 0..``MAX_CENTS``, basis points 0..100%, any other number 0..``MAX_COUNT``."""
    if column.endswith("_cents"):
        return 0, MAX_CENTS
    if column.endswith("_bp"):
        return 0, FULL_DISCOUNT_BP
    return 0, MAX_COUNT


def column_rules(table: sa.Table) -> list[ColumnRule]:
    """The rule of each checked column of ``table``: every column but its keys (the foreign-key
    check covers them), derived columns (compared with their source instead) and binary data."""
    derived = set(DERIVED_COLUMNS.get(table.name, ()))
    model = MODELS.get(table.name)
    required = {name for name, field in (model.model_fields if model else {}).items() if field.is_required()}
    rules = []
    for column in table.columns:
        if column.primary_key or column.foreign_keys or column.name in derived:
            continue
        if (table.name, column.name) not in NOT_CHECKED:
            rule = _rule(table.name, column, column.name in required)
            if rule is not None:
                rules.append(rule)
    return rules


def _rule(table: str, column: sa.Column[object], required: bool) -> ColumnRule | None:
    name, kind, nullable = column.name, column.type, bool(column.nullable)
    if isinstance(kind, sa.TypeDecorator):  # SQLModel's AutoString: a String underneath
        kind = kind.impl_instance
    if isinstance(kind, sa.DateTime):
        return ColumnRule(table, name, "datetime", nullable)
    if isinstance(kind, sa.Date):
        return ColumnRule(table, name, "date", nullable)
    if isinstance(kind, sa.Boolean):
        return ColumnRule(table, name, "boolean", nullable)
    if isinstance(kind, sa.Integer):
        low, high = BOUNDS.get((table, name), default_bounds(name))
        return ColumnRule(table, name, "integer", nullable, low=low, high=high)
    if isinstance(kind, sa.String):
        if (table, name) in CHOICES:
            return ColumnRule(table, name, "choice", nullable, choices=CHOICES[(table, name)])
        if name == "month" or name.endswith("_month"):
            return ColumnRule(table, name, "month", nullable)
        return ColumnRule(
            table, name, "text", nullable, required=required, single_line=kind.length is not None
        )
    return None  # binary data (a logo): nothing a reader assumes of it
