"""Keeping the file safe: the health check (``msp-desk check``); backups are in ``backups``."""

from __future__ import annotations

from msp_desk.services.changes import Changes
from msp_desk.store import schema
from msp_desk.store.database import Database
from msp_desk.store.queries.maintenance import lines_ending_before_start, overlapping_lines, schema_revision


def check(db: Database) -> list[str]:
    """Problems found in the file and the ledger; an empty list means healthy."""
    problems = db.integrity_problems()
    with db.read() as conn:
        revision = schema_revision(conn)
        if revision != schema.HEAD:
            problems.append(f"schema revision {revision}, expected {schema.HEAD}")
        for name, start, end in lines_ending_before_start(conn):
            problems.append(f"{name}: a contract line ends ({end}) before it starts ({start})")
        for name, item in overlapping_lines(conn):
            problems.append(f"{name}: two running lines of {item or 'the same item'} overlap")
    from msp_desk.services.referrals.rewards_ledger import unrewarded_wins
    from msp_desk.store.derived import stale_derived

    with db.read() as conn:
        stale = stale_derived(conn)
    for table, noun in (("contract_line", "contract lines"), ("ticket", "tickets")):
        if stale[table]:
            problems.append(
                f"{len(stale[table])} {noun} carry figures that no longer match them"
                " (written around the app); `msp-desk check --repair` recomputes them"
            )

    for win in unrewarded_wins(db):
        problems.append(f"won referral {win.company} has no reward row and no explicit 'no reward'")
    return problems


def repair(db: Database) -> Changes:
    """Recompute the derived figures of the rows ``check`` finds stale (one transaction)."""
    from msp_desk.services.changes import recorded
    from msp_desk.store.derived import refill_derived, stale_derived

    with db.unit_of_work() as session:
        conn = session.connection()
        stale = stale_derived(conn)
        refill_derived(conn, stale)
        count = sum(len(ids) for ids in stale.values())
        return recorded(
            session, Changes(f"Recomputed the figures of {count} rows" if count else "Nothing to repair")
        )
