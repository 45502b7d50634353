"""The writer ``test_sigkill`` kills: a process that imports MRR histories or changes accounts in a
loop through the real services, logging (fsynced) what each unit of work will write and, once it
has committed, what it wrote; and the reads both sides use to compare rows.

Log lines are JSON: ``{"event": "begin", ...}`` before a unit of work (with the rows it must
leave if it commits) and ``{"event": "commit", ...}`` after it returned. A commit line is only
written after the commit, so every commit line names rows that must survive a kill.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

IMPORT_PREFIX = "Import "  # names of the clients the import writer creates
LEDGER_PREFIX = "Ledger "  # names of the clients the ledger writer creates and changes
IMPORTED_LINE = "Imported MRR"
FIRST_DAY = dt.date(2026, 1, 1)  # the ledger writer's first effective date

# What a process that forks writers loads once (each writer then starts in milliseconds).
PRELOAD = (
    "sqlmodel",
    "msp_desk.services.imports.mrr_history",
    "msp_desk.services.accounts.ledger",
    "msp_desk.services.clients.editing",
)

Execute = Callable[[str, Sequence[object]], Iterable[Sequence[object]]]
Snapshot = dict[str, Any]

CLIENT_COLUMNS = "id, name, status, seats, start_date, churned_on, churn_reason"
LINE_COLUMNS = (
    "id, kind, tier_id, addon_id, description, quantity, unit_price_cents, discount_bp, start_date,"
    " end_date, change, replaces_line_id, first_month, last_month, mrr_cents"
)


# -- reads shared by the writer and the test ----------------------------------------------------------


def client_snapshot(execute: Execute, name: str) -> Snapshot | None:
    """A client's row and all its contract lines as JSON values (None: no such client)."""
    found = list(execute(f"SELECT {CLIENT_COLUMNS} FROM client WHERE name = ?", (name,)))  # noqa: S608
    if not found:
        return None
    client = list(found[0])
    lines = execute(f"SELECT {LINE_COLUMNS} FROM contract_line WHERE client_id = ? ORDER BY id", (client[0],))  # noqa: S608
    return {"client": client, "lines": [list(line) for line in lines]}


def client_names(execute: Execute, prefix: str) -> list[str]:
    return [
        row[0] for row in execute("SELECT name FROM client WHERE name LIKE ? ORDER BY id", (prefix + "%",))
    ]


def imported_lines(execute: Execute) -> dict[str, list[list[Any]]]:
    """Every import client's imported lines as ``[start, end, cents]``, by client name (a client
    with no line maps to an empty list)."""
    found: dict[str, list[list[Any]]] = {name: [] for name in client_names(execute, IMPORT_PREFIX)}
    rows = execute(
        "SELECT client.name, line.start_date, line.end_date, line.unit_price_cents"
        " FROM contract_line AS line JOIN client ON client.id = line.client_id"
        " WHERE client.name LIKE ? AND line.description = ? ORDER BY client.id, line.start_date",
        (IMPORT_PREFIX + "%", IMPORTED_LINE),
    )
    for name, start, end, cents in rows:
        found.setdefault(name, []).append([start, end, cents])
    return found


# -- the log ------------------------------------------------------------------------------------------


class Log:
    """An append-only JSON-lines file, each line on disk (fsynced) before the writer goes on."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def write(self, **entry: object) -> None:
        os.write(self._fd, (json.dumps(entry) + "\n").encode())  # one write: a line is whole or absent
        os.fsync(self._fd)


def read_log(path: Path) -> list[dict[str, Any]]:
    """The whole lines of a writer's log (a line cut by the kill is not one)."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines(keepends=True) if line.endswith("\n")]


# -- the writers --------------------------------------------------------------------------------------


def run_writer(kind: str, db_path: str, log_path: str, run: int, seed: int) -> None:
    """Write until killed (the target of the writer process); a failure goes to ``<log>.err``."""
    try:
        writer = {"import": write_imports, "ledger": write_ledger_changes}[kind]
        writer(Path(db_path), Log(Path(log_path)), run, random.Random(seed))
    except BaseException:
        Path(log_path + ".err").write_text(traceback.format_exc(), encoding="utf-8")
        sys.stderr.write(traceback.format_exc())
        os._exit(1)


def write_imports(db_path: Path, log: Log, run: int, rng: random.Random) -> None:
    """Import small MRR histories (a few clients x months, new names each time) from CSV files."""
    from msp_desk.services.imports.mrr_history import import_mrr_history, read_mrr_history
    from msp_desk.store.database import open_database

    db = open_database(db_path)
    csv_path = db_path.with_name(f"history-{run}.csv")
    for number in itertools.count():
        histories = {
            f"{IMPORT_PREFIX}{run:02d}-{number:03d} Client {index}": mrr_runs(rng)
            for index in range(rng.randint(2, 5))
        }
        csv_path.write_text(history_csv(histories), encoding="utf-8")
        log.write(event="begin", kind="import", number=number, expected=histories)
        import_mrr_history(db, read_mrr_history(csv_path))
        log.write(event="commit", kind="import", number=number)


def mrr_runs(rng: random.Random) -> list[list[Any]]:
    """A client's history as the contract lines its import must create, ``[start, end, cents]``:
    1 to 4 runs of months at one amount, next to each other at different amounts or apart."""
    from msp_desk.domain.values import Month

    runs: list[list[Any]] = []
    month = Month(2024, 1) + rng.randint(0, 11)
    cents = 0
    for _ in range(rng.randint(1, 4)):
        month = month + rng.choice((0, 0, 1, 2))  # a gap (no MRR) between runs, or none
        cents = rng.choice([amount for amount in range(500_00, 3_000_00, 250_00) if amount != cents])
        last = month + rng.randint(0, 3)
        runs.append([month.first_day().isoformat(), last.last_day().isoformat(), cents])
        month = last + 1
    return runs


def history_csv(histories: dict[str, list[list[Any]]]) -> str:
    """The ``mrr-history`` CSV for ``histories``: a row per month with MRR, a zero row for some
    months between runs (others are simply absent), clients' rows interleaved."""
    from msp_desk.domain.values import Month

    rows = []
    for name, runs in histories.items():
        previous_end: Month | None = None
        for start, end, cents in runs:
            first = Month.parse(start[:7])
            last = Month.parse(end[:7])
            if previous_end is not None and first.index - previous_end.index == 3:
                rows.append((name, previous_end + 1, 0))  # one month at zero, one absent
            for offset in range(last.index - first.index + 1):
                rows.append((name, first + offset, cents // 100))  # whole amounts: read alike in any locale
            previous_end = last
    rows.sort(key=lambda row: (row[1], row[0]))
    return "client,month,mrr\n" + "".join(f"{name},{month},{amount}\n" for name, month, amount in rows)


def write_ledger_changes(db_path: Path, log: Log, run: int, rng: random.Random) -> None:
    """Add clients and change their accounts (start, seats, tier, add-ons, price, churn,
    reactivate) with the ledger's services. Before each real change the same call is rehearsed
    (rolled back) to learn the rows it must leave."""
    from msp_desk.store.database import open_database

    db = open_database(db_path)
    ladder = LadderIds(db)

    def snapshot(name: str) -> Snapshot | None:
        with db.read() as conn:  # inside a rehearsal: sees the rehearsal's writes
            return client_snapshot(driver_sql(conn), name)

    for number in itertools.count():
        with db.read() as conn:
            names = client_names(driver_sql(conn), LEDGER_PREFIX)
        if len(names) < 3 or rng.random() < 0.1:
            name, before = f"{LEDGER_PREFIX}{run:02d}-{number:03d}", None
        else:
            name = rng.choice(names)
            before = snapshot(name)
        action, call = ledger_action(db, ladder, name, before, rng)
        with db.rehearsal():
            call()
            expected = snapshot(name)
        log.write(event="begin", kind="ledger", client=name, action=action, expected=expected)
        call()
        log.write(event="commit", kind="ledger", client=name, action=action, snapshot=snapshot(name))


def driver_sql(conn: Any) -> Execute:
    """A Core connection's ``exec_driver_sql`` as an ``Execute``: rows as the driver gives them."""
    return lambda sql, params: conn.exec_driver_sql(sql, tuple(params))


class LadderIds:
    """The factory ladder's tier and add-on ids, read once."""

    def __init__(self, db: Any) -> None:
        with db.read() as conn:
            self.tiers = [row[0] for row in conn.exec_driver_sql("SELECT id FROM tier ORDER BY rank")]
            self.addons = [row[0] for row in conn.exec_driver_sql("SELECT id FROM addon ORDER BY id")]


def ledger_action(
    db: Any, ladder: LadderIds, name: str, before: Snapshot | None, rng: random.Random
) -> tuple[str, Callable[[], object]]:
    """A change that fits the client's state, as (what, a call doing it). The call is made twice
    (rehearsed, then for real), so everything random is drawn here, before it."""
    from msp_desk.services.accounts import ledger
    from msp_desk.services.clients.editing import create_client

    if before is None:
        seats = rng.randint(1, 40)
        return "create", lambda: create_client(db, name, seats=seats)
    client_id, _name, status, seats = before["client"][:4]
    running = [line for line in before["lines"] if line[9] is None]  # no end date
    # Every change is dated after all the client's dates so far: an add-on added back before the
    # day its removal takes effect would overlap (ledger.add_addon allows it: a bug of its own).
    dates = [line[column] for line in before["lines"] for column in (8, 9)] + [before["client"][5]]
    latest = max([dt.date.fromisoformat(day) for day in dates if day], default=FIRST_DAY)
    day = latest + dt.timedelta(days=rng.randint(1, 45))
    addons = rng.sample(ladder.addons, rng.randint(0, len(ladder.addons)))
    new_seats = rng.choice([n for n in range(1, 41) if n != seats])
    if status == "churned":
        tier = rng.choice(ladder.tiers)
        return "reactivate", lambda: ledger.reactivate(db, client_id, tier, new_seats, day, addons)
    if not running:
        tier = rng.choice(ladder.tiers)
        return "start", lambda: ledger.start_client(db, client_id, tier, new_seats, day, addons)
    running_tier = next(line[2] for line in running if line[1] == "tier")
    running_addons = [line[3] for line in running if line[1] == "addon"]
    other_tier = rng.choice([tier for tier in ladder.tiers if tier != running_tier])
    line_id = rng.choice(running)[0]
    price, discount = rng.randrange(5_000, 30_000, 500), rng.choice((0, 500, 1000))
    choices: list[tuple[str, Callable[[], object]]] = [
        ("change seats", lambda: ledger.change_seats(db, client_id, new_seats, day)),
        ("change tier", lambda: ledger.change_tier(db, client_id, other_tier, day)),
        ("change price", lambda: ledger.change_price(db, line_id, price, day, discount_bp=discount)),
        ("churn", lambda: ledger.churn(db, client_id, day, "moved to in-house IT")),
    ]
    missing = [addon for addon in ladder.addons if addon not in running_addons]
    if missing:
        added = rng.choice(missing)
        choices.append(("add add-on", lambda: ledger.add_addon(db, client_id, added, day)))
    if running_addons:
        removed = rng.choice(running_addons)
        choices.append(("remove add-on", lambda: ledger.remove_addon(db, client_id, removed, day)))
    return rng.choice(choices)
