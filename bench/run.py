"""MSP Desk benchmark: KPI computation and start-up on a large shop, each against a floor.

    .venv/bin/python bench/run.py [--clients 20000] [--months 60] [--tickets 500000]
                                  [--repeat 5] [--keep PATH] [--fresh] [--profile] [--clients-page]

1. Generates a large shop (cached in ``bench/out/`` by size, seed, schema and last month).
2. KPIs: ``kpis_for_month`` and ``kpis_for_range`` (every month) vs hand-written SQL on the same
   file. The verdict's floor computes what the KPI computation computes from the data: every
   month's MRR, its movements (DESIGN §5: per client, new / reactivation / expansion /
   contraction / churn) and the ticket sums (``sql_floors.py``, checked against the engine's
   figures); target for the range: <= 3x. Shown for information: SQL of the shop's MRR alone
   (one pass over the lines with a running sum: 60 totals, no per-client movements), and the
   direct join of month ends to the lines running on them.
3. Start-up, each in a fresh process timed from spawn, offscreen: a bare Qt window's first paint
   (floor), MSP Desk's window painted with its KPI tiles filled (target <= 3x), and its MRR
   chart painted (target <= 5x).
4. Peak memory (max RSS) of the KPI run and of the app.
5. With ``--clients-page``: the Clients page opened and filtered (``clients_page.py``, in its own
   process on a copy of the shop) against one SQL query of the same rows; target: a median
   keystroke <= 50 ms.

Every figure is the median of ``--repeat`` runs, its floor measured in the same run. A target
missed is printed as MISSED. ``--profile`` also writes cProfile reports to ``bench/out/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from large_shop import ShopSize, generate
from report import Figure, describe, table

from msp_desk.domain.values import Month, last_full_month
from msp_desk.store.sqlite import online_backup

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
CHILD_TIMEOUT = 300  # seconds a probe may take before it counts as failed


class ProbeFailed(RuntimeError):
    """A child probe exited badly, timed out or printed no result."""


def _child(args: list[str], env: dict[str, str] | None = None) -> str:
    """Run ``python args...`` to the end; its stdout (ProbeFailed on error or timeout)."""
    try:
        done = subprocess.run(
            [sys.executable, *args],
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # subprocess.run kills the child it started
        raise ProbeFailed(f"{args[0]} timed out after {exc.timeout:.0f} s") from exc
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        raise ProbeFailed(f"{Path(args[0]).name} exited {done.returncode}: {' | '.join(tail)}")
    return done.stdout


# -- 1. the shop ------------------------------------------------------------------------------
def shop_file(size: ShopSize, last: Month, fresh: bool) -> tuple[Path, Figure | None]:
    """The cached shop file for ``size`` (generated now if missing or ``fresh``)."""
    OUT.mkdir(exist_ok=True)
    path = OUT / size.file_name(last)
    if path.exists() and not fresh:
        print(f"shop: cached {path.relative_to(BENCH.parent)}")
        return path, None
    for stale in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        stale.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        temp = Path(tmp) / path.name
        start = time.perf_counter()
        counts = generate(temp, size, last)
        seconds = time.perf_counter() - start
        temp.replace(path)
    rows = ", ".join(f"{n:,} {table_name}" for table_name, n in counts.items())
    print(f"shop: generated {path.relative_to(BENCH.parent)} in {seconds:.1f} s ({rows})")
    return path, Figure("generate shop (not a target)", "s", [seconds])


def kpi_probe_args(db: Path, last: Month, months: int, *more: str) -> list[str]:
    """The command line of ``kpi_probe.py`` on ``db`` for the ``months`` ending at ``last``."""
    return [str(BENCH / "kpi_probe.py"), "--db", str(db), "--last", str(last), "--months", str(months), *more]


# -- 2. KPIs ----------------------------------------------------------------------------------
def movements_floor(db: Path, last: Month, months: int, repeat: int) -> dict[str, Any]:
    """``sql_floors.py``'s result: the seconds of each run of hand-written SQL of the MRR, its
    movements and the ticket sums, and whether its figures equal the engine's (ProbeFailed if
    it fails)."""
    args = ["--db", str(db), "--last", str(last), "--months", str(months), "--repeat", str(repeat)]
    out = _child([str(BENCH / "sql_floors.py"), *args])
    try:
        return json.loads(out)
    except ValueError as exc:
        raise ProbeFailed(f"sql_floors.py printed no result ({exc})") from exc


def kpi_figures(db: Path, last: Month, months: int, repeat: int) -> tuple[list[Figure], dict[str, str]]:
    """Month and range KPI timings vs the SQL floors, peak RSS, and the checks that the floors'
    figures equal the engine's (what is compared: "yes" or "NO ...").

    The target is judged against hand-written SQL of the same figures: MRR, movements and the
    ticket sums (timed after the KPI probe, in its own process). The MRR alone by one pass over
    the lines (the strictest floor, though it computes far less: no client is followed) and the
    direct month-end join are shown as information.
    """
    span = f"all {months} months"
    one_pass, join = f"SQL MRR x {months} months, one pass", f"SQL MRR x {months} months, month-end join"
    moves = f"SQL MRR + movements + ticket sums x {months} months"
    try:
        out = _child(kpi_probe_args(db, last, months, "--repeat", str(repeat)))
        result = json.loads(out)
    except (ProbeFailed, ValueError) as exc:
        return [Figure(f"KPIs, {name}", "ms", error=str(exc)) for name in ("last month", span)], {}
    t = result["times"]
    checks = {"both SQL floors' MRR == engine MRR for every month": "yes" if result["mrr_agrees"] else "NO"}
    vs_moves = Figure(f"KPIs, {span}", "ms", t["range"], target=3.0, floor_name=moves)
    try:
        floor = movements_floor(db, last, months, repeat)
    except ProbeFailed as exc:
        vs_moves.error = str(exc)
    else:
        vs_moves.floor_runs = floor["times"]
        first_wrong = "; ".join(floor["differences"][:1])
        checks["SQL movements floor's MRR, clients and movements == engine's for every month"] = (
            "yes" if floor["agrees"] else f"NO (first: {first_wrong})"
        )
    return [
        Figure("KPIs, last month", "ms", t["month"], t["one_pass"], None, one_pass),
        vs_moves,
        Figure(f"KPIs, {span} (vs SQL of the MRR alone)", "ms", t["range"], t["one_pass"], None, one_pass),
        Figure(f"KPIs, {span} (vs join SQL)", "ms", t["range"], t["join"], None, join),
        Figure("peak RSS, KPI run", "MB", [result["peak_rss_mb"]]),
    ], checks


# -- 3. start-up ------------------------------------------------------------------------------
def _probe(mode: str, db: Path, env: dict[str, str]) -> dict[str, float]:
    args = [str(BENCH / "startup_probe.py"), mode, repr(time.time()), "--db", str(db)]
    out = _child(args, env)
    for line in out.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line.removeprefix("BENCH "))
    raise ProbeFailed(f"startup_probe {mode} printed no result")


def probe_env(config_dir: Path) -> dict[str, str]:
    """Offscreen Qt, and window settings (QSettings) kept out of the user's own config."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config_dir))
    env.pop("MSP_DESK_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from compiled bytecode
    return env


def startup_figures(db: Path, repeat: int) -> list[Figure]:
    """Floor and app probes, interleaved, each a fresh process.

    The app opens on the last month's KPIs stored by its previous run (the derived cache, emptied
    by any write); a first start, with nothing stored, computes them: both are measured.
    """
    today = Figure("start-up: window painted, Today's agenda filled", "ms", floor_name="bare Qt window")
    painted = Figure("start-up: then Dashboard tiles filled", "ms", target=3.0, floor_name="bare Qt window")
    chart = Figure("start-up: MRR chart painted", "ms", target=5.0, floor_name="bare Qt window")
    cold_painted = Figure("first start (nothing stored): tiles filled", "ms", floor_name="bare Qt window")
    cold_chart = Figure("first start (nothing stored): chart painted", "ms", floor_name="bare Qt window")
    app_rss = Figure("peak RSS, app at chart painted", "MB", floor_name="bare Qt window")
    figures = [today, painted, chart, cold_painted, cold_chart, app_rss]
    with tempfile.TemporaryDirectory(prefix="msp-bench-config-") as config:
        env = probe_env(Path(config))
        try:
            for _ in range(repeat):
                floor = _probe("floor", db, env)
                forget_stored_figures(db)
                cold = _probe("app", db, env)
                app = _probe("app", db, env)
                for fig in (today, painted, chart, cold_painted, cold_chart):
                    fig.floor_runs.append(floor["painted"])
                today.runs.append(app["today"])
                painted.runs.append(app["painted"])
                chart.runs.append(app["chart"])
                cold_painted.runs.append(cold["painted"])
                cold_chart.runs.append(cold["chart"])
                app_rss.runs.append(app["peak_rss_mb"])
                app_rss.floor_runs.append(floor["peak_rss_mb"])
        except ProbeFailed as exc:
            for fig in figures:
                fig.error = str(exc)
    return figures


def forget_stored_figures(db: Path) -> None:
    """Empty the app's derived cache, as any write would."""
    con = sqlite3.connect(db)
    try:
        con.execute("DELETE FROM derived_cache")
        con.commit()
    finally:
        con.close()


# -- 5. the Clients page ------------------------------------------------------------------------
KEYSTROKE_TARGET_S = 0.050


def clients_page_figures(db: Path, repeat: int) -> tuple[list[Figure], dict[str, str]]:
    """``clients_page.py``'s runs as figures vs its SQL floor, and the keystroke target's check."""
    sql = "SQL: the same rows, one query"
    names = {
        "open": "clients page: open, rows shown",
        "filled": "clients page: open, readiness and flags filled",
        "keystroke": "clients page: per keystroke",
        "keystroke_changed": "clients page: per keystroke changing the rows shown",
        "filter": "clients page: per filter change",
    }
    with tempfile.TemporaryDirectory(prefix="msp-bench-config-") as config:
        try:
            out = _child(
                [str(BENCH / "clients_page.py"), "--db", str(db), "--repeat", str(repeat), "--json"],
                probe_env(Path(config)),
            )
            line = next(line for line in out.splitlines() if line.startswith("BENCH "))
            runs = json.loads(line.removeprefix("BENCH "))
        except (ProbeFailed, StopIteration, ValueError) as exc:
            return [Figure(name, "ms", error=str(exc) or "no result") for name in names.values()], {}
    figures = [Figure(name, "ms", runs[key], runs["floor"], None, sql) for key, name in names.items()]
    median = figures[2].median or 0.0
    verdict = "yes" if median <= KEYSTROKE_TARGET_S else f"NO ({median * 1000:.0f} ms)"
    return figures, {f"clients page keystroke median <= {KEYSTROKE_TARGET_S * 1000:.0f} ms": verdict}


# -- profiles ---------------------------------------------------------------------------------
def write_profiles(db: Path, last: Month, months: int) -> None:
    """cProfile of one KPI range run and of one app start-up, as text in bench/out/."""
    kpi_out, app_out = OUT / "profile-kpis.txt", OUT / "profile-startup.txt"
    try:
        _child(kpi_probe_args(db, last, months, "--profile", str(kpi_out)))
        with tempfile.TemporaryDirectory(prefix="msp-bench-config-") as config:
            _child(
                [
                    str(BENCH / "startup_probe.py"),
                    "app",
                    repr(time.time()),
                    "--db",
                    str(db),
                    "--profile",
                    str(app_out),
                ],
                probe_env(Path(config)),
            )
    except ProbeFailed as exc:
        print(f"profile: FAILED ({exc})")
        return
    print(f"profiles: {kpi_out.relative_to(BENCH.parent)}, {app_out.relative_to(BENCH.parent)}")


def keep_copy(db: Path, target: Path) -> None:
    """A consistent copy of the benchmarked shop at ``target`` (SQLite online backup)."""
    online_backup(db, target)
    print(f"kept a copy of the shop at {target}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="MSP Desk benchmark (KPIs and start-up on a large shop)")
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--tickets", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (the median is reported)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, metavar="PATH", help="also copy the generated shop to PATH")
    parser.add_argument("--fresh", action="store_true", help="regenerate the shop even if cached")
    parser.add_argument("--profile", action="store_true", help="write cProfile reports to bench/out/")
    parser.add_argument("--skip-startup", action="store_true", help="measure the KPIs only")
    parser.add_argument(
        "--clients-page", action="store_true", help="also time opening and filtering the Clients page"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    size = ShopSize(args.clients, args.months, args.tickets, args.seed)
    last = last_full_month(dt.date.today())
    print(
        f"MSP Desk benchmark: {size.clients:,} clients, {size.months} months to {last}, "
        f"{size.tickets:,} tickets; median of {args.repeat} runs; {os.cpu_count()} CPUs; "
        f"Python {sys.version.split()[0]}"
    )
    started = time.perf_counter()
    db, generated = shop_file(size, last, args.fresh)
    figures = [generated] if generated else []

    kpis, checks = kpi_figures(db, last, size.months, args.repeat)
    figures += kpis
    for fig in kpis:
        print(describe(fig))
    for what, verdict in checks.items():
        print(f"check: {what}: {verdict}")

    if not args.skip_startup:
        startup = startup_figures(db, args.repeat)
        figures += startup
        for fig in startup:
            print(describe(fig))
    page_checks: dict[str, str] = {}  # targets not expressed as a ratio to a floor
    if args.clients_page:
        page, page_checks = clients_page_figures(db, args.repeat)
        figures += page
        for fig in page:
            print(describe(fig))
        for what, verdict in page_checks.items():
            print(f"check: {what}: {verdict}")
    if args.profile:
        write_profiles(db, last, size.months)
    if args.keep:
        keep_copy(db, args.keep)

    print(f"\nResults (total {time.perf_counter() - started:.0f} s):")
    print(table(figures))
    missed = [fig.name for fig in figures if fig.status in ("MISSED", "FAILED")]
    missed += [what for what, verdict in page_checks.items() if verdict != "yes"]
    if missed:
        print("\nMISSED or FAILED: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
