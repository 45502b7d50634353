"""Two writers on one file: a write waits for SQLite's write lock (up to the busy timeout) instead of
failing, a lock held past the timeout is a plain message with nothing changed, and two windows
on one file (two ``Database`` objects, two threads) never see ``database is locked``.

The lock is held by another process: a plain ``sqlite3`` script that takes the write lock
(``BEGIN IMMEDIATE``), edits a client, and commits when told or after a given time.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from factories import make_client, make_ladder, table_rows

from msp_desk.store.database import Database

HOLDER = r"""
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE client SET notes = 'edited in another program' WHERE id = (SELECT min(id) FROM client)")
print("locked", flush=True)
if sys.argv[2] == "until-told":
    sys.stdin.readline()
else:
    time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
print(time.monotonic(), flush=True)
"""
HISTORY = "client,month,mrr\nAcme Dental,2025-01,1000\nAcme Dental,2025-02,1200\nBeta Bakery,2025-02,800\n"
WRITTEN = ("client", "contract_line")
TIMEOUT_MS = 300  # the busy timeout when the lock is held past it


@pytest.fixture
def shop(db: Database, tmp_path: Path) -> tuple[Database, Path]:
    """A shop with a ladder and one client (the other program edits it), and an MRR history CSV."""
    make_ladder(db)
    make_client(db, "Zoë Müller Design")
    history = tmp_path / "history.csv"
    history.write_text(HISTORY, encoding="utf-8")
    return db, history


@pytest.fixture
def hold_write_lock(db_path: Path) -> Iterator[Callable[[str], subprocess.Popen[str]]]:
    """Start another program holding the shop's write lock (for some seconds, or until a line
    is written to its stdin); returns once it holds it. It is killed if still running at the end."""
    started: list[subprocess.Popen[str]] = []

    def hold(how_long: str) -> subprocess.Popen[str]:
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db_path), how_long],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(holder)
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        return holder

    yield hold
    for holder in started:
        if holder.poll() is None:
            holder.kill()
        holder.communicate()


def released_at(holder: subprocess.Popen[str]) -> float:
    """When the other program committed and let the lock go (monotonic clock, shared by processes)."""
    out, _ = holder.communicate(input="\n", timeout=30)
    assert holder.returncode == 0
    return float(out)


@contextmanager
def opened(path: Path) -> Iterator[Database]:
    """The shop opened anew, so its connections are made with the busy timeout the test set."""
    from msp_desk.store.database import open_database

    db = open_database(path)
    try:
        yield db
    finally:
        db.close()


def client_notes(db: Database) -> str:
    with db.read() as conn:
        return conn.exec_driver_sql("SELECT notes FROM client ORDER BY id LIMIT 1").scalar_one()


def test_an_import_waits_for_a_lock_held_less_than_the_busy_timeout(
    shop: tuple[Database, Path], hold_write_lock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msp_desk.services.imports.mrr_history import import_mrr_history, read_mrr_history
    from msp_desk.store import sqlite

    db, history = shop
    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_MS", 20_000, raising=False)
    holder = hold_write_lock("1.0")
    with opened(db.path) as waiting:
        started = time.monotonic()
        changes = import_mrr_history(waiting, read_mrr_history(history))
        finished = time.monotonic()
    assert started < released_at(holder) < finished  # it began while the lock was held, and waited
    assert changes.message == "Imported 3 rows: 2 clients, 3 contract lines"
    assert client_notes(db) == "edited in another program"  # the other program's edit is kept too
    with db.read() as conn:
        names = conn.exec_driver_sql("SELECT name FROM client ORDER BY id").scalars().all()
    assert names == ["Zoë Müller Design", "Acme Dental", "Beta Bakery"]


def test_a_lock_held_past_the_busy_timeout_is_a_plain_message_and_changes_nothing(
    shop: tuple[Database, Path],
    hold_write_lock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from msp_desk.__main__ import main
    from msp_desk.errors import DatabaseBusy
    from msp_desk.services.imports.mrr_history import import_mrr_history, read_mrr_history
    from msp_desk.store import sqlite

    db, history = shop
    before = table_rows(db, WRITTEN)
    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_MS", TIMEOUT_MS, raising=False)
    holder = hold_write_lock("until-told")

    started = time.monotonic()
    with pytest.raises(DatabaseBusy) as raised, opened(db.path) as busy:
        import_mrr_history(busy, read_mrr_history(history))
    assert time.monotonic() - started < 10 * TIMEOUT_MS / 1000  # it waited the timeout set, not more
    message = str(raised.value)
    assert "\n" not in message and message.endswith(".")
    assert not any(word in message for word in ("sqlite3.", "OperationalError", "SQL:", "Background on"))
    assert table_rows(db, WRITTEN) == before

    code = main(["--db", str(db.path), "import", "mrr-history", str(history)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert table_rows(db, WRITTEN) == before

    released_at(holder)
    assert client_notes(db) == "edited in another program"  # the holder's own write is unharmed


def test_two_windows_on_one_file_edit_in_turns_without_database_is_locked(db_path: Path) -> None:
    from msp_desk.services.clients.editing import add_note
    from msp_desk.store.database import open_database

    edits = 40
    windows = [open_database(db_path), open_database(db_path)]
    clients = [make_client(window, f"Client of window {n}") for n, window in enumerate(windows)]
    together = threading.Barrier(2, timeout=30)  # each edit starts in both windows at once
    failures: list[BaseException] = []

    def edit(window: Database, client_id: int) -> None:
        try:
            for n in range(edits):
                together.wait()
                add_note(window, client_id, f"note {n}")
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
            together.abort()

    threads = [threading.Thread(target=edit, args=pair) for pair in zip(windows, clients, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert [f"{type(f).__name__}: {f}".splitlines()[0] for f in failures] == []
        with windows[0].read() as conn:
            counts = conn.exec_driver_sql(
                "SELECT client_id, count(*) FROM client_note GROUP BY client_id ORDER BY client_id"
            ).all()
        assert [tuple(row) for row in counts] == [(client, edits) for client in clients]
    finally:
        for window in windows:
            window.close()
