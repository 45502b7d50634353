"""The shop's settings row: read it (with defaults) and save edits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msp_desk.domain.benchmarks import merged_benchmarks
from msp_desk.domain.enums import DEFAULT_CURRENCY, DEFAULT_LOCALE, DEFAULT_SHOP_NAME, ShopKind
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database
from msp_desk.store.queries.shop import read_profile, settings_row

if TYPE_CHECKING:
    from msp_desk.domain.shop import ShopSettings


@dataclass(frozen=True, slots=True)
class ShopProfile:
    """What the screens show of the settings: who the shop is, its money and words, its targets.

    Read with one driver query (``shop_profile``), so opening the app needs neither the ORM nor
    SQLAlchemy; editing goes through ``get_settings``/``save_settings``.
    """

    name: str
    kind: str
    currency: str
    locale: str
    benchmarks_json: str = ""

    def benchmarks(self) -> dict[str, Any]:
        """The benchmark targets: seed 002's defaults with the shop's overrides."""
        return merged_benchmarks(self.benchmarks_json)


DEFAULT_PROFILE = ShopProfile(DEFAULT_SHOP_NAME, ShopKind.MSP.value, DEFAULT_CURRENCY, DEFAULT_LOCALE)


def shop_profile(db: Database) -> ShopProfile:
    """The settings row's profile, or the defaults' when the shop has none yet."""
    row = read_profile(db)
    return DEFAULT_PROFILE if row is None else ShopProfile(*row)


def get_settings(db: Database) -> ShopSettings:
    """The settings row, or unsaved defaults when the shop has none yet."""
    from msp_desk.domain.shop import ShopSettings

    with db.unit_of_work() as session:
        found = settings_row(session)
        return found if found is not None else ShopSettings()


def check_settings(**values: object) -> None:
    """Validate settings ``values`` as ``save_settings`` would, without saving anything."""
    from msp_desk.domain.shop import ShopSettings, validate_shop

    shop = ShopSettings()
    _assign(shop, values)
    validate_shop(shop)
    _check_locale(shop.locale)
    _check_currency(shop.currency)


def _assign(shop: ShopSettings, values: dict[str, object]) -> None:
    from msp_desk.domain.shop import ShopSettings

    for name, value in values.items():
        if name not in ShopSettings.model_fields:
            raise AttributeError(f"ShopSettings has no field {name}")
        setattr(shop, name, value)


def save_settings(db: Database, **values: object) -> Changes:
    """Update (or create) the settings row; every field validated before anything is saved."""
    from msp_desk.domain.shop import ShopSettings, validate_shop

    with db.unit_of_work() as session:
        shop = settings_row(session)
        if shop is None:
            shop = ShopSettings()
            session.add(shop)
        _assign(shop, values)
        validate_shop(shop)
        _check_locale(shop.locale)
        _check_currency(shop.currency)
        return recorded(session, Changes("Settings saved"))


def _check_locale(locale: str) -> None:
    """The number and date format must be one Babel knows (``en_US``, ``de_DE`` ...)."""
    from babel import Locale, UnknownLocaleError

    from msp_desk.errors import ValidationError

    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValidationError("locale", f"{locale!r} is not a known locale such as en_US or de_DE") from exc


def _check_currency(currency: str) -> None:
    """The currency must be an ISO 4217 code Babel knows (``USD``, ``EUR``, ``CHF`` ...)."""
    from babel.numbers import is_currency

    from msp_desk.errors import ValidationError

    if not is_currency(currency):
        raise ValidationError("currency", f"{currency!r} is not a currency code such as USD, EUR or GBP")
