"""The Clients page: rows as the table shows them, sorting by value, search, filters, the column
chooser kept between runs, readiness and flags, activation, and the summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
)
from sqlmodel import select

from msp_desk.domain.clients import ClientTag, Tag
from msp_desk.services.accounts import ledger
from msp_desk.services.clients.roster import RosterRow, roster
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.clients import page as clients_page
from msp_desk.ui.clients import roster_filter, roster_model
from msp_desk.ui.clients.page import ClientsPage
from msp_desk.ui.clients.roster_filter import RosterFilterProxy
from msp_desk.ui.clients.roster_model import COLUMN_KEYS, RosterModel
from msp_desk.ui.common.tables import SORT_ROLE
from msp_desk.ui.context import PageContext
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.tasks import TaskRunner

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),  # a Qt warning is a failed test ...
    # ... except the offscreen plugin's, which cannot size, raise or grab for a popup menu
    pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)"),
]

TODAY = dt.date(2026, 3, 14)
MRR = COLUMN_KEYS.index("mrr")


def build_shop(db: Database) -> dict[str, int]:
    ids = make_ladder(db)
    osaka = make_client(db, "Ōsaka Dental", industry="Dental", channel="referral")
    zoe = make_client(db, "Zoë Müller Design", industry="Design", channel="partner")
    kestrel = make_client(db, "Kestrel Insurance", industry="Insurance", channel="marketing")
    summit = make_client(
        db, "Summit Orthopedics", industry="Healthcare", channel="outbound", renewal_date=dt.date(2026, 3, 3)
    )
    lakeside = make_client(db, "Lakeside Vet Clinic", industry="Veterinary", channel="referral")  # a prospect
    ledger.start_client(db, kestrel, ids["Growth"], 8, dt.date(2024, 11, 1))
    ledger.start_client(db, osaka, ids["Core"], 10, dt.date(2025, 1, 15))  # $1,350.00
    ledger.start_client(db, summit, ids["Premium"], 20, dt.date(2025, 3, 3), [ids["Backup"]])  # $4,800.00
    ledger.start_client(db, zoe, ids["Starter"], 4, dt.date(2025, 6, 1))  # $380.00
    ledger.churn(db, kestrel, dt.date(2025, 12, 1), "moved to in-house IT")
    tag(db, osaka, "HIPAA")
    tag(db, summit, "HIPAA", "multi-site")
    return {"osaka": osaka, "zoe": zoe, "kestrel": kestrel, "summit": summit, "lakeside": lakeside}


def tag(db: Database, client_id: int, *names: str) -> None:
    with db.unit_of_work() as session:
        for name in names:
            row = session.exec(select(Tag).where(Tag.name == name)).first() or Tag(name=name)
            session.add(row)
            session.flush()
            session.add(ClientTag(client_id=client_id, tag_id=row.id))


def ini(tmp_path: Path, name: str = "window.ini") -> QSettings:
    return QSettings(str(tmp_path / name), QSettings.Format.IniFormat)


def open_page(qtbot, db: Database, settings: QSettings, runner: TaskRunner | None = None) -> ClientsPage:  # type: ignore[no-untyped-def]
    """The roster alone (no client detail beside it)."""
    widget = ClientsPage(PageContext.open(db, TODAY, runner=runner, settings=settings), editing=False)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def page(db: Database, qtbot, tmp_path: Path) -> ClientsPage:  # type: ignore[no-untyped-def]
    build_shop(db)
    return open_page(qtbot, db, ini(tmp_path))


def table_of(page: ClientsPage) -> QTableView:
    return page.findChild(QTableView, "client_table")


def shown(page: ClientsPage, column: str = "name") -> list[str]:
    """Texts of one column, top to bottom, as the table shows them."""
    model = table_of(page).model()
    c = COLUMN_KEYS.index(column)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def summary(page: ClientsPage) -> str:
    return page.findChild(QLabel, "client_summary").text()


def combo(page: ClientsPage, field: str) -> QComboBox:
    return page.findChild(QComboBox, f"filter_{field}")


def items(box: QComboBox) -> list[str]:
    return [box.itemText(n) for n in range(box.count())]


def pick(qtbot, box: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose ``text`` from a combo box with the keyboard, as a user would (Home, then Down)."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(items(box).index(text)):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == text


def in_popup_menu(qtbot, open_it: Callable[[], None], action_name: str) -> None:  # type: ignore[no-untyped-def]
    """Open a menu with ``open_it`` (modal or not) and trigger one of its actions, as a click would."""
    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = menu.findChild(QAction, action_name)
        seen.append(action.text())
        action.trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    open_it()
    qtbot.waitUntil(lambda: bool(seen))


def test_a_roster_row_reads_as_the_user_sees_it(db: Database, page: ClientsPage) -> None:
    model = table_of(page).model()
    row = shown(page).index("Summit Orthopedics")
    texts = {key: model.index(row, c).data() for c, key in enumerate(COLUMN_KEYS)}
    summit = next(r for r in roster(db, TODAY) if r.name == "Summit Orthopedics")
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
        "readiness": "—" if summit.readiness is None else str(summit.readiness),
        "flags": str(len(summit.flags)) if summit.flags else "",
    }
    alignment = Qt.AlignmentFlag(model.index(row, MRR).data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.index(row, MRR).data(SORT_ROLE) == 480_000
    tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Summit Orthopedics\nTags: HIPAA, multi-site"


def test_names_sort_ignoring_case_and_accents(page: ClientsPage) -> None:
    assert shown(page) == [
        "Kestrel Insurance",
        "Lakeside Vet Clinic",
        "Ōsaka Dental",
        "Summit Orthopedics",
        "Zoë Müller Design",
    ]
    assert summary(page) == "5 clients · $6,530 MRR"


def test_mrr_sorts_by_cents_not_text(page: ClientsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    header = table_of(page).horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(MRR) + header.sectionSize(MRR) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert header.sortIndicatorSection() == MRR
    order = shown(page, "mrr")
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        order.reverse()
    assert order == ["$0.00", "$0.00", "$380.00", "$1,350.00", "$4,800.00"]  # as text "$380" > "$1,350"


def test_tiers_sort_in_ladder_order(page: ClientsPage) -> None:
    table_of(page).sortByColumn(COLUMN_KEYS.index("tier"), Qt.SortOrder.AscendingOrder)
    assert shown(page, "tier") == ["", "", "Starter", "Core", "Premium"]  # no tier first, then by rung


def test_search_narrows_the_table_and_the_summary(page: ClientsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    search = page.findChild(QLineEdit, "client_search")
    assert search.placeholderText() == "Search clients…"
    qtbot.keyClicks(search, "DENTAL")
    assert shown(page) == ["Ōsaka Dental"]
    assert summary(page) == "1 of 5 clients · $1,350 MRR"
    search.clear()
    qtbot.keyClicks(search, "referral")  # channel
    assert shown(page) == ["Lakeside Vet Clinic", "Ōsaka Dental"]
    search.clear()
    qtbot.keyClicks(search, "premium health")  # every word must match: tier and industry
    assert shown(page) == ["Summit Orthopedics"]
    search.clear()
    qtbot.keyClicks(search, "multi-site")  # a tag
    assert shown(page) == ["Summit Orthopedics"]
    search.clear()
    qtbot.keyClicks(search, "churned")  # status
    assert shown(page) == ["Kestrel Insurance"]
    assert summary(page) == "1 of 5 clients · $0 MRR"
    search.clear()
    qtbot.keyClicks(search, "no such client")
    assert shown(page) == []
    assert summary(page) == "0 of 5 clients · $0 MRR"
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # Esc clears the search
    assert search.text() == ""
    assert summary(page) == "5 clients · $6,530 MRR"


def test_filter_choices_come_from_the_data(db: Database, page: ClientsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert items(combo(page, "status")) == [
        "All statuses",
        "Prospect",
        "Active",
        "Churned",
    ]  # lifecycle order
    assert items(combo(page, "tier")) == ["All tiers", "Starter", "Core", "Premium", "(none)"]  # by rung
    assert items(combo(page, "industry")) == [
        "All industries",
        "Dental",
        "Design",
        "Healthcare",
        "Insurance",
        "Veterinary",
    ]
    assert items(combo(page, "channel")) == ["All channels", "Marketing", "Outbound", "Partner", "Referral"]
    assert items(combo(page, "tag")) == ["All tags", "HIPAA", "multi-site"]

    pick(qtbot, combo(page, "tag"), "multi-site")
    make_client(db, "Harbor Legal", industry="Legal", channel="partner")
    tag(db, make_client(db, "Pine Accounting", industry="Accounting"), "at risk")
    page.refresh()  # new values are offered; the one chosen stays chosen
    assert items(combo(page, "industry"))[1:3] == ["Accounting", "Dental"]
    assert items(combo(page, "tag")) == ["All tags", "at risk", "HIPAA", "multi-site"]
    assert combo(page, "tag").currentText() == "multi-site"
    assert shown(page) == ["Summit Orthopedics"]
    assert summary(page) == "1 of 7 clients · $4,800 MRR"


def test_a_filter_narrows_the_table_and_the_summary(page: ClientsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    clear = page.findChild(QPushButton, "filter_clear")
    assert not clear.isEnabled()
    pick(qtbot, combo(page, "status"), "Active")
    assert shown(page) == ["Ōsaka Dental", "Summit Orthopedics", "Zoë Müller Design"]
    assert summary(page) == "3 of 5 clients · $6,530 MRR"
    assert clear.isEnabled()
    pick(qtbot, combo(page, "tag"), "HIPAA")
    assert shown(page) == ["Ōsaka Dental", "Summit Orthopedics"]
    assert summary(page) == "2 of 5 clients · $6,150 MRR"
    pick(qtbot, combo(page, "status"), "All statuses")
    pick(qtbot, combo(page, "tag"), "All tags")
    pick(qtbot, combo(page, "tier"), "(none)")  # the clients on no tier: the churned and the prospect
    assert shown(page) == ["Kestrel Insurance", "Lakeside Vet Clinic"]
    pick(qtbot, combo(page, "tier"), "All tiers")
    assert summary(page) == "5 clients · $6,530 MRR"
    assert not clear.isEnabled()


def test_search_and_filters_combine_and_clear_together(page: ClientsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    search = page.findChild(QLineEdit, "client_search")
    pick(qtbot, combo(page, "channel"), "Referral")
    assert shown(page) == ["Lakeside Vet Clinic", "Ōsaka Dental"]
    qtbot.keyClicks(search, "dent")
    assert shown(page) == ["Ōsaka Dental"]
    assert summary(page) == "1 of 5 clients · $1,350 MRR"
    pick(qtbot, combo(page, "industry"), "Veterinary")  # search and both filters: nothing left
    assert shown(page) == []
    search.clear()
    assert shown(page) == ["Lakeside Vet Clinic"]  # the filters still hold
    qtbot.keyClicks(search, "clinic")
    qtbot.mouseClick(page.findChild(QPushButton, "filter_clear"), Qt.MouseButton.LeftButton)
    assert search.text() == ""
    assert [combo(page, f).currentIndex() for f in ("status", "tier", "industry", "channel", "tag")] == [
        0
    ] * 5
    assert len(shown(page)) == 5
    assert summary(page) == "5 clients · $6,530 MRR"


def test_hidden_columns_and_the_sort_are_kept_between_runs(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build_shop(db)
    settings = ini(tmp_path)
    first = open_page(qtbot, db, settings)
    table = table_of(first)
    header = table.horizontalHeader()
    industry, channel = COLUMN_KEYS.index("industry"), COLUMN_KEYS.index("channel")
    first_seen = [k for k in COLUMN_KEYS if k not in ("start", "channel")]
    assert first.columns.shown_keys() == first_seen  # so the rest fit a laptop screen

    # Right-click the header: its menu lists the columns; untick Industry.
    point = QPoint(header.sectionViewportPosition(industry) + 5, header.height() // 2)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, header.viewport().mapToGlobal(point))
    in_popup_menu(qtbot, lambda: QApplication.sendEvent(header.viewport(), event), "column_industry")
    assert header.isSectionHidden(industry)
    button = first.findChild(QPushButton, "columns_button")  # the Columns button has the same menu
    in_popup_menu(qtbot, button.showMenu, "column_channel")  # tick Channel
    assert not header.isSectionHidden(channel)
    qtbot.mouseClick(  # sort by MRR, largest first
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(MRR) + 5, header.height() // 2),
    )
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:
        table.sortByColumn(MRR, Qt.SortOrder.DescendingOrder)
    assert shown(first)[0] == "Summit Orthopedics"
    first.close()

    settings.sync()
    again = open_page(qtbot, db, ini(tmp_path))  # the next run reads the same file
    header = table_of(again).horizontalHeader()
    assert again.columns.shown_keys() == [k for k in COLUMN_KEYS if k not in ("industry", "start")]
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (MRR, Qt.SortOrder.DescendingOrder)
    assert shown(again, "mrr") == ["$4,800.00", "$1,350.00", "$380.00", "$0.00", "$0.00"]

    in_popup_menu(qtbot, again.columns_button.showMenu, "column_reset")
    assert again.columns.shown_keys() == first_seen
    assert header.sortIndicatorSection() == COLUMN_KEYS.index("name")


def test_the_client_column_cannot_be_hidden(page: ClientsPage) -> None:
    menu = page.columns.menu(page)
    actions = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert actions["column_name"].isChecked() and not actions["column_name"].isEnabled()
    assert actions["column_mrr"].isEnabled()
    assert [actions[f"column_{k}"].text() for k in COLUMN_KEYS[:6]] == [
        "Client",
        "Industry",
        "Status",
        "Tier",
        "Seats",
        "MRR",
    ]


def test_column_order_and_widths_are_kept_between_runs(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build_shop(db)
    settings = ini(tmp_path)
    first = open_page(qtbot, db, settings)
    header = table_of(first).horizontalHeader()
    mrr_visual = header.visualIndex(MRR)
    header.moveSection(mrr_visual, 1)  # what dragging the MRR header next to the names does
    header.resizeSection(COLUMN_KEYS.index("tier"), 161)  # what dragging its edge does
    assert first.columns.shown_keys()[:2] == ["name", "mrr"]
    first.resize(900, 600)  # the page re-fits the other columns, not the one the user sized
    assert header.sectionSize(COLUMN_KEYS.index("tier")) == 161
    first.close()

    again = open_page(qtbot, db, settings)
    header = table_of(again).horizontalHeader()
    assert again.columns.shown_keys()[:2] == ["name", "mrr"]
    assert header.sectionSize(COLUMN_KEYS.index("tier")) == 161


def test_the_unit_column_follows_the_shop_kind(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build_shop(db)
    save_settings(db, kind="va")
    widget = open_page(qtbot, db, ini(tmp_path))
    seats = COLUMN_KEYS.index("seats")
    header = table_of(widget).model().headerData(seats, Qt.Orientation.Horizontal)
    assert header == "Hours"
    assert widget.columns.menu(widget).findChild(QAction, "column_seats").text() == "Hours"


def test_double_click_or_enter_activates_the_client(page: ClientsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = {r.name: r.client_id for r in roster(page._db, TODAY, signals=False)}
    table = table_of(page)
    row = shown(page).index("Summit Orthopedics")
    at = table.visualRect(table.model().index(row, 0)).center()
    with qtbot.waitSignal(page.client_activated) as activated:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)  # the first click ...
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)  # ... and the second
    assert activated.args == [ids["Summit Orthopedics"]]

    qtbot.keyClicks(page.findChild(QLineEdit, "client_search"), "zoe")  # row numbers change
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 2))
    with qtbot.waitSignal(page.client_activated) as activated:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert activated.args == [ids["Zoë Müller Design"]]


class HeldRunner:
    """Keeps submitted work until ``finish`` (a background read that has not returned yet)."""

    def __init__(self) -> None:
        self.pending: list[tuple[Callable[[], object], Callable[[object], None]]] = []

    def submit(self, work, done, failed=None, *, context=None) -> None:  # type: ignore[no-untyped-def]
        self.pending.append((work, done))

    def finish(self) -> None:
        while self.pending:
            work, done = self.pending.pop(0)
            done(work())


def test_readiness_and_flags_fill_in_when_read(
    db: Database, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ids = build_shop(db)
    signals = {ids["summit"]: (72, ("Low margin", "Advice declined")), ids["osaka"]: (40, ())}
    monkeypatch.setattr(clients_page, "account_signals", lambda _db, _day: {})  # read by the runner ...
    monkeypatch.setattr(
        clients_page, "signal_labels", lambda _signals: signals
    )  # ... as the roster shows them
    runner = HeldRunner()
    page = open_page(qtbot, db, ini(tmp_path), runner=runner)
    table = table_of(page)
    table.selectRow(shown(page).index("Ōsaka Dental"))
    assert shown(page, "readiness") == ["—"] * 5  # the rows show before their signals are read
    assert shown(page, "flags") == [""] * 5

    runner.finish()
    assert shown(page, "readiness") == ["—", "—", "40", "72", "—"]
    assert shown(page, "flags") == ["", "", "", "2", ""]
    model = table.model()
    summit = shown(page).index("Summit Orthopedics")
    flags = model.index(summit, COLUMN_KEYS.index("flags"))
    assert flags.data(Qt.ItemDataRole.ToolTipRole) == "Low margin\nAdvice declined"
    assert model.index(0, COLUMN_KEYS.index("readiness")).data(Qt.ItemDataRole.ToolTipRole) == (
        "Referral readiness: not enough data"
    )
    assert [i.data() for i in table.selectionModel().selectedRows()] == ["Ōsaka Dental"]  # kept

    table.sortByColumn(COLUMN_KEYS.index("readiness"), Qt.SortOrder.DescendingOrder)
    assert shown(page)[:2] == ["Summit Orthopedics", "Ōsaka Dental"]

    page.refresh()
    page.refresh()  # reloaded again before the first reload's signals came
    work, done = runner.pending.pop(0)
    done(work())  # an answer for rows since replaced is dropped
    assert set(shown(page, "readiness")) == {"—"}
    runner.finish()
    assert sorted(shown(page, "readiness")) == ["40", "72", "—", "—", "—"]


def test_search_from_the_main_window(db: Database, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    build_shop(db)
    window = MainWindow(db, TODAY, settings=ini(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.focus_client_search()
    search = window.findChild(QLineEdit, "client_search")
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "zoe")  # accents do not matter
    assert shown(window.clients) == ["Zoë Müller Design"]
    assert summary(window.clients) == "1 of 5 clients · $380 MRR"
    search.setText("ŌSAKA")  # typed with an input method
    assert shown(window.clients) == ["Ōsaka Dental"]


def test_the_clients_page_is_built_when_first_shown(db: Database, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    build_shop(db)
    window = MainWindow(db, TODAY, settings=ini(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.built_pages() == ["today"]
    assert window.findChild(ClientsPage) is None and window.findChild(QTableView, "client_table") is None
    window.findChild(QAction, "action_reload").trigger()  # reloading does not build it either
    assert window.built_pages() == ["today"]

    window.show_page("clients")
    page = window.findChild(ClientsPage)
    assert page is not None and page.isVisible()
    assert window.built_pages() == ["today", "clients"]
    assert window.findChild(QStackedWidget, "pages").currentWidget() is page is window.clients
    assert shown(page)[:2] == ["Kestrel Insurance", "Lakeside Vet Clinic"]
    assert summary(page) == "5 clients · $6,530 MRR"
    window.show_page("dashboard")
    window.show_page("clients")
    assert window.findChildren(ClientsPage) == [page]  # built once


def test_sorting_computes_each_row_key_once(page: ClientsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = roster_model.collation_key
    counted = lambda text: calls.append(text) or real(text)  # noqa: E731
    monkeypatch.setattr(roster_model, "collation_key", counted)  # the rows' texts ...
    monkeypatch.setattr(roster_filter, "collation_key", counted)  # ... and the words searched
    table = table_of(page)
    industry = COLUMN_KEYS.index("industry")
    table.sortByColumn(industry, Qt.SortOrder.AscendingOrder)
    assert len(calls) == 5  # one key a row, not two a comparison
    table.sortByColumn(industry, Qt.SortOrder.DescendingOrder)
    table.sortByColumn(industry, Qt.SortOrder.AscendingOrder)
    assert len(calls) == 5  # and kept for later sorts
    assert shown(page, "industry") == ["Dental", "Design", "Healthcare", "Insurance", "Veterinary"]


def test_the_selected_client_stays_selected_across_a_sort(page: ClientsPage) -> None:
    table = table_of(page)
    table.selectRow(shown(page).index("Summit Orthopedics"))
    table.sortByColumn(MRR, Qt.SortOrder.DescendingOrder)
    assert shown(page)[0] == "Summit Orthopedics"
    selected = table.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["Summit Orthopedics"]
    assert table.currentIndex().row() == 0


def test_twenty_thousand_rows_sort_and_filter_with_one_key_a_row(monkeypatch: pytest.MonkeyPatch) -> None:
    statuses = ("active", "churned", "paused")
    rows = [
        RosterRow(
            n,
            f"Cliënt {n:05d}",
            statuses[n % 3],
            "Core",
            5,
            (n * 7919) % 100_000,
            "Dental",
            "referral",
            None,
            None,
            tags=("vip",) if n % 10 == 0 else (),
        )
        for n in range(20_000)
    ]
    model = RosterModel()
    proxy = RosterFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    calls: list[str] = []
    real = roster_model.collation_key
    counted = lambda text: calls.append(text) or real(text)  # noqa: E731
    monkeypatch.setattr(roster_model, "collation_key", counted)  # the rows' texts ...
    monkeypatch.setattr(roster_filter, "collation_key", counted)  # ... and the words searched
    proxy.sort(COLUMN_KEYS.index("name"), Qt.SortOrder.DescendingOrder)
    assert len(calls) == 20_000  # accents folded once a row, not twice a comparison
    assert proxy.index(0, 0).data() == "Cliënt 19999"
    proxy.sort(MRR, Qt.SortOrder.AscendingOrder)
    cents = [proxy.index(r, MRR).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert cents == sorted(cents)

    calls.clear()
    proxy.set_search("client 0001")  # accents ignored
    matching = [row for row in rows if "0001" in f"{row.client_id:05d}"]
    assert proxy.rowCount() == len(matching) == 12
    assert proxy.visible_total() == (12, sum(row.mrr_cents for row in matching))
    proxy.set_search("client 0001 denta")  # every row is Dental: the same rows stay
    assert proxy.rowCount() == 12 and proxy.search_text == "client 0001 denta"
    proxy.set_search("client 0001 paused")  # and a narrower search after it still narrows
    assert proxy.rowCount() == len([r for r in matching if r.status == "paused"]) == 4
    proxy.set_search("client 000")
    assert len(calls) == 20_000 + 4  # search texts folded once a row, then only the words typed

    proxy.set_search("")
    proxy.set_filter("status", "paused")
    proxy.set_filter("tag", "vip")
    kept = [r for r in rows if r.status == "paused" and "vip" in r.tags]
    assert proxy.visible_total() == (len(kept), sum(r.mrr_cents for r in kept))
    assert sorted(r.client_id for r in proxy.visible_rows()) == [r.client_id for r in kept]
    proxy.sort(COLUMN_KEYS.index("name"), Qt.SortOrder.AscendingOrder)  # a sort keeps the filter
    assert [r.name for r in proxy.visible_rows()] == sorted(r.name for r in kept)


def test_a_large_filter_change_keeps_the_selection(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Showing or hiding thousands of rows relays the view out at once; the client selected stays."""
    rows = [
        RosterRow(
            n, f"Client {n:05d}", "active" if n % 4 else "paused", "Core", 5, n, "Dental", "", None, None
        )
        for n in range(8_000)
    ]
    model = RosterModel()
    proxy = RosterFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.selectRow(4)  # Client 00004, paused
    assert view.currentIndex().data() == "Client 00004"

    proxy.set_filter("status", "paused")  # 6,000 rows go
    assert proxy.rowCount() == 2_000
    assert [i.data() for i in view.selectionModel().selectedRows()] == ["Client 00004"]
    assert view.currentIndex().data() == "Client 00004"
    proxy.set_filter("status", None)  # and come back
    assert proxy.rowCount() == 8_000
    assert [i.data() for i in view.selectionModel().selectedRows()] == ["Client 00004"]
    proxy.set_search("client 0000")  # a few rows: reported as removals
    assert [r.name for r in proxy.visible_rows()] == [f"Client {n:05d}" for n in range(10)]
