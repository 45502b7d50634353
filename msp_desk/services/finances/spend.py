"""Sales & marketing spend entered in the app: one row a month and channel, added, edited or
deleted in one unit of work returning ``Changes`` (undoable); and the referral rewards that count
as spend by themselves (DESIGN §4), so they are never entered twice.

The channels are the clients' acquisition channels: CAC per channel is a channel's spend over the
clients it won.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from msp_desk import formatting as fmt
from msp_desk.domain import rules
from msp_desk.domain.contracts import MarketingSpend, month_text, validate_spend
from msp_desk.domain.enums import DEFAULT_LOCALE, Channel
from msp_desk.domain.values import Month
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database
from msp_desk.store.queries import finances as queries
from msp_desk.store.queries.kpis import settled_reward_rows
from msp_desk.store.queries.shop import settings_row

if TYPE_CHECKING:
    from sqlmodel import Session

SPEND_FIELDS = frozenset({"month", "channel", "amount_cents", "note"})


@dataclass(frozen=True)
class SpendRow:
    """One month's spend on one channel, as the page lists it and the dialog edits it."""

    id: int
    month: str  # YYYY-MM
    channel: str
    amount_cents: int
    note: str


@dataclass(frozen=True)
class RewardSpend:
    """The referral rewards settled in a month on a channel: spend the KPIs count by themselves."""

    month: str
    channel: str
    amount_cents: int


def spend_list(db: Database) -> list[SpendRow]:
    """Every spend row, newest month first, channels in order."""
    with db.read() as conn:
        return [SpendRow(*row) for row in queries.spend_rows(conn)]


def spend(db: Database, spend_id: int) -> SpendRow:
    with db.read() as conn:
        found = queries.spend_row(conn, spend_id)
    if found is None:
        raise NotFound(f"no spend row with id {spend_id}")
    return SpendRow(*found)


def reward_spend(db: Database) -> list[RewardSpend]:
    """The referral rewards paid or applied, per month and channel (a partner's on "partner",
    a client's on "referral"), newest first: the KPIs add them to the spend recorded here."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    with db.read() as conn:
        for day, by_partner, amount in settled_reward_rows(conn):
            channel = Channel.PARTNER.value if by_partner else Channel.REFERRAL.value
            totals[str(Month.of(day)), channel] += amount
    return [RewardSpend(m, ch, cents) for (m, ch), cents in sorted(totals.items(), reverse=True)]


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - SPEND_FIELDS
    if unknown:
        raise TypeError(f"not spend fields: {', '.join(sorted(unknown))}")
    values = dict(fields)
    if isinstance(values.get("month"), Month):
        values["month"] = str(values["month"])
    if isinstance(values.get("month"), str):  # stored as YYYY-MM whatever the shape typed
        with suppress(ValidationError):  # else validate_spend reports it with the others
            values["month"] = str(month_text(values["month"], "month"))
    if isinstance(values.get("channel"), str):
        values["channel"] = values["channel"].strip().lower()
    if "note" in values:
        values["note"] = (values["note"] or "").strip()
    return values


def spend_problems(**fields: Any) -> list[ValidationError]:
    """What is wrong with ``fields`` (among ``SPEND_FIELDS``; the amount 0 when not given) by
    themselves, without the database: a form shows them with its own (an amount it cannot read)."""
    values = {"month": "", "channel": "", "amount_cents": 0, **_values(fields)}
    return rules.problems(partial(validate_spend, MarketingSpend(**values)))


def check_spend(session: Session, row: MarketingSpend) -> None:
    """Every problem of ``row`` at once; then: one row a month and channel."""
    validate_spend(row)
    other = queries.spend_on(session, row.month, row.channel, other_than=row.id)
    if other is not None:
        raise ValidationError(
            "month",
            f"{row.channel} already has spend recorded for {month_words(session, row.month)}: "
            "edit that row instead",
        )


def month_words(session: Session, month: str) -> str:
    """``month`` (``YYYY-MM``) as the shop's locale writes it in full (``October 2026``)."""
    row = settings_row(session)
    return fmt.month_text(Month.parse(month), row.locale if row is not None else DEFAULT_LOCALE)


def _label(session: Session, row: MarketingSpend) -> str:
    return f"{row.channel} spend for {month_words(session, row.month)}"


def add_spend(
    db: Database, *, month: str | Month, channel: str, amount_cents: int, note: str = ""
) -> Changes:
    """Record what was spent on ``channel`` in ``month``."""
    values = _values({"month": month, "channel": channel, "amount_cents": amount_cents, "note": note})
    with db.unit_of_work() as session:
        row = MarketingSpend(**values)
        check_spend(session, row)
        session.add(row)
        session.flush()
        return recorded(session, Changes(f"Added {_label(session, row)}"))


def update_spend(db: Database, spend_id: int, **fields: Any) -> Changes:
    """Save ``fields`` (among ``SPEND_FIELDS``) of one spend row, all checked first."""
    values = _values(fields)
    with db.unit_of_work() as session:
        row = _spend(session, spend_id)
        for key, value in values.items():
            setattr(row, key, value)
        changed = session.is_modified(row)  # before the checks' query flushes it
        check_spend(session, row)
        return recorded(
            session, Changes(f"Saved {_label(session, row)}" if changed else "No changes to save")
        )


def delete_spend(db: Database, spend_id: int) -> Changes:
    with db.unit_of_work() as session:
        row = _spend(session, spend_id)
        session.delete(row)
        return recorded(session, Changes(f"Deleted {_label(session, row)}"))


def _spend(session: Session, spend_id: int) -> MarketingSpend:
    found = session.get(MarketingSpend, spend_id)
    if found is None:
        raise NotFound(f"no spend row with id {spend_id}")
    return found


def new_spend_id(changes: Changes) -> int:
    """The id of the row an ``add_spend`` call added."""
    return changes.inserted("marketing_spend")[0]
