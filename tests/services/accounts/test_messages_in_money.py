"""Refusals say amounts in the shop's money, never in cents."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_client, make_ladder

from msp_desk.domain import rules
from msp_desk.errors import ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.clients.detail import client_detail
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database


def test_a_negative_line_price_is_said_in_the_shops_money(db: Database) -> None:
    save_settings(db, locale="de_DE", currency="EUR")
    ids = make_ladder(db)
    client = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 1, 1))
    line = client_detail(db, client, dt.date(2026, 2, 1)).lines[0].id
    with pytest.raises(ValidationError) as refused:
        ledger.change_price(db, line, -1_250, dt.date(2026, 3, 1))
    assert refused.value.reason == "must not be negative (got -12,50\xa0€)"  # it said "(got -1250)"


def test_a_money_rule_does_not_quote_cents() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.non_negative_money(-1_250, "price")
    assert str(refused.value) == "price: must not be negative"
