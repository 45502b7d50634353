"""A client from the owner's existing book: created already active on a tier, its ledger running
from the day it really started (a past date), at the list price or at the monthly price it pays.

An agreed monthly price that differs from the list is kept honest and exact this way: the tier
line stays on the tier (so upgrades, seat changes and the ladder's figures still know it) with
the agreed price a unit, the monthly price divided by the units rounded down to the cent; what
that division leaves (fewer cents than there are units) is a flat custom line "rounding to the
agreed monthly price". A seat change later moves the tier line at the agreed unit price; the
client's MRR on the start day is exactly the price typed. Chosen add-ons are at their list
price and part of the monthly price: the tier line gets what they leave.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk.domain import rules
from msp_desk.domain.clients import Client
from msp_desk.domain.contracts import ContractLine
from msp_desk.domain.enums import ClientStatus, LineKind
from msp_desk.domain.ladder import Tier
from msp_desk.domain.money import MAX_MONEY_CENTS
from msp_desk.errors import ValidationError
from msp_desk.kpi.mrr import line_mrr_cents
from msp_desk.services.accounts import ledger
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.clients.editing import _clean, add_client
from msp_desk.services.reviews.checkins import schedule_in
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database

if TYPE_CHECKING:
    from sqlmodel import Session

# How far ahead a start may be: an owner types a book that already runs, or one signed for soon.
LATEST_START = dt.timedelta(days=366)
ROUNDING_LINE = "rounding to the agreed monthly price"


@dataclass(frozen=True)
class Quote:
    """A client's monthly price on a tier with seats (or hours) and add-ons: the list price, and
    the agreed one when it differs."""

    list_cents: int
    agreed_cents: int | None = None

    @property
    def monthly_cents(self) -> int:
        return self.list_cents if self.agreed_cents is None else self.agreed_cents


def _mrr(lines: Sequence[ContractLine]) -> int:
    return sum(
        line_mrr_cents(line.quantity, line.unit_price_cents, line.period, line.discount_bp) for line in lines
    )


def agreed_unit_price(monthly_cents: int, other_cents: int, units: int) -> tuple[int, int]:
    """(price a unit, cents left over) so that ``units`` x the price + the left-over + the
    ``other_cents`` (the add-ons) is exactly ``monthly_cents``."""
    tier_cents = monthly_cents - other_cents
    if tier_cents < 0:
        raise ValidationError(
            "monthly_price", "is less than the chosen add-ons cost at their list price: leave some out"
        )
    return tier_cents // units, tier_cents % units


def _check_start(start: dt.date, today: dt.date) -> None:
    if start > today + LATEST_START:
        raise ValidationError("start", "is more than a year ahead")


def _priced(
    lines: list[ContractLine], monthly_cents: int | None, client_id: int, start: dt.date
) -> list[ContractLine]:
    """``lines`` (the tier line first) with the tier line at the agreed price, and the rounding
    line when one is needed; as they are when there is no agreed price or it is the list price."""
    if monthly_cents is None or monthly_cents == _mrr(lines):
        return lines
    tier_line, addon_lines = lines[0], lines[1:]
    unit_price, left = agreed_unit_price(monthly_cents, _mrr(addon_lines), tier_line.quantity)
    tier_line.unit_price_cents = unit_price
    tier_line.change = "start at an agreed price"
    priced = [tier_line, *addon_lines]
    if left:
        priced.append(
            ContractLine(
                client_id=client_id,
                kind=LineKind.CUSTOM.value,
                description=f"{tier_line.description}: {ROUNDING_LINE}",
                quantity=1,
                unit_price_cents=left,
                unit_cost_cents=0,
                start_date=start,
                change="start at an agreed price",
            )
        )
    return priced


def _check_price(monthly_cents: int | None) -> None:
    if monthly_cents is None:
        return
    rules.positive(monthly_cents, "monthly_price")
    if monthly_cents > MAX_MONEY_CENTS:
        raise ValidationError("monthly_price", "is larger than any monthly price this app records")


def quote(
    db: Database,
    tier_id: int,
    seats: int,
    start: dt.date,
    addon_ids: Sequence[int] = (),
    monthly_price_cents: int | None = None,
) -> Quote:
    """What a client on ``tier_id`` with ``seats`` (or hours) and ``addon_ids`` pays a month from
    ``start`` at the prices listed that day (nothing is written)."""
    rules.positive(seats, "seats")
    _check_price(monthly_price_cents)
    with db.rehearsal(), db.unit_of_work() as session:
        _tier, lines = ledger.starting_lines(session, 0, tier_id, seats, start, addon_ids)
        list_cents = _mrr(lines)
        if monthly_price_cents is not None and monthly_price_cents != list_cents:
            _priced(lines, monthly_price_cents, 0, start)  # refuses a price the add-ons exceed
            return Quote(list_cents, monthly_price_cents)
        return Quote(list_cents)


def _check_terms(seats: int, start: dt.date, today: dt.date, monthly_price_cents: int | None) -> None:
    rules.positive(seats, "seats")
    _check_start(start, today)
    _check_price(monthly_price_cents)


def start_on_tier(
    session: Session,
    client: Client,
    *,
    tier_id: int,
    seats: int,
    start: dt.date,
    today: dt.date,
    monthly_price_cents: int | None = None,
    addon_ids: Sequence[int] = (),
) -> tuple[Tier, bool]:
    """Start ``client`` (saved, without contract lines) on ``tier_id`` with ``seats`` (or hours)
    and ``addon_ids`` from ``start``, at the list price of ``start`` or at
    ``monthly_price_cents`` a month in all (see the module's note), in the caller's unit of work.
    Returns the tier and whether the price was an agreed one. The client's seats and start date
    become these; its status is the caller's to set."""
    _check_terms(seats, start, today, monthly_price_cents)
    client_id = client.saved_id
    tier, lines = ledger.starting_lines(session, client_id, tier_id, seats, start, addon_ids)
    priced = _priced(lines, monthly_price_cents, client_id, start)
    ledger.save_lines(session, priced)
    client.seats = seats
    client.start_date = start
    return tier, priced is not lines


def create_active_client(
    db: Database,
    *,
    name: str,
    tier_id: int,
    seats: int,
    start: dt.date,
    today: dt.date,
    monthly_price_cents: int | None = None,
    addon_ids: Sequence[int] = (),
    industry: str = "",
    channel: str | None = None,
    employees: int | None = None,
    notes: str = "",
    referred_by_referral_id: int | None = None,
    referrer_client_id: int | None = None,
) -> Changes:
    """A client already on the books: created active, its tier (with ``seats``, or hours for a VA
    agency) and ``addon_ids`` running from ``start`` (a past date is the usual case; at most a
    year after ``today``), at the list price of ``start`` or at ``monthly_price_cents`` a month in
    all (see the module's note). A client referrer's referral is recorded as received on ``start``.
    One unit of work: the client and its lines are written together or not at all."""
    name = _clean(name)
    _check_terms(seats, start, today, monthly_price_cents)  # before anything is opened
    with db.unit_of_work() as session:
        client = add_client(
            session,
            Client(
                name=name,
                status=ClientStatus.ACTIVE.value,
                channel=channel,
                industry=_clean(industry),
                seats=seats,
                employees=employees,
                notes=notes.strip(),
                start_date=start,
            ),
            referred_by_referral_id,
            referrer_client_id,
            start,
        )
        tier, agreed = start_on_tier(
            session,
            client,
            tier_id=tier_id,
            seats=seats,
            start=start,
            today=today,
            monthly_price_cents=monthly_price_cents,
            addon_ids=addon_ids,
        )
        session.flush()
        schedule_in(session, today, only=(client.saved_id,))  # its first check-in call
        how = " at an agreed monthly price" if agreed else ""
        return recorded(
            session,
            Changes(
                f"Added {name}, active on {tier.name} from {day_text(session, start)}{how}",
                frozenset({client.saved_id}),
            ),
        )
