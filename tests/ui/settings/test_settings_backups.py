"""The Settings page's Backups box: the folder (opened on a click), the last backup, Back up now."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QPushButton

from msp_desk.errors import StorageProblem
from msp_desk.services.shop import backups
from msp_desk.store.database import Database
from msp_desk.ui.context import PageContext
from msp_desk.ui.settings.page import SettingsPage


def page_on(db: Database, qtbot) -> SettingsPage:  # type: ignore[no-untyped-def]
    page = SettingsPage(PageContext.open(db, dt.date.today()))
    qtbot.addWidget(page)
    page.show()
    return page


def text(page: SettingsPage, name: str) -> str:
    return page.findChild(QLabel, name).text()


def button(page: SettingsPage, name: str) -> QPushButton:
    return page.findChild(QPushButton, name)


def test_the_box_shows_the_folder_and_no_backup_yet(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = page_on(db, qtbot)
    assert text(page, "backup_folder") == str(db.path.parent / "backups")
    assert text(page, "last_backup") == "None yet"
    assert not button(page, "open_backup_folder").isEnabled()  # nothing to open yet


def test_back_up_now_writes_a_copy_and_shows_when(
    db: Database, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = page_on(db, qtbot)
    made = backups.backup(db, now=dt.datetime(2026, 3, 1, 9, 5))
    page.refresh()
    assert text(page, "last_backup") == "Mar 1, 2026 09:05 (by hand)"
    button(page, "back_up_now").click()  # the page's runner: in line in tests
    (last,) = [b for b in backups_in(db.path.parent / "backups") if b != made]
    assert text(page, "backup_status") == f"Backup written to {last}"
    assert (
        text(page, "last_backup").endswith("(by hand)")
        and text(page, "last_backup") != "Mar 1, 2026 09:05 (by hand)"
    )
    opened: list[QUrl] = []
    monkeypatch.setattr("msp_desk.ui.settings.backups.QDesktopServices.openUrl", opened.append)
    assert button(page, "open_backup_folder").isEnabled()
    button(page, "open_backup_folder").click()
    assert opened == [QUrl.fromLocalFile(str(db.path.parent / "backups"))]


def backups_in(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def test_a_backup_that_fails_says_why_in_the_box(
    db: Database, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def full_disk(_db: Database) -> Path:
        raise StorageProblem("Could not finish writing the backup x: the disk is full. Nothing was changed.")

    monkeypatch.setattr(backups, "backup", full_disk)
    page = page_on(db, qtbot)
    button(page, "back_up_now").click()
    assert text(page, "backup_status") == (
        "Could not finish writing the backup x: the disk is full. Nothing was changed."
    )
    assert button(page, "back_up_now").isEnabled()
    assert text(page, "last_backup") == "None yet"
