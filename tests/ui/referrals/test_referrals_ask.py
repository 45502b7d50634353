"""Asking for referrals, driven as a user would: the Ask-now list, the record-an-ask dialog, the asks
log and the scripts library. Writes go through the undo stack; errors show beside the field with
nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from msp_desk.demo.shops import build_demo
from msp_desk.domain.contracts import ProjectRevenue
from msp_desk.domain.referrals import Partner
from msp_desk.domain.reviews import QbrMeeting
from msp_desk.domain.tickets import Ticket
from msp_desk.services.accounts import ledger
from msp_desk.services.clients import editing as clients
from msp_desk.services.ladder.defaults import install_default_ladder
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext
from msp_desk.ui.edits import Edits
from msp_desk.ui.referrals.ask_dialog import RecordAskDialog
from msp_desk.ui.referrals.ask_now import AskNowPanel
from msp_desk.ui.referrals.asks_log import AsksLog
from msp_desk.ui.referrals.scripts import ScriptsLibrary

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]

D = dt.date
TODAY = D(2026, 11, 23)


def rows(db: Database, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def cells(view, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def error_at(widget: QWidget, key: str) -> str:
    label = widget.findChild(QLabel, f"error_{key}")
    assert label is not None, key
    return label.text() if label.isVisibleTo(widget) else ""


def choose(combo, value: object) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def shown(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def edits(db: Database) -> Edits:
    return Edits(db)


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    """Northwind IT with the built-in scripts and two clients on Core, 10 seats, since 2025-01-01
    (tenure 10 points each), satisfaction 9 (20), a positive QBR on 13 Nov (20), never asked (10):

    - Ōsaka Dental (decision maker Zoë Müller): 3 tickets in 90 days, all within SLA, 0.10 a
      seat a month; a project delivered on 18 Nov (recent win 10).
    - Brennan Law: 30 tickets, none within SLA, 1.00 a seat a month; a project on 20 Nov (10).

    Shop median of 0.10 and 1.00 = 0.55: Ōsaka's tickets (15) and SLA (15) count, Brennan's
    don't. Ōsaka 20+20+15+15+10+10+10 = 100; Brennan 20+20+0+0+10+10+10 = 70 = the threshold."""
    save_settings(db, name="Northwind IT")
    ids = make_ladder(db)
    install_default_ladder(db, "msp")  # the ladder exists: only the scripts are added
    found = {}
    for name, tickets, met in (("Ōsaka Dental", 3, True), ("Brennan Law", 30, False)):
        cid = make_client(db, name, industry="Dental" if "Dental" in name else "Legal", satisfaction=9)
        ledger.start_client(db, cid, ids["Core"], 10, D(2025, 1, 1))
        found[name] = cid
        with db.unit_of_work() as session:
            session.add(QbrMeeting(client_id=cid, day=D(2026, 11, 13), outcome="positive"))
            session.add(
                ProjectRevenue(client_id=cid, day=D(2026, 11, 18 if met else 20), amount_cents=90_000)
            )
            for k in range(tickets):
                opened = dt.datetime(2026, 10, 1, 9) + dt.timedelta(hours=k)
                session.add(
                    Ticket(
                        client_id=cid,
                        opened_at=opened,
                        resolved_at=opened + dt.timedelta(hours=1),
                        sla_met=met,
                    )
                )
    clients.add_contact(db, found["Ōsaka Dental"], "Ann Office")
    clients.add_contact(
        db, found["Ōsaka Dental"], "Zoë Müller", email="zoe@osaka.example", decision_maker=True
    )
    with db.unit_of_work() as session:
        session.add(Partner(name="Dana Whitfield", kind="cpa", last_touch=D(2026, 8, 1)))
    return found


def test_record_an_ask_from_the_ask_now_list_then_undo(db: Database, edits: Edits, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ōsaka (100) tops the list above Brennan (70). Its ask, 2 names on 23 Nov, makes a follow-up
    due 23 + 7 = 30 Nov; asked today, Ōsaka leaves the list. Undo removes the ask and the task."""
    panel = shown(qtbot, AskNowPanel(PageContext(db, TODAY, edits)))
    log = shown(qtbot, AsksLog(PageContext(db, TODAY, edits)))
    assert cells(panel.view, 0) == ["Ōsaka Dental", "Brennan Law"]
    assert cells(panel.view, 1) == ["100", "70"]
    assert cells(panel.view, 2)[0] == "Zoë Müller"
    assert "QBR went well Nov 13, 2026" in cells(panel.view, 3)[0]
    assert "Project delivered Nov 18, 2026" in cells(panel.view, 3)[0]
    factors = cells(panel.view, 4)[0]
    assert "✓ Satisfaction 9/10 (20/20)" in factors
    assert "✓ 0.10 tickets a seat a month over 90 days vs shop median 0.55 (15/15)" in factors
    assert "✓ Never asked for a referral (10/10)" in factors
    assert "Client for 22 months" in panel.factors.text()
    assert cells(panel.partner_view, 0) == ["Dana Whitfield"]
    assert cells(panel.partner_view, 3) == ["Aug 1, 2026 (114 days ago)"]
    assert log.stack.is_empty

    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.who.currentText() == "Ōsaka Dental"
    assert dialog.contact.currentText() == "Zoë Müller"
    assert dialog.script.currentText() == "Referral ask"
    preview = dialog.preview.toPlainText()
    assert preview.startswith("Zoë Müller, as you can imagine, Northwind IT gets a lot of its business")
    assert "the work we've delivered to Ōsaka Dental" in preview
    choose(dialog.outcome, "names_given")
    dialog.names.setValue(2)
    assert dialog.follow_up.date().toPython() == D(2026, 11, 30)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert rows(db, "SELECT client_id, day, result, names_given, follow_up_on FROM referral_ask") == [
        (shop["Ōsaka Dental"], "2026-11-23", "names_given", 2, "2026-11-30")
    ]
    assert rows(db, "SELECT kind, due_on, client_id FROM task") == [
        ("follow_up", "2026-11-30", shop["Ōsaka Dental"])
    ]
    assert cells(log.view, 1) == ["Ōsaka Dental (Zoë Müller)"]
    assert cells(log.view, 2) == ["Referral ask"]
    assert cells(log.view, 4) == ["Names given"]
    assert cells(log.view, 5) == ["2"]
    assert cells(log.view, 6) == ["Nov 30, 2026"]
    assert cells(panel.view, 0) == ["Brennan Law"]  # asked today: not again for 90 days

    edits.stack.undo()
    assert rows(db, "SELECT id FROM referral_ask") == rows(db, "SELECT id FROM task") == []
    assert log.stack.is_empty
    assert cells(panel.view, 0) == ["Ōsaka Dental", "Brennan Law"]


def test_a_no_is_flagged_in_the_log_and_the_filter_finds_it(db: Database, edits: Edits, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    log = shown(qtbot, AsksLog(PageContext(db, TODAY, edits)))
    qtbot.mouseClick(log.record_button, Qt.MouseButton.LeftButton)
    dialog = log.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    choose(dialog.who, f"client:{shop['Brennan Law']}")
    choose(dialog.outcome, "no")
    assert dialog.follow_up.date().toPython() == D(2026, 11, 30)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert cells(log.view, 4) == ["⚑ No: look into the relationship"]
    assert log.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == theme.color("error")
    assert "said no" in log.caption.text()
    assert rows(db, "SELECT title FROM task") == [
        ("Look into the relationship with Brennan Law: they said no to a referral ask",)
    ]
    choose(log.filter, "declined")
    assert log.stack.is_empty
    choose(log.filter, "no")
    assert cells(log.view, 1) == ["Brennan Law"]


def test_names_given_with_no_names_is_refused_beside_the_field(
    db: Database, edits: Edits, shop, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """Also: the follow-up follows the result until the owner sets it (declined: 23 Nov + 30)."""
    dialog = shown(qtbot, RecordAskDialog(db, TODAY, edits, client_id=shop["Ōsaka Dental"]))
    choose(dialog.outcome, "declined")
    assert dialog.follow_up.date().toPython() == D(2026, 12, 23)
    choose(dialog.outcome, "names_given")
    dialog.names.setValue(0)
    assert dialog.apply() is False
    assert error_at(dialog, "names_given") == "How many names did they give? (at least 1)"
    assert rows(db, "SELECT id FROM referral_ask") == rows(db, "SELECT id FROM task") == []
    assert dialog.isVisible()
    assert edits.stack.count() == 0


def test_whom_to_ask_is_found_by_typing_part_of_a_name(db: Database, edits: Edits, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, RecordAskDialog(db, TODAY, edits, client_id=shop["Ōsaka Dental"]))
    completer = dialog.who.completer()
    assert dialog.who.isEditable() and completer.filterMode() == Qt.MatchFlag.MatchContains
    completer.setCompletionPrefix("dent")  # the middle of "Ōsaka Dental"
    found = [completer.completionModel().index(n, 0).data() for n in range(completer.completionCount())]
    assert "Ōsaka Dental" in found and all("dent" in name.casefold() for name in found)


def test_an_ask_to_a_partner_touches_the_partner(db: Database, edits: Edits, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = shown(qtbot, AskNowPanel(PageContext(db, TODAY, edits)))
    panel.partner_view.selectRow(0)
    qtbot.mouseClick(panel.partner_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None and dialog.who.currentText() == "Partner: Dana Whitfield"
    choose(dialog.outcome, "declined")
    assert dialog.apply()
    assert rows(db, "SELECT last_touch FROM partner") == [("2026-11-23",)]
    assert panel.partner_stack.is_empty


def test_the_scripts_library_fills_copies_drafts_and_keeps_built_ins(
    db: Database, edits: Edits, shop, qtbot
) -> None:  # type: ignore[no-untyped-def]
    library = shown(qtbot, ScriptsLibrary(PageContext(db, TODAY, edits)))
    assert cells(library.view, 0)[:2] == ["Referral ask", "Specific questions"]
    library.select("Targeted ask (risk walkthrough)")
    assert "[industry]" in library.preview.toPlainText() and "[pain]" in library.preview.toPlainText()
    choose(library.client, shop["Ōsaka Dental"])
    library.pain.setText("ransomware")
    text = library.preview.toPlainText()
    assert text.startswith("Do you know any business owner in Dental who is struggling with ransomware?")
    assert not library.delete_button.isEnabled()
    qtbot.mouseClick(library.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == text
    url = library.email_url()
    assert url.startswith(
        "mailto:zoe@osaka.example?subject=A%20quick%20favour%20from%20Northwind%20IT&body=Do%20you"
    )

    qtbot.mouseClick(library.new_button, Qt.MouseButton.LeftButton)
    library.name.setText("After the QBR")
    assert library.save() is False
    assert error_at(library, "body") == "Must not be empty"
    library.body.setPlainText("Glad the review went well, {contact}.")
    assert library.save()
    assert library.selected().name == "After the QBR"  # type: ignore[union-attr]
    assert library.preview.toPlainText() == "Glad the review went well, Zoë Müller."
    assert library.delete_button.isEnabled()
    qtbot.mouseClick(library.delete_button, Qt.MouseButton.LeftButton)
    assert "After the QBR" not in cells(library.view, 0)
    edits.stack.undo()
    assert "After the QBR" in cells(library.view, 0)


def test_the_demo_shop_has_clients_to_ask_and_a_full_asks_log(db: Database, edits: Edits, qtbot) -> None:  # type: ignore[no-untyped-def]
    build_demo(db, "msp", TODAY)
    panel = shown(qtbot, AskNowPanel(PageContext(db, TODAY, edits)))
    log = shown(qtbot, AsksLog(PageContext(db, TODAY, edits)))
    scores = [int(s) for s in cells(panel.view, 1)]
    assert scores and scores == sorted(scores, reverse=True) and min(scores) >= 70
    assert log.model.rowCount() == rows(db, "SELECT count(*) FROM referral_ask")[0][0]
    dates = [a.day for a in log.asks]
    assert dates == sorted(dates, reverse=True)
