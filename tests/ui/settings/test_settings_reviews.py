"""Settings > Reviews through the widgets: the shop's QBR questions edited and seen in the record
form, a tier's check-in cadence edited and seen in the client's next call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from msp_desk.domain.qbr_schedule import QBR_QUESTIONS
from msp_desk.services.accounts import ledger
from msp_desk.services.reviews.checkins import schedule_check_ins
from msp_desk.services.reviews.questions import qbr_questions
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.settings.page import SettingsPage
from msp_desk.ui.settings.reviews import ReviewsBox

TODAY = dt.date(2028, 2, 1)


@pytest.fixture
def shop(db: Database, qtbot, tmp_path: Path) -> tuple[MainWindow, dict[str, int]]:  # type: ignore[no-untyped-def]
    ids = make_ladder(db)
    ids["Acme"] = make_client(db, "Acme Dental", status="prospect")
    ledger.start_client(db, ids["Acme"], ids["Core"], 10, dt.date(2027, 12, 31))
    schedule_check_ins(db, TODAY)
    main = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main, ids


def reviews_box(main: MainWindow) -> ReviewsBox:
    main.show_page("settings")
    page = main.page("settings")
    assert isinstance(page, SettingsPage)
    return page.reviews


def click(box: ReviewsBox, key: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    button = box.findChild(QPushButton, f"reviews_{key}")
    assert button is not None, key
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_edit_the_question_list_and_the_record_form_asks_it(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    main, ids = shop
    box = reviews_box(main)
    assert box.questions() == list(QBR_QUESTIONS)

    click(box, "add_question", qtbot)  # a new last row, its editor open
    editor = box.question_list.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "Which line-of-business app hurts most?")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.questions()[-1] == "Which line-of-business app hurts most?")
    click(box, "question_up", qtbot)  # now fifth of six
    box.question_list.setCurrentRow(1)
    click(box, "remove_question", qtbot)  # "Are there any big changes going on in your industry?"
    box.question_list.setCurrentRow(0)
    click(box, "question_down", qtbot)
    click(box, "save_questions", qtbot)
    expected = (
        QBR_QUESTIONS[2],
        QBR_QUESTIONS[0],
        QBR_QUESTIONS[3],
        "Which line-of-business app hurts most?",
        QBR_QUESTIONS[4],
    )
    assert box.questions_status.text() == "Saved the QBR questions (5 questions)"
    assert qbr_questions(db) == expected

    main.record_qbr(ids["Acme"])
    dialog = main.clients.detail.qbrs.dialog
    assert dialog is not None and dialog.isVisible()
    asked = [line for line in dialog.questions.toPlainText().splitlines() if not line.startswith("  →")]
    assert tuple(asked) == expected
    dialog.reject()

    box = reviews_box(main)
    click(box, "restore_questions", qtbot)
    assert box.questions() == list(QBR_QUESTIONS)
    assert qbr_questions(db) == expected  # restored in the list; saved only with Save questions
    click(box, "save_questions", qtbot)
    assert qbr_questions(db) == QBR_QUESTIONS
    main.edits.stack.undo()  # the settings' undo puts the shop's own list back, and the box shows it
    assert box.questions() == list(expected)


def test_an_empty_question_list_is_refused_below_it(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    main, _ids = shop
    box = reviews_box(main)
    for _question in QBR_QUESTIONS:
        box.question_list.setCurrentRow(0)
        click(box, "remove_question", qtbot)
    click(box, "save_questions", qtbot)
    assert box.questions_status.text() == (
        "Keep at least one question (Restore seed questions brings back seed 001's)"
    )
    assert qbr_questions(db) == QBR_QUESTIONS


def test_edit_a_cadence_and_the_next_check_in_follows(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    main, ids = shop
    main.show_client(ids["Acme"])
    detail = main.clients.detail
    assert detail is not None
    detail.show_tab("checkins")
    assert detail.checkins.next_call.text() == "Next check-in call due Feb 29, 2028"  # 31 Dec + 60 days

    box = reviews_box(main)
    core = [tier.name for tier in box.tiers].index("Core")
    assert (box.spin(core, "qbr").value(), box.spin(core, "check_in").value()) == (90, 60)
    box.spin(core, "check_in").setValue(45)
    click(box, "save_cadences", qtbot)
    assert box.cadences_status.text() == "Saved the cadences of Core; 1 open task moved to them"

    main.show_client(ids["Acme"])
    detail.show_tab("checkins")
    qtbot.waitUntil(
        lambda: detail.checkins.next_call.text() == "Next check-in call due Feb 14, 2028"
    )  # 31 Dec + 45
    main.edits.stack.undo()
    qtbot.waitUntil(lambda: detail.checkins.next_call.text() == "Next check-in call due Feb 29, 2028")
    reviews_box(main)  # shown again, the table re-reads what the undo put back
    qtbot.waitUntil(lambda: box.spin(core, "check_in").value() == 60)


def test_saving_the_questions_keeps_what_is_typed_elsewhere_on_the_page(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    main, _ids = shop
    box = reviews_box(main)
    page = main.page("settings")
    assert isinstance(page, SettingsPage)
    name = page.findChild(QLineEdit, "setting_name")
    name.setText("Northwind IT")  # typed, not saved yet
    box.question_list.setCurrentRow(0)
    click(box, "remove_question", qtbot)
    click(box, "save_questions", qtbot)
    assert qbr_questions(db) == QBR_QUESTIONS[1:]
    assert name.text() == "Northwind IT"
    assert page.has_unsaved()
