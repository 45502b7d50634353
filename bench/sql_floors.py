"""Hand-written SQL floor of the KPI benchmark: the shop's MRR and its movements, every month.

Run by ``bench/run.py`` in a fresh interpreter, after ``kpi_probe.py``::

    python bench/sql_floors.py --db FILE --last YYYY-MM --months 60 --repeat 5

Prints one JSON object: the seconds of every run of the floor (``MOVEMENTS_SQL`` and the ticket
sums of ``TICKET_SQL``, through the plain ``sqlite3`` driver), whether the floor's
figures equal ``kpis_for_range``'s for every month, and the first months that differ.

The floor computes what DESIGN §5 defines for each month M: the shop's month-end MRR, the
clients with MRR > 0, and the MRR bridge (new, reactivation, expansion, contraction, churn, and
the clients churned), exactly as the engine does (``kpi.mrr`` and ``kpi.movements``).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from msp_desk.domain.values import Month

if TYPE_CHECKING:
    from msp_desk.kpi.snapshot import KpiSnapshot

# The ticket half of the KPIs by hand: per resolved month and priority, the count, summed
# resolution time, FCR known/yes and SLA judged/met, from the columns each ticket carries (set
# when it is written: resolved month, resolution microseconds, SLA verdict).
TICKET_SQL = """
SELECT resolved_month, priority, count(*), count(resolution_us), sum(resolution_us),
       count(fcr), sum(fcr), count(sla_verdict), sum(sla_verdict)
FROM ticket
WHERE resolved_month BETWEEN :lo AND :hi
GROUP BY resolved_month, priority
"""

# A line counts at the month ends from its start's month (a) to its last month end (b: the month
# of its end date, less one unless that date is a month end; NULL while running; b < a when it
# covers no month end): both stored on the line when it is written, with its MRR. Each client's MRR only changes where one of its lines starts or ends, so
# the query works on those change points, never on clients x months:
#   steps    +MRR at a line's first month, -MRR after its last (lines of MRR 0 change nothing).
#            The range opens at lo - 1, the month before the first (the previous month of the
#            first month's bridge): a line running then is folded into that month. A client
#            with lines (of MRR > 0) that ended before lo - 1 gets one zero step in the month
#            after the last of them ended, so a later return is known as a return, and how
#            many months the client was away.
#   changes  one row per client and month of change (GROUP BY), in client and month order, so
#            the window functions need no further sort: its MRR after the change (q, a running
#            sum; before it p = q - d) and the month of its previous change.
#   by_month each change classified (DESIGN §5) and summed per month: p = 0 < q is new unless
#            the client had MRR before (a previous change: its MRR fell to 0 there, so it was
#            away k - prev_k month ends), within the shop's reactivation window if it has one
#            (30 days a month, as ``kpi.movements``); p > 0 = q churn; expansion; contraction.
#   the end  MRR and clients with MRR > 0 are running sums of the changes over the months; the
#            bridge is unknown (NULL) up to the first month of history (the earliest line's
#            start month), as the engine leaves it.
MOVEMENTS_SQL = """
WITH RECURSIVE
spans AS MATERIALIZED (  -- the months and MRR each line carries (written with it)
    SELECT client_id, first_month AS a, last_month AS b, mrr_cents AS mrr FROM contract_line
),
steps(client_id, k, d) AS (
    SELECT client_id, max(a, :lo - 1), mrr FROM spans
    WHERE mrr > 0 AND a <= :hi AND (b IS NULL OR (b >= a AND b >= :lo - 1))
    UNION ALL
    SELECT client_id, b + 1, -mrr FROM spans
    WHERE mrr > 0 AND b >= a AND b >= :lo - 1 AND b < :hi
    UNION ALL
    SELECT client_id, max(b) + 1, 0 FROM spans
    WHERE mrr > 0 AND b >= a AND b < :lo - 1
    GROUP BY client_id
),
changes AS (
    SELECT k, SUM(d) AS d, SUM(SUM(d)) OVER (w ROWS UNBOUNDED PRECEDING) AS q, LAG(k) OVER w AS prev_k
    FROM steps
    GROUP BY client_id, k
    WINDOW w AS (PARTITION BY client_id ORDER BY k)
),
policy(window_days) AS (SELECT reactivation_window_days FROM shop_settings ORDER BY id LIMIT 1),
by_month AS (
    SELECT max(k, :lo - 1) AS k,  -- the zero steps before lo - 1 only served the LAG
           SUM(d) AS d_mrr,
           SUM((q > 0) - (q - d > 0)) AS d_active,
           SUM(CASE WHEN q = d AND q > 0
                     AND (prev_k IS NULL OR (k - prev_k) * 30 > (SELECT window_days FROM policy))
                    THEN q END) AS new,
           SUM(CASE WHEN q = d AND q > 0 AND prev_k IS NOT NULL
                     AND ((SELECT window_days FROM policy) IS NULL
                          OR (k - prev_k) * 30 <= (SELECT window_days FROM policy))
                    THEN q END) AS reactivation,
           SUM(CASE WHEN d > 0 AND q > d THEN d END) AS expansion,
           SUM(CASE WHEN d < 0 AND q > 0 THEN -d END) AS contraction,
           SUM(CASE WHEN d < 0 AND q = 0 THEN -d END) AS churn,
           COUNT(CASE WHEN d < 0 AND q = 0 THEN 1 END) AS churned
    FROM changes
    GROUP BY 1
),
months(k) AS (SELECT :lo - 1 UNION ALL SELECT k + 1 FROM months WHERE k < :hi),
history(k) AS (SELECT min(first_month) FROM contract_line),
series AS (
    SELECT m.k,
           SUM(COALESCE(g.d_mrr, 0)) OVER run AS mrr,
           SUM(COALESCE(g.d_active, 0)) OVER run AS active,
           m.k > (SELECT k FROM history) AS bridged,
           g.new, g.reactivation, g.expansion, g.contraction, g.churn, g.churned
    FROM months m LEFT JOIN by_month g ON g.k = m.k
    WINDOW run AS (ORDER BY m.k)
)
SELECT k, mrr, active,
       CASE WHEN bridged THEN COALESCE(new, 0) END,
       CASE WHEN bridged THEN COALESCE(reactivation, 0) END,
       CASE WHEN bridged THEN COALESCE(expansion, 0) END,
       CASE WHEN bridged THEN COALESCE(contraction, 0) END,
       CASE WHEN bridged THEN COALESCE(churn, 0) END,
       CASE WHEN bridged THEN COALESCE(churned, 0) END
FROM series
WHERE k >= :lo
ORDER BY k
"""


@dataclass(frozen=True, slots=True)
class MonthMoves:
    """One month of the floor: MRR cents, clients with MRR > 0 and the MRR bridge (cents, all
    >= 0; None in the first month of history and before, as ``KpiSnapshot``)."""

    month: int  # Month.index
    mrr: int
    active_clients: int
    new: int | None
    reactivation: int | None
    expansion: int | None
    contraction: int | None
    churn: int | None
    churned_clients: int | None


def mrr_movements(con: sqlite3.Connection, first: Month, last: Month) -> list[MonthMoves]:
    """The shop's MRR and movements of every month ``first..last`` by one SQL statement."""
    rows = con.execute(MOVEMENTS_SQL, {"lo": first.index, "hi": last.index}).fetchall()
    return [MonthMoves(*row) for row in rows]


def floor(con: sqlite3.Connection, first: Month, last: Month) -> list[MonthMoves]:
    """What the floor times: the MRR and movements, and the ticket sums of the same months."""
    con.execute(TICKET_SQL, {"lo": first.index, "hi": last.index}).fetchall()
    return mrr_movements(con, first, last)


def differences(floor_months: Sequence[MonthMoves], snapshots: Sequence[KpiSnapshot]) -> list[str]:
    """The months whose floor figures differ from the engine's ``KpiSnapshot`` (MRR, clients,
    the five movements, and the churned clients through the logo churn rate)."""
    found = []
    before: MonthMoves | None = None
    for mine, snap in zip(floor_months, snapshots, strict=True):
        engine = (snap.month.index, snap.mrr, snap.active_clients, snap.new, snap.reactivation)
        engine += (snap.expansion, snap.contraction, snap.churn)
        ours = astuple(mine)[:8]
        if ours != engine:
            found.append(f"{Month.from_index(mine.month)}: SQL {ours[1:]} != engine {engine[1:]}")
        elif before is not None:  # logo churn = churned clients / clients with MRR the month before
            churned, base = mine.churned_clients, before.active_clients
            logo = None if churned is None or not base else float(Fraction(churned, base))
            if logo != snap.logo_churn_rate:
                found.append(f"{Month.from_index(mine.month)}: SQL churned clients {churned}/{base}")
        before = mine
    return found


def run(db_path: Path, last: Month, months: int, repeat: int) -> dict[str, object]:
    """``repeat`` timed runs of the floor, then one ``kpis_for_range`` (untimed) to check it."""
    from msp_desk.services.kpis.snapshots import kpis_for_range
    from msp_desk.store.database import open_database

    first = last - (months - 1)
    con = sqlite3.connect(db_path)
    try:
        con.execute("PRAGMA query_only = ON")
        times = []
        for _ in range(max(repeat, 1)):
            start = time.perf_counter()
            figures = floor(con, first, last)
            times.append(time.perf_counter() - start)
    finally:
        con.close()
    db = open_database(db_path)
    try:
        wrong = differences(figures, kpis_for_range(db, first, last))
    finally:
        db.close()
    return {"times": times, "agrees": not wrong, "differences": wrong[:5]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--last", type=Month.parse, required=True)
    parser.add_argument("--months", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    json.dump(run(args.db, args.last, args.months, args.repeat), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
