"""Ladder edits: tiers and add-ons validated field by field, retired, deleted only when unused, and
dated list-price changes (new clients only, or existing clients too) with their MRR preview."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder, table_rows

from msp_desk.errors import Conflict, ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.services.ladder import editing as ladder
from msp_desk.services.ladder import prices as ladder_prices
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

TODAY = dt.date(2026, 2, 10)
MARCH = dt.date(2026, 3, 1)
TABLES = ("tier", "response_target", "addon", "price_change", "contract_line", "client")


def state(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables a ladder edit writes, the stamps left out."""
    return table_rows(db, TABLES)


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    """Core $135 a seat (cost $65), Backup $15 a seat, Growth $175 a seat.

    Ōsaka Dental: Core x 10 + Backup x 10 = $1,500; Kestrel: Core x 4 = $540; Summit: Growth x 8 = $1,400.
    """
    ids = make_ladder(db)
    ids["osaka"] = make_client(db, "Ōsaka Dental")
    ids["kestrel"] = make_client(db, "Kestrel Insurance")
    ids["summit"] = make_client(db, "Summit Orthopedics")
    ledger.start_client(db, ids["osaka"], ids["Core"], 10, dt.date(2025, 6, 1), [ids["Backup"]])
    ledger.start_client(db, ids["kestrel"], ids["Core"], 4, dt.date(2025, 9, 1))
    ledger.start_client(db, ids["summit"], ids["Growth"], 8, dt.date(2025, 1, 1))
    return ids


def error_of(call) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


# -- the tier form ---------------------------------------------------------------------------------


def test_the_tier_form_saves_every_field(db: Database, shop: dict[str, int]) -> None:
    form = ladder.tier_form(db, shop["Core"], TODAY)
    assert (form.name, form.price_cents, form.cost_cents, form.targets) == (
        "Core",
        13_500,
        6_500,
        {"P1": (30, 240)},
    )
    edited = dataclasses.replace(
        form,
        name=" Core Plus ",
        description="Managed endpoints",
        inclusions="  Patching\n\n Helpdesk  \n",
        targets={"P1": (15, 120), "P2": (60, 480), "P3": (None, None)},
    )
    changes = ladder.update_tier(db, shop["Core"], edited, TODAY)
    assert changes.message == "Saved tier Core Plus" and changes.ladder and changes.undoable
    saved = ladder.tier_form(db, shop["Core"], TODAY)
    assert (saved.name, saved.description, saved.inclusions) == (
        "Core Plus",
        "Managed endpoints",
        "Patching\nHelpdesk",
    )
    assert saved.targets == {"P1": (15, 120), "P2": (60, 480)}  # no P3 target: none stored


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"name": "  "}, "name", "must not be empty"),
        ({"name": "growth"}, "name", "another tier is called growth"),
        ({"name": "x" * 101}, "name", "is longer than 100 characters"),
        ({"price_cents": -1}, "price", "must not be negative"),
        ({"cost_cents": -500}, "cost", "must not be negative"),
        ({"price_model": "per_year"}, "price_model", "'per_year' is not one of"),
        ({"price_model": "flat"}, "price_model", "2 clients are on Core"),
        ({"targets": {"P1": (60, 30)}}, "P1.resolution_min", "must not be shorter than the first-response"),
        ({"targets": {"P3": (-5, None)}}, "P3.first_response_min", "must not be negative"),
        ({"targets": {"P9": (5, 10)}}, "priority", "'P9' is not one of P1, P2, P3, P4"),
    ],
)
def test_each_tier_field_is_validated_and_nothing_is_saved(
    db: Database, shop: dict[str, int], changes: dict[str, object], field: str, reason: str
) -> None:
    before = state(db)
    form = dataclasses.replace(ladder.tier_form(db, shop["Core"], TODAY), **changes)
    error = error_of(lambda: ladder.update_tier(db, shop["Core"], form, TODAY))
    assert error.field == field and error.reason.startswith(reason)
    assert state(db) == before


def test_a_block_of_hours_needs_its_hours_and_an_empty_tier_may_change_model(db: Database) -> None:
    ladder.add_tier(
        db, ladder.TierForm("Starter", price_model="per_hours_block", price_cents=32_000, hours_per_block=10)
    )
    tier_id = 1
    form = ladder.tier_form(db, tier_id, TODAY)
    assert (form.price_model, form.hours_per_block) == ("per_hours_block", 10)
    error = error_of(
        lambda: ladder.update_tier(db, tier_id, dataclasses.replace(form, hours_per_block=0), TODAY)
    )
    assert error.field == "hours_per_block"
    ladder.update_tier(db, tier_id, dataclasses.replace(form, price_model="flat"), TODAY)  # nobody on it
    assert ladder.tier_form(db, tier_id, TODAY).hours_per_block is None


def test_a_new_tier_goes_on_the_top_rung_with_its_targets(db: Database, shop: dict[str, int]) -> None:
    changes = ladder.add_tier(db, ladder.TierForm("Platinum", price_cents=30_000, targets={"P1": (5, 60)}))
    assert changes.message == "Added tier Platinum (rung 5)"
    with db.read() as conn:
        rank, tid = conn.execute(sa.text("SELECT rank, id FROM tier WHERE name = 'Platinum'")).one()
    assert rank == 5
    assert ladder.tier_form(db, tid, TODAY).targets == {"P1": (5, 60)}
    error = error_of(lambda: ladder.add_tier(db, ladder.TierForm("PLATINUM")))
    assert (error.field, error.reason) == ("name", "another tier is called PLATINUM")


# -- add-ons ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "endpoint SECURITY"}, "name"),
        ({"price_model": "per_hours_block"}, "price_model"),
        ({"price_model": "flat"}, "price_model"),  # Ōsaka Dental has it per seat
        ({"price_cents": -100}, "price"),
        ({"cost_cents": -1}, "cost"),
        ({"growth_stage": "thrive"}, "growth_stage"),
    ],
)
def test_each_addon_field_is_validated(
    db: Database, shop: dict[str, int], changes: dict[str, object], field: str
) -> None:
    before = state(db)
    form = dataclasses.replace(ladder.addon_form(db, shop["Backup"], TODAY), **changes)
    assert error_of(lambda: ladder.update_addon(db, shop["Backup"], form, TODAY)).field == field
    assert state(db) == before


def test_an_addon_is_added_edited_and_moved_to_another_stage(db: Database, shop: dict[str, int]) -> None:
    ladder.add_addon(db, ladder.AddOnForm("MFA", "Sign-in protection", "per_seat", 600, 200, "protect"))
    with db.read() as conn:
        mfa = conn.execute(sa.text("SELECT id FROM addon WHERE name = 'MFA'")).scalar_one()
    form = dataclasses.replace(
        ladder.addon_form(db, mfa, TODAY), growth_stage="optimize", description="MFA everywhere"
    )
    assert ladder.update_addon(db, mfa, form, TODAY).message == "Saved add-on MFA"
    assert ladder.addon_form(db, mfa, TODAY) == ladder.AddOnForm(
        "MFA", "MFA everywhere", "per_seat", 600, 200, "optimize"
    )


# -- retiring and deleting -------------------------------------------------------------------------


def test_retire_and_offer_again(db: Database, shop: dict[str, int]) -> None:
    assert ladder.set_active(db, "tier", shop["Core"], False).message == "Retired: tier Core"
    with db.read() as conn:
        assert conn.execute(sa.text(f"SELECT active FROM tier WHERE id = {shop['Core']}")).scalar() == 0
    with pytest.raises(Conflict, match="retired already"):
        ladder.set_active(db, "tier", shop["Core"], False)
    assert ladder.set_active(db, "addon", shop["Backup"], False).message == "Retired: add-on Backup"
    ladder.set_active(db, "tier", shop["Core"], True)
    assert client_mrr_on(db, shop["osaka"], TODAY) == 150_000  # the clients keep what they have


def test_only_an_unused_item_is_deleted(db: Database, shop: dict[str, int]) -> None:
    before = state(db)
    with pytest.raises(Conflict, match="retire it instead"):
        ladder.delete_item(db, "tier", shop["Core"])
    with pytest.raises(Conflict, match="retire it instead"):
        ladder.delete_item(db, "addon", shop["Backup"])
    assert state(db) == before
    changes = ladder.delete_item(db, "tier", shop["Premium"])  # nobody was ever on it
    assert changes.message == "Deleted tier Premium"
    with db.read() as conn:
        assert (
            conn.execute(
                sa.text(f"SELECT count(*) FROM response_target WHERE tier_id = {shop['Premium']}")
            ).scalar()
            == 0
        )
    revert(db, changes.journal, "Undone")  # type: ignore[arg-type]
    assert state(db) == before


# -- list-price changes ----------------------------------------------------------------------------


def test_existing_clients_too_reprices_from_the_date_not_before(db: Database, shop: dict[str, int]) -> None:
    changes = ladder_prices.change_list_price(db, "tier", shop["Core"], 14_500, 7_000, MARCH, existing=True)
    assert changes.message == "Core: $145.00 from Mar 1, 2026, 2 existing clients repriced"
    assert changes.clients == {shop["osaka"], shop["kestrel"]}
    assert len(changes.inserted("contract_line")) == len(changes.updated("contract_line")) == 2
    feb, mar = dt.date(2026, 2, 28), dt.date(2026, 3, 31)
    assert client_mrr_on(db, shop["osaka"], feb) == 150_000  # before the date: unchanged
    assert client_mrr_on(db, shop["osaka"], mar) == 160_000  # 10 x $145 + Backup 10 x $15
    assert client_mrr_on(db, shop["kestrel"], mar) == 58_000
    assert client_mrr_on(db, shop["summit"], mar) == 140_000  # Growth: untouched
    with db.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT unit_cost_cents, start_date, end_date, change FROM contract_line WHERE client_id = :c AND kind = 'tier' ORDER BY id"
            ),
            {"c": shop["osaka"]},
        ).all()
    assert [tuple(r) for r in rows] == [
        (6_500, "2025-06-01", "2026-02-28", "start"),
        (7_000, "2026-03-01", None, "price"),
    ]


def test_without_existing_clients_they_keep_their_price_and_new_ones_pay_the_new(
    db: Database, shop: dict[str, int]
) -> None:
    ladder_prices.change_list_price(db, "tier", shop["Core"], 14_500, 6_500, MARCH)
    early, late = make_client(db, "Zoë Müller Design"), make_client(db, "Lakeside Vet Clinic")
    ledger.start_client(db, early, shop["Core"], 5, dt.date(2026, 2, 15))  # before the date: old price
    ledger.start_client(db, late, shop["Core"], 5, dt.date(2026, 3, 5))
    june = dt.date(2026, 6, 30)
    assert client_mrr_on(db, shop["osaka"], june) == 150_000
    assert client_mrr_on(db, early, june) == 67_500
    assert client_mrr_on(db, late, june) == 72_500
    assert ladder.tier_form(db, shop["Core"], TODAY).price_cents == 13_500  # listed today
    assert ladder.tier_form(db, shop["Core"], MARCH).price_cents == 14_500


def test_an_earlier_change_reprices_only_until_the_next_one(db: Database, shop: dict[str, int]) -> None:
    ladder_prices.change_list_price(db, "tier", shop["Core"], 14_500, 6_500, MARCH)
    ladder_prices.change_list_price(
        db, "tier", shop["Core"], 14_000, 6_500, dt.date(2026, 2, 1), existing=True
    )
    assert client_mrr_on(db, shop["kestrel"], dt.date(2026, 1, 31)) == 54_000
    assert client_mrr_on(db, shop["kestrel"], dt.date(2026, 5, 31)) == 56_000  # 4 x $140
    newcomer = make_client(db, "Lakeside Vet Clinic")
    ledger.start_client(db, newcomer, shop["Core"], 2, dt.date(2026, 2, 20))
    assert client_mrr_on(db, newcomer, dt.date(2026, 2, 28)) == 28_000
    ledger.churn(db, newcomer, dt.date(2026, 3, 10), "closed")
    ledger.reactivate(db, newcomer, shop["Core"], 2, dt.date(2026, 4, 1))
    assert client_mrr_on(db, newcomer, dt.date(2026, 4, 30)) == 29_000  # March's price


def test_a_price_edited_in_the_form_lists_from_today(db: Database, shop: dict[str, int]) -> None:
    form = dataclasses.replace(ladder.addon_form(db, shop["Backup"], TODAY), price_cents=1_800)
    assert ladder.update_addon(db, shop["Backup"], form, TODAY).message == (
        "Saved add-on Backup: $18.00 for new clients from Feb 10, 2026"
    )
    assert client_mrr_on(db, shop["osaka"], dt.date(2026, 3, 31)) == 150_000  # kept
    newcomer = make_client(db, "Lakeside Vet Clinic")
    ledger.start_client(db, newcomer, shop["Core"], 2, dt.date(2026, 1, 5), [shop["Backup"]])  # backdated
    ledger.add_addon(db, shop["kestrel"], shop["Backup"], TODAY)
    assert client_mrr_on(db, newcomer, TODAY) == 2 * 13_500 + 2 * 1_500
    assert client_mrr_on(db, shop["kestrel"], TODAY) == 4 * 13_500 + 4 * 1_800


def test_an_unused_item_just_takes_the_price(db: Database, shop: dict[str, int]) -> None:
    form = dataclasses.replace(ladder.tier_form(db, shop["Premium"], TODAY), price_cents=25_000)
    ladder.update_tier(db, shop["Premium"], form, TODAY)
    with db.read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM price_change")).scalar() == 0
        assert (
            conn.execute(sa.text(f"SELECT price_cents FROM tier WHERE id = {shop['Premium']}")).scalar()
            == 25_000
        )


def test_nothing_to_change_is_refused(db: Database, shop: dict[str, int]) -> None:
    error = error_of(lambda: ladder_prices.change_list_price(db, "tier", shop["Core"], 13_500, 6_500, MARCH))
    assert error.field == "price" and "listed from Mar 1, 2026 already" in error.reason
    assert (
        error_of(lambda: ladder_prices.change_list_price(db, "tier", shop["Core"], -1, 6_500, MARCH)).field
        == "price"
    )


def test_a_line_starting_after_the_date_gets_the_new_price_too(db: Database, shop: dict[str, int]) -> None:
    later = make_client(db, "Lakeside Vet Clinic")
    ledger.start_client(db, later, shop["Core"], 3, dt.date(2026, 4, 1))
    ladder_prices.change_list_price(db, "tier", shop["Core"], 14_500, 6_500, MARCH, existing=True)
    assert client_mrr_on(db, later, dt.date(2026, 4, 30)) == 43_500


# -- the preview -----------------------------------------------------------------------------------


def test_the_preview_works_out_the_mrr_effect_and_saves_nothing(db: Database, shop: dict[str, int]) -> None:
    before = state(db)
    preview = ladder_prices.preview_price_change(
        db, "tier", shop["Core"], 14_500, 7_000, MARCH, existing=True
    )
    # Ōsaka Dental $1,500 + Kestrel $540 = $2,040; after: 10 x $145 + $150 + 4 x $145 = $2,180.
    assert (preview.clients, preview.mrr_before_cents, preview.mrr_after_cents, preview.delta_cents) == (
        2,
        204_000,
        218_000,
        14_000,
    )
    assert preview.text() == "2 clients, MRR $2,040 → $2,180 from Mar 1, 2026 (+$140)"
    kept = ladder_prices.preview_price_change(db, "tier", shop["Core"], 14_500, 7_000, MARCH)
    assert kept.text() == (
        "New clients from Mar 1, 2026 pay $145.00 (listed $135.00). 2 existing clients keep their price (MRR $2,040)."
    )
    cut = ladder_prices.preview_price_change(db, "addon", shop["Backup"], 1_250, 600, MARCH, existing=True)
    assert cut.text() == "1 client, MRR $1,500 → $1,475 from Mar 1, 2026 (−$25)"
    assert state(db) == before


def test_a_price_change_is_undone_exactly(db: Database, shop: dict[str, int]) -> None:
    before = state(db)
    changes = ladder_prices.change_list_price(db, "tier", shop["Core"], 14_500, 7_000, MARCH, existing=True)
    after = state(db)
    undone = revert(db, changes.journal, "Undone")  # type: ignore[arg-type]
    assert state(db) == before
    revert(db, undone.journal, "Redone")  # type: ignore[arg-type]
    assert state(db) == after
