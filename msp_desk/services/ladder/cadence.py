"""How often a client is called and reviewed: the check-in and QBR cadences (days) of the tier
it runs on, the defaults for a client on no tier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk.domain.checkins import DEFAULT_CHECK_IN_DAYS, DEFAULT_QBR_DAYS
from msp_desk.store.database import Database
from msp_desk.store.queries.checkins import cadences_on

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class Cadence:
    """Days between check-in calls and between QBRs."""

    check_in_days: int = DEFAULT_CHECK_IN_DAYS
    qbr_days: int = DEFAULT_QBR_DAYS


DEFAULT_CADENCE = Cadence()


def cadences(conn: Connection, day: dt.date) -> dict[int, Cadence]:
    """Each client's cadence on ``day`` from its tier (a client on no tier is absent: the
    defaults apply, ``DEFAULT_CADENCE``)."""
    return {cid: Cadence(*pair) for cid, pair in cadences_on(conn, day).items()}


def cadence_of(conn: Connection, client_id: int, day: dt.date) -> Cadence:
    """The client's cadence on ``day`` (its tier's, else the defaults)."""
    found = cadences_on(conn, day, only=(client_id,)).get(client_id)
    return DEFAULT_CADENCE if found is None else Cadence(*found)


def qbr_every_days(db: Database, client_id: int, day: dt.date) -> int:
    """Days between the client's QBRs on ``day`` (its tier's cadence; 90 on no tier)."""
    with db.read() as conn:
        return cadence_of(conn, client_id, day).qbr_days


def check_in_every_days(db: Database, client_id: int, day: dt.date) -> int:
    """Days between the client's check-in calls on ``day`` (its tier's cadence; 60 on no tier)."""
    with db.read() as conn:
        return cadence_of(conn, client_id, day).check_in_days
