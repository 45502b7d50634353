"""A shop with no rungs is offered its kind's default ladder on the Ladder page: one click sets it
up (undoable), and the rungs show in its place."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.context import PageContext
from msp_desk.ui.edits import Edits
from msp_desk.ui.ladder.page import LadderPage

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TODAY = dt.date(2026, 11, 20)


def open_page(db: Database, qtbot) -> tuple[LadderPage, Edits]:  # type: ignore[no-untyped-def]
    edits = Edits(db)
    page = LadderPage(PageContext(db, TODAY, edits))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page, edits


@pytest.mark.parametrize(
    ("kind", "rungs", "unit"),
    [
        ("msp", ["Starter", "Core", "Growth", "Premium"], "per seat a month"),
        ("va", None, "block of hours"),
    ],
)
def test_an_empty_ladder_offers_the_default_and_one_click_sets_it_up(
    db: Database, qtbot, kind: str, rungs: list[str] | None, unit: str
) -> None:  # type: ignore[no-untyped-def]
    save_settings(db, name="New shop", kind=kind)
    page, edits = open_page(db, qtbot)
    qtbot.waitUntil(lambda: page.data is not None)
    assert page.rung_cards == {}
    assert page.offer.isVisible()
    assert unit in page.offer.text.text()
    if rungs is not None:  # it says what the default holds
        assert "Starter, Core, Growth and Premium per seat a month" in page.offer.text.text()

    qtbot.mouseClick(page.offer.set_up_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: len(page.rung_cards) == 4)
    names = [card.item.name for card in page.rung_cards.values()]
    if rungs is not None:
        assert names == rungs
    assert not page.offer.isVisible()
    assert page.addon_cards  # the add-ons came with it

    edits.stack.undo()  # the set-up is one undoable edit
    qtbot.waitUntil(lambda: not page.rung_cards)
    assert page.offer.isVisible()


def test_a_ladder_with_rungs_offers_nothing(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    from factories import make_ladder

    make_ladder(db)
    page, _edits = open_page(db, qtbot)
    qtbot.waitUntil(lambda: bool(page.rung_cards))
    assert not page.offer.isVisible()
