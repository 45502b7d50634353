"""One app window writes a file: a second is told the file is open elsewhere, and a window that
died (killed, crashed) never keeps the owner out."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from msp_desk.errors import AlreadyOpen
from msp_desk.store.database import open_database
from msp_desk.store.lock import lock_path

HOLD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from msp_desk.store.database import open_database
    db = open_database(Path(sys.argv[1]), create=False)
    db.hold_for_this_window()
    print("holding", flush=True)
    sys.stdin.readline()  # held until killed (or told)
    """
)


def hold_in_child(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert child.stdout is not None and child.stdout.readline() == "holding\n"
    return child


def test_a_second_window_is_told_and_the_first_keeps_the_file(db_path: Path) -> None:
    first = open_database(db_path)
    first.hold_for_this_window()
    second = open_database(db_path)
    with pytest.raises(AlreadyOpen) as refused:
        second.hold_for_this_window()
    assert str(refused.value) == (
        f"{db_path} is already open in another MSP Desk window (process {os.getpid()}). "
        "Switch to that window, or close it and try again."
    )
    second.close()
    assert stat.S_IMODE(lock_path(db_path).stat().st_mode) == 0o600
    first.close()
    assert not lock_path(db_path).exists()  # closed cleanly: nothing left beside the file
    again = open_database(db_path)
    again.hold_for_this_window()
    again.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_window_does_not_keep_the_file_locked(db_path: Path) -> None:
    child = hold_in_child(db_path)
    try:
        db = open_database(db_path)
        with pytest.raises(AlreadyOpen, match=f"process {child.pid}"):
            db.hold_for_this_window()
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        assert lock_path(db_path).exists()  # the file stays, but its lock died with the process
        db.hold_for_this_window()
        db.close()
    finally:
        child.kill()
        child.wait(10)


def test_the_app_tells_a_second_window_plainly(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from msp_desk.__main__ import main
    from msp_desk.ui import app

    first = open_database(db_path)
    first.hold_for_this_window()
    shown: list[tuple[str, bool]] = []

    def show_fatal(message: str, *, already_open: bool = False) -> int:
        shown.append((message, already_open))
        return 1

    monkeypatch.setattr(app, "show_fatal", show_fatal)
    monkeypatch.setattr(app, "run_gui", lambda *a, **k: pytest.fail("a second window opened"))
    try:
        assert main(["--db", str(db_path)]) == 1
    finally:
        first.close()
    assert shown == [
        (
            f"{db_path} is already open in another MSP Desk window (process {os.getpid()}). "
            "Switch to that window, or close it and try again.",
            True,  # told as "already open" (information), not as a fault
        )
    ]
