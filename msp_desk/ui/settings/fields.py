"""How each benchmark target and threshold of the Settings page reads and is typed: "40%–60%",
"$175,000–$225,000", "4 h", "2×"; parsed back exactly in the shop's locale (numbers as Decimal,
money in cents)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

from msp_desk import formatting as fmt
from msp_desk.domain.money import NotANumber, money_digits, parse_money, parse_number
from msp_desk.errors import ValidationError

_RANGE_SPLIT = re.compile(r"\s*(?:–|—|-|to)\s*")


@dataclass(frozen=True)
class TargetField:
    """One benchmark key on the Settings page: its label, how it is written, its group."""

    key: str
    label: str
    kind: str  # percent, percent_range, money_range, number, integer
    group: str = "targets"  # targets | reviews
    hint: str = ""


TARGET_FIELDS: tuple[TargetField, ...] = (
    TargetField("mrr_growth_12m", "MRR growth in 12 months", "percent_range", hint="e.g. 15%–20%"),
    TargetField("net_mrr_churn_rate_max", "Net MRR churn a month, at most", "percent", hint="e.g. 2%"),
    TargetField("gross_margin", "Gross margin", "percent_range", hint="e.g. 40%–60%"),
    TargetField("clv_cac_min", "CLV : CAC, at least", "number", hint="e.g. 3"),
    TargetField("mttr_p1_hours_max", "MTTR of P1 tickets, at most (hours)", "number", hint="e.g. 4"),
    TargetField("sla_compliance_min", "SLA compliance, at least", "percent", hint="e.g. 95%"),
    TargetField("fcr", "First-contact resolution", "percent_range", hint="e.g. 70%–75%"),
    TargetField(
        "arr_per_employee_cents", "ARR per employee", "money_range", hint="e.g. 175,000.00–225,000.00"
    ),
    TargetField("recurring_share_min", "Recurring share of revenue, at least", "percent", hint="e.g. 80%"),
    TargetField("referral_share_new", "Referral share of new clients", "percent_range", hint="e.g. 20%–50%"),
    TargetField("readiness_ask_min", "Ask for referrals from a readiness of", "integer", "reviews", "0–100"),
    TargetField(
        "readiness_satisfaction_min", "Satisfaction that counts as good", "integer", "reviews", "0–10"
    ),
    TargetField(
        "review_tickets_per_seat_ratio",
        "Flag tickets a seat above (× shop median)",
        "number",
        "reviews",
        "e.g. 2",
    ),
    TargetField(
        "review_declined_roadmap_min", "Flag roadmap items declined (12 months)", "integer", "reviews"
    ),
    TargetField("review_satisfaction_max", "Flag satisfaction at or below", "integer", "reviews", "0–10"),
)


def field_for(key: str) -> TargetField:
    """The field of ``key``; a key without one (added later) reads as a plain number."""
    return next((f for f in TARGET_FIELDS if f.key == key), TargetField(key, key.replace("_", " "), "number"))


def _decimal(text: str, key: str, locale: str) -> Decimal:
    try:
        return parse_number(text, locale)
    except NotANumber as exc:
        raise ValidationError(key, str(exc)) from None


def _percent(text: str, key: str, locale: str) -> float:
    cleaned = text.strip().removesuffix("%").strip()
    value = _decimal(cleaned, key, locale) / 100
    if not 0 <= value <= 10:
        raise ValidationError(key, f"{text.strip()} is not a sensible percentage")
    return float(value)


def _pair(text: str, key: str) -> list[str]:
    parts = [p for p in _RANGE_SPLIT.split(text.strip()) if p]
    if len(parts) != 2:
        raise ValidationError(key, "write a range like 40%–60%")
    return parts


def parse_target(field: TargetField, text: str, locale: str = "en_US", currency: str = "USD") -> Any:
    """The value typed for ``field`` in the shop's ``locale`` (raises ValidationError naming its key)."""
    key = field.key
    if not text.strip():
        raise ValidationError(key, "a target is needed (clear it to the default with Reset)")
    if field.kind == "percent":
        return _percent(text, key, locale)
    if field.kind == "percent_range":
        low, high = (_percent(p if p.endswith("%") else p + "%", key, locale) for p in _pair(text, key))
        if low > high:
            raise ValidationError(key, "the low end is above the high end")
        return [low, high]
    if field.kind == "money_range":
        try:
            low_c, high_c = (parse_money(p, locale, currency) for p in _pair(text, key))
        except NotANumber as exc:
            raise ValidationError(key, str(exc)) from None
        if low_c > high_c:
            raise ValidationError(key, "the low end is above the high end")
        return [int(low_c), int(high_c)]
    value = _decimal(text.strip().removesuffix("×").removesuffix("h"), key, locale)
    if field.kind == "integer":
        if value != value.to_integral_value():
            raise ValidationError(key, "a whole number, please")
        return int(value)
    return float(value)


def format_target(field: TargetField, value: Any, locale: str = "en_US", currency: str = "USD") -> str:
    """How ``value`` reads in its field in ``locale`` (the inverse of ``parse_target``)."""

    def number(x: float, scale: int = 1) -> str:
        return str(format_decimal(Decimal(str(x)) * scale, "#,##0.######", locale=locale))

    def money(cents: int) -> str:  # with its decimals: "175.000" alone is ambiguous in German
        return fmt.amount(cents, locale, money_digits(currency))

    if field.kind == "percent":
        return number(value, 100) + "%"
    if field.kind == "percent_range":
        return f"{number(value[0], 100)}%–{number(value[1], 100)}%"
    if field.kind == "money_range":
        return f"{money(value[0])}–{money(value[1])}"
    if field.kind == "integer":
        return str(int(value))
    return number(value)
