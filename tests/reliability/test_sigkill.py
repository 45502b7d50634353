"""SIGKILL at random points of imports and ledger changes: after each kill the file passes SQLite's
integrity and foreign-key checks, every row a committed unit of work wrote is there, the unit of
work the kill cut is all there or not at all, and the file opens and ``msp-desk check`` says
healthy.

One shop file takes every kill in turn (recovery after recovery). The writers are forked from a
process that has loaded SQLAlchemy and the services once, so each kill costs milliseconds, not a
second of imports. Which commit a kill follows and how long after are drawn from a seeded RNG.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pytest
from factories import make_ladder
from sigkill_writer import (
    LEDGER_PREFIX,
    PRELOAD,
    Snapshot,
    client_names,
    client_snapshot,
    imported_lines,
    read_log,
    run_writer,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX only")

KILLS = 26  # per kind: 52 in all
SEED = 20260510
MOST_COMMITS_BEFORE_KILL = 4
LONGEST_DELAY_S = 0.05  # about one unit of work: the kill often lands inside one
WRITER_DEADLINE_S = 60.0


@dataclass
class KilledShop:
    """The shop file the kills take turns on, and what its rows must be after each kill."""

    path: Path
    imports: dict[str, list[list[Any]]] = field(default_factory=dict)  # client -> imported lines
    ledger: dict[str, Snapshot] = field(default_factory=dict)  # client -> its row and lines
    cut: Counter[str] = field(default_factory=Counter)  # kills after a begin and before its commit line


@pytest.fixture(scope="module")
def killed_shop(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KilledShop]:
    from msp_desk.store.database import open_database

    path = tmp_path_factory.mktemp("sigkill") / "shop.sqlite3"
    shutil.copyfile(template_db, path)
    db = open_database(path)
    make_ladder(db)
    db.close()
    shop = KilledShop(path)
    yield shop
    print(
        f"\nOf {KILLS} SIGKILLs each, after a unit of work began and before it was logged: {dict(shop.cut)}"
    )


@pytest.fixture(scope="module")
def writer_forks() -> ForkServerContext:
    """Writers forked from a server that loaded SQLAlchemy and the services once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    return context


@pytest.fixture
def start_writer(writer_forks: ForkServerContext) -> Iterator[Callable[..., BaseProcess]]:
    """Start a writer process; any still running when the test ends (it failed) is killed."""
    started: list[BaseProcess] = []

    def start(*args: object) -> BaseProcess:
        process = writer_forks.Process(target=run_writer, args=args, daemon=True)
        process.start()
        started.append(process)
        return process

    yield start
    for process in started:
        if process.is_alive() and process.pid is not None:
            os.kill(process.pid, signal.SIGKILL)
        process.join(10)


def kill_a_writer(
    start_writer: Callable[..., BaseProcess], kind: str, shop: KilledShop, run: int
) -> list[dict[str, Any]]:
    """Start a ``kind`` writer on the shop, SIGKILL it a random moment after its k-th commit
    (k and the moment drawn from the seeded RNG) and return its log."""
    rng = random.Random(f"{SEED}-{kind}-{run}")
    commits_before_kill = rng.randint(1, MOST_COMMITS_BEFORE_KILL)
    delay = rng.uniform(0, LONGEST_DELAY_S)
    log_path = shop.path.with_name(f"{kind}-{run:02d}.log")
    process = start_writer(kind, str(shop.path), str(log_path), run, rng.randrange(2**32))
    deadline = time.monotonic() + WRITER_DEADLINE_S
    while sum(entry["event"] == "commit" for entry in read_log(log_path)) < commits_before_kill:
        assert process.is_alive(), f"the {kind} writer stopped by itself:\n{writer_error(log_path)}"
        assert time.monotonic() < deadline, f"the {kind} writer made no progress in {WRITER_DEADLINE_S} s"
        time.sleep(0.002)  # polling the log
    time.sleep(delay)  # the kill's random moment: often inside the next unit of work
    assert process.pid is not None
    os.kill(process.pid, signal.SIGKILL)
    process.join(10)
    assert process.exitcode == -signal.SIGKILL, f"the writer ended otherwise:\n{writer_error(log_path)}"
    return read_log(log_path)


def writer_error(log_path: Path) -> str:
    err = log_path.with_name(log_path.name + ".err")
    return err.read_text(encoding="utf-8") if err.exists() else "(no traceback written)"


def assert_sound_and_opens(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SQLite finds nothing wrong, and the app opens the file and its check says healthy."""
    from msp_desk.__main__ import main
    from msp_desk.store.database import open_database

    with closing(sqlite3.connect(path)) as con:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    open_database(path).close()
    capsys.readouterr()
    code = main(["--db", str(path), "check"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    assert "healthy" in out


@pytest.mark.parametrize("run", range(KILLS))
def test_a_killed_import_is_all_or_nothing_and_keeps_every_committed_import(
    run: int,
    killed_shop: KilledShop,
    start_writer: Callable[..., BaseProcess],
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = kill_a_writer(start_writer, "import", killed_shop, run)
    cut: dict[str, list[list[Any]]] = {}  # the import begun and not logged as committed
    for entry in log:
        if entry["event"] == "begin":
            cut = entry["expected"]
        else:
            killed_shop.imports.update(cut)
            cut = {}

    with closing(sqlite3.connect(killed_shop.path)) as con:
        found = imported_lines(con.execute)
    for name, lines in killed_shop.imports.items():
        assert found.get(name) == lines, f"{name}: its committed import is not all there"
    if cut:
        present = {name: found[name] for name in cut if name in found}
        assert present in ({}, cut), f"half an import survived the kill: {sorted(present)} of {sorted(cut)}"
        killed_shop.cut["import committed" if present else "import rolled back"] += 1
        killed_shop.imports.update(present)
    assert sorted(found) == sorted(killed_shop.imports), "clients no import wrote"
    assert_sound_and_opens(killed_shop.path, capsys)


@pytest.mark.parametrize("run", range(KILLS))
def test_a_killed_ledger_change_is_all_or_nothing_and_keeps_every_committed_change(
    run: int,
    killed_shop: KilledShop,
    start_writer: Callable[..., BaseProcess],
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = kill_a_writer(start_writer, "ledger", killed_shop, run)
    cut: dict[str, Any] | None = None  # the change begun and not logged as committed
    for entry in log:
        if entry["event"] == "begin":
            cut = entry
            continue
        assert cut is not None and entry["snapshot"] == cut["expected"], "the rehearsal foretold other rows"
        killed_shop.ledger[entry["client"]] = entry["snapshot"]
        cut = None

    with closing(sqlite3.connect(killed_shop.path)) as con:
        for name, rows in killed_shop.ledger.items():
            if cut is None or name != cut["client"]:
                assert client_snapshot(con.execute, name) == rows, f"{name}: a committed change is missing"
        if cut is not None:
            name = cut["client"]
            found = client_snapshot(con.execute, name)
            before = killed_shop.ledger.get(name)
            assert found in (before, cut["expected"]), f"{cut['action']} of {name} was cut in half"
            killed_shop.cut["change rolled back" if found == before else "change committed"] += 1
            if found is not None:
                killed_shop.ledger[name] = found
        assert sorted(client_names(con.execute, LEDGER_PREFIX)) == sorted(killed_shop.ledger)
    assert_sound_and_opens(killed_shop.path, capsys)
