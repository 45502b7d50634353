"""Editing the service ladder: tiers and add-ons (text, price model, response targets), adding and
retiring them, and dated list-price changes with a preview of their MRR effect.

A list price applies to the lines started from its date (``domain.ladder.PriceChange``; the ledger
reads ``listed_price``); with "existing clients too" the running lines of the item end the day
before and successors start at the new price, as ``ledger.change_price`` does one line at a time.
Each write is one unit of work that validates everything before saving and returns ``Changes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import sqlalchemy as sa
from sqlmodel import Session, func, select

from msp_desk import formatting as fmt
from msp_desk.domain import rules
from msp_desk.domain.contracts import ContractLine
from msp_desk.domain.enums import GrowthStage, LineKind, PriceModel, Priority
from msp_desk.domain.ladder import (
    AddOn,
    ResponseTarget,
    Tier,
    listed_price,
    price_changes_of,
    validate_addon,
    validate_target,
    validate_tier,
)
from msp_desk.errors import Conflict, NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database

ItemKind = Literal["tier", "addon"]
Minutes = tuple[int | None, int | None]  # (first response, resolution) in minutes; None: no target
ONE_DAY = dt.timedelta(days=1)
PRIORITIES = tuple(p.value for p in Priority)


@dataclass(frozen=True)
class TierForm:
    """What the tier form edits; ``targets`` maps P1..P4 to (first response, resolution) minutes."""

    name: str
    description: str = ""
    inclusions: str = ""  # one a line
    price_model: str = PriceModel.PER_SEAT.value
    price_cents: int = 0
    cost_cents: int = 0
    hours_per_block: int | None = None
    targets: Mapping[str, Minutes] = field(default_factory=dict)


@dataclass(frozen=True)
class AddOnForm:
    name: str
    description: str = ""
    price_model: str = PriceModel.PER_SEAT.value
    price_cents: int = 0
    cost_cents: int = 0
    growth_stage: str = GrowthStage.PROTECT.value


# -- reading the forms -----------------------------------------------------------------------------


def _model(kind: ItemKind) -> type[Tier] | type[AddOn]:
    return Tier if kind == "tier" else AddOn


def get_item(session: Session, kind: ItemKind, item_id: int) -> Tier | AddOn:
    item = session.get(_model(kind), item_id)
    if item is None:
        raise NotFound(f"no {'tier' if kind == 'tier' else 'add-on'} with id {item_id}")
    return item


def _targets(session: Session, tier_id: int) -> dict[str, ResponseTarget]:
    query = select(ResponseTarget).where(ResponseTarget.tier_id == tier_id)
    return {t.priority: t for t in session.exec(query)}


def tier_form(db: Database, tier_id: int, today: dt.date) -> TierForm:
    """The tier as its form shows it, with the price listed ``today``."""
    with db.unit_of_work() as session:
        tier = get_item(session, "tier", tier_id)
        price, cost = listed_price(tier, today)
        targets = {p: (t.first_response_min, t.resolution_min) for p, t in _targets(session, tier_id).items()}
        return TierForm(
            tier.name,
            tier.description,
            tier.inclusions,
            tier.price_model,
            price,
            cost,
            tier.hours_per_block,
            targets,
        )


def addon_form(db: Database, addon_id: int, today: dt.date) -> AddOnForm:
    with db.unit_of_work() as session:
        addon = get_item(session, "addon", addon_id)
        price, cost = listed_price(addon, today)
        return AddOnForm(addon.name, addon.description, addon.price_model, price, cost, addon.growth_stage)


# -- checks shared by the writes -------------------------------------------------------------------


def _unique_name(session: Session, kind: ItemKind, name: str, item_id: int | None) -> None:
    model = _model(kind)
    query = select(model.id).where(func.lower(model.name) == name.strip().lower())
    if item_id is not None:
        query = query.where(model.id != item_id)
    if session.exec(query).first() is not None:
        what = "tier" if kind == "tier" else "add-on"
        raise ValidationError("name", f"another {what} is called {name.strip()}")


def item_lines(kind: ItemKind, item_id: int):  # type: ignore[no-untyped-def]
    if kind == "tier":
        return select(ContractLine).where(
            ContractLine.kind == LineKind.TIER.value, ContractLine.tier_id == item_id
        )
    return select(ContractLine).where(
        ContractLine.kind == LineKind.ADDON.value, ContractLine.addon_id == item_id
    )


def running_from(day: dt.date):  # type: ignore[no-untyped-def]
    return sa.or_(ContractLine.end_date.is_(None), ContractLine.end_date >= day)  # type: ignore[union-attr, operator]


def _clients_running(session: Session, kind: ItemKind, item_id: int, day: dt.date) -> int:
    lines = session.exec(item_lines(kind, item_id).where(running_from(day)))
    return len({line.client_id for line in lines})


def _check_model_kept(session: Session, tier: Tier, form: TierForm, today: dt.date) -> None:
    """A tier's price model and block size decide its lines' quantities: not changed under clients."""
    block = form.hours_per_block if form.price_model == PriceModel.PER_HOURS_BLOCK.value else None
    for name, changed in (
        ("price_model", form.price_model != tier.price_model),
        ("hours_per_block", block != tier.hours_per_block),
    ):
        if changed and (clients := _clients_running(session, "tier", tier.id or 0, today)):
            raise ValidationError(
                name,
                f"{clients} client{'s are' if clients != 1 else ' is'} on {tier.name}: it cannot change under "
                "them; add a new tier and move them instead",
            )


def _set_targets(session: Session, tier_id: int, targets: Mapping[str, Minutes]) -> None:
    unknown = set(targets) - set(PRIORITIES)
    if unknown:
        raise ValidationError("priority", f"{sorted(unknown)[0]!r} is not one of {', '.join(PRIORITIES)}")
    existing = _targets(session, tier_id)
    checked = []
    for priority, (first, resolution) in targets.items():
        target = ResponseTarget(
            tier_id=tier_id, priority=priority, first_response_min=first, resolution_min=resolution
        )
        validate_target(target)
        checked.append(target)
    for target in checked:  # every target checked before any is written
        row = existing.get(target.priority)
        if target.first_response_min is None and target.resolution_min is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(target)
        else:
            row.first_response_min, row.resolution_min = target.first_response_min, target.resolution_min


def money_fields(price_cents: int, cost_cents: int) -> None:
    """Price and cost checked before anything is read (the domain's message would show cents)."""
    for value, name in ((price_cents, "price"), (cost_cents, "cost")):
        if value < 0:
            raise ValidationError(name, "must not be negative")


def _clean_lines(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


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


# -- tiers -----------------------------------------------------------------------------------------


def add_tier(db: Database, form: TierForm) -> Changes:
    """A new tier on the top rung (rank after the highest)."""
    money_fields(form.price_cents, form.cost_cents)
    with db.unit_of_work() as session:
        _unique_name(session, "tier", form.name, None)
        top = session.exec(select(func.max(Tier.rank))).first() or 0
        tier = Tier(
            rank=top + 1,
            name=form.name.strip(),
            description=form.description.strip(),
            inclusions=_clean_lines(form.inclusions),
            price_model=form.price_model,
            price_cents=form.price_cents,
            cost_cents=form.cost_cents,
            hours_per_block=form.hours_per_block
            if form.price_model == PriceModel.PER_HOURS_BLOCK.value
            else None,
        )
        validate_tier(tier)
        session.add(tier)
        session.flush()
        _set_targets(session, tier.id or 0, form.targets)
        return recorded(session, Changes(f"Added tier {tier.name} (rung {tier.rank})"))


def update_tier(db: Database, tier_id: int, form: TierForm, today: dt.date) -> Changes:
    """Save the tier form. A changed price or cost applies from ``today`` to new lines; existing
    clients keep theirs (``change_list_price`` picks a date and can reprice them)."""
    money_fields(form.price_cents, form.cost_cents)
    words = Words(db)
    with db.unit_of_work() as session:
        tier = get_item(session, "tier", tier_id)
        assert isinstance(tier, Tier)
        _unique_name(session, "tier", form.name, tier_id)
        rules.known(form.price_model, PriceModel, "price_model")
        _check_model_kept(session, tier, form, today)
        repriced = (form.price_cents, form.cost_cents) != listed_price(tier, today)
        tier.name = form.name.strip()
        tier.description = form.description.strip()
        tier.inclusions = _clean_lines(form.inclusions)
        tier.price_model = form.price_model
        tier.hours_per_block = (
            form.hours_per_block if form.price_model == PriceModel.PER_HOURS_BLOCK.value else None
        )
        validate_tier(tier)
        _set_targets(session, tier_id, form.targets)
        message = f"Saved tier {tier.name}"
        if repriced:
            _list_from_today(session, "tier", tier, form.price_cents, form.cost_cents, today, words)
            message += f": {words.money(form.price_cents)} for new clients from {words.date(today)}"
        return recorded(session, Changes(message))


def _list_from_today(
    session: Session, kind: ItemKind, item: Tier | AddOn, price: int, cost: int, today: dt.date, words: Words
) -> None:
    """A price edited in the item's form: listed from today for new lines. An item no line ever
    used and with no dated prices just takes it (nobody was ever charged the old one)."""
    used = session.exec(item_lines(kind, item.id or 0).limit(1)).first() is not None
    if not used and not price_changes_of(session, item):
        item.price_cents, item.cost_cents = price, cost
        return
    from msp_desk.services.ladder.prices import reprice

    reprice(session, kind, item, price, cost, today, existing=False, words=words)


# -- add-ons ---------------------------------------------------------------------------------------


def _addon_from(form: AddOnForm, addon: AddOn) -> None:
    addon.name = form.name.strip()
    addon.description = form.description.strip()
    addon.price_model = form.price_model
    addon.growth_stage = form.growth_stage


def add_addon(db: Database, form: AddOnForm) -> Changes:
    money_fields(form.price_cents, form.cost_cents)
    with db.unit_of_work() as session:
        _unique_name(session, "addon", form.name, None)
        addon = AddOn(name="", price_cents=form.price_cents, cost_cents=form.cost_cents)
        _addon_from(form, addon)
        validate_addon(addon)
        session.add(addon)
        return recorded(session, Changes(f"Added add-on {addon.name} ({addon.growth_stage})"))


def update_addon(db: Database, addon_id: int, form: AddOnForm, today: dt.date) -> Changes:
    """Save the add-on form; a changed price or cost applies from ``today`` to new lines."""
    money_fields(form.price_cents, form.cost_cents)
    words = Words(db)
    with db.unit_of_work() as session:
        addon = get_item(session, "addon", addon_id)
        assert isinstance(addon, AddOn)
        _unique_name(session, "addon", form.name, addon_id)
        rules.known(form.price_model, PriceModel, "price_model")
        if form.price_model != addon.price_model and (
            clients := _clients_running(session, "addon", addon_id, today)
        ):
            raise ValidationError(
                "price_model",
                f"{clients} client{'s have' if clients != 1 else ' has'} {addon.name}: it cannot change under "
                "them; add a new add-on instead",
            )
        repriced = (form.price_cents, form.cost_cents) != listed_price(addon, today)
        _addon_from(form, addon)
        validate_addon(addon)
        message = f"Saved add-on {addon.name}"
        if repriced:
            _list_from_today(session, "addon", addon, form.price_cents, form.cost_cents, today, words)
            message += f": {words.money(form.price_cents)} for new clients from {words.date(today)}"
        return recorded(session, Changes(message))


# -- retiring and deleting -------------------------------------------------------------------------


def set_active(db: Database, kind: ItemKind, item_id: int, active: bool) -> Changes:
    """Retire (``active=False``: no longer offered; its clients keep it) or bring one back."""
    with db.unit_of_work() as session:
        item = get_item(session, kind, item_id)
        what = "tier" if kind == "tier" else "add-on"
        if item.active == active:
            raise Conflict(f"{item.name} is {'offered' if active else 'retired'} already")
        item.active = active
        verb = "Offered again" if active else "Retired"
        return recorded(session, Changes(f"{verb}: {what} {item.name}"))


def delete_item(db: Database, kind: ItemKind, item_id: int) -> Changes:
    """Delete a tier or add-on that no contract line ever used (else retire it)."""
    with db.unit_of_work() as session:
        item = get_item(session, kind, item_id)
        used = session.exec(item_lines(kind, item_id).limit(1)).first()
        if used is not None:
            raise Conflict(f"{item.name} is on clients' contracts: retire it instead")
        for change in price_changes_of(session, item):
            session.delete(change)
        if kind == "tier":
            for target in _targets(session, item_id).values():
                session.delete(target)
        session.delete(item)
        what = "tier" if kind == "tier" else "add-on"
        return recorded(session, Changes(f"Deleted {what} {item.name}"))
