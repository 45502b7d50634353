"""The client roster as rows for tables and exports: tier, seats, MRR and tags on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk.store.database import Database
from msp_desk.store.queries.clients import RosterClient, roster_clients, tags_by_client, tiers_on

if TYPE_CHECKING:
    from msp_desk.services.accounts.signals import AccountSignals


@dataclass(frozen=True, slots=True)
class RosterRow:
    client_id: int
    name: str
    status: str
    tier: str
    seats: int
    mrr_cents: int
    industry: str
    channel: str
    start_date: dt.date | None
    renewal_date: dt.date | None
    tier_rank: int = 0  # the tier's rung on the ladder (0: no tier), to sort tiers in ladder order
    tags: tuple[str, ...] = ()  # by name
    readiness: int | None = None  # referral readiness 0-100 (None: not known)
    flags: tuple[str, ...] = ()  # labels of the account review flags raised

    @property
    def review(self) -> str:
        """ "flagged" when an account review flag is raised (seed 003's accounts to review), else ""."""
        return REVIEW_FLAGGED if self.flags else ""


REVIEW_FLAGGED = "flagged"


# client id -> (readiness score, None for a client not paying now; flag labels)
Signals = dict[int, tuple[int | None, tuple[str, ...]]]


def roster_signals(db: Database, day: dt.date) -> Signals:
    """Each client's referral readiness (0-100) and the labels of its account review flags on
    ``day`` (``services.accounts.signals``). Slower than the roster itself (every client's tickets, QBRs,
    asks and margins are read), so a screen may show the roster first and add these when they
    come (``with_signals``)."""
    from msp_desk.services.accounts.signals import account_signals

    return signal_labels(account_signals(db, day))


def signal_labels(signals: Mapping[int, AccountSignals]) -> Signals:
    """The roster's view of ``services.accounts.signals`` signals: readiness score (only of a client paying
    now: one who left or has not started is not asked for referrals) and flag labels."""
    return {
        cid: (
            found.readiness.score if found.mrr_cents > 0 else None,
            tuple(flag.label for flag in found.flags),
        )
        for cid, found in signals.items()
    }


def with_signals(rows: Iterable[RosterRow], signals: Signals) -> list[RosterRow]:
    """``rows`` (same clients, same order) with their readiness and flags from ``signals``."""
    return [
        RosterRow(
            r.client_id,
            r.name,
            r.status,
            r.tier,
            r.seats,
            r.mrr_cents,
            r.industry,
            r.channel,
            r.start_date,
            r.renewal_date,
            r.tier_rank,
            r.tags,
            *signals.get(r.client_id, (None, ())),
        )
        for r in rows
    ]


def roster(
    db: Database, day: dt.date, *, signals: bool = True, only: Collection[int] | None = None
) -> list[RosterRow]:
    """Every client with its tier, MRR and tags on ``day``, sorted by name; with ``signals``
    also its readiness and flags (``roster_signals``: most of the time taken). ``only``: the
    rows of those clients alone (a client that no longer exists has none), without signals."""
    with db.read() as conn:
        clients = roster_clients(conn, day, only)
        tiers = tiers_on(conn, day, only)
        tags = tags_by_client(conn, only)
    return _rows(clients, tiers, tags, roster_signals(db, day) if signals and only is None else {})


def _rows(
    clients: Iterable[RosterClient],
    tiers: dict[int, tuple[str, int]],
    tags: dict[int, tuple[str, ...]],
    signals: Signals,
) -> list[RosterRow]:
    no_tier: tuple[str, int] = ("", 0)
    no_signals: tuple[int | None, tuple[str, ...]] = (None, ())
    rows = []
    for cid, name, status, seats, industry, channel, start, renewal, mrr in clients:
        tier, rank = tiers.get(cid, no_tier)
        readiness, flags = signals.get(cid, no_signals)
        rows.append(
            RosterRow(
                cid,
                name,
                status,
                tier,
                seats or 0,
                int(mrr or 0),
                industry or "",
                channel or "",
                start,
                renewal,
                rank,
                tags.get(cid, ()),
                readiness,
                flags,
            )
        )
    return rows
