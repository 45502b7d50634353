"""A report's masthead comes from Settings: name, logo, contact line, paper."""

from __future__ import annotations

from msp_desk.services.reports.masthead import contact_line, masthead
from msp_desk.services.shop.settings import save_settings


def test_the_masthead_follows_the_shops_settings(db) -> None:
    save_settings(db, name="Łódź IT", phone="+48 42 000 00 00", email="hi@lodz.example", paper="a4")
    head = masthead(db, "Quarterly business review", "Zoë Müller Ltd")
    assert (head.shop, head.title, head.subject, head.paper) == (
        "Łódź IT",
        "Quarterly business review",
        "Zoë Müller Ltd",
        "a4",
    )
    assert head.contact == "+48 42 000 00 00 · hi@lodz.example"


def test_the_contact_line_leaves_out_what_is_missing() -> None:
    assert contact_line("", " a@b.example ", "https://cal.example/x") == "a@b.example · https://cal.example/x"
    assert contact_line("", "", "") == ""
