"""Unsaved settings: marked on the page and in the title, asked about before the page is left or
the app quits (Save / Discard / Cancel); every bad field's error shown at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from msp_desk.services.shop.settings import get_settings, save_settings
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.settings.page import SettingsPage

Button = QMessageBox.StandardButton


@pytest.fixture
def window(db: Database, qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    save_settings(db, name="Harbor Point IT")
    main = MainWindow(
        db, dt.date(2026, 3, 14), settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.show_page("settings")
    return main


def answering(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    """The question box answers ``answer``; returns the questions asked."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def settings_page(window: MainWindow) -> SettingsPage:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    return page


def rename(window: MainWindow, name: str) -> None:
    settings_page(window).findChild(QLineEdit, "setting_name").setText(name)


def test_an_edit_marks_the_save_button_and_the_title(window: MainWindow) -> None:
    save = settings_page(window).findChild(QPushButton, "save_settings")
    assert save.text() == "Save" and not window.isWindowModified()
    rename(window, "Harbor Point Managed IT")
    assert save.text() == "Save *"
    assert window.isWindowModified() and window.windowTitle().endswith("[*]")
    rename(window, "Harbor Point IT")  # typed back as saved: nothing unsaved
    assert save.text() == "Save" and not window.isWindowModified()


def test_leaving_with_unsaved_settings_and_cancel_stays(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    rename(window, "Harbor Point Managed IT")
    asked = answering(monkeypatch, Button.Cancel)
    window.show_page("dashboard")
    assert asked == ["You have changed the settings without saving. Save the changes?"]
    assert window.current_page() == "settings"
    assert window.nav.currentItem().text() == "Settings"  # the list still shows the page open
    assert settings_page(window).findChild(QLineEdit, "setting_name").text() == "Harbor Point Managed IT"


def test_leaving_and_save_keeps_the_edit(
    window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    rename(window, "Harbor Point Managed IT")
    answering(monkeypatch, Button.Save)
    window.show_page("dashboard")
    assert window.current_page() == "dashboard"
    assert get_settings(db).name == "Harbor Point Managed IT"
    assert not window.isWindowModified()


def test_leaving_and_discard_puts_the_fields_back(
    window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    rename(window, "Harbor Point Managed IT")
    answering(monkeypatch, Button.Discard)
    window.show_page("clients")
    assert window.current_page() == "clients"
    assert get_settings(db).name == "Harbor Point IT"
    assert settings_page(window).findChild(QLineEdit, "setting_name").text() == "Harbor Point IT"
    assert not window.isWindowModified()


def test_a_save_refused_keeps_the_page_open(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    settings_page(window).findChild(QLineEdit, "setting_fcr").setText("most of them")
    answering(monkeypatch, Button.Save)
    window.show_page("dashboard")
    assert window.current_page() == "settings"  # the error is on show beside its field


def test_quitting_with_unsaved_settings_asks(
    window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    rename(window, "Harbor Point Managed IT")
    asked = answering(monkeypatch, Button.Cancel)
    assert not window.close()
    assert window.isVisible() and len(asked) == 1
    answering(monkeypatch, Button.Save)
    assert window.close()
    assert get_settings(db).name == "Harbor Point Managed IT"


def test_quitting_without_edits_asks_nothing(window: MainWindow) -> None:
    assert window.close()  # the autouse guard fails any question asked


def test_three_bad_fields_show_three_messages(window: MainWindow, db: Database) -> None:
    page = settings_page(window)
    page.findChild(QLineEdit, "setting_sales_marketing_share_bp").setText("lots")
    page.findChild(QLineEdit, "setting_reactivation_window_days").setText("soon")
    page.findChild(QLineEdit, "setting_fcr").setText("most of them")
    page.findChild(QLineEdit, "setting_name").setText("Renamed")
    assert not page.save()
    shown = {
        key: page.findChild(QLabel, f"error_{key}").text()
        for key in ("sales_marketing_share_bp", "reactivation_window_days", "fcr")
        if page.findChild(QLabel, f"error_{key}").isVisibleTo(page)
    }
    assert set(shown) == {"sales_marketing_share_bp", "reactivation_window_days", "fcr"}
    assert shown["reactivation_window_days"] == "a number of days, or empty for no limit"
    assert get_settings(db).name == "Harbor Point IT"  # nothing saved
