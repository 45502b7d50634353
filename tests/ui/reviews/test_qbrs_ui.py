"""QBRs through the widgets: schedule one on the client's QBRs tab, record it, see the next one
scheduled and the readiness change on the Growth tab; the Reviews page and its filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

from msp_desk.domain.reviews import RoadmapItem
from msp_desk.services.accounts import ledger
from msp_desk.services.clients.editing import add_contact
from msp_desk.services.reviews.qbrs import QbrRecord, record_qbr
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]
TODAY = dt.date(2026, 3, 14)


def rows(db: Database, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


@pytest.fixture
def shop(db: Database, qtbot, tmp_path: Path) -> tuple[MainWindow, dict[str, int]]:  # type: ignore[no-untyped-def]
    ids = make_ladder(db)
    clients = {}
    for name, start in (("Ōsaka Dental", dt.date(2025, 11, 30)), ("Birch Law", dt.date(2026, 1, 5))):
        cid = clients[name] = make_client(db, name, satisfaction=9, seats=10)
        ledger.start_client(db, cid, ids["Core"], 10, start)
    add_contact(db, clients["Ōsaka Dental"], "Mia Tanaka", decision_maker=True)
    add_contact(db, clients["Ōsaka Dental"], "Front desk", decision_maker=False)
    main = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main, clients


def label(widget, name: str) -> str:  # type: ignore[no-untyped-def]
    found = widget.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def test_schedule_and_record_a_qbr_through_the_widgets(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    main, clients = shop
    osaka = clients["Ōsaka Dental"]
    main.show_client(osaka)
    detail = main.clients.detail
    assert detail is not None
    detail.show_tab("growth")
    qtbot.waitUntil(lambda: detail.findChild(QLabel, "factor_qbr") is not None)
    assert label(detail, "factor_qbr").startswith("? Last QBR positive (0/20)")
    detail.show_tab("qbrs")
    tab = detail.qbrs
    assert label(tab, "qbr_next") == "No QBR scheduled"
    tab.findChild(QPushButton, "qbr_schedule").click()
    assert label(tab, "qbr_error") == ""
    assert label(tab, "qbr_next") == "Next QBR due Feb 28, 2026 — overdue by 14 days"
    assert rows(db, "SELECT kind, due_on FROM task WHERE done = 0 AND kind = 'qbr'") == [
        ("qbr", "2026-02-28")
    ]

    tab.findChild(QPushButton, "qbr_record").click()
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.attendees.toPlainText() == "Mia Tanaka"  # the decision makers only
    assert dialog.questions.toPlainText().startswith("Before we set priorities for the next 90 days")
    dialog.accomplishments.setPlainText("Moved mail to the cloud")
    dialog.priorities.setPlainText("Backups tested monthly")
    dialog.findChild(QCheckBox, "qbr_change_hires").setChecked(True)
    dialog.satisfaction.setValue(10)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("positive"))
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    assert rows(db, "SELECT due_on, done FROM task WHERE kind = 'qbr' ORDER BY id") == [
        ("2026-02-28", 1),
        ("2026-06-12", 0),  # 14 March + 90 days
    ]
    assert label(tab, "qbr_next") == "Next QBR due Jun 12, 2026"
    assert tab.model.rows[0][:3] == ("Mar 14, 2026", "Positive", "10/10")
    detail.show_tab("growth")
    qtbot.waitUntil(lambda: label(detail, "factor_qbr").startswith("✓ Last QBR positive (20/20)"))
    assert "Satisfaction 10/10" in label(detail, "factor_satisfaction")
    main.edits.stack.undo()  # one write: undone whole
    assert rows(db, "SELECT count(*) FROM qbr_meeting") == [(0,)]


def test_record_dialog_shows_every_problem_at_once(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    main, clients = shop
    main.record_qbr(clients["Birch Law"])
    dialog = main.clients.detail.qbrs.dialog
    assert dialog is not None and main.clients.detail.current_tab() == "qbrs"
    dialog.day.setDate(dialog.day.date().addDays(3))  # in the future
    dialog.next_qbr_on.setDate(dialog.day.date().addDays(-30))  # before the meeting
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    shown = dialog.errors.shown()
    assert set(shown) == {"day", "next_qbr_on"}, shown
    assert rows(db, "SELECT count(*) FROM qbr_meeting") == [(0,)]


def test_preparation_on_the_tab(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    main, clients = shop
    main.show_client(clients["Ōsaka Dental"])
    tab = main.clients.detail.qbrs
    main.clients.detail.show_tab("qbrs")
    tab.findChild(QPushButton, "qbr_prepare").click()
    text = label(tab, "qbr_detail")
    assert "Preparation: Dec 15, 2025 – Mar 14, 2026" in text
    assert "Tickets resolved: 0 (before: 0)" in text


def test_reviews_page_filters(db: Database, shop, qtbot) -> None:  # type: ignore[no-untyped-def]
    main, clients = shop
    record_qbr(
        db,
        clients["Birch Law"],
        QbrRecord(day=dt.date(2026, 3, 10), outcome="negative", satisfaction=4),
        TODAY,
    )
    with db.unit_of_work() as session:
        for title, horizon, status, one_off, mrr in (
            ("Firewall", "now", "accepted", 450_000, 12_000),
            ("Wi-Fi survey", "now", "proposed", 50_000, 0),
            ("Old plan", "now", "declined", 999_900, 0),  # not open: not counted
            ("Think about VoIP", "later", "proposed", 0, 0),
        ):
            session.add(
                RoadmapItem(
                    client_id=clients["Birch Law"],
                    title=title,
                    horizon=horizon,
                    status=status,
                    est_one_off_cents=one_off,
                    mrr_impact_cents=mrr,
                )
            )
    main.show_page("reviews")
    page = main.page("reviews")
    names = lambda: [r[0] for r in page.model.rows]  # noqa: E731
    assert names() == ["Birch Law", "Ōsaka Dental"]
    birch = page.model.rows[0]
    assert birch[1:5] == ("Mar 10, 2026", "Negative", "4", "Jun 8, 2026")
    assert (birch[5], birch[10]) == ("$5K\u2009·\u2009+$120", "1 item")  # now: $4,500 + $500; later
    tip = page.model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Now: 2 open items, $5,000.00 one-off, +$120.00 a month"  # the cell in full
    assert page.model.headerData(7, Qt.Orientation.Horizontal) == "This qtr"
    assert page.model.headerData(7, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).startswith(
        "Open roadmap items planned for this quarter: their one-off cost · their MRR impact a month"
    )
    assert page.model.rows[1][4] == "Feb 28, 2026 ⚠"  # by the cadence: none scheduled yet
    overdue_tip = page.model.index(1, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert overdue_tip == "Overdue: it was due Feb 28, 2026"
    assert page.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) == "Satisfaction at the last QBRs: 4"
    assert rows(db, "SELECT client_id FROM task WHERE kind = 'qbr' AND done = 0") == [(clients["Birch Law"],)]
    page.findChild(QPushButton, "reviews_schedule").click()
    assert sorted(rows(db, "SELECT client_id, due_on FROM task WHERE kind = 'qbr' AND done = 0")) == [
        (clients["Ōsaka Dental"], "2026-02-28"),
        (clients["Birch Law"], "2026-06-08"),
    ]
    page.findChild(QCheckBox, "reviews_overdue").setChecked(True)
    assert names() == ["Ōsaka Dental"]
    page.findChild(QCheckBox, "reviews_negative").setChecked(True)
    assert names() == []
    page.findChild(QCheckBox, "reviews_overdue").setChecked(False)
    assert names() == ["Birch Law"]
    page.view.doubleClicked.emit(page.model.index(0, 0))
    assert main.current_page() == "clients" and main.clients.detail.client_id == clients["Birch Law"]
