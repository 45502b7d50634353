"""The imports' reads: what an import checks in its unit of work before it writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col, or_, select

from msp_desk.domain.clients import Client, Contact, name_key
from msp_desk.domain.contracts import ContractLine
from msp_desk.domain.ladder import Tier
from msp_desk.domain.referrals import Partner, Referral
from msp_desk.domain.tickets import Ticket
from msp_desk.store.tables import TICKET

if TYPE_CHECKING:
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
    share one), to match and edit in ``session``."""
    found: dict[str, Ticket] = {}
    ids = sorted(external_ids)
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(Ticket)
            .where(col(Ticket.external_id).in_(ids[start : start + _CHUNK]))
            .order_by(col(Ticket.id).desc())
        )
        found.update((ticket.external_id, ticket) for ticket in session.exec(query))
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


def insert_tickets(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (each a ticket's columns, stamps included) in one statement: an import
    of 100,000 tickets stays fast. Their derived columns are filled when the unit of work ends."""
    if rows:
        session.execute(sa.insert(TICKET), list(rows))
