"""The dmgbuild settings for the macOS disk image, executed the way dmgbuild executes them
(dmgbuild itself needs macOS's hdiutil, so the image is built only by the installers workflow)."""

from __future__ import annotations

import os
import tokenize
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "packaging" / "macos" / "dmg_settings.py"

# The options dmgbuild 1.6 reads back from a settings file (its build_dmg defaults).
DMGBUILD_OPTIONS = {
    "filename", "volume_name", "format", "filesystem", "compression_level", "size", "shrink", "files",
    "symlinks", "hide", "hide_extensions", "icon", "badge_icon", "background", "show_status_bar",
    "show_tab_view", "show_toolbar", "show_pathbar", "show_sidebar", "sidebar_width", "arrange_by",
    "grid_offset", "grid_spacing", "scroll_position", "show_icon_preview", "show_item_info", "label_pos",
    "text_size", "icon_size", "include_icon_view_settings", "include_list_view_settings",
    "list_icon_size", "list_text_size", "list_scroll_position", "list_sort_by", "list_use_relative_dates",
    "list_calculate_all_sizes", "list_columns", "list_column_widths", "list_column_sort_directions",
    "window_rect", "default_view", "icon_locations", "license", "defines",
}  # fmt: skip


def run_settings(defines: dict[str, str], volume_name: str = "MSP Desk") -> dict[str, Any]:
    """dmgbuild's load_settings: the file exec'd with one dict as globals and locals, pre-filled
    with the command line's filename and volume name, the defaults and ``defines``."""
    options: dict[str, Any] = {name: None for name in DMGBUILD_OPTIONS}
    options |= {"filename": "dist/MSP-Desk.dmg", "volume_name": volume_name, "defines": defines}
    with SETTINGS.open("rb") as raw:
        encoding = tokenize.detect_encoding(raw.readline)[0]
    exec(compile(SETTINGS.read_text(encoding=encoding), str(SETTINGS), "exec"), options, options)
    return options


def assigned_options(options: dict[str, Any]) -> set[str]:
    """The names the file set for dmgbuild: skips its own helpers (leading _) and imports."""
    return {
        name
        for name, value in options.items()
        if not name.startswith("_") and not isinstance(value, type(os)) and not callable(value)
    }


@pytest.fixture(autouse=True)
def at_the_checkout_top(monkeypatch):
    monkeypatch.chdir(ROOT)  # build-dmg.sh runs dmgbuild from there; the paths are relative to it


def test_by_default_the_image_holds_the_pyinstaller_app_beside_an_applications_link():
    options = run_settings({"version": "0.1.0"})
    assert options["files"] == ["dist/MSP Desk.app"]
    assert options["symlinks"] == {"Applications": "/Applications"}
    assert options["volume_name"] == "MSP Desk 0.1.0"
    assert options["format"] == "UDZO"
    assert options["hide_extensions"] == ["MSP Desk.app"]
    assert Path(str(options["icon"])).is_file()


def test_the_app_and_version_come_from_defines():
    options = run_settings({"app": "build/stage/MSP Desk.app/", "version": "2.3.4"})
    assert options["files"] == ["build/stage/MSP Desk.app/"]
    assert options["volume_name"] == "MSP Desk 2.3.4"
    assert set(options["icon_locations"]) == {"MSP Desk.app", "Applications"}


def test_without_a_version_define_the_volume_is_named_for_the_installed_package():
    from importlib.metadata import version

    assert run_settings({})["volume_name"] == f"MSP Desk {version('msp-desk')}"


def test_every_name_set_is_a_dmgbuild_option():
    assert assigned_options(run_settings({})) <= DMGBUILD_OPTIONS


def test_both_icons_sit_inside_the_window_side_by_side_without_overlapping():
    options = run_settings({})
    (_, _), (width, height) = options["window_rect"]
    icon = int(options["icon_size"])
    (app_x, app_y), (apps_x, apps_y) = options["icon_locations"].values()
    assert app_y == apps_y  # one row, left to right: drag the app onto Applications
    assert apps_x - app_x >= icon + 40
    for x, y in ((app_x, app_y), (apps_x, apps_y)):  # locations are icon centres
        assert icon / 2 <= x <= width - icon / 2
        assert icon / 2 <= y <= height - icon / 2 - 20  # room for the label under the icon
