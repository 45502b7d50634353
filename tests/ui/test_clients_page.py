"""The Clients page: roster rows as the table shows them, sorting by value, live search and summary."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QStackedWidget, QTableView

from msp_desk.services import ledger
from msp_desk.services.roster import RosterRow
from msp_desk.services.shop import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.models import roster_model
from msp_desk.ui.models.roster_model import COLUMN_KEYS, SORT_ROLE, RosterFilterProxy, RosterModel
from msp_desk.ui.pages.clients import ClientsPage

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),  # a Qt warning is a failed test ...
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),  # ... except the offscreen plugin's
]

TODAY = dt.date(2026, 3, 14)
MRR = COLUMN_KEYS.index("mrr")


def build_shop(db: Database) -> None:
    ids = make_ladder(db)
    osaka = make_client(db, "Ōsaka Dental", industry="Dental", channel="referral")
    zoe = make_client(db, "Zoë Müller Design", industry="Design", channel="partner")
    kestrel = make_client(db, "Kestrel Insurance", industry="Insurance", channel="marketing")
    summit = make_client(
        db, "Summit Orthopedics", industry="Healthcare", channel="outbound", renewal_date=dt.date(2026, 3, 3)
    )
    make_client(db, "Lakeside Vet Clinic", industry="Veterinary", channel="referral")  # a prospect
    ledger.start_client(db, kestrel, ids["Growth"], 8, dt.date(2024, 11, 1))
    ledger.start_client(db, osaka, ids["Core"], 10, dt.date(2025, 1, 15))  # $1,350.00
    ledger.start_client(db, summit, ids["Premium"], 20, dt.date(2025, 3, 3), [ids["Backup"]])  # $4,800.00
    ledger.start_client(db, zoe, ids["Starter"], 4, dt.date(2025, 6, 1))  # $380.00
    ledger.churn(db, kestrel, dt.date(2025, 12, 1), "moved to in-house IT")


@pytest.fixture
def page(db: Database, qtbot) -> ClientsPage:  # type: ignore[no-untyped-def]
    build_shop(db)
    widget = ClientsPage(db, TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(page: ClientsPage, column: str = "name") -> list[str]:
    """Texts of one column, top to bottom, as the table shows them."""
    model = page.findChild(QTableView, "client_table").model()
    c = COLUMN_KEYS.index(column)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def summary(page: ClientsPage) -> str:
    return page.findChild(QLabel, "client_summary").text()


def test_a_roster_row_reads_as_the_user_sees_it(page: ClientsPage) -> None:
    model = page.findChild(QTableView, "client_table").model()
    row = shown(page).index("Summit Orthopedics")
    texts = {key: model.index(row, c).data() for c, key in enumerate(COLUMN_KEYS)}
    assert texts == {
        "name": "Summit Orthopedics",
        "status": "Active",
        "tier": "Premium",
        "seats": "20",
        "mrr": "$4,800.00",
        "industry": "Healthcare",
        "channel": "Outbound",
        "start": "Mar 3, 2025",
        "renewal": "Mar 3, 2026",
    }
    alignment = Qt.AlignmentFlag(model.index(row, MRR).data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.index(row, MRR).data(SORT_ROLE) == 480_000


def test_names_sort_ignoring_case_and_accents(page: ClientsPage) -> None:
    assert shown(page) == [
        "Kestrel Insurance",
        "Lakeside Vet Clinic",
        "Ōsaka Dental",
        "Summit Orthopedics",
        "Zoë Müller Design",
    ]
    assert summary(page) == "5 clients shown · MRR $6,530.00"


def test_mrr_sorts_by_cents_not_text(page: ClientsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    table = page.findChild(QTableView, "client_table")
    header = table.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(MRR) + header.sectionSize(MRR) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert header.sortIndicatorSection() == MRR
    order = shown(page, "mrr")
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        order.reverse()
    assert order == ["$0.00", "$0.00", "$380.00", "$1,350.00", "$4,800.00"]  # as text "$380" > "$1,350"


def test_search_narrows_the_table_and_the_summary(page: ClientsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    search = page.findChild(QLineEdit, "client_search")
    assert search.placeholderText() == "Search clients…"
    qtbot.keyClicks(search, "DENTAL")
    assert shown(page) == ["Ōsaka Dental"]
    assert summary(page) == "1 client shown · MRR $1,350.00"
    search.clear()
    qtbot.keyClicks(search, "referral")  # channel
    assert shown(page) == ["Lakeside Vet Clinic", "Ōsaka Dental"]
    search.clear()
    qtbot.keyClicks(search, "premium health")  # every word must match: tier and industry
    assert shown(page) == ["Summit Orthopedics"]
    search.clear()
    qtbot.keyClicks(search, "churned")  # status
    assert shown(page) == ["Kestrel Insurance"]
    assert summary(page) == "1 client shown · MRR $0.00"
    search.clear()
    qtbot.keyClicks(search, "no such client")
    assert shown(page) == []
    assert summary(page) == "0 clients shown · MRR $0.00"
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # Esc clears the search
    assert search.text() == ""
    assert summary(page) == "5 clients shown · MRR $6,530.00"


def test_the_unit_column_follows_the_shop_kind(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    build_shop(db)
    save_settings(db, kind="va")
    widget = ClientsPage(db, TODAY)
    qtbot.addWidget(widget)
    table = widget.findChild(QTableView, "client_table")
    header = table.model().headerData(COLUMN_KEYS.index("seats"), Qt.Orientation.Horizontal)
    assert header == "Hours"


def test_search_from_the_main_window(db: Database, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    build_shop(db)
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.focus_client_search()
    search = window.findChild(QLineEdit, "client_search")
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "zoe")  # accents do not matter
    assert shown(window.clients) == ["Zoë Müller Design"]
    assert summary(window.clients) == "1 client shown · MRR $380.00"
    search.setText("ŌSAKA")  # typed with an input method
    assert shown(window.clients) == ["Ōsaka Dental"]


def test_the_clients_page_is_built_when_first_shown(db: Database, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    build_shop(db)
    window = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.built_pages() == ["dashboard"]
    assert window.findChild(ClientsPage) is None and window.findChild(QTableView, "client_table") is None
    window.findChild(QAction, "action_reload").trigger()  # reloading does not build it either
    assert window.built_pages() == ["dashboard"]

    window.show_page("clients")
    page = window.findChild(ClientsPage)
    assert page is not None and page.isVisible()
    assert window.built_pages() == ["dashboard", "clients"]
    assert window.findChild(QStackedWidget, "pages").currentWidget() is page is window.clients
    assert shown(page)[:2] == ["Kestrel Insurance", "Lakeside Vet Clinic"]
    assert summary(page) == "5 clients shown · MRR $6,530.00"
    window.show_page("dashboard")
    window.show_page("clients")
    assert window.findChildren(ClientsPage) == [page]  # built once


def test_sorting_computes_each_row_key_once(page: ClientsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = roster_model.collation_key
    monkeypatch.setattr(roster_model, "collation_key", lambda text: calls.append(text) or real(text))
    table = page.findChild(QTableView, "client_table")
    industry = COLUMN_KEYS.index("industry")
    table.sortByColumn(industry, Qt.SortOrder.AscendingOrder)
    assert len(calls) == 5  # one key a row, not two a comparison
    table.sortByColumn(industry, Qt.SortOrder.DescendingOrder)
    table.sortByColumn(industry, Qt.SortOrder.AscendingOrder)
    assert len(calls) == 5  # and kept for later sorts
    assert shown(page, "industry") == ["Dental", "Design", "Healthcare", "Insurance", "Veterinary"]


def test_the_selected_client_stays_selected_across_a_sort(page: ClientsPage) -> None:
    table = page.findChild(QTableView, "client_table")
    table.selectRow(shown(page).index("Summit Orthopedics"))
    table.sortByColumn(MRR, Qt.SortOrder.DescendingOrder)
    assert shown(page)[0] == "Summit Orthopedics"
    selected = table.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["Summit Orthopedics"]
    assert table.currentIndex().row() == 0


def test_twenty_thousand_rows_sort_with_one_key_a_row(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        RosterRow(
            n, f"Cliënt {n:05d}", "active", "Core", 5, (n * 7919) % 100_000, "Dental", "referral", None, None
        )
        for n in range(20_000)
    ]
    model = RosterModel()
    proxy = RosterFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    calls: list[str] = []
    real = roster_model.collation_key
    monkeypatch.setattr(roster_model, "collation_key", lambda text: calls.append(text) or real(text))
    proxy.sort(COLUMN_KEYS.index("name"), Qt.SortOrder.DescendingOrder)
    assert len(calls) == 20_000  # accents folded once a row, not twice a comparison
    assert proxy.index(0, 0).data() == "Cliënt 19999"
    proxy.sort(MRR, Qt.SortOrder.AscendingOrder)
    cents = [proxy.index(r, MRR).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert cents == sorted(cents)
    proxy.set_search("client 0001")  # accents ignored
    matching = [row for row in rows if "0001" in f"{row.client_id:05d}"]
    assert proxy.rowCount() == len(matching) == 12
    assert proxy.visible_total() == (12, sum(row.mrr_cents for row in matching))
