"""The recurring-revenue ledger: start, move up/down the ladder, reprice, churn and reactivate.

Each operation takes an effective date, ends the lines it replaces the day before and starts
new ones on it: history is never rewritten. Each runs in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from msp_desk import formatting as fmt
from msp_desk.domain.clients import Client
from msp_desk.domain.contracts import ContractLine, validate_line
from msp_desk.domain.enums import ClientStatus, LineKind, PriceModel
from msp_desk.domain.ladder import AddOn, Tier
from msp_desk.domain.values import ONE_DAY
from msp_desk.errors import Conflict, NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.ladder.cadence import Cadence
from msp_desk.services.reviews.cadences import follow_cadences
from msp_desk.services.reviews.closing import close_account_tasks
from msp_desk.services.shop.settings import shop_profile
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database
from msp_desk.store.queries.accounts import lines_running_from, open_lines
from msp_desk.store.queries.ladder.items import listed_price

if TYPE_CHECKING:
    from sqlmodel import Session


def units_for(price_model: str, seats: int, hours_per_block: int | None = None) -> int:
    """How many billed units a client with ``seats`` (or hours) buys of an item."""
    if price_model == PriceModel.PER_SEAT.value:
        return seats
    if price_model == PriceModel.PER_HOURS_BLOCK.value:
        block = hours_per_block or 1
        return -(-seats // block)
    return 1


def _client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"no client with id {client_id}")
    return client


def _end(session: Session, line: ContractLine, effective: dt.date) -> None:
    if effective <= line.start_date:
        raise ValidationError(
            "effective_date",
            f"{day_text(session, effective)} must be after the line's start {day_text(session, line.start_date)}"
            " (history is never rewritten)",
        )
    line.end_date = effective - ONE_DAY


def _tier_line(client_id: int, tier: Tier, seats: int, effective: dt.date, change: str) -> ContractLine:
    price, cost = listed_price(tier, effective)  # a dated list-price change may start later
    return ContractLine(
        client_id=client_id,
        kind=LineKind.TIER.value,
        tier_id=tier.id,
        description=tier.name,
        quantity=max(1, units_for(tier.price_model, seats, tier.hours_per_block)),
        unit_price_cents=price,
        unit_cost_cents=cost,
        start_date=effective,
        change=change,
    )


def _addon_line(client_id: int, addon: AddOn, seats: int, effective: dt.date, change: str) -> ContractLine:
    price, cost = listed_price(addon, effective)
    return ContractLine(
        client_id=client_id,
        kind=LineKind.ADDON.value,
        addon_id=addon.id,
        description=addon.name,
        quantity=max(1, units_for(addon.price_model, seats)),
        unit_price_cents=price,
        unit_cost_cents=cost,
        start_date=effective,
        change=change,
    )


def _successor(line: ContractLine, effective: dt.date, change: str, **updates: object) -> ContractLine:
    fields = {
        name: getattr(line, name)
        for name in (
            "client_id",
            "kind",
            "tier_id",
            "addon_id",
            "description",
            "quantity",
            "unit_price_cents",
            "unit_cost_cents",
            "period",
            "discount_bp",
        )
    }
    fields.update(updates)
    return ContractLine(**fields, start_date=effective, change=change, replaces_line_id=line.id)


def save_lines(session: Session, new_lines: Sequence[ContractLine]) -> None:
    """Validate ``new_lines`` and write them in the unit of work."""
    for line in new_lines:
        validate_line(line)
        session.add(line)
    session.flush()


def _get(session: Session, model: type[Any], item_id: int | None, what: str) -> Any:
    item = session.get(model, item_id)
    if item is None:
        raise NotFound(f"no {what} with id {item_id}")
    return item


def starting_lines(
    session: Session,
    client_id: int,
    tier_id: int,
    seats: int,
    effective: dt.date,
    addon_ids: Sequence[int] = (),
    change: str = "start",
) -> tuple[Tier, list[ContractLine]]:
    """The tier and the lines (not saved) a client starting on ``tier_id`` with ``seats`` and
    ``addon_ids`` gets from ``effective``, at the prices listed that day."""
    tier = _get(session, Tier, tier_id, "tier")
    lines = [_tier_line(client_id, tier, seats, effective, change)]
    for addon_id in dict.fromkeys(addon_ids):
        lines.append(
            _addon_line(client_id, _get(session, AddOn, addon_id, "add-on"), seats, effective, change)
        )
    return tier, lines


def start_client(
    db: Database,
    client_id: int,
    tier_id: int,
    seats: int,
    effective: dt.date,
    addon_ids: Sequence[int] = (),
    *,
    change: str = "start",
) -> Changes:
    """Start a client (prospect/onboarding or churned) on a tier with seats and add-ons."""
    if seats <= 0:
        raise ValidationError("seats", f"must be greater than zero (got {seats})")
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        if open_lines(session, client_id):
            raise Conflict(f"{client.name} already has running contract lines; change them instead")
        _refuse_overlap(session, client.name, "services", lines_running_from(session, client_id, effective))
        tier, lines = starting_lines(session, client_id, tier_id, seats, effective, addon_ids, change)
        client.seats = seats
        client.status = ClientStatus.ACTIVE.value
        client.start_date = client.start_date or effective
        client.churned_on = None
        client.churn_reason = ""
        save_lines(session, lines)
        verb = "Reactivated" if change == "reactivate" else "Started"
        return recorded(
            session,
            Changes(
                f"{verb} {client.name} on {tier.name} from {day_text(session, effective)}",
                frozenset({client_id}),
            ),
        )


def change_tier(db: Database, client_id: int, tier_id: int, effective: dt.date) -> Changes:
    """Upgrade or downgrade: the running tier line ends, the new tier's line starts."""
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        current = [line for line in open_lines(session, client_id) if line.kind == LineKind.TIER.value]
        if not current:
            raise Conflict(f"{client.name} is on no tier; start the client first")
        old = current[0]
        if old.tier_id == tier_id:
            raise ValidationError("tier", "the client is already on that tier")
        old_tier = _get(session, Tier, old.tier_id, "tier")
        tier = _get(session, Tier, tier_id, "tier")
        before = {client_id: Cadence(old_tier.check_in_every_days, old_tier.qbr_every_days)}
        verb = "upgrade" if tier.rank > old_tier.rank else "downgrade"
        _end(session, old, effective)
        new = _tier_line(client_id, tier, client.seats or old.quantity, effective, verb)
        new.replaces_line_id = old.id
        new.discount_bp = old.discount_bp
        new.period = old.period
        save_lines(session, [new])
        follow_cadences(
            session, effective, before, only=(client_id,)
        )  # its calls and QBR follow the new tier
        return recorded(
            session,
            Changes(
                f"{verb.capitalize()} of {client.name}: {old_tier.name} -> {tier.name} "
                f"from {day_text(session, effective)}",
                frozenset({client_id}),
            ),
        )


def change_seats(db: Database, client_id: int, seats: int, effective: dt.date) -> Changes:
    """Change seats (or hours): every running per-unit line restarts with the new quantity."""
    if seats <= 0:
        raise ValidationError("seats", f"must be greater than zero (got {seats}); churn the client instead")
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        if seats == client.seats:
            raise ValidationError("seats", f"{client.name} already has {seats}")
        ended, new_lines = [], []
        for line in open_lines(session, client_id):
            model, block = _price_model(session, line)
            quantity = max(1, units_for(model, seats, block))
            if model == PriceModel.FLAT.value or quantity == line.quantity:
                continue
            _end(session, line, effective)
            ended.append(line.id)
            new_lines.append(_successor(line, effective, "seats", quantity=quantity))
        old_seats, client.seats = client.seats, seats
        save_lines(session, new_lines)
        return recorded(
            session,
            Changes(
                f"{client.name}: {old_seats} -> {fmt.plural(seats, 'seat')} from {day_text(session, effective)}",
                frozenset({client_id}),
            ),
        )


def _price_model(session: Session, line: ContractLine) -> tuple[str, int | None]:
    if line.kind == LineKind.TIER.value:
        tier = _get(session, Tier, line.tier_id, "tier")
        return tier.price_model, tier.hours_per_block
    if line.kind == LineKind.ADDON.value:
        return _get(session, AddOn, line.addon_id, "add-on").price_model, None
    return PriceModel.FLAT.value, None


def _refuse_overlap(session: Session, client: str, what: str, ending: Sequence[ContractLine]) -> None:
    """Lines that end on or after the day something new would start: a second line would count
    the same service twice (ended, but from a later day)."""
    ends = [line.end_date for line in ending if line.end_date is not None]
    if ends:
        last = max(ends)
        raise Conflict(
            f"{client} has {what} until {day_text(session, last)}; start again from "
            f"{day_text(session, last + dt.timedelta(days=1))} or later"
        )


def add_addon(db: Database, client_id: int, addon_id: int, effective: dt.date) -> Changes:
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        running = open_lines(session, client_id)
        if not running:
            raise Conflict(f"{client.name} has no running services; start the client first")
        addon = _get(session, AddOn, addon_id, "add-on")
        if any(line.addon_id == addon_id for line in running):
            raise Conflict(f"{client.name} already has {addon.name}")
        _refuse_overlap(
            session, client.name, addon.name, lines_running_from(session, client_id, effective, addon_id)
        )
        save_lines(session, [_addon_line(client_id, addon, client.seats, effective, "add-on")])
        return recorded(
            session,
            Changes(
                f"Added {addon.name} to {client.name} from {day_text(session, effective)}",
                frozenset({client_id}),
            ),
        )


def remove_addon(db: Database, client_id: int, addon_id: int, effective: dt.date) -> Changes:
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        lines = [line for line in open_lines(session, client_id) if line.addon_id == addon_id]
        if not lines:
            raise NotFound(f"{client.name} has no running add-on with id {addon_id}")
        for line in lines:
            _end(session, line, effective)
        return recorded(
            session,
            Changes(
                f"Removed {lines[0].description} from {client.name} from {day_text(session, effective)}",
                frozenset({client_id}),
            ),
        )


def change_price(
    db: Database, line_id: int, unit_price_cents: int, effective: dt.date, discount_bp: int | None = None
) -> Changes:
    """Reprice one running line (and optionally its discount) from ``effective``."""
    if unit_price_cents < 0:
        shop = shop_profile(db)  # the amount in the shop's money, never in cents
        raise ValidationError(
            "price", f"must not be negative (got {fmt.money(unit_price_cents, shop.currency, shop.locale)})"
        )
    with db.unit_of_work() as session:
        line = _get(session, ContractLine, line_id, "contract line")
        if line.end_date is not None:
            raise Conflict("that line has already ended; history is never rewritten")
        client = _client(session, line.client_id)
        _end(session, line, effective)
        updates: dict[str, object] = {"unit_price_cents": unit_price_cents}
        if discount_bp is not None:
            updates["discount_bp"] = discount_bp
        save_lines(session, [_successor(line, effective, "price", **updates)])
        return recorded(
            session,
            Changes(
                f"Repriced {line.description} for {client.name} from {day_text(session, effective)}",
                frozenset({client.saved_id}),
            ),
        )


def churn(db: Database, client_id: int, effective: dt.date, reason: str) -> Changes:
    """The client leaves: every running line ends the day before ``effective``."""
    if not reason.strip():
        raise ValidationError("reason", "say why the client left")
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        lines = open_lines(session, client_id)
        if not lines:
            raise Conflict(f"{client.name} has no running services to end")
        for line in lines:
            _end(session, line, effective)
        client.status = ClientStatus.CHURNED.value
        client.churned_on = effective
        client.churn_reason = reason.strip()
        close_account_tasks(session, client_id, effective)
        return recorded(
            session,
            Changes(
                f"{client.name} churned from {day_text(session, effective)}: {reason.strip()}",
                frozenset({client_id}),
            ),
        )


def reactivate(
    db: Database, client_id: int, tier_id: int, seats: int, effective: dt.date, addon_ids: Sequence[int] = ()
) -> Changes:
    """A churned client returns on a tier (counts as reactivation in the MRR movements)."""
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        if client.status != ClientStatus.CHURNED.value:
            raise Conflict(f"{client.name} is {client.status}, not churned")
        if client.churned_on and effective < client.churned_on:
            raise ValidationError(
                "effective_date", f"is before the churn on {day_text(session, client.churned_on)}"
            )
    return start_client(db, client_id, tier_id, seats, effective, addon_ids, change="reactivate")
