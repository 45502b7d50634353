"""List-price changes of a tier or an add-on from a date: for new lines, and (if asked) for the
clients already on it; previewed by rehearsing the change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from msp_desk import formatting as fmt
from msp_desk.domain.ladder import (
    AddOn,
    PriceChange,
    Tier,
    listed_on,
    validate_price_change,
)
from msp_desk.domain.values import ONE_DAY
from msp_desk.errors import ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.ladder.items_shared import ItemKind, Words, get_item, money_fields
from msp_desk.store.database import Database
from msp_desk.store.queries.kpis import mrr_by_client_on
from msp_desk.store.queries.ladder.items import item_lines, listed_price, price_changes_of

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class PricePreview:
    """A list-price change before it is saved: the price listed that day and the new one; the
    clients with a line of the item running then or later at another price (repriced only with
    ``existing``) and their whole MRR on ``effective`` without and with the change."""

    item: str
    effective: dt.date
    existing: bool
    listed_cents: int
    price_cents: int
    clients: int
    mrr_before_cents: int
    mrr_after_cents: int

    @property
    def delta_cents(self) -> int:
        return self.mrr_after_cents - self.mrr_before_cents

    def text(self, currency: str = "USD", locale: str = "en_US") -> str:
        """E.g. "12 clients, MRR $18,400 → $19,650 from Mar 1, 2026 (+$1,250)"."""
        whole = all(c % 100 == 0 for c in (self.mrr_before_cents, self.mrr_after_cents))

        def money(cents: int) -> str:
            return (fmt.money_whole if whole else fmt.money)(cents, currency, locale)

        when = fmt.date_text(self.effective, locale)
        new = f"New clients from {when} pay {fmt.money(self.price_cents, currency, locale)}"
        if self.listed_cents != self.price_cents:
            new += f" (listed {fmt.money(self.listed_cents, currency, locale)})"
        noun = "client" if self.clients == 1 else "clients"
        count = fmt.count(self.clients, locale)
        if not self.existing:
            if not self.clients:
                return f"{new}. No existing client is affected."
            return f"{new}. {count} existing {noun} keep their price (MRR {money(self.mrr_before_cents)})."
        if not self.clients:
            return f"{new}. Every existing client already pays it."
        sign = "+" if self.delta_cents >= 0 else "−"
        return (
            f"{count} {noun}, MRR {money(self.mrr_before_cents)} → {money(self.mrr_after_cents)} "
            f"from {when} ({sign}{money(abs(self.delta_cents))})"
        )


# -- list-price changes ----------------------------------------------------------------------------


@dataclass
class _Repriced:
    clients: set[int] = field(default_factory=set)


def reprice(
    session: Session,
    kind: ItemKind,
    item: Tier | AddOn,
    price: int,
    cost: int,
    effective: dt.date,
    *,
    existing: bool,
    words: Words,
) -> _Repriced:
    """List ``price`` and ``cost`` from ``effective`` (until the item's next dated change) and,
    with ``existing``, reprice the item's lines running then or starting later."""
    changes = price_changes_of(session, item)
    later = [c.effective_date for c in changes if c.effective_date > effective]
    at = next((c for c in changes if c.effective_date == effective), None)
    listed = listed_on(changes, item.price_cents, item.cost_cents, effective)
    if (price, cost) != listed:
        before = listed_on(changes, item.price_cents, item.cost_cents, effective - ONE_DAY)
        if at is not None and (price, cost) == before:  # back to the price before: no change that day
            session.delete(at)
        elif at is not None:
            at.price_cents, at.cost_cents, at.existing_clients = price, cost, at.existing_clients or existing
        else:
            at = PriceChange(
                tier_id=item.id if kind == "tier" else None,
                addon_id=item.id if kind == "addon" else None,
                effective_date=effective,
                price_cents=price,
                cost_cents=cost,
                old_price_cents=before[0],
                old_cost_cents=before[1],
                existing_clients=existing,
            )
            validate_price_change(at)
            session.add(at)
        if not later:  # the newest listing is the item's own price
            item.price_cents, item.cost_cents = price, cost
    done = _Repriced()
    if not existing:
        if (price, cost) == listed:
            raise ValidationError(
                "price", f"that price and cost are listed from {words.date(effective)} already"
            )
        return done
    # lines from the next change on have that change's price
    lines = item_lines(
        session, kind, item.saved_id, running_from=effective, started_before=later[0] if later else None
    )
    successors = []
    for line in lines:
        if (line.unit_price_cents, line.unit_cost_cents) == (price, cost):
            continue
        done.clients.add(line.client_id)
        if line.start_date >= effective:  # starts under the new price: it never ran at the old one
            line.unit_price_cents, line.unit_cost_cents = price, cost
            continue
        until = line.end_date
        ledger._end(session, line, effective)  # noqa: SLF001 - the ledger's own rule for ending a line
        successor = ledger._successor(line, effective, "price", unit_price_cents=price, unit_cost_cents=cost)  # noqa: SLF001
        successor.end_date = until
        successors.append(successor)
    ledger.save_lines(session, successors)
    if (price, cost) == listed and not done.clients:
        raise ValidationError(
            "price",
            f"that price and cost are listed from {words.date(effective)} already, and every client pays them",
        )
    return done


def change_list_price(
    db: Database,
    kind: ItemKind,
    item_id: int,
    price_cents: int,
    cost_cents: int,
    effective: dt.date,
    *,
    existing: bool = False,
) -> Changes:
    """List a new price (and direct cost) of a tier or add-on from ``effective``: lines started
    from that date get it. With ``existing`` the clients' lines of it running on that date (or
    starting later) are repriced from then too; before it nothing changes."""
    money_fields(price_cents, cost_cents)
    words = Words(db)
    with db.unit_of_work() as session:
        item = get_item(session, kind, item_id)
        done = reprice(
            session, kind, item, price_cents, cost_cents, effective, existing=existing, words=words
        )
        message = f"{item.name}: {words.money(price_cents)} from {words.date(effective)}"
        if existing:
            n = len(done.clients)
            message += f", {n} existing client{'s' if n != 1 else ''} repriced"
        return recorded(
            session,
            Changes(
                message,
                frozenset(done.clients),
            ),
        )


def preview_price_change(
    db: Database,
    kind: ItemKind,
    item_id: int,
    price_cents: int,
    cost_cents: int,
    effective: dt.date,
    *,
    existing: bool = False,
) -> PricePreview:
    """What ``change_list_price`` would do, worked out by rehearsing it (nothing is saved). A
    user error it raises propagates."""
    with db.unit_of_work() as session:
        item = get_item(session, kind, item_id)
        name = item.name
        listed = listed_price(item, effective)[0]
        lines = item_lines(session, kind, item_id, running_from=effective)
        at_other = {
            x.client_id for x in lines if (x.unit_price_cents, x.unit_cost_cents) != (price_cents, cost_cents)
        }
    with db.rehearsal():
        changes = change_list_price(db, kind, item_id, price_cents, cost_cents, effective, existing=existing)
        with db.read() as conn:
            after = mrr_by_client_on(conn, effective)
    with db.read() as conn:
        before = mrr_by_client_on(conn, effective)
    clients = changes.clients if existing else frozenset(at_other)
    return PricePreview(
        item=name,
        effective=effective,
        existing=existing,
        listed_cents=listed,
        price_cents=price_cents,
        clients=len(clients),
        mrr_before_cents=sum(before.get(c, 0) for c in clients),
        mrr_after_cents=sum(after.get(c, 0) for c in clients),
    )


def listed_since(db: Database, kind: ItemKind, item_id: int) -> dt.date | None:
    """The first day ``item`` is known to have been sold: its first dated price or its first
    contract line's start, whichever is earlier (None with neither). Its ``created_at`` is not
    used: a shop typed in today may date its ladder back to when it was really priced."""
    with db.unit_of_work() as session:
        item = get_item(session, kind, item_id)
        days = [change.effective_date for change in price_changes_of(session, item)[:1]]
        days += [line.start_date for line in item_lines(session, kind, item_id)]
        return min(days, default=None)
