"""The columns of every table the app exports: its own file format, so also what an import with
no preset expects (the header names are the import's field names; keep them simple and stable).

Each column has a type saying how its value is written: text as it is; ``whole`` numbers as
numbers; ``money`` (held in cents) as a plain decimal ``1250.00`` in CSV and a number in the
currency's decimals in XLSX; ``hundredths`` (a discount in basis points) as a percent ``12.50``;
``date``/``datetime`` as ISO text in CSV and real dates in XLSX; ``yes_no`` as ``yes``/``no``, or
empty when unknown. A missing value (``None``) is an empty cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ColumnType(StrEnum):
    TEXT = "text"
    WHOLE = "whole"
    MONEY = "money"
    HUNDREDTHS = "hundredths"
    DATE = "date"
    DATETIME = "datetime"
    YES_NO = "yes_no"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType = ColumnType.TEXT


TAG_SEPARATOR = "; "  # a client's tags in one cell: an import splits the cell on ";"
YES, NO = "yes", "no"


def _columns(spec: str) -> tuple[Column, ...]:
    """Columns from ``"name status seats:whole mrr:money ..."`` (a name alone is text)."""
    found = []
    for word in spec.split():
        name, _, kind = word.partition(":")
        found.append(Column(name, ColumnType(kind or ColumnType.TEXT)))
    return tuple(found)


_TARGETS = " ".join(
    f"{priority}_{what}:whole"
    for priority in ("p1", "p2", "p3", "p4")
    for what in ("first_response_min", "resolution_min")
)

TABLE_COLUMNS: dict[str, tuple[Column, ...]] = {
    # mrr and tier: on the day of the export (what the ledger says then; informational)
    "clients": _columns(
        "name status tier seats:whole mrr:money industry channel start_date:date renewal_date:date"
        " term_months:whole employees:whole locations:whole servers:whole referred_by"
        " acquisition_cost:money satisfaction:whole churned_on:date churn_reason notes tags"
    ),
    # a contact is a client's or (client empty) a referral partner's
    "contacts": _columns("client partner name role email phone decision_maker:yes_no"),
    # sla_met: the source's verdict (empty: judged from the targets)
    "tickets": _columns(
        "external_id client subject priority opened_at:datetime first_response_at:datetime"
        " resolved_at:datetime fcr:yes_no sla_met:yes_no response_target_min:whole"
        " resolution_target_min:whole source"
    ),
    # item: the tier's or add-on's name, or a custom line's description
    "contract-lines": _columns(
        "client kind item description quantity:whole unit_price:money unit_cost:money period"
        " discount_percent:hundredths start_date:date end_date:date change"
    ),
    # referrer: a client's name (referrer_type "client") or a partner's ("partner")
    "referrals": _columns(
        "company contact_name contact_email contact_phone industry pain referrer_type referrer"
        " referrer_contact received_on:date stage stage_changed_on:date lost_reason"
        " expected_mrr:money client won_on:date no_reward:yes_no no_reward_reason"
    ),
    # referral: the referred company, received_on tells two of the same name apart
    "rewards": _columns(
        "referrer_type referrer referral referral_received_on:date kind amount:money condition"
        " condition_n:whole clawback_months:whole status earned_on:date settled_on:date"
        " voided_on:date void_reason"
    ),
    # one row per tier ("tier", its response targets in the p1_..p4_ columns), add-on ("addon")
    # and list-price change ("tier_price" / "addon_price": name is the item's, price and cost
    # the new ones from effective_date)
    "ladder": _columns(
        "type name rank:whole description inclusions price_model price:money cost:money"
        " hours_per_block:whole tech_minutes_per_seat:whole growth_stage active:yes_no"
        f" {_TARGETS} effective_date:date old_price:money old_cost:money existing_clients:yes_no"
    ),
    "spend": _columns("month channel amount:money note"),
    # client empty: revenue of no client; direct_cost empty: unknown; kind project or hardware
    "revenue": _columns("date:date client kind description amount:money direct_cost:money"),
}
"""The columns of each export kind, in file order."""

EXPORT_KINDS = tuple(TABLE_COLUMNS)


def field_names(kind: str) -> tuple[str, ...]:
    """The header of ``kind``'s export: the import's field names for it."""
    return tuple(column.name for column in TABLE_COLUMNS[kind])
