"""The Windows .ico and macOS .icns the installers embed: present, every size, the shipped PNGs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"


def load_render_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "packaging" / "render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a.convert("RGBA"), b.convert("RGBA")).getbbox() is None


def test_the_windows_icon_holds_every_size_windows_asks_for():
    with Image.open(ROOT / "packaging" / "windows" / "msp-desk.ico") as ico:
        assert ico.format == "ICO"
        assert sorted(ico.info["sizes"]) == [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]


def test_the_windows_icon_frames_are_the_shipped_pngs_not_rescaled_copies():
    # Fails when the PNGs are re-rendered and the .ico is not rebuilt (render_icons.py).
    with Image.open(ROOT / "packaging" / "windows" / "msp-desk.ico") as ico:
        for size in (16, 32, 48, 64, 128, 256):
            with Image.open(ICONS / f"msp-desk-{size}.png") as png:
                assert same_pixels(ico.ico.getimage((size, size)), png), size


def test_the_macos_icon_holds_every_size_up_to_retina_512():
    with Image.open(ROOT / "packaging" / "macos" / "msp-desk.icns") as icns:
        assert icns.format == "ICNS"
        sizes = {(w * scale, h * scale) for w, h, scale in icns.info["sizes"]}
        assert sizes == {(s, s) for s in (32, 64, 128, 256, 512, 1024)}
        with Image.open(ICONS / "msp-desk-512.png") as png:
            assert same_pixels(icns.icns.getimage((512, 512, 1)), png)


def test_the_generator_writes_both_files_from_the_pngs(tmp_path, qapp):
    # qapp: the session's QApplication, so render() (which needs a Qt application for 24 and
    # 1024) does not make a bare QGuiApplication that later widget tests would inherit and abort on.
    render_icons = load_render_icons()
    ico, icns = tmp_path / "w" / "app.ico", tmp_path / "m" / "app.icns"
    assert render_icons.write_platform_icons(ICONS, ico, icns) == [ico, icns]
    with Image.open(ico) as written, Image.open(ROOT / "packaging" / "windows" / "msp-desk.ico") as committed:
        assert written.info["sizes"] == committed.info["sizes"]
    assert icns.read_bytes()[:4] == b"icns"
