"""The imports' reads: what an import checks in its unit of work before it writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col, or_, select

from msp_desk.domain.clients import Client, Contact, name_key
from msp_desk.domain.contracts import ContractLine
from msp_desk.domain.ladder import Tier
from msp_desk.domain.referrals import Partner, Referral
from msp_desk.domain.tickets import Ticket
from msp_desk.store.database import record_bulk_write
from msp_desk.store.queries.common import raw_rows
from msp_desk.store.tables import TICKET

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session


def line_running_between(
    session: Session, client_id: int, first: dt.date, last: dt.date
) -> ContractLine | None:
    """One of the client's contract lines running on some day from ``first`` to ``last``; None
    when it has none."""
    query = select(ContractLine).where(
        ContractLine.client_id == client_id,
        ContractLine.start_date <= last,
        or_(col(ContractLine.end_date).is_(None), col(ContractLine.end_date) >= first),
    )
    return session.exec(query).first()


# -- what the clients, contacts and tickets imports match against (in their unit of work) ----------

_CHUNK = 500  # ids per IN (...) list: well under every database's bound-parameter limit


def clients_by_key(session: Session) -> dict[str, Client]:
    """Every client by its ``name_key``, to match and edit in ``session``."""
    return {client.name_key: client for client in session.exec(select(Client))}


def tiers_by_key(session: Session) -> dict[str, Tier]:
    """Every tier by its ``name_key`` (names compared as client names are)."""
    return {name_key(tier.name): tier for tier in session.exec(select(Tier).order_by(col(Tier.rank)))}


def partners_by_key(session: Session) -> dict[str, list[Partner]]:
    """Every referral partner by its ``name_key`` (two partners may share a name)."""
    found: dict[str, list[Partner]] = {}
    for partner in session.exec(select(Partner).order_by(col(Partner.id))):
        found.setdefault(name_key(partner.name), []).append(partner)
    return found


def clients_with_lines(session: Session) -> set[int]:
    """The clients that have contract lines (running or ended): their ledger is the account
    actions' to change."""
    return set(session.exec(select(ContractLine.client_id).distinct()))


def referrer_names(session: Session) -> dict[int, str]:
    """Each referred client's referrer: the name of the client or partner its referral came from."""
    referrer, partner = aliased(Client), aliased(Partner)
    query = (
        select(Client.id, referrer.name, partner.name)
        .join(Referral, col(Referral.id) == Client.referred_by_referral_id)
        .outerjoin(referrer, col(referrer.id) == Referral.referrer_client_id)
        .outerjoin(partner, col(partner.id) == Referral.referrer_partner_id)
    )
    return {
        cid: by_client or by_partner
        for cid, by_client, by_partner in session.exec(query)
        if cid and (by_client or by_partner)
    }


def partner_contacts(session: Session) -> list[Contact]:
    """Every referral partner's contacts, to match and edit in ``session``."""
    return list(session.exec(select(Contact).where(col(Contact.partner_id).is_not(None))))


def contacts_of(session: Session, client_ids: Collection[int]) -> list[Contact]:
    """The contacts of the clients ``client_ids``, to match and edit in ``session``."""
    found: list[Contact] = []
    ids = sorted(client_ids)
    for start in range(0, len(ids), _CHUNK):
        query = select(Contact).where(col(Contact.client_id).in_(ids[start : start + _CHUNK]))
        found.extend(session.exec(query))
    return found


def tickets_numbered(session: Session, external_ids: Collection[str]) -> dict[str, Ticket]:
    """The stored tickets whose external id is one of ``external_ids`` (the lowest id when two
    share one), to match and edit in ``session``. One query finds them (external ids are not
    indexed: a query per chunk of ids would read the whole table each time); only those
    found are loaded."""
    if not external_ids:
        return {}
    query = (
        sa.select(TICKET.c.external_id, sa.func.min(TICKET.c.id))
        .where(TICKET.c.external_id != "")
        .group_by(TICKET.c.external_id)
    )
    wanted = external_ids if isinstance(external_ids, (set, frozenset, dict)) else set(external_ids)
    ids = {
        ticket_id: number for number, ticket_id in raw_rows(session.connection(), query) if number in wanted
    }
    found: dict[str, Ticket] = {}
    chosen = sorted(ids)
    for start in range(0, len(chosen), _CHUNK):
        query_tickets = select(Ticket).where(col(Ticket.id).in_(chosen[start : start + _CHUNK]))
        found.update((ids[ticket.saved_id], ticket) for ticket in session.exec(query_tickets))
    return found


def unnumbered_tickets(session: Session, client_ids: Collection[int]) -> list[Ticket]:
    """The tickets without an external id of the clients ``client_ids`` (matched on their
    client and opened time instead)."""
    found: list[Ticket] = []
    ids = sorted(client_ids)
    for start in range(0, len(ids), _CHUNK):
        query = select(Ticket).where(
            col(Ticket.client_id).in_(ids[start : start + _CHUNK]), Ticket.external_id == ""
        )
        found.extend(session.exec(query))
    return found


# -- new tickets, written below the ORM: an import of 100,000 tickets stays fast ------------------

NEW_TICKET_COLUMNS = (
    "client_id",
    "external_id",
    "subject",
    "priority",
    "opened_at",
    "first_response_at",
    "resolved_at",
    "fcr",
    "sla_met",
    "response_target_min",
    "resolution_target_min",
    "source",
)
"""What ``insert_tickets`` takes of each new ticket, in this order (times as naive datetimes)."""
_MOMENTS = tuple(
    i for i, name in enumerate(NEW_TICKET_COLUMNS) if isinstance(TICKET.c[name].type, sa.DateTime)
)
BULK_CACHE_KIB = 64 * 1024
_INSERT = (
    f"INSERT INTO {TICKET.name} ({', '.join((*NEW_TICKET_COLUMNS, 'created_at', 'updated_at'))}) "
    f"VALUES ({', '.join('?' * (len(NEW_TICKET_COLUMNS) + 2))})"
)


def insert_tickets(session: Session, rows: Sequence[Sequence[Any]], now: dt.datetime) -> None:
    """Insert ``rows`` (each a new ticket's ``NEW_TICKET_COLUMNS``), created and updated ``now``,
    with one executemany of the driver: SQLAlchemy's per-row work on parameters would cost
    more than the database's own. Values are stored as SQLAlchemy stores them (times as its
    ISO text), and the write is recorded on ``session`` as its own statements are, so the unit
    of work fills the tickets' derived columns before it commits.

    Call it once a chunk of a few thousand rows (progress can be told between chunks)."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "sqlite":  # the driver's own placeholders differ: SQLAlchemy's insert
        stamps = {"created_at": now, "updated_at": now}
        session.execute(
            sa.insert(TICKET), [dict(zip(NEW_TICKET_COLUMNS, row, strict=True)) | stamps for row in rows]
        )
        return
    stamped = TICKET.c.created_at.type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
    stamp = stamped(now) if stamped is not None else now
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))  # converted a column at a time
    for i in _MOMENTS:
        columns[i] = [None if moment is None else sqlite_datetime(moment) for moment in columns[i]]
    stored = list(zip(*columns, repeat(stamp, len(rows)), repeat(stamp, len(rows)), strict=True))
    _roomy_page_cache(connection)
    connection.exec_driver_sql(_INSERT, stored)
    record_bulk_write(session, TICKET.name)


def _roomy_page_cache(connection: Connection) -> None:
    """Give the connection a page cache of ``BULK_CACHE_KIB`` (SQLite's default is 2 MB): the
    time indexes of 100,000 tickets take about 8 MB, written in random order, and the unit of
    work then rewrites every new row with its derived columns; with the default, pages are
    spilled and read again many times over (most of the import's time in the database). Pages
    are taken only as used; the connection keeps the size (it serves a shop that large the
    same way afterwards)."""
    if not connection.info.get("bulk_page_cache"):  # info lives as long as the driver connection
        connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        connection.info["bulk_page_cache"] = True


def sqlite_datetime(moment: dt.datetime) -> str:
    """A naive datetime as SQLAlchemy stores it on SQLite (``2025-03-04 09:15:00.000000``)."""
    return moment.isoformat(" ", "microseconds")
