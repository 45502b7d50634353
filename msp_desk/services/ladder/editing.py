"""Editing the service ladder: tiers and add-ons (text, price model, response targets), adding and
retiring and deleting them; a price edited in a form is listed from today (dated list-price
changes and their preview: ``services.ladder.prices``).

A list price applies to the lines started from its date (``domain.ladder.PriceChange``; the ledger
reads ``listed_price``); with "existing clients too" the running lines of the item end the day
before and successors start at the new price, as ``ledger.change_price`` does one line at a time.
Each write is one unit of work that validates everything before saving and returns ``Changes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from msp_desk.domain import rules
from msp_desk.domain.checkins import DEFAULT_CHECK_IN_DAYS, DEFAULT_QBR_DAYS
from msp_desk.domain.enums import GrowthStage, PriceModel
from msp_desk.domain.ladder import (
    AddOn,
    ResponseTarget,
    Tier,
    validate_addon,
    validate_target,
    validate_tier,
)
from msp_desk.errors import Conflict, ValidationError
from msp_desk.kpi.inputs import PRIORITIES
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.ladder.cadence import cadences
from msp_desk.services.ladder.items_shared import ItemKind, Minutes, Words, get_item, money_fields
from msp_desk.services.ladder.prices import reprice
from msp_desk.services.reviews.cadences import follow_cadences
from msp_desk.store.database import Database
from msp_desk.store.queries.ladder import items as queries
from msp_desk.store.queries.ladder.items import listed_price, price_changes_of

if TYPE_CHECKING:
    from sqlmodel import Session


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
    check_in_every_days: int = DEFAULT_CHECK_IN_DAYS  # days between check-in calls
    qbr_every_days: int = DEFAULT_QBR_DAYS  # days between QBRs


@dataclass(frozen=True)
class AddOnForm:
    name: str
    description: str = ""
    price_model: str = PriceModel.PER_SEAT.value
    price_cents: int = 0
    cost_cents: int = 0
    growth_stage: str = GrowthStage.PROTECT.value


# -- reading the forms -----------------------------------------------------------------------------


def tier_form(db: Database, tier_id: int, today: dt.date) -> TierForm:
    """The tier as its form shows it, with the price listed ``today``."""
    with db.unit_of_work() as session:
        tier = get_item(session, "tier", tier_id)
        price, cost = listed_price(tier, today)
        targets = {
            p: (t.first_response_min, t.resolution_min)
            for p, t in queries.response_targets(session, tier_id).items()
        }
        return TierForm(
            tier.name,
            tier.description,
            tier.inclusions,
            tier.price_model,
            price,
            cost,
            tier.hours_per_block,
            targets,
            tier.check_in_every_days,
            tier.qbr_every_days,
        )


def addon_form(db: Database, addon_id: int, today: dt.date) -> AddOnForm:
    with db.unit_of_work() as session:
        addon = get_item(session, "addon", addon_id)
        price, cost = listed_price(addon, today)
        return AddOnForm(addon.name, addon.description, addon.price_model, price, cost, addon.growth_stage)


# -- checks shared by the writes -------------------------------------------------------------------


def _unique_name(session: Session, kind: ItemKind, name: str, item_id: int | None) -> None:
    if queries.name_taken(session, kind, name, item_id):
        what = "tier" if kind == "tier" else "add-on"
        raise ValidationError("name", f"another {what} is called {name.strip()}")


def _clients_running(session: Session, kind: ItemKind, item_id: int, day: dt.date) -> int:
    lines = queries.item_lines(session, kind, item_id, running_from=day)
    return len({line.client_id for line in lines})


def _check_model_kept(session: Session, tier: Tier, form: TierForm, today: dt.date) -> None:
    """A tier's price model and block size decide its lines' quantities: not changed under clients."""
    block = form.hours_per_block if form.price_model == PriceModel.PER_HOURS_BLOCK.value else None
    for name, changed in (
        ("price_model", form.price_model != tier.price_model),
        ("hours_per_block", block != tier.hours_per_block),
    ):
        if changed and (clients := _clients_running(session, "tier", tier.saved_id, today)):
            raise ValidationError(
                name,
                f"{clients} client{'s are' if clients != 1 else ' is'} on {tier.name}: it cannot change under "
                "them; add a new tier and move them instead",
            )


def _set_targets(session: Session, tier_id: int, targets: Mapping[str, Minutes]) -> None:
    unknown = set(targets) - set(PRIORITIES)
    if unknown:
        raise ValidationError("priority", f"{sorted(unknown)[0]!r} is not one of {', '.join(PRIORITIES)}")
    existing = queries.response_targets(session, tier_id)
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


def _clean_lines(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# -- tiers -----------------------------------------------------------------------------------------


def add_tier(db: Database, form: TierForm) -> Changes:
    """A new tier on the top rung (rank after the highest)."""
    money_fields(form.price_cents, form.cost_cents)
    with db.unit_of_work() as session:
        _unique_name(session, "tier", form.name, None)
        top = queries.top_tier_rank(session)
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
            check_in_every_days=form.check_in_every_days,
            qbr_every_days=form.qbr_every_days,
        )
        validate_tier(tier)
        session.add(tier)
        session.flush()
        _set_targets(session, tier.saved_id, form.targets)
        return recorded(session, Changes(f"Added tier {tier.name} (rung {tier.rank})"))


def update_tier(db: Database, tier_id: int, form: TierForm, today: dt.date) -> Changes:
    """Save the tier form. A changed price or cost applies from ``today`` to new lines; existing
    clients keep theirs (``change_list_price`` picks a date and can reprice them)."""
    money_fields(form.price_cents, form.cost_cents)
    words = Words(db)
    with db.unit_of_work() as session:
        tier = get_item(session, "tier", tier_id)
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
        before = cadences(session.connection(), today)
        tier.check_in_every_days, tier.qbr_every_days = form.check_in_every_days, form.qbr_every_days
        validate_tier(tier)
        _set_targets(session, tier_id, form.targets)
        follow_cadences(session, today, before)  # the open calls and QBRs of its clients follow
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
    if not queries.item_used(session, kind, item.saved_id) and not price_changes_of(session, item):
        item.price_cents, item.cost_cents = price, cost
        return
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
        if queries.item_used(session, kind, item_id):
            raise Conflict(f"{item.name} is on clients' contracts: retire it instead")
        for change in price_changes_of(session, item):
            session.delete(change)
        if kind == "tier":
            for target in queries.response_targets(session, item_id).values():
                session.delete(target)
        session.delete(item)
        what = "tier" if kind == "tier" else "add-on"
        return recorded(session, Changes(f"Deleted {what} {item.name}"))
