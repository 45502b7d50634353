"""The logo chosen in Settings prints on the reports: the referral pack carries it as the one image
on its page (its QR code is drawn in vectors), and prints none once the logo is removed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from logo_images import write_logo
from pypdf import PdfReader

from msp_desk.services.reports.referral_pack import referral_pack_pdf
from msp_desk.services.shop.logo import clear_logo, set_logo
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database

TODAY = dt.date(2026, 11, 23)


def pack_images(db: Database) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(referral_pack_pdf(db, TODAY)))
    assert len(reader.pages) == 1
    return [image.image.size for image in reader.pages[0].images]


def test_the_referral_pack_prints_the_logo_until_it_is_removed(db: Database, tmp_path: Path) -> None:
    save_settings(db, name="Harbor Point IT", booking_link="https://cal.example/harbor")  # a QR code too
    assert pack_images(db) == []

    set_logo(db, write_logo(tmp_path / "logo.jpg", (1200, 400), fmt="JPEG"))
    assert pack_images(db) == [(600, 200)]  # the stored logo, as Settings scaled it

    clear_logo(db)
    assert pack_images(db) == []
