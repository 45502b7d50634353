"""The import wizard as an owner drives it: a file and the program that wrote it, which column
holds what, a preview with every problem marked (Import disabled until there is none), then the
import with progress and Cancel, all or nothing, undoable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar, QPushButton, QTableView

from msp_desk.services.clients.roster import roster
from msp_desk.services.imports.files import ImportChoice, import_file
from msp_desk.services.shop.opening import create_shop
from msp_desk.store.database import Database
from msp_desk.ui.imports.wizard import ImportWizard
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.tasks import TaskRunner, ThreadRunner
from tests.io.workbooks import workbook

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TODAY = dt.date(2026, 11, 20)
SAMPLES = Path(__file__).parents[2] / "io" / "samples"
BOOK = "name,status,industry,seats\nŌsaka Dental,active,dental,12\nZoë Müller Design,active,design,4\n"


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Database]:
    db = create_shop(tmp_path / "new.sqlite3", name="Harbor Point IT")
    yield db
    db.close()


def window_on(db: Database, tmp_path: Path, qtbot, runner: TaskRunner | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(
        db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat), runner=runner
    )
    qtbot.addWidget(window)
    window.show()
    return window


def opened(window: MainWindow, kind: str, qtbot) -> ImportWizard:  # type: ignore[no-untyped-def]
    window.findChild(type(window.menuBar().actions()[0]), f"action_import_{kind}").trigger()
    wizard = window.import_dialog
    qtbot.waitUntil(wizard.isVisible)
    return wizard


def button(wizard: ImportWizard, name: str) -> QPushButton:
    found = wizard.findChild(QPushButton, name)
    assert found is not None, name
    return found


def click(qtbot, widget: QPushButton) -> None:  # type: ignore[no-untyped-def]
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose_file(wizard: ImportWizard, path: Path, qtbot, preset: str | None = None) -> None:  # type: ignore[no-untyped-def]
    page = wizard.file_page
    combo = wizard.findChild(QComboBox, "import_preset")
    combo.setCurrentIndex(combo.findData(preset))
    page.path.setText(str(path))
    qtbot.waitUntil(page.isComplete)


def text_of(wizard: ImportWizard, name: str) -> str:
    label = wizard.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def to_preview(wizard: ImportWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    while wizard.currentPage() is not wizard.preview_page:
        click(qtbot, button(wizard, "import_next"))
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None)


def table_rows(wizard: ImportWizard) -> list[list[str]]:
    model = wizard.findChild(QTableView, "import_preview_table").model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_import_clients_from_the_empty_roster_then_undo(shop: Database, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.csv"
    book.write_text(BOOK, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(BOOK + "Acme,active,dental,twelve\n", encoding="utf-8")
    window = window_on(shop, tmp_path, qtbot)
    window.show_page("clients")
    page = window.clients
    qtbot.waitUntil(page.empty.isVisible)
    click(qtbot, page.findChild(QPushButton, "import_clients"))
    wizard = window.import_dialog
    qtbot.waitUntil(wizard.isVisible)
    assert text_of(wizard, "import_file_status") == "Choose the file to import."
    assert not button(wizard, "import_next").isEnabled()

    choose_file(wizard, bad, qtbot)
    assert text_of(wizard, "import_file_status").startswith("3 rows and 4 columns.")
    to_preview(wizard, qtbot)
    rows = table_rows(wizard)
    assert rows[2] == ["⚠ 4", "Acme", "active", "dental", "twelve"]
    assert rows[0] == ["2", "Ōsaka Dental", "active", "dental", "12"]
    model = wizard.preview_page.model
    bad_cell, good_cell = model.index(2, 4), model.index(2, 1)
    reason = "row 4, column seats: “twelve” is not a whole number like 1,200"
    assert bad_cell.data(Qt.ItemDataRole.ToolTipRole) == reason
    assert bad_cell.data(Qt.ItemDataRole.BackgroundRole) is not None  # the theme's warning surface
    assert good_cell.data(Qt.ItemDataRole.BackgroundRole) is None
    assert wizard.preview_page.problems.stringList() == [reason]
    table = wizard.findChild(QTableView, "import_preview_table")
    qtbot.waitUntil(lambda: table.currentIndex().row() == 2)  # the first problem's row is brought to sight
    assert text_of(wizard, "import_summary").startswith(
        "1 problem: nothing can be imported until it is fixed"
    )
    assert not button(wizard, "import_apply").isEnabled()
    assert roster(shop, TODAY, signals=False) == []  # a preview writes nothing

    while wizard.currentPage() is not wizard.file_page:
        click(qtbot, button(wizard, "import_back"))
    choose_file(wizard, book, qtbot)
    to_preview(wizard, qtbot)
    assert text_of(wizard, "import_summary") == "Would add 2 clients: Ōsaka Dental, Zoë Müller Design"
    assert not wizard.preview_page.problems_box.isVisibleTo(wizard)
    click(qtbot, button(wizard, "import_apply"))
    qtbot.waitUntil(lambda: not wizard.import_page.running)
    assert text_of(wizard, "import_status") == (
        "Imported.\nAdded 2 clients: Ōsaka Dental, Zoë Müller Design\n"
        "Edit ▸ Undo (Ctrl+Z) takes the whole import out."
    )
    assert sorted(r.name for r in roster(shop, TODAY, signals=False)) == ["Zoë Müller Design", "Ōsaka Dental"]
    click(qtbot, button(wizard, "import_close"))
    qtbot.waitUntil(page.table.isVisible)

    window.edits.stack.undo()  # one import, one undo
    assert roster(shop, TODAY, signals=False) == []
    window.close()


def test_a_preset_export_is_read_the_way_its_program_writes_it(shop: Database, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    import_file(shop, SAMPLES / "itflow_clients.csv", ImportChoice("clients", "itflow"))
    window = window_on(shop, tmp_path, qtbot)
    wizard = opened(window, "tickets", qtbot)
    choose_file(wizard, SAMPLES / "itflow_tickets.csv", qtbot, preset="itflow")
    click(qtbot, button(wizard, "import_next"))
    resolved = wizard.findChild(QComboBox, "import_map_resolved_at")
    assert resolved.currentText() == "Date Resolved, else Date Closed"  # the preset's own reading
    assert text_of(wizard, "import_samples_client") == "Ōsaka Dental, Acme Law"
    assert wizard.findChild(QComboBox, "import_map_fcr").currentText() == "— not in this file —"
    assert text_of(wizard, "import_columns_missing") == ""
    to_preview(wizard, qtbot)
    assert text_of(wizard, "import_summary") == "Would add 3 tickets: TCK-101, TCK-102, TCK-103"
    click(qtbot, button(wizard, "import_apply"))
    qtbot.waitUntil(lambda: not wizard.import_page.running)
    assert text_of(wizard, "import_status") == (
        "Imported.\nAdded 3 tickets: TCK-101, TCK-102, TCK-103\n"
        "It was written in bulk, so Undo cannot take it out."
    )
    with shop.quick_read() as conn:
        assert conn.execute("SELECT count(*) FROM ticket").fetchone()[0] == 3
    window.close()


def test_the_second_sheet_of_a_workbook(shop: Database, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.xlsx"
    book.write_bytes(
        workbook(
            {
                "Read me": [("Exported from our PSA",)],
                "Clients": [("name", "seats"), ("Acme Law", 9), ("Globex", 4)],
            }
        )
    )
    window = window_on(shop, tmp_path, qtbot)
    wizard = opened(window, "clients", qtbot)
    choose_file(wizard, book, qtbot)
    sheet = wizard.findChild(QComboBox, "import_sheet")
    assert sheet.isEnabled() and [sheet.itemText(i) for i in range(sheet.count())] == ["Read me", "Clients"]
    sheet.setCurrentText("Clients")
    qtbot.waitUntil(
        lambda: wizard.file_page.columns is not None and wizard.file_page.columns.sheet == "Clients"
    )
    assert text_of(wizard, "import_file_status").startswith("2 rows and 2 columns on the sheet Clients.")
    to_preview(wizard, qtbot)
    assert table_rows(wizard) == [["2", "Acme Law", "9"], ["3", "Globex", "4"]]
    click(qtbot, button(wizard, "import_apply"))
    qtbot.waitUntil(lambda: not wizard.import_page.running)
    assert sorted(r.name for r in roster(shop, TODAY, signals=False)) == ["Acme Law", "Globex"]
    window.close()


def test_a_missing_required_column_is_chosen_on_the_columns_step(
    shop: Database, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.csv"
    book.write_text("Code,Company,Seats\nACL,Acme Law,9\n", encoding="utf-8")
    window = window_on(shop, tmp_path, qtbot)
    wizard = opened(window, "clients", qtbot)
    choose_file(wizard, book, qtbot)
    click(qtbot, button(wizard, "import_next"))
    name = wizard.findChild(QComboBox, "import_map_name")
    assert name.currentText() == "— choose its column —"
    assert text_of(wizard, "import_columns_missing") == "Choose the column that holds the client name."
    assert not button(wizard, "import_next").isEnabled()
    name.setCurrentIndex(name.findText("Code"))
    assert text_of(wizard, "import_samples_name") == "ACL"
    to_preview(wizard, qtbot)
    assert table_rows(wizard) == [["2", "ACL", "9"]]  # 'Seats' is the app's own 'seats', whatever its case
    assert wizard.preview_page.model.headerData(1, Qt.Orientation.Horizontal) == "Client name\nCode"

    click(qtbot, button(wizard, "import_back"))  # the wrong column: back to fix it
    name.setCurrentIndex(name.findText("Company"))
    assert wizard.choice().mapping == ("name=Company",)
    to_preview(wizard, qtbot)  # worked out again with the new column
    assert table_rows(wizard) == [["2", "Acme Law", "9"]]
    assert text_of(wizard, "import_summary") == "Would add 1 client: Acme Law"
    window.close()


def test_cancel_during_the_import_keeps_nothing(shop: Database, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.csv"
    book.write_text(BOOK, encoding="utf-8")
    window = window_on(shop, tmp_path, qtbot)
    wizard = opened(window, "clients", qtbot)
    choose_file(wizard, book, qtbot)
    to_preview(wizard, qtbot)
    bar = wizard.findChild(QProgressBar, "import_progress")
    told: list[tuple[int, int]] = []

    def cancel_after_the_first_report(value: int) -> None:
        told.append((value, bar.maximum()))
        if len(told) == 1:
            click(qtbot, button(wizard, "import_cancel"))  # the owner presses Cancel as the bar moves

    bar.valueChanged.connect(cancel_after_the_first_report)
    click(qtbot, button(wizard, "import_apply"))
    qtbot.waitUntil(lambda: not wizard.import_page.running)
    assert text_of(wizard, "import_status") == "Cancelled: nothing was imported; the shop is as it was."
    assert told == [(0, 0)]  # told once (reading the file), then stopped at the first step after
    assert roster(shop, TODAY, signals=False) == [] and window.edits.stack.count() == 0
    assert button(wizard, "import_retry").isVisible()
    bar.valueChanged.disconnect(cancel_after_the_first_report)
    click(qtbot, button(wizard, "import_retry"))  # changed their mind: it runs again, whole
    qtbot.waitUntil(lambda: not wizard.import_page.running)
    assert len(roster(shop, TODAY, signals=False)) == 2
    window.close()


def test_cancel_after_rows_are_written_rolls_them_back(
    shop: Database, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from msp_desk.services.imports import tickets

    monkeypatch.setattr(tickets, "INSERT_CHUNK", 1)  # one insert per ticket: cancellable between them
    import_file(shop, SAMPLES / "itflow_clients.csv", ImportChoice("clients", "itflow"))
    window = window_on(shop, tmp_path, qtbot)
    wizard = opened(window, "tickets", qtbot)
    choose_file(wizard, SAMPLES / "itflow_tickets.csv", qtbot, preset="itflow")
    to_preview(wizard, qtbot)
    bar = wizard.findChild(QProgressBar, "import_progress")
    told: list[tuple[int, int]] = []

    def cancel_once_a_ticket_is_written(value: int) -> None:
        told.append((value, bar.maximum()))
        if value == 4:  # 3 tickets matched, the first one inserted
            click(qtbot, button(wizard, "import_cancel"))

    bar.valueChanged.connect(cancel_once_a_ticket_is_written)
    click(qtbot, button(wizard, "import_apply"))
    qtbot.waitUntil(lambda: not wizard.import_page.running)
    assert told[-1] == (4, 6)  # nothing told after the cancel
    assert text_of(wizard, "import_status") == "Cancelled: nothing was imported; the shop is as it was."
    with shop.quick_read() as conn:
        assert conn.execute("SELECT count(*) FROM ticket").fetchone()[0] == 0
    window.close()


def test_the_preview_and_import_run_off_the_ui_thread(shop: Database, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.csv"
    book.write_text(BOOK, encoding="utf-8")
    runner = ThreadRunner()
    window = window_on(shop, tmp_path, qtbot, runner)
    try:
        wizard = opened(window, "clients", qtbot)
        choose_file(wizard, book, qtbot)
        click(qtbot, button(wizard, "import_next"))
        click(qtbot, button(wizard, "import_next"))
        assert wizard.preview_page.preview is None  # the window is free while it is worked out
        qtbot.waitUntil(lambda: wizard.preview_page.preview is not None)
        click(qtbot, button(wizard, "import_apply"))
        qtbot.waitUntil(lambda: not wizard.import_page.running)
        assert text_of(wizard, "import_status").startswith("Imported.\nAdded 2 clients")
        window.close()
    finally:
        runner.wait()


def test_every_row_for_one_client(shop: Database, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    import_file(shop, SAMPLES / "itflow_clients.csv", ImportChoice("clients", "itflow"))
    people = tmp_path / "acme-contacts.csv"
    people.write_text(
        "name,role,email\nJosé Álvarez,Partner,jose@acme-law.example\nMia Chen,Office manager,\n",
        encoding="utf-8",
    )
    window = window_on(shop, tmp_path, qtbot)
    wizard = opened(window, "contacts", qtbot)
    client = wizard.findChild(QComboBox, "import_client")
    assert client.currentText() == "— named on each row —"
    client.setCurrentIndex(client.findText("Acme Law"))
    choose_file(wizard, people, qtbot)
    click(qtbot, button(wizard, "import_next"))
    owner = wizard.findChild(QComboBox, "import_map_client")
    assert owner.currentText() == "every row is for Acme Law" and not owner.isEnabled()
    assert text_of(wizard, "import_columns_missing") == ""
    to_preview(wizard, qtbot)
    assert table_rows(wizard) == [
        ["2", "José Álvarez", "Partner", "jose@acme-law.example"],
        ["3", "Mia Chen", "Office manager", ""],
    ]
    assert (
        text_of(wizard, "import_summary")
        == "Would add 2 contacts: José Álvarez at Acme Law, Mia Chen at Acme Law"
    )
    click(qtbot, button(wizard, "import_apply"))
    qtbot.waitUntil(lambda: not wizard.import_page.running)
    assert text_of(wizard, "import_status").startswith("Imported.\nAdded 2 contacts")
    window.close()


def test_a_failed_import_keeps_nothing(shop: Database, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.csv"
    book.write_text(BOOK, encoding="utf-8")
    window = window_on(shop, tmp_path, qtbot)
    wizard = opened(window, "clients", qtbot)
    choose_file(wizard, book, qtbot)
    to_preview(wizard, qtbot)
    book.write_text(BOOK + "Acme,active,dental,twelve\n", encoding="utf-8")  # changed after the preview
    click(qtbot, button(wizard, "import_apply"))
    qtbot.waitUntil(lambda: not wizard.import_page.running)
    assert text_of(wizard, "import_status") == (
        "Nothing was imported (the shop is as it was): row 4, column seats: “twelve” is not a whole number "
        "like 1,200"
    )
    assert roster(shop, TODAY, signals=False) == [] and window.edits.stack.count() == 0
    window.close()


def test_the_wizard_by_keyboard_alone(shop: Database, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.csv"
    book.write_text(BOOK, encoding="utf-8")
    window = window_on(shop, tmp_path, qtbot)
    wizard = opened(window, "clients", qtbot)
    path = wizard.file_page.path
    qtbot.waitUntil(path.hasFocus)  # the first field has the focus
    qtbot.keyClicks(path, str(book))
    qtbot.waitUntil(wizard.file_page.isComplete)
    qtbot.keyClick(path, Qt.Key.Key_Return)  # Next
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.columns_page)
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)  # Next
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete())
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)  # Import
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.import_page and not wizard.import_page.running)
    assert len(roster(shop, TODAY, signals=False)) == 2
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)  # Close
    qtbot.waitUntil(lambda: not wizard.isVisible())
    window.close()


def test_a_column_the_file_has_can_be_left_out(shop: Database, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The file's 'seats' holds notes, not numbers: left out on the Columns step, the rows import."""
    book = tmp_path / "book.csv"
    book.write_text("name,seats\nAcme Law,about ten\nGlobex,ask Jo\n", encoding="utf-8")
    window = window_on(shop, tmp_path, qtbot)
    wizard = opened(window, "clients", qtbot)
    choose_file(wizard, book, qtbot)
    to_preview(wizard, qtbot)
    assert not button(wizard, "import_apply").isEnabled()  # 'about ten' is no number of seats
    click(qtbot, button(wizard, "import_back"))
    seats = wizard.findChild(QComboBox, "import_map_seats")
    assert seats.currentText() == "seats"
    seats.setCurrentIndex(seats.findText("— not in this file —"))
    assert text_of(wizard, "import_samples_seats") == ""
    name = wizard.findChild(QComboBox, "import_map_name")
    assert name.findText("— not in this file —") == -1  # every row needs a name
    assert wizard.choice().mapping == ("seats=",)
    to_preview(wizard, qtbot)
    assert table_rows(wizard) == [["2", "Acme Law"], ["3", "Globex"]]
    click(qtbot, button(wizard, "import_apply"))
    qtbot.waitUntil(lambda: not wizard.import_page.running)
    assert sorted((r.name, r.seats) for r in roster(shop, TODAY, signals=False)) == [
        ("Acme Law", 0),
        ("Globex", 0),
    ]
    window.close()
