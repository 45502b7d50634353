"""The repairs ``msp-desk check --repair`` makes: only what can be recomputed from the rows
themselves (derived columns, client name keys, the derived cache), never a guess at user data.

The statements run through the unit of work's session, so it sees the tables written: it fills
the cleared derived columns again and empties the derived cache before it commits.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from msp_desk.domain.clients import name_key
from msp_desk.store.derived import DERIVED_COLUMNS, stale_derived
from msp_desk.store.queries.health.ledger import client_name_keys, name_key_mismatches
from msp_desk.store.tables import CLIENT, DERIVED_CACHE, metadata

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session


@dataclass(frozen=True, slots=True)
class Mended:
    """How many rows a repair recomputed: derived figures, name keys, cached figures dropped."""

    figures: int
    name_keys: int
    cached: int


def mendable_name_keys(conn: Connection) -> dict[int, str]:
    """The clients whose name key can be set again from their name, by id, with the key: those
    whose right key no other client holds or will hold (two names folding alike are for a person
    to tell apart)."""
    wrong = {
        row_id: name_key(name) for row_id, name, _key in name_key_mismatches(conn) if isinstance(name, str)
    }
    wanted = Counter(wrong.values())
    kept = {key for row_id, key in client_name_keys(conn).items() if row_id not in wrong}
    mendable = {row_id: key for row_id, key in wrong.items() if wanted[key] == 1 and key not in kept}
    stale_kept = {
        key for row_id, key in client_name_keys(conn).items() if row_id in wrong and row_id not in mendable
    }
    return {row_id: key for row_id, key in mendable.items() if key not in stale_kept}


def mend(session: Session) -> Mended:
    """Recompute what ``check`` found stale, in ``session``'s unit of work."""
    conn = session.connection()
    stale = stale_derived(conn)
    for name, ids in stale.items():
        table = metadata.tables[name]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            session.execute(
                sa.update(table).where(table.c.id.in_(chunk)).values(dict.fromkeys(DERIVED_COLUMNS[name]))
            )
    keys = mendable_name_keys(conn)
    for step in ("aside", "set"):  # aside first: one client's right key may be another's stale one
        for row_id, key in keys.items():
            value = key if step == "set" else f"\x00mending {row_id}"
            session.execute(sa.update(CLIENT).where(CLIENT.c.id == row_id).values(name_key=value))
    cached = conn.execute(sa.select(sa.func.count()).select_from(DERIVED_CACHE)).scalar_one()
    if cached:
        session.execute(sa.delete(DERIVED_CACHE))  # never a source of truth: recomputed when asked
    return Mended(sum(len(ids) for ids in stale.values()), len(keys), cached)
