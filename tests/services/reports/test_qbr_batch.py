"""The QBR batch: a packet for every client with a QBR due soon, one whole file each, progress
told, a cancel or a disk fault leaving no half-written file."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from qbr_shops import AT, BELOW, NEW, TODAY, SmallShop, small_shop

from msp_desk.errors import StorageProblem
from msp_desk.services.reports.qbr_batch import due_qbrs, qbr_batch


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[SmallShop]:
    made = small_shop(tmp_path / "shop.sqlite3")
    yield made
    made.db.close()


def _pdfs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_due_clients_are_those_whose_qbr_falls_within_the_days(shop: SmallShop) -> None:
    # NEW started on 1 Nov: due 30 Jan; AT and BELOW held one on 2 Nov: due 31 Jan.
    assert due_qbrs(shop.db, TODAY, 14) == []
    due = due_qbrs(shop.db, TODAY, 68)  # to 30 Jan
    assert [(d.name, d.due) for d in due] == [(NEW, dt.date(2027, 1, 30))]
    assert [d.name for d in due_qbrs(shop.db, TODAY, 69)] == [NEW, BELOW, AT]


def test_the_batch_writes_one_whole_packet_per_due_client(shop: SmallShop, tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []
    folder = tmp_path / "packets"
    result = qbr_batch(
        shop.db, TODAY, folder, due_qbrs(shop.db, TODAY, 70), progress=lambda d, t: told.append((d, t))
    )
    assert told == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert not result.cancelled and result.due == 3
    assert _pdfs(folder) == sorted(f"QBR {name} 2026-11-23.pdf" for name in (AT, BELOW, NEW))
    for packet in result.written:
        text = PdfReader(io.BytesIO(packet.path.read_bytes())).pages[0].extract_text()
        assert packet.client in text
    assert [p.referral_page for p in result.written] == [False, False, True]  # NEW, BELOW, AT
    assert (folder.stat().st_mode & 0o777, result.written[0].path.stat().st_mode & 0o777) == (0o700, 0o600)


def test_a_cancel_stops_between_files_and_leaves_only_whole_ones(shop: SmallShop, tmp_path: Path) -> None:
    folder = tmp_path / "packets"
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # cancel once the first packet is written

    result = qbr_batch(shop.db, TODAY, folder, due_qbrs(shop.db, TODAY, 70), cancelled=cancelled)
    assert result.cancelled and [p.client for p in result.written] == [NEW]
    assert _pdfs(folder) == [f"QBR {NEW} 2026-11-23.pdf"]  # no temporary file left
    assert len(PdfReader(io.BytesIO(result.written[0].path.read_bytes())).pages) == 2


def test_a_disk_fault_is_one_sentence_and_leaves_no_part_file(
    shop: SmallShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "packets"
    folder.mkdir()
    (folder / f"QBR {BELOW} 2026-11-23.pdf").mkdir()  # a folder where the second file goes
    with pytest.raises(StorageProblem, match="Could not finish saving the QBR packets"):
        qbr_batch(shop.db, TODAY, folder, due_qbrs(shop.db, TODAY, 70))
    assert _pdfs(folder) == [f"QBR {BELOW} 2026-11-23.pdf", f"QBR {NEW} 2026-11-23.pdf"]
    assert (folder / f"QBR {BELOW} 2026-11-23.pdf").is_dir()


def test_no_client_due_writes_nothing(shop: SmallShop, tmp_path: Path) -> None:
    result = qbr_batch(shop.db, TODAY, tmp_path / "packets", [])
    assert result.written == () and not (tmp_path / "packets").exists()
