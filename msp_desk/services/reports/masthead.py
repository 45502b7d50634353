"""The shop's masthead for any report: its name, logo, contact line and paper size from Settings."""

from __future__ import annotations

from msp_desk.reports.document import Masthead
from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import Database


def contact_line(phone: str, email: str, booking_link: str) -> str:
    """The footer's one line of contact details, in the order people reach for them."""
    return " · ".join(part.strip() for part in (phone, email, booking_link) if part.strip())


def masthead(db: Database, title: str, subject: str = "") -> Masthead:
    """What every page of a report prints at its top and bottom, for this shop."""
    shop = get_settings(db)
    return Masthead(
        shop=shop.name,
        title=title,
        subject=subject,
        contact=contact_line(shop.phone, shop.email, shop.booking_link),
        logo_png=shop.logo_png,
        paper=shop.paper,
    )
