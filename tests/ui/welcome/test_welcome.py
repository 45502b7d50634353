"""The first run, as the owner meets it: the welcome offers a demo or a new shop; the new shop is
made with its kind's ladder in the chosen locale and currency; a demo or Quit makes no file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog

from msp_desk.__main__ import main
from msp_desk.services.ladder.items import ladder_items
from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import Database, open_database
from msp_desk.ui import app
from msp_desk.ui.welcome.dialog import WelcomeDialog
from msp_desk.ui.welcome.locales import currency_of, system_locale

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TODAY = dt.date(2026, 11, 20)


def pick(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def fill_new_shop(qtbot, dialog: WelcomeDialog, *, kind: str, name: str, locale: str, currency: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentWidget() is dialog.start
    pick(dialog.kind_field, kind)
    qtbot.keyClicks(dialog.name_field, name)
    pick(dialog.locale_field, locale)
    pick(dialog.currency_field, currency)
    dialog.employees_field.setValue(6)


def test_a_new_msp_shop_is_made_with_its_ladder_locale_and_currency(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "harbor.sqlite3"
    dialog = WelcomeDialog(path, TODAY)
    qtbot.addWidget(dialog)
    fill_new_shop(qtbot, dialog, kind="msp", name="Harbor Point IT", locale="de_CH", currency="CHF")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.db is not None and dialog.demo is None
    dialog.db.close()
    assert path.exists()
    db = open_database(path)
    try:
        shop = get_settings(db)
        assert (shop.name, shop.kind, shop.locale, shop.currency, shop.employees) == (
            "Harbor Point IT", "msp", "de_CH", "CHF", 6,
        )  # fmt: skip
        tiers = [t.name for t in ladder_items(db, TODAY).tiers]
        assert tiers == ["Starter", "Core", "Growth", "Premium"]
    finally:
        db.close()


def test_a_shop_needs_a_name_and_nothing_is_made_without_one(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "shop.sqlite3"
    dialog = WelcomeDialog(path, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.name_field, "   ")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.errors.shown() == {"name": "A name for your shop is needed"}
    assert dialog.isVisible() and dialog.db is None
    assert not path.exists()


def test_the_format_defaults_to_the_system_locale_and_its_currency(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_NUMERIC", raising=False)
    assert system_locale() == "en_GB"
    dialog = WelcomeDialog(tmp_path / "shop.sqlite3", TODAY)
    qtbot.addWidget(dialog)
    assert dialog.locale_field.currentData() == "en_GB"
    assert dialog.locale_field.currentText() == "English (United Kingdom) — en_GB"
    assert dialog.currency_field.currentData() == "GBP"
    pick(dialog.locale_field, "fr_CH")  # another format suggests its country's money
    assert dialog.currency_field.currentData() == "CHF"
    assert currency_of("en_US", TODAY) == "USD"


def run_main_with(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], choose
) -> tuple[int, list[tuple[Database, str]]]:  # type: ignore[no-untyped-def]
    """``main(argv)`` with the welcome answered by ``choose(dialog)`` and the main window's event
    loop replaced by a note of the database it was given."""
    opened: list[tuple[Database, str]] = []

    def answer(dialog: WelcomeDialog) -> int:
        choose(dialog)
        return int(dialog.result())

    def note(db: Database, *, today: dt.date | None = None, title_suffix: str = "") -> int:
        opened.append((db, title_suffix))
        return 0

    monkeypatch.setattr(WelcomeDialog, "exec", answer)
    monkeypatch.setattr(app, "run_gui", note)
    return main(argv), opened


def test_first_run_on_a_missing_file_opens_the_new_shop(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.sqlite3"

    def start_va(dialog: WelcomeDialog) -> None:
        fill_new_shop(qtbot, dialog, kind="va", name="BrightPath VAs", locale="en_AU", currency="AUD")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    code, opened = run_main_with(monkeypatch, ["--db", str(path), "--today", "2026-11-20"], start_va)
    assert code == 0
    [(db, suffix)] = opened
    assert db.path == path and suffix == ""
    assert path.exists()
    db = open_database(path)
    try:
        assert get_settings(db).kind == "va"
        assert len(ladder_items(db, TODAY).tiers) == 4
    finally:
        db.close()


def test_the_demo_choice_opens_the_demo_and_makes_no_file_of_the_owners(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.sqlite3"

    def try_demo(dialog: WelcomeDialog) -> None:
        qtbot.mouseClick(dialog.demo_buttons["msp"], Qt.MouseButton.LeftButton)

    code, opened = run_main_with(monkeypatch, ["--db", str(path), "--today", "2026-11-20"], try_demo)
    assert code == 0
    [(db, suffix)] = opened
    assert suffix == " (demo)" and db.path != path
    assert get_settings(db).name == "Northwind Shield IT"
    assert not path.exists() and not list(tmp_path.glob("mine*"))


def test_quitting_the_welcome_makes_nothing_and_exits_0(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.sqlite3"

    def quit_(dialog: WelcomeDialog) -> None:
        fill_new_shop(qtbot, dialog, kind="msp", name="Half typed", locale="en_US", currency="USD")
        qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)

    code, opened = run_main_with(monkeypatch, ["--db", str(path)], quit_)
    assert code == 0 and opened == []
    assert not list(tmp_path.iterdir())


def test_an_existing_shop_or_the_demo_flag_skips_the_welcome(
    db_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def never(_dialog: WelcomeDialog) -> None:
        raise AssertionError("the welcome was shown")

    code, opened = run_main_with(monkeypatch, ["--db", str(db_path)], never)
    assert code == 0 and [db.path for db, _suffix in opened] == [db_path]
