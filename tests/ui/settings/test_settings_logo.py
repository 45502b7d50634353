"""The logo on the Settings page: chosen through its button, shown as reports print it, removed,
brought back by undo; a file that is not a picture is refused beside the buttons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from logo_images import write_logo
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit

from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext
from msp_desk.ui.settings.logo import NO_LOGO, LogoField
from msp_desk.ui.settings.page import SettingsPage
from msp_desk.ui.tasks import ThreadRunner


@pytest.fixture
def page(db: Database, qtbot) -> SettingsPage:  # type: ignore[no-untyped-def]
    settings_page = SettingsPage(PageContext.open(db, dt.date.today()))
    qtbot.addWidget(settings_page)
    settings_page.show()
    return settings_page


def choose(field: LogoField, qtbot, monkeypatch: pytest.MonkeyPatch, path: Path | str) -> None:  # type: ignore[no-untyped-def]
    """Click "Choose logo…" and pick ``path`` in the file dialog ("" = cancel it)."""
    monkeypatch.setattr(field, "choose_file", lambda: str(path))
    qtbot.mouseClick(field.choose_button, Qt.MouseButton.LeftButton)


def shown_colour(field: LogoField) -> QColor:
    """The colour at the middle of the preview's top edge (the logo's own colour, not its bar)."""
    image = field.preview.pixmap().toImage()
    return image.pixelColor(image.width() // 2, 2)


def test_choose_a_logo_see_it_remove_it_and_undo(  # type: ignore[no-untyped-def]
    db: Database, page: SettingsPage, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    field = page.logo
    assert field.preview.text() == NO_LOGO and not field.remove_button.isEnabled()

    choose(field, qtbot, monkeypatch, write_logo(tmp_path / "logo.png", (1500, 500), (13, 110, 120, 255)))
    assert get_settings(db).logo_png is not None
    assert field.has_logo
    assert (field.preview.pixmap().width(), field.preview.pixmap().height()) == (198, 66)  # 3:1 in 204 x 66
    assert shown_colour(field).getRgb()[:3] == (13, 110, 120)
    assert field.status.text() == "Logo chosen" and field.remove_button.isEnabled()

    qtbot.mouseClick(field.remove_button, Qt.MouseButton.LeftButton)
    assert get_settings(db).logo_png is None
    assert field.preview.text() == NO_LOGO and not field.has_logo
    assert field.status.text() == "Logo removed"

    page._edits.stack.undo()  # the removal undone: the logo is back, on screen too
    assert get_settings(db).logo_png is not None
    assert field.has_logo and shown_colour(field).getRgb()[:3] == (13, 110, 120)
    page._edits.stack.undo()  # the choice undone: no logo again
    assert get_settings(db).logo_png is None and field.preview.text() == NO_LOGO


def test_a_new_logo_replaces_the_old_on_screen(  # type: ignore[no-untyped-def]
    page: SettingsPage, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    choose(page.logo, qtbot, monkeypatch, write_logo(tmp_path / "a.png", (300, 300), (13, 110, 120, 255)))
    choose(
        page.logo, qtbot, monkeypatch, write_logo(tmp_path / "b.jpg", (400, 300), (200, 40, 40, 255), "JPEG")
    )
    red, green, blue, _alpha = shown_colour(page.logo).getRgb()
    assert red > 180 and green < 70 and blue < 70  # the red one (JPEG shifts colours a little)
    assert page.logo.preview.pixmap().height() == 66


def test_a_file_that_is_not_a_picture_is_refused_beside_the_buttons(  # type: ignore[no-untyped-def]
    db: Database, page: SettingsPage, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    choose(page.logo, qtbot, monkeypatch, write_logo(tmp_path / "logo.png", (300, 100)))
    kept = get_settings(db).logo_png
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture", encoding="utf-8")
    choose(page.logo, qtbot, monkeypatch, notes)
    assert page.logo.status.text().startswith("notes.txt cannot be the logo: it is not an image")
    assert page.logo.status.styleSheet() == theme.label_style("error")
    assert get_settings(db).logo_png == kept and page.logo.has_logo  # the old logo stays
    assert page.logo.choose_button.isEnabled()


def test_cancelling_the_dialog_changes_nothing(  # type: ignore[no-untyped-def]
    db: Database, page: SettingsPage, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(page.logo, qtbot, monkeypatch, "")
    assert get_settings(db).id is None and page.logo.status.text() == ""
    assert page._edits.stack.count() == 0


def test_choosing_a_logo_keeps_what_is_typed_and_not_saved(  # type: ignore[no-untyped-def]
    db: Database, page: SettingsPage, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page.findChild(QLineEdit, "setting_name").setText("Harbor Point IT")
    choose(page.logo, qtbot, monkeypatch, write_logo(tmp_path / "logo.png", (300, 300)))
    assert page.logo.has_logo
    assert page.findChild(QLineEdit, "setting_name").text() == "Harbor Point IT"  # still there to save
    assert page.has_unsaved()
    page.save()
    assert get_settings(db).name == "Harbor Point IT" and get_settings(db).logo_png is not None


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_picture_is_read_off_the_ui_thread_then_saved_as_one_undoable_write(  # type: ignore[no-untyped-def]
    db: Database, qtbot, tmp_path: Path
) -> None:
    runner = ThreadRunner()
    ctx = PageContext.open(db, dt.date.today(), runner=runner)
    field = LogoField(ctx)
    qtbot.addWidget(field)
    field.show()
    try:
        field.use_file(write_logo(tmp_path / "photo.jpg", (4000, 3000), fmt="JPEG"))
        assert not field.choose_button.isEnabled()  # one picture at a time
        qtbot.waitUntil(lambda: field.has_logo)
        assert field.choose_button.isEnabled() and field.remove_button.isEnabled()
        assert field.status.text() == "Logo chosen" and ctx.edits.stack.count() == 1
        assert (field.preview.pixmap().width(), field.preview.pixmap().height()) == (88, 66)  # 4:3
    finally:
        runner.wait()
