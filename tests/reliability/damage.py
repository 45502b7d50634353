"""Ways a shop file gets damaged, for the reliability tests: cut short, or pages overwritten."""

from __future__ import annotations

from pathlib import Path


def truncate(path: Path) -> None:
    """Cut the file to half its size (a copy that stopped half-way, a full disk)."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def corrupt(path: Path) -> None:
    """Overwrite every page after the first two with junk (a failing disk, a bad sync tool),
    keeping the header and the schema page so the file still looks like ours."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for start in range(2 * page_size, len(data), page_size):
        data[start : start + 64] = b"\xa5" * 64  # each b-tree page header and first cells
    path.write_bytes(bytes(data))
