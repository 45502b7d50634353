"""The clients behind a month's MRR movements: each one's movement (new, expansion, contraction,
churn, reactivation), its size and its causes in ladder terms (``kpi.causes``), largest first.

The movements are the KPI engine's (``kpi.movements.client_movements``, the same rules that sum
to the month's snapshot); the causes compare each client's lines at the two month ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from msp_desk.domain.values import Month
from msp_desk.kpi import mrr as kpi_mrr
from msp_desk.kpi.causes import Cause, month_causes
from msp_desk.kpi.movements import NEW, ClientMovement, Movements, client_movements
from msp_desk.services.kpis.facts import load_lines, load_policy
from msp_desk.store.database import Database
from msp_desk.store.queries.referrals.asks import client_names


@dataclass(frozen=True, slots=True)
class Mover:
    """One client's movement in a month, with its name and its causes (in ``Cause`` order)."""

    client_id: int
    client: str
    kind: str  # kpi.movements' kinds: new, expansion, contraction, churn, reactivation
    cents: int  # the size of the movement, >= 0
    before: int  # MRR at the end of the month before
    after: int  # MRR at the end of the month
    causes: tuple[Cause, ...]

    @property
    def gain(self) -> bool:
        return self.after > self.before


def month_movers(db: Database, month: Month) -> list[Mover] | None:
    """Every client whose MRR moved in ``month``, largest movement first; None when the month
    before is not in the history (the movements are unknown then, as in the KPI snapshot)."""
    with db.read() as conn:
        lines = load_lines(conn)
        policy = load_policy(conn)
        names = client_names(conn)
    first = kpi_mrr.earliest_month(lines)
    if first is None or first >= month:
        return None
    series = kpi_mrr.client_mrr_series(lines, first, month)
    moves = client_movements(series, month.index - first.index, policy)
    new_ids = tuple(sorted(m.client_id for m in moves if m.kind == NEW))
    causes = month_causes(lines, month, Movements(new_client_ids=new_ids))
    order = list(Cause)
    return sorted(
        (
            _mover(m, names.get(m.client_id, ("", ""))[0], causes.get(m.client_id, frozenset()), order)
            for m in moves
        ),
        key=lambda m: (-m.cents, m.client.casefold(), m.client_id),
    )


def _mover(move: ClientMovement, name: str, causes: frozenset[Cause], order: list[Cause]) -> Mover:
    return Mover(
        move.client_id,
        name,
        move.kind,
        move.cents,
        move.before,
        move.after,
        tuple(sorted(causes, key=order.index)),
    )
