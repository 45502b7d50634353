"""The client detail pane and the new-client dialog, driven as a user would: errors appear beside
the field with nothing saved, edits save through the undo stack, and undo puts the database back."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from msp_desk.domain.values import Month
from msp_desk.services.accounts import ledger
from msp_desk.services.clients import editing as clients
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.clients.detail import TABS, ClientDetail
from msp_desk.ui.clients.mrr_chart import month_ticks_fitting
from msp_desk.ui.clients.new_client_dialog import NewClientDialog
from msp_desk.ui.context import PageContext
from msp_desk.ui.edits import Edits

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),  # a Qt warning is a failed test ...
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),  # ... except the offscreen plugin's
]

TODAY = dt.date(2026, 3, 14)


def rows(db: Database, sql: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(sa.text(sql), params)]


def error_at(widget: QWidget, key: str) -> str:
    """The error shown beside field ``key`` ("" when none is shown)."""
    label = widget.findChild(QLabel, f"error_{key}")
    assert label is not None, key
    return label.text() if label.isVisibleTo(widget) else ""


def cells(view, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


@pytest.fixture
def edits(db: Database) -> Edits:
    return Edits(db)


@pytest.fixture
def pane(db: Database, edits: Edits, qtbot) -> ClientDetail:  # type: ignore[no-untyped-def]
    widget = ClientDetail(PageContext(db, TODAY, edits))
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# -- the new-client dialog --------------------------------------------------------------------------


def test_create_a_client_through_the_dialog_then_undo(db: Database, edits: Edits, qtbot) -> None:  # type: ignore[no-untyped-def]
    referrer = make_client(db, "Kestrel Insurance", status="active")
    dialog = NewClientDialog(db, TODAY, edits)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Zoë Müller Design")  # QTest types ASCII only
    qtbot.keyClicks(dialog.industry, "Design")
    dialog.choose_referrer("Client: Kestrel Insurance")
    assert dialog.channel.currentData() == "referral"  # a referrer implies the channel
    dialog.status.setCurrentIndex(dialog.status.findData("onboarding"))
    with qtbot.waitSignal(dialog.created) as created:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    new = created.args[0]
    assert rows(db, "SELECT name, industry, status, channel FROM client WHERE id = :c", c=new) == [
        ("Zoë Müller Design", "Design", "onboarding", "referral")
    ]
    assert rows(db, "SELECT count(*) FROM task WHERE client_id = :c", c=new) == [(5,)]
    assert rows(db, "SELECT referrer_client_id FROM referral") == [(referrer,)]
    assert edits.stack.count() == 1  # one user action, one undo step
    edits.stack.undo()
    assert rows(db, "SELECT name FROM client") == [("Kestrel Insurance",)]
    assert rows(db, "SELECT count(*) FROM task") == [(0,)]
    assert rows(db, "SELECT count(*) FROM referral") == [(0,)]


def test_the_dialog_shows_a_duplicate_name_beside_the_field_and_saves_nothing(  # type: ignore[no-untyped-def]
    db: Database, edits: Edits, qtbot
) -> None:
    make_client(db, "Ōsaka Dental")
    dialog = NewClientDialog(db, TODAY, edits)
    qtbot.addWidget(dialog)
    dialog.show()
    assert error_at(dialog, "name") == ""
    dialog.name.setText("ōsaka dental")  # QTest types ASCII only
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert error_at(dialog, "name") == "A client named 'Ōsaka Dental' already exists (names ignore case)"
    assert dialog.isVisible()  # still open, to fix the name
    assert rows(db, "SELECT count(*) FROM client") == [(1,)]
    assert edits.stack.count() == 0
    dialog.name.setText("Ōsaka Dental Studio")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert error_at(dialog, "name") == ""
    assert rows(db, "SELECT name, status FROM client ORDER BY id") == [
        ("Ōsaka Dental", "prospect"),
        ("Ōsaka Dental Studio", "prospect"),
    ]


def test_picking_a_referral_fills_in_the_company(db: Database, edits: Edits, qtbot) -> None:  # type: ignore[no-untyped-def]
    from msp_desk.domain.referrals import Referral

    referrer = make_client(db, "Kestrel Insurance", status="active")
    with db.unit_of_work() as session:
        session.add(
            Referral(
                company="Harbor Dental", industry="Dental", referrer_client_id=referrer, received_on=TODAY
            )
        )
    dialog = NewClientDialog(db, TODAY, edits)
    qtbot.addWidget(dialog)
    dialog.choose_referrer("Referral: Harbor Dental")
    assert (dialog.name.text(), dialog.industry.text(), dialog.channel.currentData()) == (
        "Harbor Dental",
        "Dental",
        "referral",
    )
    assert dialog.submit()
    assert rows(db, "SELECT r.client_id = c.id FROM referral r, client c WHERE c.name = 'Harbor Dental'") == [
        (1,)
    ]


# -- the profile ---------------------------------------------------------------------------------


def test_a_profile_error_shows_at_the_field_and_nothing_is_saved(
    db: Database, pane: ClientDetail, qtbot
) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(db, "Kestrel Insurance", industry="Insurance")
    pane.show_client(client_id)
    form = pane.profile
    form.industry.setText("Insurance brokers")
    form.satisfaction.setText("11")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert error_at(form, "satisfaction") == "Must be between 0 and 10 (got 11)"
    assert error_at(form, "industry") == ""
    assert rows(db, "SELECT industry, satisfaction FROM client") == [("Insurance", None)]

    form.satisfaction.setText("8")
    form.employees.setText("forty")  # not a number: refused before the service is called
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert error_at(form, "satisfaction") == ""
    assert error_at(form, "employees") == "“forty” is not a whole number like 1,200"
    assert rows(db, "SELECT industry, satisfaction, employees FROM client") == [("Insurance", None, None)]


def test_save_the_profile_with_ctrl_s_then_undo(
    db: Database, pane: ClientDetail, edits: Edits, qtbot
) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(db, "Kestrel Insurance", industry="Insurance")
    pane.show_client(client_id)
    form = pane.profile
    form.employees.setText("1,200")
    form.acquisition_cost.setText("$2,500.50")
    form.channel.setCurrentIndex(form.channel.findData("partner"))
    form.satisfaction.setText("9")
    form.satisfaction.setFocus()
    qtbot.keyClick(form.satisfaction, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert rows(db, "SELECT employees, acquisition_cost_cents, channel, satisfaction FROM client") == [
        (1200, 250_050, "partner", 9)
    ]
    assert form.saved.text() == "Saved"
    assert form.acquisition_cost.text() == "2,500.50"  # re-read as stored
    edits.stack.undo()
    assert rows(db, "SELECT employees, acquisition_cost_cents, channel, satisfaction FROM client") == [
        (None, None, None, None)
    ]
    assert (form.employees.text(), form.satisfaction.text(), form.channel.currentText()) == ("", "", "—")


def test_an_unsaved_profile_edit_survives_another_edit_of_the_client(
    db: Database, pane: ClientDetail, qtbot
) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(db, "Kestrel Insurance", industry="Insurance")
    pane.show_client(client_id)
    pane.profile.industry.setText("Insurance brokers")  # typed, not saved
    pane.show_tab("notes")
    qtbot.keyClicks(pane.notes.text, "Moving offices in June")
    qtbot.mouseClick(pane.notes.add_button, Qt.MouseButton.LeftButton)
    assert pane.profile.industry.text() == "Insurance brokers"
    assert pane.profile.changed_values() == {"industry": "Insurance brokers"}


def test_seats_of_a_running_client_are_read_only_and_words_follow_the_shop(  # type: ignore[no-untyped-def]
    db: Database, pane: ClientDetail, qtbot
) -> None:
    ids = make_ladder(db)
    client_id = make_client(db, "Kestrel Insurance")
    ledger.start_client(db, client_id, ids["Core"], 10, dt.date(2026, 1, 1))
    pane.show_client(client_id)
    assert pane.profile.seats.isReadOnly()
    assert pane.profile.labels["seats"].text() == "Seats / endpoints"
    assert pane.profile.labels["servers"].isVisible()
    assert pane.tabs.tabText(TABS.index("tickets")) == "Tickets"
    save_settings(db, kind="va")
    pane.reload()
    assert pane.profile.labels["seats"].text() == "Hours a month"
    assert not pane.profile.labels["servers"].isVisible()  # a VA agency runs no servers
    assert pane.tabs.tabText(TABS.index("tickets")) == "Requests"
    assert "10 hours a month" in pane.facts.text()


# -- contacts ---------------------------------------------------------------------------------------


def test_no_contacts_asks_for_the_decision_maker_then_add_one(
    db: Database, pane: ClientDetail, qtbot
) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(db, "Kestrel Insurance")
    pane.show_client(client_id)
    pane.show_tab("contacts")
    empty = pane.findChild(QLabel, "contacts_empty")
    assert empty.isVisible()
    assert empty.text() == "No contacts yet — add the decision maker"
    qtbot.mouseClick(pane.contacts.add_button, Qt.MouseButton.LeftButton)
    dialog = pane.contacts.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name, "Aiko Tanaka")
    dialog.decision_maker.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert rows(db, "SELECT name, decision_maker FROM contact") == [("Aiko Tanaka", 1)]
    assert not empty.isVisible()
    assert cells(pane.contacts.view, 0) == ["Aiko Tanaka"]
    assert pane.tabs.tabText(TABS.index("contacts")) == "Contacts (1)"


def test_edit_a_contact_error_beside_the_field_then_saved_then_undone(  # type: ignore[no-untyped-def]
    db: Database, pane: ClientDetail, edits: Edits, qtbot
) -> None:
    client_id = make_client(db, "Kestrel Insurance")
    clients.add_contact(db, client_id, "Aiko Tanaka", role="Office manager", email="aiko@kestrel.example")
    clients.add_contact(db, client_id, "Ben Ortiz", role="CFO")
    pane.show_client(client_id)
    pane.show_tab("contacts")
    pane.contacts.select("Aiko Tanaka")
    qtbot.mouseClick(pane.contacts.edit_button, Qt.MouseButton.LeftButton)
    dialog = pane.contacts.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.email.text() == "aiko@kestrel.example"
    dialog.email.setText("aiko at kestrel")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert error_at(dialog, "email") == "'aiko at kestrel' is not an email address"
    assert dialog.isVisible()
    assert rows(db, "SELECT email FROM contact WHERE name = 'Aiko Tanaka'") == [("aiko@kestrel.example",)]

    dialog.email.setText("aiko@kestrel-insurance.example")
    dialog.role.setText("Owner")
    dialog.decision_maker.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert rows(db, "SELECT role, email, decision_maker FROM contact WHERE name = 'Aiko Tanaka'") == [
        ("Owner", "aiko@kestrel-insurance.example", 1)
    ]
    assert cells(pane.contacts.view, 4) == ["✓ Decides", ""]  # the decision maker is listed first
    edits.stack.undo()
    assert rows(db, "SELECT role, email, decision_maker FROM contact WHERE name = 'Aiko Tanaka'") == [
        ("Office manager", "aiko@kestrel.example", 0)
    ]
    assert cells(pane.contacts.view, 4) == ["", ""]


def test_remove_a_contact_and_undo(db: Database, pane: ClientDetail, edits: Edits, qtbot) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(db, "Kestrel Insurance")
    clients.add_contact(db, client_id, "Aiko Tanaka")
    pane.show_client(client_id)
    pane.show_tab("contacts")
    pane.contacts.select("Aiko Tanaka")
    qtbot.mouseClick(pane.contacts.remove_button, Qt.MouseButton.LeftButton)
    assert rows(db, "SELECT count(*) FROM contact") == [(0,)]
    assert pane.findChild(QLabel, "contacts_empty").isVisible()
    edits.stack.undo()
    assert rows(db, "SELECT name FROM contact") == [("Aiko Tanaka",)]
    assert cells(pane.contacts.view, 0) == ["Aiko Tanaka"]


# -- status, notes, tags, history -----------------------------------------------------------------------


def test_the_status_step_starts_onboarding_and_shows_the_checklist(  # type: ignore[no-untyped-def]
    db: Database, pane: ClientDetail, edits: Edits, qtbot
) -> None:
    client_id = make_client(db, "Kestrel Insurance")
    pane.show_client(client_id)
    assert pane.status.text() == "Prospect"
    assert pane.step_button.text() == "Start onboarding"
    assert pane.findChild(QLabel, "tasks_empty").text().startswith("No open tasks")
    qtbot.mouseClick(pane.step_button, Qt.MouseButton.LeftButton)
    assert pane.current_tab() == "tasks"
    assert pane.status.text() == "Onboarding"
    assert pane.step_button.text() == "Mark active"
    assert cells(pane.tasks.view, 0)[0] == "Mar 16, 2026"  # kickoff within two days
    assert cells(pane.tasks.view, 0)[-1] == "Jun 12, 2026"  # the first QBR at 90 days
    assert len(cells(pane.tasks.view, 1)) == 5
    assert "the first step due Mar 16, 2026" in pane.message.text()
    edits.stack.undo()
    assert rows(db, "SELECT status FROM client") == [("prospect",)]
    assert rows(db, "SELECT count(*) FROM task") == [(0,)]
    assert pane.status.text() == "Prospect"
    assert pane.tasks.stack.is_empty
    qtbot.mouseClick(pane.step_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pane.step_button, Qt.MouseButton.LeftButton)
    assert rows(db, "SELECT status, start_date FROM client") == [("active", "2026-03-14")]
    assert not pane.step_button.isVisible()  # what follows is an account action


def test_add_a_note_with_ctrl_enter_and_an_empty_one_is_refused(
    db: Database, pane: ClientDetail, qtbot
) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(db, "Kestrel Insurance")
    pane.show_client(client_id)
    pane.show_tab("notes")
    assert pane.findChild(QLabel, "notes_empty").isVisible()
    qtbot.mouseClick(pane.notes.add_button, Qt.MouseButton.LeftButton)
    assert error_at(pane.notes, "note") == "Write something first"
    qtbot.keyClicks(pane.notes.text, "Hiring two staff in April")
    qtbot.keyClick(pane.notes.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert rows(db, "SELECT body FROM client_note") == [("Hiring two staff in April",)]
    assert error_at(pane.notes, "note") == ""
    assert pane.notes.text.toPlainText() == ""
    assert cells(pane.notes.view, 1) == ["Hiring two staff in April"]


@pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "grabbing the keyboard"
)
def test_tags_saved_as_a_comma_list_complete_existing_ones(
    db: Database, pane: ClientDetail, edits: Edits, qtbot
) -> None:  # type: ignore[no-untyped-def]
    other = make_client(db, "Zoë Müller Design")
    clients.set_tags(db, other, ["referral-ready"])
    client_id = make_client(db, "Kestrel Insurance")
    pane.show_client(client_id)
    pane.show_tab("tags")
    assert "No tags yet" in pane.tags.chips.text()
    qtbot.keyClicks(pane.tags.edit, "co-managed, refe")
    completer = pane.tags.completer
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "referral-ready"
    completer.activated.emit("referral-ready")
    assert pane.tags.edit.text() == "co-managed, referral-ready, "
    qtbot.keyClick(pane.tags.edit, Qt.Key.Key_Return)
    assert rows(
        db,
        "SELECT t.name FROM tag t JOIN client_tag ct ON ct.tag_id = t.id WHERE ct.client_id = :c ORDER BY t.name",
        c=client_id,
    ) == [("co-managed",), ("referral-ready",)]
    assert "co-managed" in pane.tags.chips.text()
    edits.stack.undo()
    assert rows(db, "SELECT count(*) FROM client_tag WHERE client_id = :c", c=client_id) == [(0,)]
    assert pane.tags.edit.text() == ""


def test_contract_lines_timeline_and_tickets_show_the_history(
    db: Database, pane: ClientDetail, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from msp_desk.domain.tickets import Ticket

    ids = make_ladder(db)
    client_id = make_client(db, "Ōsaka Dental")
    ledger.start_client(db, client_id, ids["Core"], 10, dt.date(2025, 12, 1), [ids["Backup"]])
    ledger.change_tier(db, client_id, ids["Growth"], dt.date(2026, 2, 1))
    with db.unit_of_work() as session:
        opened = dt.datetime(2026, 3, 2, 9)
        session.add(Ticket(client_id=client_id, external_id="T-1", subject="Printer", priority="P1",
                           opened_at=opened, resolved_at=opened + dt.timedelta(hours=5), sla_met=False))  # fmt: skip
    pane.show_client(client_id)
    assert pane.facts.text() == "Growth · 10 seats · MRR $1,900.00 a month"
    pane.show_tab("lines")
    assert cells(pane.lines.view, 0) == ["Growth", "Backup", "Core"]
    assert cells(pane.lines.view, 5) == ["$1,750.00", "$150.00", "$1,350.00"]
    assert cells(pane.lines.view, 7) == ["running", "running", "Jan 31, 2026"]
    assert pane.lines.caption.text() == "2 running · 1 ended · MRR today $1,900.00"
    assert pane.lines.chart.values == [150_000, 150_000, 190_000, 190_000]
    assert pane.lines.chart.hover_text(3) == "March 2026\nMRR $1,900.00"
    pane.show_tab("tickets")
    assert cells(pane.tickets.view, 0) == ["T-1"]
    assert cells(pane.tickets.view, 5) == ["5.0 h"]
    assert cells(pane.tickets.view, 6) == ["Missed"]
    assert pane.tickets.caption.text() == "Showing 1 ticket"


def test_undoing_the_creation_of_the_shown_client_empties_the_pane(  # type: ignore[no-untyped-def]
    db: Database, pane: ClientDetail, edits: Edits, qtbot
) -> None:
    assert pane.stack.currentWidget() is pane.empty
    changes = edits.apply(lambda: clients.create_client(db, "Lakeside Vet"))
    pane.show_client(clients.new_client_id(changes))
    assert pane.name.text() == "Lakeside Vet"
    assert pane.facts.text() == "no seats yet · no recurring revenue"
    edits.stack.undo()
    assert pane.client_id is None
    assert pane.stack.currentWidget() is pane.empty


def test_the_timeline_labels_fewer_months_when_the_pane_is_narrow() -> None:
    months = [Month(2023, 12) + n for n in range(36)]
    wide = month_ticks_fitting(months, 900, "en_US")[0]
    narrow = month_ticks_fitting(months, 420, "en_US")[0]
    assert [label for _x, label in wide][-3:] == ["May", "Aug", "Nov"]  # every third month
    assert [label for _x, label in narrow] == ["May 2024", "Nov", "May 2025", "Nov", "May 2026", "Nov"]
