"""Shop settings: one row holding who the shop is and the policies its KPIs follow."""

from __future__ import annotations

from typing import Any

from sqlmodel import Field

from msp_desk.domain import rules
from msp_desk.domain.base import Record
from msp_desk.domain.benchmarks import merged_benchmarks
from msp_desk.domain.enums import DEFAULT_CURRENCY, DEFAULT_LOCALE, DEFAULT_SHOP_NAME, ShopKind
from msp_desk.domain.money import NotANumber, check_locale
from msp_desk.errors import ValidationError


class ShopSettings(Record, table=True):
    """The shop's own data and policies (one row). QSettings keeps only window state."""

    __tablename__ = "shop_settings"

    kind: str = Field(default=ShopKind.MSP.value, max_length=10)
    name: str = Field(default=DEFAULT_SHOP_NAME, max_length=200)
    logo_png: bytes | None = None
    currency: str = Field(default=DEFAULT_CURRENCY, max_length=3)
    locale: str = Field(default=DEFAULT_LOCALE, max_length=20)
    address: str = ""
    email: str = ""
    phone: str = ""
    booking_link: str = ""
    employees: int | None = None
    sales_marketing_share_bp: int = 1500  # 15% of revenue may go to sales & marketing
    lifetime_cap_months: int = 120
    reactivation_window_days: int | None = None  # None = unlimited
    paper: str = Field(default="letter", max_length=10)
    benchmarks_json: str = ""  # JSON of DEFAULT_BENCHMARKS overrides; "" = defaults
    demo_anchor: str | None = Field(default=None, max_length=40)  # set only in demo files
    reward_rule_json: str = ""  # default reward rule for won referrals; "" = none set
    qbr_questions: str = ""  # the questions a QBR asks, one a line; "" = seed 001's (QBR_QUESTIONS)

    def benchmarks(self) -> dict[str, Any]:
        """Seed 002's defaults with the shop's overrides on top (a broken override is ignored)."""
        return merged_benchmarks(self.benchmarks_json)


def validate_shop(shop: ShopSettings) -> None:
    rules.known(shop.kind, ShopKind, "kind")
    rules.text_required(shop.name, "name")
    rules.note(shop.address, "address", max_len=1000)
    for name in ("email", "phone", "booking_link"):
        rules.one_line(getattr(shop, name), name, max_len=500)
    rules.non_negative(shop.employees, "employees")
    rules.in_range(shop.sales_marketing_share_bp, 0, 10000, "sales_marketing_share")
    rules.in_range(shop.lifetime_cap_months, 1, 1200, "lifetime_cap_months")
    rules.note(shop.qbr_questions, "qbr_questions")
    if shop.paper not in ("letter", "a4"):
        raise ValidationError("paper", f"{shop.paper!r} is not letter or a4")
    if len(shop.currency) != 3 or not shop.currency.isalpha():
        raise ValidationError("currency", f"{shop.currency!r} is not a 3-letter ISO code")
    try:
        check_locale(shop.locale)
    except NotANumber as exc:
        raise ValidationError("locale", str(exc)) from None
