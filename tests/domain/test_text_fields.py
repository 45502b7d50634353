"""Names are one line of visible text and every text field is bounded: control characters (NUL,
line breaks, bidi overrides) are refused by the domain's validation, which every path calls."""

from __future__ import annotations

import pytest

from msp_desk.domain.clients import Client, Contact, validate_client, validate_contact, validate_note
from msp_desk.domain.ladder import AddOn, Tier, validate_addon, validate_tier
from msp_desk.domain.referrals import Partner, Script, validate_partner, validate_script
from msp_desk.domain.shop import ShopSettings, validate_shop
from msp_desk.errors import ValidationError


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Acme\x00Dental", "contains an invisible control character (U+0000)"),
        ("Acme\nDental", "contains a line break (U+000A)"),
        ("Acme\rDental", "contains a line break (U+000D)"),
        ("Acme\tDental", "contains an invisible control character (U+0009)"),
        ("\u202eAcme Dental", "contains an invisible control character (U+202E)"),
        ("Acme\u2066Dental", "contains an invisible control character (U+2066)"),
        ("Acme\u200fDental", "contains an invisible control character (U+200F)"),
        ("Acme\u061cDental", "contains an invisible control character (U+061C)"),
        ("Acme\x85Dental", "contains an invisible control character (U+0085)"),
        ("A" * 201, "is longer than 200 characters"),
    ],
)
def test_a_client_name_with_a_control_character_is_refused(name: str, reason: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_client(Client(name=name, status="active"))
    assert (refused.value.field, refused.value.reason.split(";")[0]) == ("name", reason)


@pytest.mark.parametrize(
    "name", ["Ōsaka Dental", "Zoë Müller Design", "شركة الأسنان", "O'Brien & Sons", "A" * 200]
)
def test_names_that_are_just_unusual_are_kept(name: str) -> None:
    client = Client(name=name, status="active")
    validate_client(client)  # raises ValidationError if refused
    assert client.name == name  # and nothing was stripped or changed


@pytest.mark.parametrize(
    ("check", "record", "field"),
    [
        (validate_contact, Contact(name="Ana\x00", client_id=1), "name"),
        (validate_contact, Contact(name="Ana", email="ana@x\n.com", client_id=1), "email"),
        (validate_partner, Partner(name="\u202eCPA"), "name"),
        (validate_partner, Partner(name="CPA", company="Lee\x00 LLP"), "company"),
        (validate_tier, Tier(name="Core\n", rank=1, price_model="per_seat"), "name"),
        (validate_addon, AddOn(name="Backup\u2067", price_model="flat", growth_stage="protect"), "name"),
        (validate_script, Script(name="Ask\r", body="Hello"), "name"),
        (validate_shop, ShopSettings(name="Shop\x00"), "name"),
    ],
)
def test_every_name_refuses_control_characters(check, record, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        check(record)
    assert refused.value.field == field


def test_notes_keep_line_breaks_and_tabs_but_no_other_control() -> None:
    validate_client(Client(name="Acme", status="active", notes="Line one\n\tindented\r\nline three"))
    validate_script(Script(name="Ask", body="Hi {contact},\n\nThanks!"))
    validate_note("Met the owner.\nWants a QBR.")
    with pytest.raises(ValidationError, match="notes: contains an invisible control character"):
        validate_client(Client(name="Acme", status="active", notes="ok\x00"))
    with pytest.raises(ValidationError, match="note: contains an invisible control character .U.202E."):
        validate_note("paid \u202e0001")
    with pytest.raises(ValidationError, match="is longer than 10,000 characters"):
        validate_client(Client(name="Acme", status="active", notes="x" * 10_001))
