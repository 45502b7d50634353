"""What the ladder's item modules share: the kinds of item, a tier or add-on found by id, the
money checks before a write, and money and dates worded in the shop's currency and locale."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal, overload

from msp_desk import formatting as fmt
from msp_desk.domain.ladder import AddOn, Tier
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.shop.settings import shop_profile

if TYPE_CHECKING:
    from sqlmodel import Session

    from msp_desk.store.database import Database

ItemKind = Literal["tier", "addon"]
Minutes = tuple[int | None, int | None]  # (first response, resolution) in minutes; None: no target


@overload
def get_item(session: Session, kind: Literal["tier"], item_id: int) -> Tier: ...
@overload
def get_item(session: Session, kind: Literal["addon"], item_id: int) -> AddOn: ...
@overload
def get_item(session: Session, kind: ItemKind, item_id: int) -> Tier | AddOn: ...
def get_item(session: Session, kind: ItemKind, item_id: int) -> Tier | AddOn:
    """The tier or add-on to edit in ``session``; NotFound when there is none."""
    item = session.get(Tier, item_id) if kind == "tier" else session.get(AddOn, item_id)
    if item is None:
        raise NotFound(f"no {'tier' if kind == 'tier' else 'add-on'} with id {item_id}")
    return item


def money_fields(price_cents: int, cost_cents: int) -> None:
    """Price and cost checked before anything is read (the domain's message would show cents)."""
    for value, name in ((price_cents, "price"), (cost_cents, "cost")):
        if value < 0:
            raise ValidationError(name, "must not be negative")


class Words:
    """Money and dates in the shop's currency and locale, for the confirmations (read before the
    unit of work opens)."""

    def __init__(self, db: Database) -> None:
        profile = shop_profile(db)
        self.currency, self.locale = profile.currency, profile.locale

    def money(self, cents: int) -> str:
        return fmt.money(cents, self.currency, self.locale)

    def date(self, day: dt.date) -> str:
        return fmt.date_text(day, self.locale)
