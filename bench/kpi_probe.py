"""Child process of the KPI benchmark: time the KPI services against a hand-written SQL floor.

Run by ``bench/run.py`` in a fresh interpreter (so its peak RSS is the KPI run's alone)::

    python bench/kpi_probe.py --db FILE --last YYYY-MM --months 60 --repeat 5 [--profile OUT]

Prints one JSON object: the seconds of every run of the two SQL floors, ``kpis_for_month`` and
``kpis_for_range``, whether the floors' MRR equals the engine's, and the peak RSS in MB.
With ``--profile``, also writes a cProfile of one ``kpis_for_range`` run (pstats text) to OUT.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from rss import peak_rss_mb

from msp_desk.domain.values import Month
from msp_desk.services.kpis.snapshots import kpis_for_month, kpis_for_range
from msp_desk.store.database import Database, open_database

# Two hand-written SQL floors computing the shop's MRR at every month end of the range. A line
# runs at a month end when start_date <= month end <= end_date (open end = running). Each line
# carries its MRR (rounded half up per line) and the first and last month end it covers
# (``Month.index``), written with it, as the engine reads them: a floor on the same file uses them.

# (1) The direct query: month ends from a recursive CTE, each joined to the lines running on it
# (months x lines comparisons).
JOIN_SQL = """
WITH RECURSIVE months(k, month_end) AS (
    SELECT :lo, date(:first_day, '+1 month', '-1 day')
    UNION ALL
    SELECT k + 1, date(:first_day, '+' || (k + 1 - :lo) || ' months', '+1 month', '-1 day')
    FROM months WHERE k < :hi
)
SELECT m.k, COALESCE(SUM(l.mrr_cents), 0)
FROM months m
LEFT JOIN contract_line l ON l.start_date <= m.month_end AND (l.end_date IS NULL OR l.end_date >= m.month_end)
GROUP BY m.k ORDER BY m.k
"""

# (2) One pass over the lines: each adds its MRR at its first active month and takes it off after
# its last (month indexes year * 12 + month - 1), then a running sum over the months.
ONE_PASS_SQL = """
WITH RECURSIVE
spans AS MATERIALIZED (SELECT first_month AS a, last_month AS b, mrr_cents AS mrr FROM contract_line),
deltas(k, d) AS (
    SELECT max(a, :lo), mrr FROM spans WHERE a <= :hi AND (b IS NULL OR (b >= a AND b >= :lo))
    UNION ALL
    SELECT b + 1, -mrr FROM spans WHERE b IS NOT NULL AND b >= a AND b >= :lo AND b < :hi
),
months(k) AS (SELECT :lo UNION ALL SELECT k + 1 FROM months WHERE k < :hi)
SELECT months.k, SUM(COALESCE(g.d, 0)) OVER (ORDER BY months.k)
FROM months LEFT JOIN (SELECT k, SUM(d) AS d FROM deltas GROUP BY k) g ON g.k = months.k
ORDER BY months.k
"""
FLOORS = {"join": JOIN_SQL, "one_pass": ONE_PASS_SQL}


def floor_mrr(db: Database, sql: str, first: Month, last: Month) -> list[int]:
    """The shop's MRR per month ``first..last`` by one SQL statement alone."""
    params = {"first_day": first.first_day().isoformat(), "lo": first.index, "hi": last.index}
    with db.read() as conn:
        return [int(mrr) for _k, mrr in conn.execute(sa.text(sql), params)]


def _timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def run(db_path: Path, last: Month, months: int, repeat: int) -> dict[str, object]:
    """Interleave ``repeat`` runs of the floors, the month and the range; check they agree."""
    first = last - (months - 1)
    db = open_database(db_path)
    try:
        times: dict[str, list[float]] = {name: [] for name in (*FLOORS, "month", "range")}
        agree = True
        for _ in range(repeat):
            floors = {}
            for name, sql in FLOORS.items():
                seconds, floors[name] = _timed(floor_mrr, db, sql, first, last)
                times[name].append(seconds)
            seconds, snapshot = _timed(kpis_for_month, db, last)
            times["month"].append(seconds)
            seconds, snapshots = _timed(kpis_for_range, db, first, last)
            times["range"].append(seconds)
            engine = [s.mrr for s in snapshots]
            agree = agree and all(f == engine for f in floors.values()) and snapshot.mrr == engine[-1]
            del floors, snapshot, snapshots, engine
        return {"times": times, "mrr_agrees": agree, "peak_rss_mb": peak_rss_mb()}
    finally:
        db.close()


def profile(db_path: Path, last: Month, months: int, out: Path) -> None:
    """Write a cProfile (cumulative and own time) of one ``kpis_for_range`` run to ``out``."""
    import cProfile
    import io
    import pstats

    db = open_database(db_path)
    try:
        profiler = cProfile.Profile()
        profiler.runcall(kpis_for_range, db, last - (months - 1), last)
    finally:
        db.close()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)
    out.write_text(text.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--last", type=Month.parse, required=True)
    parser.add_argument("--months", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="write a cProfile of kpis_for_range here instead")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.db, args.last, args.months, args.profile)
        return 0
    json.dump(run(args.db, args.last, args.months, args.repeat), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
