"""The account actions of the ladder (start, move tier, seats, add-ons, price, churn, return):
what each needs to offer its choices, and the ledger call each makes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk.errors import NotFound
from msp_desk.services.accounts import ledger
from msp_desk.services.changes import Changes
from msp_desk.store.database import Database
from msp_desk.store.queries.accounts import (
    active_addons,
    active_tiers,
    client_status,
    running_lines,
)
from msp_desk.store.queries.ladder.growth import listed_prices

if TYPE_CHECKING:
    from sqlalchemy import Connection

# Action keys, in menu order, with the menu text (the dialog's title follows it).
ACTIONS: dict[str, str] = {
    "start": "Start on a tier…",
    "tier": "Upgrade or downgrade…",
    "seats": "Change seats…",
    "add_addon": "Add an add-on…",
    "remove_addon": "Remove an add-on…",
    "price": "Change a price…",
    "churn": "Churn…",
    "reactivate": "Reactivate…",
}


@dataclass(frozen=True)
class Choice:
    """A tier, add-on or running line offered in a dialog."""

    id: int
    name: str
    price_cents: int = 0
    rank: int = 0
    price_model: str = ""


@dataclass(frozen=True)
class AccountState:
    """A client as the account actions see it on a day, and the ladder's choices."""

    client_id: int
    name: str
    status: str
    seats: int
    tier_id: int | None  # the running tier line's tier
    addon_ids: frozenset[int]  # add-ons running
    lines: tuple[Choice, ...]  # running lines (id, description, unit price)
    tiers: tuple[Choice, ...]  # active tiers by rank
    addons: tuple[Choice, ...]  # active add-ons by name

    def available(self) -> tuple[str, ...]:
        """The actions that make sense for the client now, in menu order."""
        running = bool(self.lines)
        if self.status == "churned":
            return ("reactivate",)
        if not running:
            return ("start",)
        found = ["tier", "seats"]
        if any(a.id not in self.addon_ids for a in self.addons):
            found.append("add_addon")
        if self.addon_ids:
            found.append("remove_addon")
        return (*found, "price", "churn")


def _choices(conn: Connection, day: dt.date) -> tuple[tuple[Choice, ...], tuple[Choice, ...]]:
    tiers = active_tiers(conn)
    addons = active_addons(conn)
    tier_price, addon_price = listed_prices(
        conn, day, {t.id: t.price_cents for t in tiers}, {a.id: a.price_cents for a in addons}
    )
    return (
        tuple(Choice(t.id, t.name, tier_price[t.id], t.rank, t.price_model) for t in tiers),
        tuple(Choice(a.id, a.name, addon_price[a.id], 0, a.price_model) for a in addons),
    )


def ladder_choices(db: Database, day: dt.date) -> tuple[tuple[Choice, ...], tuple[Choice, ...]]:
    """The active tiers (by rank) and add-ons (by name) at the prices listed on ``day``."""
    with db.read() as conn:
        return _choices(conn, day)


def account_state(db: Database, client_id: int, day: dt.date | None = None) -> AccountState:
    """The client's running lines, tier, seats and add-ons, and the ladder's active choices at the
    prices listed on ``day`` (today by default: a price change scheduled later is not quoted)."""
    with db.read() as conn:
        client = client_status(conn, client_id)
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        lines = running_lines(conn, client_id)
        tiers, addons = _choices(conn, day or dt.date.today())
    name, status, seats = client
    tier_id = next((line.tier_id for line in lines if line.kind == "tier"), None)
    return AccountState(
        client_id=client_id,
        name=name,
        status=status,
        seats=seats,
        tier_id=tier_id,
        addon_ids=frozenset(line.addon_id for line in lines if line.addon_id is not None),
        lines=tuple(Choice(line.id, line.description, line.unit_price_cents) for line in lines),
        tiers=tiers,
        addons=addons,
    )


@dataclass(frozen=True)
class ActionInput:
    """What a dialog collected; each action reads the fields it needs."""

    effective: dt.date
    tier_id: int | None = None
    seats: int = 0
    addon_ids: Sequence[int] = ()
    line_id: int | None = None
    price_cents: int | None = None
    reason: str = ""


def action_call(db: Database, client_id: int, action: str, given: ActionInput) -> Callable[[], Changes]:
    """The ledger call ``action`` makes with ``given`` (not run: previews rehearse it, saving runs it)."""
    day = given.effective
    calls: dict[str, Callable[[], Changes]] = {
        "start": lambda: ledger.start_client(db, client_id, _needed(given.tier_id, "tier"), given.seats, day, given.addon_ids),
        "tier": lambda: ledger.change_tier(db, client_id, _needed(given.tier_id, "tier"), day),
        "seats": lambda: ledger.change_seats(db, client_id, given.seats, day),
        "add_addon": lambda: ledger.add_addon(db, client_id, _needed(_first(given.addon_ids), "addon"), day),
        "remove_addon": lambda: ledger.remove_addon(db, client_id, _needed(_first(given.addon_ids), "addon"), day),
        "price": lambda: ledger.change_price(db, _needed(given.line_id, "line"), _needed(given.price_cents, "price"), day),
        "churn": lambda: ledger.churn(db, client_id, day, given.reason),
        "reactivate": lambda: ledger.reactivate(db, client_id, _needed(given.tier_id, "tier"), given.seats, day, given.addon_ids),
    }  # fmt: skip
    return calls[action]


def _first(ids: Sequence[int]) -> int | None:
    return ids[0] if ids else None


def _needed(value: int | None, field: str) -> int:
    from msp_desk.errors import ValidationError

    if value is None:
        raise ValidationError(field, "choose one")
    return value
