"""The Ladder page driven as a user would: rungs and add-ons read from the cards, edits through
the forms (errors beside the field, nothing saved), dated price changes previewed, and undo."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder, table_rows
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
)

from msp_desk.services.accounts import ledger
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.services.ladder import editing as ladder
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.context import PageContext
from msp_desk.ui.edits import Edits
from msp_desk.ui.ladder.item_dialogs import AddOnDialog, TierDialog
from msp_desk.ui.ladder.page import LadderPage
from msp_desk.ui.ladder.price_dialog import PriceDialog

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),  # a Qt warning is a failed test ...
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),  # ... except the offscreen plugin's
]

TODAY = dt.date(2026, 2, 10)
TABLES = ("tier", "response_target", "addon", "price_change", "contract_line")


def state(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables a ladder edit writes, the stamps left out."""
    return table_rows(db, TABLES)


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    """Ōsaka Dental on Core x 10 with Backup ($1,500), Kestrel on Core x 4 ($540)."""
    found = make_ladder(db)
    found["osaka"] = make_client(db, "Ōsaka Dental")
    found["kestrel"] = make_client(db, "Kestrel Insurance")
    ledger.start_client(db, found["osaka"], found["Core"], 10, dt.date(2025, 6, 1), [found["Backup"]])
    ledger.start_client(db, found["kestrel"], found["Core"], 4, dt.date(2025, 9, 1))
    return found


@pytest.fixture
def edits(db: Database, qtbot) -> Edits:  # type: ignore[no-untyped-def]
    return Edits(db)


@pytest.fixture
def page(db: Database, ids: dict[str, int], edits: Edits, qtbot) -> LadderPage:  # type: ignore[no-untyped-def]
    widget = LadderPage(PageContext(db, TODAY, edits))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, page: LadderPage, name: str) -> None:  # type: ignore[no-untyped-def]
    button = page.findChild(QAbstractButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, dialog: QDialog, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = dialog.findChild(QLineEdit, name)
    edit.clear()
    qtbot.keyClicks(edit, text)


def shown_errors(dialog: QDialog) -> dict[str, str]:
    return {
        label.objectName().removeprefix("error_"): label.text()
        for label in dialog.findChildren(QLabel)
        if label.objectName().startswith("error_") and not label.isHidden()
    }


def card_text(page: LadderPage, name: str) -> str:
    return page.findChild(QLabel, name).text()


def test_the_rungs_show_in_rank_order_with_price_targets_and_who_is_on_them(
    page: LadderPage, ids: dict[str, int]
) -> None:
    assert [card.item.name for card in page.rung_cards.values()] == ["Starter", "Core", "Growth", "Premium"]
    core = f"rung_{ids['Core']}"
    assert card_text(page, f"{core}_name") == "Core"
    assert card_text(page, f"{core}_rank") == "2"
    assert card_text(page, f"{core}_price_text") == "$135.00"
    assert card_text(page, f"{core}_price_unit") == "per seat a month"
    # $1,500 + $540 = $2,040 a month; cost 10 x $65 + 10 x $6 + 4 x $65 = $970: margin 52.5%
    assert [card_text(page, f"{core}_{k}") for k in ("clients", "mrr", "margin")] == ["2", "$2,040", "52.5%"]
    assert (
        card_text(page, f"{core}_P1_first") == "30 min" and card_text(page, f"{core}_P1_resolution") == "4 h"
    )
    assert card_text(page, f"{core}_P2_first") == "—"
    starter = f"rung_{ids['Starter']}"
    assert [card_text(page, f"{starter}_{k}") for k in ("clients", "mrr", "margin")] == ["0", "$0", "—"]
    assert (
        page.findChild(QLabel, "ladder_summary").text()
        == "2 clients on the ladder · MRR $2,040 · 4 rungs and 3 add-ons offered"
    )


def test_moves_up_the_ladder_are_summed_up(db: Database, ids: dict[str, int], edits: Edits, qtbot) -> None:  # type: ignore[no-untyped-def]
    zoe = make_client(db, "Zoë Müller Design")
    ledger.start_client(db, zoe, ids["Starter"], 3, dt.date(2025, 5, 1))
    ledger.change_tier(db, zoe, ids["Growth"], dt.date(2025, 8, 1))  # within 6 months of her start
    page = LadderPage(PageContext(db, TODAY, edits))
    qtbot.addWidget(page)
    # Cohorts complete by Feb 10, 2026: May 2025 (Zoë, moved up) and June 2025 (Ōsaka Dental).
    assert page.findChild(QLabel, "ladder_moves").text() == (
        "Last 12 months: 1 upgrade, 0 downgrades · 50% of the clients who started May 2025–Jun 2025 "
        "moved up within 6 months"
    )
    months = page.findChild(QTableWidget, "moves_by_month")  # Feb 2025 .. Jan 2026
    headers = [months.horizontalHeaderItem(c).text() for c in range(months.columnCount())]
    august = headers.index("Aug")
    assert [months.item(0, c).text() for c in range(months.columnCount())] == [
        "1" if c == august else "0" for c in range(12)
    ]
    cohorts = page.findChild(QTableWidget, "start_cohorts")
    rows = [[cohorts.item(r, c).text() for c in range(4)] for r in range(cohorts.rowCount())]
    assert ["May 2025", "1", "1", "100%"] in rows and ["Jun 2025", "1", "0", "0%"] in rows


def test_addons_are_grouped_by_growth_stage(page: LadderPage, ids: dict[str, int]) -> None:
    assert page.stage_of(ids["Backup"]) == "protect"
    assert page.stage_of(ids["Endpoint security"]) == "protect"
    assert page.stage_of(ids["vCIO sessions"]) == "scale"
    backup = f"addon_{ids['Backup']}"
    assert card_text(page, f"{backup}_price_text") == "$15.00 per seat a month"
    assert card_text(page, f"{backup}_figures") == "1 client · MRR $150 · margin 60.0%"
    assert card_text(page, f"addon_{ids['vCIO sessions']}_price_text") == "$500.00 a month (flat fee)"


def test_a_price_edited_in_the_form_is_saved_and_undone(
    db: Database, page: LadderPage, ids: dict[str, int], edits: Edits, qtbot
) -> None:  # type: ignore[no-untyped-def]
    before = state(db)
    click(qtbot, page, f"rung_{ids['Core']}_edit")
    dialog = page.dialog
    assert isinstance(dialog, TierDialog) and dialog.isVisible()
    assert dialog.findChild(QLineEdit, "tier_price").text() == "135.00"
    type_into(qtbot, dialog, "tier_price", "145.00")
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "save"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert ladder.tier_form(db, ids["Core"], TODAY).price_cents == 14_500
    assert card_text(page, f"rung_{ids['Core']}_price_text") == "$145.00"
    assert client_mrr_on(db, ids["osaka"], TODAY) == 150_000  # existing clients keep their price
    assert edits.stack.count() == 1

    edits.stack.undo()
    assert state(db) == before
    assert card_text(page, f"rung_{ids['Core']}_price_text") == "$135.00"


@pytest.mark.parametrize(
    ("field", "text", "error", "message"),
    [
        ("tier_price", "-5", "price", "“-5”: the amount must not be negative"),
        ("tier_price", "lots", "price", "“lots” is not an amount of money in en_US: write it like 1,250.50"),
        ("tier_cost", "", "cost", "enter an amount, e.g. 1,250.50"),
        ("tier_name", "   ", "name", "must not be empty"),
        ("tier_name", "growth", "name", "another tier is called growth"),
        ("target_P1_resolution", "10", "P1_target", "must not be shorter than the first-response target"),
        (
            "target_P3_first_response",
            "soon",
            "P3_target",
            "'soon': write minutes (30), hours (4 h) or days (2 d)",
        ),
    ],
)
def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(
    db: Database, page: LadderPage, ids: dict[str, int], edits: Edits, qtbot, field, text, error, message
) -> None:  # type: ignore[no-untyped-def]
    before = state(db)
    click(qtbot, page, f"rung_{ids['Core']}_edit")
    dialog = page.dialog
    type_into(qtbot, dialog, field, text)
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "save"), Qt.MouseButton.LeftButton)
    assert shown_errors(dialog) == {error: message}
    assert dialog.isVisible()
    assert state(db) == before and edits.stack.count() == 0


def test_the_tier_form_saves_text_inclusions_and_targets(
    db: Database, page: LadderPage, ids: dict[str, int], qtbot
) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, page, f"rung_{ids['Growth']}_edit")
    dialog = page.dialog
    inclusions = dialog.findChild(QPlainTextEdit, "tier_inclusions")
    inclusions.setPlainText("Everything in Core\nQuarterly business review")
    type_into(qtbot, dialog, "target_P2_first_response", "1 h")
    type_into(qtbot, dialog, "target_P2_resolution", "1.5 d")
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "save"), Qt.MouseButton.LeftButton)
    growth = f"rung_{ids['Growth']}"
    assert card_text(page, f"{growth}_inclusions") == "• Everything in Core\n• Quarterly business review"
    assert (
        card_text(page, f"{growth}_P2_first") == "1 h"
        and card_text(page, f"{growth}_P2_resolution") == "36 h"
    )
    assert ladder.tier_form(db, ids["Growth"], TODAY).targets["P2"] == (60, 2160)


def test_a_price_change_is_previewed_before_it_is_applied(
    db: Database, page: LadderPage, ids: dict[str, int], edits: Edits, qtbot
) -> None:  # type: ignore[no-untyped-def]
    before = state(db)
    click(qtbot, page, f"rung_{ids['Core']}_price")
    dialog = page.dialog
    assert isinstance(dialog, PriceDialog)
    preview = dialog.findChild(QLabel, "price_preview")
    type_into(qtbot, dialog, "price", "145.00")
    dialog.findChild(QDateEdit, "effective_date").setDate(QDate(2026, 3, 1))
    qtbot.waitUntil(lambda: preview.text().startswith("New clients"))
    assert preview.text() == (
        "New clients from Mar 1, 2026 pay $145.00 (listed $135.00). 2 existing clients keep their price (MRR $2,040)."
    )
    qtbot.mouseClick(dialog.findChild(QCheckBox, "existing_clients"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.text().startswith("2 clients"))
    assert preview.text() == "2 clients, MRR $2,040 → $2,180 from Mar 1, 2026 (+$140)"
    assert state(db) == before  # previewing saved nothing

    qtbot.mouseClick(dialog.findChild(QAbstractButton, "apply"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert client_mrr_on(db, ids["osaka"], dt.date(2026, 2, 28)) == 150_000
    assert client_mrr_on(db, ids["osaka"], dt.date(2026, 3, 31)) == 160_000
    core = f"rung_{ids['Core']}"
    assert card_text(page, f"{core}_price_text") == "$135.00"  # still listed today
    assert card_text(page, f"{core}_upcoming") == "From Mar 1, 2026: $145.00 (existing clients too)"

    edits.stack.undo()
    assert state(db) == before
    assert page.findChild(QLabel, f"{core}_upcoming") is None


def test_an_unchanged_price_cannot_be_applied(page: LadderPage, ids: dict[str, int], qtbot) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, page, f"addon_{ids['Backup']}_price")
    dialog = page.dialog
    apply = dialog.findChild(QAbstractButton, "apply")
    assert (
        dialog.findChild(QLabel, "price_listed").text()
        == "Listed today: $15.00 per seat a month, direct cost $6.00"
    )
    assert not apply.isEnabled()
    type_into(qtbot, dialog, "price", "-1")
    qtbot.waitUntil(lambda: shown_errors(dialog) == {"price": "“-1”: the amount must not be negative"})
    assert not apply.isEnabled()


def test_retire_offer_again_and_delete_through_the_buttons(
    db: Database, page: LadderPage, ids: dict[str, int], edits: Edits, qtbot
) -> None:  # type: ignore[no-untyped-def]
    before = state(db)
    click(qtbot, page, f"rung_{ids['Core']}_retire")
    assert card_text(page, f"rung_{ids['Core']}_retired") == "Retired"
    assert page.findChild(QLabel, "ladder_summary").text().endswith("3 rungs and 3 add-ons offered")
    click(qtbot, page, f"rung_{ids['Core']}_delete")  # clients have it: refused, explained
    message = page.findChild(QLabel, "ladder_message")
    assert message.isVisible() and message.text() == "Core is on clients' contracts: retire it instead"
    click(qtbot, page, f"rung_{ids['Core']}_restore")
    assert page.findChild(QLabel, f"rung_{ids['Core']}_retired") is None
    edits.stack.undo()
    edits.stack.undo()
    assert state(db) == before
    click(qtbot, page, f"rung_{ids['Premium']}_retire")
    click(qtbot, page, f"rung_{ids['Premium']}_delete")  # nobody ever had it
    assert ids["Premium"] not in page.rung_cards


def test_a_new_addon_lands_in_its_stage(db: Database, page: LadderPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, page, "new_addon")
    dialog = page.dialog
    assert isinstance(dialog, AddOnDialog)
    type_into(qtbot, dialog, "addon_name", "Compliance reporting")
    dialog.findChild(QPlainTextEdit, "addon_description").setPlainText("Monthly evidence report")
    stage = dialog.findChild(QComboBox, "addon_stage")
    stage.setCurrentIndex(stage.findData("optimize"))
    model = dialog.findChild(QComboBox, "addon_price_model")
    model.setCurrentIndex(model.findData("flat"))
    type_into(qtbot, dialog, "addon_price", "450")
    type_into(qtbot, dialog, "addon_cost", "180")
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "save"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with db.read() as conn:
        new_id = conn.execute(
            sa.text("SELECT id FROM addon WHERE name = 'Compliance reporting'")
        ).scalar_one()
    assert page.stage_of(new_id) == "optimize"
    assert card_text(page, f"addon_{new_id}_price_text") == "$450.00 a month (flat fee)"


def test_words_follow_the_shop_kind(db: Database, ids: dict[str, int], edits: Edits, qtbot) -> None:  # type: ignore[no-untyped-def]
    save_settings(db, kind="va")
    ladder.add_tier(
        db,
        ladder.TierForm("VA Growth", price_model="per_hours_block", price_cents=45_000, hours_per_block=10),
    )
    page = LadderPage(PageContext(db, TODAY, edits))
    qtbot.addWidget(page)
    assert card_text(page, f"rung_{ids['Core']}_price_unit") == "per hour a month"
    top = max(page.rung_cards)
    assert card_text(page, f"rung_{top}_price_unit") == "per 10-hour block a month"
