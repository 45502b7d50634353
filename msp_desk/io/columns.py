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

_T, _W, _M, _H = ColumnType.TEXT, ColumnType.WHOLE, ColumnType.MONEY, ColumnType.HUNDREDTHS
_D, _DT, _B = ColumnType.DATE, ColumnType.DATETIME, ColumnType.YES_NO


def _columns(*specs: tuple[str, ColumnType]) -> tuple[Column, ...]:
    return tuple(Column(name, kind) for name, kind in specs)


_TARGETS = tuple(
    (f"{priority.lower()}_{what}", _W)
    for priority in ("P1", "P2", "P3", "P4")
    for what in ("first_response_min", "resolution_min")
)

TABLE_COLUMNS: dict[str, tuple[Column, ...]] = {
    # mrr and tier: on the day of the export (what the ledger says then; informational)
    "clients": _columns(
        ("name", _T),
        ("status", _T),
        ("tier", _T),
        ("seats", _W),
        ("mrr", _M),
        ("industry", _T),
        ("channel", _T),
        ("start_date", _D),
        ("renewal_date", _D),
        ("term_months", _W),
        ("employees", _W),
        ("locations", _W),
        ("servers", _W),
        ("referred_by", _T),
        ("acquisition_cost", _M),
        ("satisfaction", _W),
        ("churned_on", _D),
        ("churn_reason", _T),
        ("notes", _T),
        ("tags", _T),
    ),  # fmt: skip
    # a contact is a client's or (client empty) a referral partner's
    "contacts": _columns(
        ("client", _T),
        ("partner", _T),
        ("name", _T),
        ("role", _T),
        ("email", _T),
        ("phone", _T),
        ("decision_maker", _B),
    ),  # fmt: skip
    # sla_met: the source's verdict (empty: judged from the targets)
    "tickets": _columns(
        ("external_id", _T),
        ("client", _T),
        ("subject", _T),
        ("priority", _T),
        ("opened_at", _DT),
        ("first_response_at", _DT),
        ("resolved_at", _DT),
        ("fcr", _B),
        ("sla_met", _B),
        ("response_target_min", _W),
        ("resolution_target_min", _W),
        ("source", _T),
    ),  # fmt: skip
    # item: the tier's or add-on's name, or a custom line's description
    "contract-lines": _columns(
        ("client", _T),
        ("kind", _T),
        ("item", _T),
        ("description", _T),
        ("quantity", _W),
        ("unit_price", _M),
        ("unit_cost", _M),
        ("period", _T),
        ("discount_percent", _H),
        ("start_date", _D),
        ("end_date", _D),
        ("change", _T),
    ),  # fmt: skip
    # referrer: a client's name (referrer_type "client") or a partner's ("partner")
    "referrals": _columns(
        ("company", _T),
        ("contact_name", _T),
        ("contact_email", _T),
        ("contact_phone", _T),
        ("industry", _T),
        ("pain", _T),
        ("referrer_type", _T),
        ("referrer", _T),
        ("referrer_contact", _T),
        ("received_on", _D),
        ("stage", _T),
        ("stage_changed_on", _D),
        ("lost_reason", _T),
        ("expected_mrr", _M),
        ("client", _T),
        ("won_on", _D),
        ("no_reward", _B),
        ("no_reward_reason", _T),
    ),  # fmt: skip
    # referral: the referred company, received_on tells two of the same name apart
    "rewards": _columns(
        ("referrer_type", _T),
        ("referrer", _T),
        ("referral", _T),
        ("referral_received_on", _D),
        ("kind", _T),
        ("amount", _M),
        ("condition", _T),
        ("condition_n", _W),
        ("clawback_months", _W),
        ("status", _T),
        ("earned_on", _D),
        ("settled_on", _D),
        ("voided_on", _D),
        ("void_reason", _T),
    ),  # fmt: skip
    # one row per tier ("tier", its response targets in the p1_..p4_ columns), add-on ("addon")
    # and list-price change ("tier_price" / "addon_price": name is the item's, price and cost
    # the new ones from effective_date)
    "ladder": _columns(
        ("type", _T),
        ("name", _T),
        ("rank", _W),
        ("description", _T),
        ("inclusions", _T),
        ("price_model", _T),
        ("price", _M),
        ("cost", _M),
        ("hours_per_block", _W),
        ("tech_minutes_per_seat", _W),
        ("growth_stage", _T),
        ("active", _B),
        *_TARGETS,
        ("effective_date", _D),
        ("old_price", _M),
        ("old_cost", _M),
        ("existing_clients", _B),
    ),  # fmt: skip
    "spend": _columns(("month", _T), ("channel", _T), ("amount", _M), ("note", _T)),
    "revenue": _columns(
        ("date", _D),
        ("client", _T),
        ("description", _T),
        ("amount", _M),
        ("direct_cost", _M),
    ),  # fmt: skip
}
"""The columns of each export kind, in file order."""

EXPORT_KINDS = tuple(TABLE_COLUMNS)


def field_names(kind: str) -> tuple[str, ...]:
    """The header of ``kind``'s export: the import's field names for it."""
    return tuple(column.name for column in TABLE_COLUMNS[kind])
