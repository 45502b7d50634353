"""The Reports page as the owner uses it: choose a report and its subject, see its pages, save
and print it; a client's QBR tab and Ask now open their packet there; the fortnight's QBR
packets in one batch; a new shop's page says what it needs and offers the button."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from msp_desk import formatting as fmt
from msp_desk.demo.shops import build_demo
from msp_desk.services.reports.catalogue import PACK, QBR, ReportRequest
from msp_desk.services.reports.qbr_batch import due_qbrs
from msp_desk.services.reviews.overview import review_rows
from msp_desk.store.database import Database, open_database
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.reports.page import NO_CLIENTS, ReportsPage

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise"),
]
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path, create=True)
    try:
        build_demo(db, "msp", TODAY)
    finally:
        db.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "shop.sqlite3"
    shutil.copyfile(demo_file, path)
    db = open_database(path)
    yield db
    db.close()


def window_on(db: Database, qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    main = MainWindow(db, TODAY, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def reports(main: MainWindow) -> ReportsPage:
    main.show_page("reports")
    page = main.page("reports")
    assert isinstance(page, ReportsPage)
    return page


def text_of(pdf: bytes | Path) -> str:
    reader = PdfReader(pdf) if isinstance(pdf, Path) else PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pack_previews_saves_and_its_aim_is_printed(demo: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = reports(window_on(demo, qtbot, tmp_path))
    assert page.kind() == PACK
    qtbot.waitUntil(lambda: page.pages.page_count() == 1)
    page.pack.referrer.setText("Zoë Müller")
    page.pack.referrer.editingFinished.emit()
    qtbot.waitUntil(lambda: page.made is not None and "Zoë Müller" in text_of(page.made.pdf))
    assert page.pages.page_count() == 1 and page.save_button.isEnabled()
    target = tmp_path / "out" / "pack"
    assert page.save_to(target)
    saved = target.with_name("pack.pdf")
    assert "Zoë Müller suggested we talk" in text_of(saved).replace("\n", " ")
    assert "Saved pack.pdf" in page.note.text()


def test_a_qbr_packet_for_the_chosen_client_and_why_it_has_no_referral_page(
    demo: Database, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = reports(window_on(demo, qtbot, tmp_path))
    page.kinds.setCurrentRow(1)
    rows = {row.name: row for row in review_rows(demo)}
    hanover = rows["Hanover Square Realty"]
    assert page.qbr.choose(hanover.client_id)
    qtbot.waitUntil(lambda: page.made is not None and 2 <= page.pages.page_count() <= 4)
    text = text_of(page.made.pdf)
    assert "Hanover Square Realty" in text and "Quarterly business review" in text
    combo = page.qbr.client
    assert combo.currentText().startswith("Hanover Square Realty — QBR ")
    assert fmt.date_text(hanover.next_due) in combo.currentText()
    from msp_desk.services.reports.qbr_packet import qbr_packet

    packet = qbr_packet(demo, hanover.client_id, TODAY)
    if packet.referral_page:
        assert page.note.text().startswith('It ends with "Who else should we help?": Hanover Square Realty')
    else:
        assert packet.referral_page_reason and page.note.text() == packet.referral_page_reason


def test_the_kpi_report_of_the_month_chosen(demo: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = reports(window_on(demo, qtbot, tmp_path))
    page.kinds.setCurrentRow(2)
    assert page.kpi.month.currentText() == "October 2026"  # the last full month first
    page.kpi.month.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.made is not None and "September 2026" in text_of(page.made.pdf))
    assert page.made.file_name == "KPI report - 2026-09.pdf"


def test_the_client_qbr_tab_and_ask_now_open_their_packet(demo: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main = window_on(demo, qtbot, tmp_path)
    client = next(row for row in review_rows(demo) if row.name == "Hanover Square Realty").client_id
    main.show_client(client)
    detail = main.clients.detail
    assert detail is not None
    detail.show_tab("qbrs")
    detail.qbrs.packet_button.click()
    assert main.current_page() == "reports"
    page = reports(main)
    assert page.kind() == QBR and page.qbr.client.currentData() == client
    qtbot.waitUntil(lambda: page.made is not None and "Hanover Square Realty" in text_of(page.made.pdf))

    main.show_page("referrals")
    panel = main.page("referrals").tab("ask_now")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(panel.rows))
    panel.view.selectRow(0)
    row = panel.selected()
    assert row is not None and panel.pack_button.isEnabled()
    panel.pack_button.click()
    assert main.current_page() == "reports" and page.kind() == PACK
    assert page.pack.referrer.text() == (row.contact or row.name)
    assert page.pack.industry.text() == row.industry


def test_the_batch_writes_each_due_clients_packet(demo: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = reports(window_on(demo, qtbot, tmp_path))
    due = due_qbrs(demo, TODAY, 14)
    assert due  # the demo has QBRs coming
    page.batch()
    dialog = page.batch_dialog
    dialog.folder.setText(str(tmp_path / "packets"))
    dialog.start.click()
    qtbot.waitUntil(lambda: not dialog.running and "written" in dialog.outcome.text())
    files = sorted((tmp_path / "packets").glob("*.pdf"))
    assert len(files) == len(due)
    assert dialog.outcome.text().startswith(f"{fmt.plural(len(due), 'packet')} written into ")
    assert all(found.stat().st_size > 1000 for found in files)
    names = "\n".join(text_of(f) for f in files)
    assert all(d.name in names for d in due)


def test_saving_into_a_folder_that_cannot_be_written_says_so_and_writes_nothing(
    demo: Database, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = reports(window_on(demo, qtbot, tmp_path))
    qtbot.waitUntil(lambda: page.made is not None)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: said.append(text))
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    assert not page.save_to(blocker / "pack.pdf")
    assert len(said) == 1 and "\n" not in said[0] and "Traceback" not in said[0]
    assert blocker.read_text() == "not a folder"


def test_a_new_shops_qbr_packet_asks_for_a_client_first(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main = window_on(db, qtbot, tmp_path)
    page = reports(main)
    qtbot.waitUntil(lambda: page.pages.page_count() == 1)  # a new shop's pack: no fake numbers, but a page
    page.kinds.setCurrentRow(1)
    assert page.pages.message.text() == NO_CLIENTS
    assert page.add_client.isVisible() and not page.save_button.isEnabled()
    page.add_client.click()
    assert main.new_client_dialog.isVisible()
    main.new_client_dialog.reject()
    page.kinds.setCurrentRow(2)
    qtbot.waitUntil(lambda: page.pages.page_count() >= 1)
    assert not page.add_client.isVisible()


def test_open_report_shows_the_request(demo: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main = window_on(demo, qtbot, tmp_path)
    main.open_report(ReportRequest(PACK, industry="Łódź logistics firms", prospect="Ōsaka Dental"))
    page = reports(main)
    qtbot.waitUntil(lambda: page.made is not None)
    text = text_of(page.made.pdf)
    assert "Ōsaka Dental" in text
    assert page.made.file_name == "Referral pack - Ōsaka Dental.pdf"


def test_a_client_added_elsewhere_is_offered_for_its_qbr_packet(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from factories import make_client, make_ladder

    from msp_desk.services.accounts import ledger

    main = window_on(db, qtbot, tmp_path)
    page = reports(main)
    page.kinds.setCurrentRow(1)
    assert page.qbr.client.count() == 0
    ids = make_ladder(db)
    client = make_client(db, "Łódź Logistics")
    changes = ledger.start_client(db, client, ids["Core"], 10, dt.date(2026, 9, 1))
    main.edits.adopt(changes)  # announced as the app's own writes are
    qtbot.waitUntil(lambda: page.qbr.client.findData(client) >= 0)
    qtbot.waitUntil(lambda: page.made is not None and "Łódź Logistics" in text_of(page.made.pdf))
