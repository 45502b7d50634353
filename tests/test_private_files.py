"""Private files: 0700 folders and 0600 files whatever the umask; atomic replacement keeps the
mode a file had and leaves nothing behind when the write fails."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from msp_desk.errors import StorageProblem, os_fault
from msp_desk.private_files import private_dir, replacing, write_atomically


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_folders_and_files_are_private_under_umask_022(tmp_path: Path, umask_022: object) -> None:
    target = tmp_path / "a" / "b" / "out.csv"
    write_atomically(target, b"name\n")
    assert target.read_bytes() == b"name\n"
    assert mode(target) == 0o600
    assert mode(tmp_path / "a") == 0o700
    assert mode(tmp_path / "a" / "b") == 0o700
    assert private_dir(tmp_path) == tmp_path


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask_022: object) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomically(target, b"new")
    assert (target.read_bytes(), mode(target)) == (b"new", 0o640)


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_os_errors_become_one_plain_sentence() -> None:
    exc = OSError(errno.ENOSPC, "No space left on device", "/x/backup.sqlite3")
    problem = os_fault(exc, "writing the backup")
    assert isinstance(problem, StorageProblem)
    assert (
        str(problem)
        == "Could not finish writing the backup (/x/backup.sqlite3): the disk is full. Nothing was changed."
    )
    assert "permission denied" in str(os_fault(PermissionError(errno.EACCES, "denied"), "saving"))


def test_a_refused_write_names_the_file_not_its_temporary_twin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"

    def no_room(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".out.csv.abc123.part"))

    monkeypatch.setattr("tempfile.mkstemp", no_room)
    with pytest.raises(OSError) as refused:
        write_atomically(target, b"x")
    assert refused.value.filename == str(target)
    assert str(os_fault(refused.value, "exporting")) == (
        f"Could not finish exporting ({target}): the disk is full. Nothing was changed."
    )
