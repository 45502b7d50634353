"""Domain rules: a violation raises ValidationError naming the field; unique names ignore case."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from msp_desk.domain.clients import Client, validate_client
from msp_desk.domain.contracts import ContractLine, validate_line
from msp_desk.domain.ladder import Tier, validate_tier
from msp_desk.errors import ValidationError
from msp_desk.store.database import Database


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": " "}, "name"),
        ({"seats": -1}, "seats"),
        ({"status": "gone"}, "status"),
        ({"channel": "tv"}, "channel"),
        ({"satisfaction": 11}, "satisfaction"),
        ({"start_date": dt.date(2026, 5, 1), "renewal_date": dt.date(2026, 4, 30)}, "renewal_date"),
    ],
)
def test_client_rules_name_the_field(fields: dict, field: str) -> None:
    client = Client(**{"name": "Acme", **fields})
    with pytest.raises(ValidationError) as info:
        validate_client(client)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"unit_price_cents": -1}, "price"),
        ({"quantity": 0}, "quantity"),
        ({"period": "weekly"}, "period"),
        ({"discount_bp": 10001}, "discount"),
        ({"end_date": dt.date(2025, 12, 31)}, "end_date"),
    ],
)
def test_line_rules_name_the_field(fields: dict, field: str) -> None:
    line = ContractLine(
        **{"client_id": 1, "kind": "custom", "description": "x", "start_date": dt.date(2026, 1, 1), **fields}
    )
    with pytest.raises(ValidationError) as info:
        validate_line(line)
    assert info.value.field == field


def test_tier_price_cannot_be_negative() -> None:
    with pytest.raises(ValidationError, match="price: must not be negative"):
        validate_tier(Tier(rank=1, name="Starter", price_cents=-100))


def test_client_names_are_unique_ignoring_case(db: Database) -> None:
    with db.unit_of_work() as session:
        session.add(Client(name="Ōsaka Dental"))
    with pytest.raises(sa.exc.IntegrityError), db.unit_of_work() as session:
        session.add(Client(name="ōsaka dental"))


def test_addon_cannot_be_priced_per_block_of_hours() -> None:
    from msp_desk.domain.ladder import AddOn, validate_addon

    with pytest.raises(ValidationError, match="price_model: an add-on is priced flat or per seat"):
        validate_addon(AddOn(name="Extra hours", price_model="per_hours_block", price_cents=100))
