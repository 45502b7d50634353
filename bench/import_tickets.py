"""Import 100,000 ticket rows: ``msp-desk import tickets`` against a floor, in the same run.

    .venv/bin/python bench/import_tickets.py [--rows 100000] [--repeat 3]

The file is in the app's own tickets format (its export columns), spread over 200 clients of a
new shop. Each run imports it into a fresh copy of that shop, in a child process, timed from
spawn to exit; its peak memory is the child's own. The floor, in the same run and interleaved:
a child that reads the same file with the ``csv`` module and inserts the rows with one
``executemany`` (client names looked up in a dict, times stored as the text read), one commit.
Target: within 3x the floor.

Both children run as an installed app does: with their bytecode compiled once (an install
compiles it; here a warm-up import writes it under the run's own folder, ``PYTHONPYCACHEPREFIX``,
even where the environment says not to write bytecode), not compiled anew by every run.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import Figure, describe, table

BENCH = Path(__file__).resolve().parent
EXE = Path(sys.executable).with_name("msp-desk")
CLIENTS = 200

FLOOR = r"""
import csv, sqlite3, sys
db, path = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
ids = {name: cid for cid, name in con.execute("SELECT id, name FROM client")}
now = "2026-12-01 00:00:00"
with open(path, newline="", encoding="utf-8-sig") as fh:
    rows = [
        (ids[r["client"]], r["external_id"], r["subject"], r["priority"], r["opened_at"],
         r["first_response_at"] or None, r["resolved_at"] or None, r["source"], now, now)
        for r in csv.DictReader(fh)
    ]
con.executemany(
    "INSERT INTO ticket (client_id, external_id, subject, priority, opened_at, first_response_at,"
    " resolved_at, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    rows,
)
con.commit()
"""


def write_tickets(path: Path, rows: int, seed: int = 11) -> None:
    """``rows`` tickets over two years, most resolved, in the app's own export columns."""
    sys.path.insert(0, str(BENCH.parent))
    from msp_desk.io.columns import field_names

    rng = random.Random(seed)
    start = dt.datetime(2025, 1, 1, 8, 0)
    header = field_names("tickets")
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        for n in range(rows):
            opened = start + dt.timedelta(minutes=rng.randrange(0, 700 * 24 * 60))
            first = opened + dt.timedelta(minutes=rng.randrange(5, 240))
            resolved = first + dt.timedelta(minutes=rng.randrange(10, 3 * 24 * 60))
            writer.writerow(
                {
                    "external_id": f"T{n:07d}",
                    "client": f"Client {n % CLIENTS:03d} Dental",
                    "subject": f"Printer on floor {rng.randrange(1, 9)} offline",
                    "priority": f"P{rng.randrange(1, 5)}",
                    "opened_at": f"{opened:%Y-%m-%d %H:%M:%S}",
                    "first_response_at": f"{first:%Y-%m-%d %H:%M:%S}",
                    "resolved_at": f"{resolved:%Y-%m-%d %H:%M:%S}" if rng.random() < 0.95 else "",
                    "source": "bench",
                }
            )


def installed_app_env(folder: Path) -> dict[str, str]:
    """The children's environment: bytecode written once (under ``folder``) and then reused."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    return env


def make_shop(folder: Path, env: dict[str, str]) -> Path:
    """A new shop with the clients the tickets belong to (imported from a clients file)."""
    shop = folder / "shop.sqlite3"
    subprocess.run(
        [EXE, "--db", shop, "init", "--name", "Bench IT"], check=True, capture_output=True, env=env
    )
    clients = folder / "clients.csv"
    clients.write_text(
        "name,status,seats\n" + "".join(f"Client {n:03d} Dental,active,10\n" for n in range(CLIENTS)),
        encoding="utf-8",
    )
    subprocess.run(
        [EXE, "--db", shop, "import", "clients", clients], check=True, capture_output=True, env=env
    )
    return shop


def timed_child(args: list[object], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to exit, and the child's peak memory in MB."""
    started = time.perf_counter()
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or done.stdout.strip())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    # (the import is run after the floor and needs more, so its figure is its own)
    return elapsed, peak


def summary(rows: int, figure: Figure, memory: Figure) -> str:
    """The closing line: rows, seconds, the floor, the ratio, whether the target is met, peak MB
    (and each round's own ratio: a round's import and floor ran side by side, under the same load)."""
    if figure.ratio is None or figure.median is None or figure.floor is None or memory.median is None:
        return f"{rows:,} rows: FAILED ({figure.error or memory.error})"
    verdict = "met" if figure.ratio <= (figure.target or 0) else "MISSED"
    rounds = ", ".join(
        f"{run / floor:.2f}x" for run, floor in zip(figure.runs, figure.floor_runs, strict=True)
    )
    return (
        f"{rows:,} rows: {figure.median:.1f} s against a floor of {figure.floor:.1f} s = {figure.ratio:.2f}x "
        f"(rounds: {rounds}); target <= {figure.target:g}x {verdict}; peak memory {memory.median:.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="msp-bench-import-"))
    try:
        tickets = work / "tickets.csv"
        write_tickets(tickets, args.rows)
        env = installed_app_env(work)
        shop = make_shop(work, env)
        warm_up = work / "warm-up.sqlite3"  # compiles the import's bytecode, as an install would
        shutil.copyfile(shop, warm_up)
        few = work / "few-tickets.csv"
        write_tickets(few, 10)
        timed_child([EXE, "--db", warm_up, "import", "tickets", few], env)
        figure = Figure(
            f"import {args.rows:,} ticket rows", "s", target=3.0, floor_name="csv + one executemany"
        )
        memory = Figure(f"import {args.rows:,} ticket rows: peak memory", "MB")
        floor_peak = 0.0
        for round_no in range(1, args.repeat + 1):
            for kind in ("floor", "import"):
                copy = work / f"{kind}-{round_no}.sqlite3"
                shutil.copyfile(shop, copy)
                if kind == "floor":
                    seconds, peak = timed_child([sys.executable, "-c", FLOOR, copy, tickets], env)
                    figure.floor_runs.append(seconds)
                    if round_no == 1:  # the first child of all: its peak is its own
                        floor_peak = peak
                else:
                    seconds, peak = timed_child([EXE, "--db", copy, "import", "tickets", tickets], env)
                    figure.runs.append(seconds)
                    memory.runs.append(peak)
                print(f"round {round_no}: {kind} {seconds:.1f} s", flush=True)
        memory.floor_runs.append(floor_peak)
        memory.floor_name = "csv + one executemany"
        print()
        for fig in (figure, memory):
            print(describe(fig))
        print()
        print(table([figure, memory]))
        print()
        print(summary(args.rows, figure, memory))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
