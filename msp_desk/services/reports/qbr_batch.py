"""QBR packets for every client with a QBR due soon, one PDF each in a folder: the shop's shared
part read once, each file written whole or not at all (``private_files.write_atomically``), with
``progress(done, total)`` and ``cancelled()`` as ``services.imports.files.import_file`` takes
them, so the app can run it off the UI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from msp_desk.errors import os_fault
from msp_desk.private_files import private_dir, write_atomically
from msp_desk.services.reports.qbr_packet import qbr_packet
from msp_desk.services.reports.qbr_shop import packet_shop
from msp_desk.services.reviews.overview import review_rows
from msp_desk.store.database import Database

Progress = Callable[[int, int], None]  # (packets written, packets in all)
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class DueQbr:
    """A client whose QBR is due, and when (the open QBR task's day, else the cadence's)."""

    client_id: int
    name: str
    due: dt.date


@dataclass(frozen=True)
class WrittenPacket:
    client: str
    due: dt.date
    path: Path
    referral_page: bool
    referral_page_reason: str | None


@dataclass(frozen=True)
class BatchResult:
    """The packets written, in the order written; ``cancelled``: stopped before the end (every
    file listed is whole; none was left half-written)."""

    written: tuple[WrittenPacket, ...]
    due: int
    cancelled: bool = False


def due_qbrs(db: Database, today: dt.date, days: int) -> list[DueQbr]:
    """The active clients whose next QBR is due within ``days`` days of ``today`` (one overdue
    too: it still needs its packet), soonest first."""
    until = today + dt.timedelta(days=days)
    due = [
        DueQbr(r.client_id, r.name, r.next_due) for r in review_rows(db) if r.next_due and r.next_due <= until
    ]
    return sorted(due, key=lambda d: (d.due, d.name.casefold(), d.client_id))


def qbr_batch(
    db: Database,
    today: dt.date,
    folder: Path,
    clients: Sequence[DueQbr],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BatchResult:
    """Write the packet of each of ``clients`` into ``folder`` (made if missing). ``cancelled()``
    is asked before each packet; a cancel stops with the files written so far, each whole. A
    disk fault raises ``StorageProblem`` naming the file; the file being written is not left."""
    total = len(clients)
    if progress is not None:
        progress(0, total)
    written: list[WrittenPacket] = []
    if not clients:
        return BatchResult((), 0)
    shop = packet_shop(db, today)
    try:
        private_dir(folder)
    except OSError as exc:
        raise os_fault(exc, "making the folder for the QBR packets") from exc
    names: set[str] = set()
    for done, due in enumerate(clients):
        if cancelled is not None and cancelled():
            return BatchResult(tuple(written), total, cancelled=True)
        packet = qbr_packet(db, due.client_id, today, shop)
        name = packet.file_name
        if name.casefold() in names:  # two names made the same by the safe spelling
            name = f"{Path(name).stem} ({due.client_id}).pdf"
        names.add(name.casefold())
        target = folder / name
        try:
            write_atomically(target, packet.pdf)
        except OSError as exc:
            raise os_fault(exc, "saving the QBR packets") from exc
        written.append(
            WrittenPacket(packet.client, due.due, target, packet.referral_page, packet.referral_page_reason)
        )
        if progress is not None:
            progress(done + 1, total)
    return BatchResult(tuple(written), total)
