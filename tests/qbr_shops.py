"""Shops for the QBR packet tests: a new MSP with a client exactly at the referral ask threshold,
one below it and one brand new (no tickets, no roadmap, no QBR); and reading a PDF back."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from msp_desk.services.clients.book import create_active_client
from msp_desk.services.clients.editing import new_client_id
from msp_desk.services.ladder.items import ladder_items
from msp_desk.services.reviews.qbrs import QbrRecord, record_qbr, schedule_qbrs
from msp_desk.services.reviews.roadmap import add_item
from msp_desk.services.shop.opening import create_shop
from msp_desk.store.database import Database

TODAY = dt.date(2026, 11, 23)
SHOP = "Ōsaka IT Works"
AT = "Łódź Logistics"  # readiness 70: satisfaction, positive QBR, tenure, recent win, not asked
BELOW = "Bergen Bakery"  # readiness 60: the same without a recent win
NEW = "Fresh Start Co"  # started this month: nothing to show yet


@dataclass
class SmallShop:
    db: Database
    ids: dict[str, int]


def _client(db: Database, name: str, tier: int, start: dt.date) -> int:
    changes = create_active_client(
        db, name=name, tier_id=tier, seats=10, start=start, today=TODAY, industry="Logistics"
    )
    return new_client_id(changes)


def small_shop(path: Path) -> SmallShop:
    db = create_shop(path, kind="msp", name=SHOP)
    core = next(t.id for t in ladder_items(db, TODAY).tiers if t.name == "Core")
    ids = {name: _client(db, name, core, dt.date(2025, 6, 1)) for name in (AT, BELOW)}
    ids[NEW] = _client(db, NEW, core, dt.date(2026, 11, 1))
    for name in (AT, BELOW):
        record_qbr(
            db,
            ids[name],
            QbrRecord(
                day=dt.date(2026, 11, 2),
                outcome="positive",
                satisfaction=9,
                accomplishments="Moved the office to the cloud",
                changes=("hires",),
                changes_text="Two new drivers in January",
                priorities="Replace the warehouse laptops",
            ),
            TODAY,
        )
    add_item(db, ids[AT], dt.date(2026, 11, 10), title="Backup recovery drill", status="done")
    add_item(db, ids[AT], TODAY, title="Laptop refresh", horizon="30_days", est_one_off_cents=480_000)
    add_item(db, ids[AT], TODAY, title="Second site network", horizon="6_12_months", mrr_impact_cents=15_000)
    schedule_qbrs(db, TODAY)
    return SmallShop(db, ids)


def pdf_text(pdf: bytes) -> list[str]:
    """Each page's text, as a reader of the PDF gets it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Each font the pages use, and whether its program is in the file."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def pdftoppm_warnings(pdf: bytes, folder: Path) -> str | None:
    """What pdftoppm says on stderr while drawing every page (None: pdftoppm is not installed)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    source = folder / "packet.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        [exe, "-r", "30", "-png", str(source), str(folder / "page")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stderr
