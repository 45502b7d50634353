"""Render resources/icons/msp-desk.svg to the PNG sizes installers and window managers use, and
pack those PNGs into the Windows ``.ico`` and macOS ``.icns`` the installers embed."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
WINDOWS_ICO = ROOT / "packaging" / "windows" / "msp-desk.ico"
MACOS_ICNS = ROOT / "packaging" / "macos" / "msp-desk.icns"

SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Pillow writes every ICNS slot up to 1024 (512 at 2x); the slots it holds are 32..1024.
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def render(svg: Path, out_dir: Path, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Write ``msp-desk-<size>.png`` for each size; returns the files written."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        path = out_dir / f"msp-desk-{size}.png"
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"could not write {path}")
        written.append(path)
    return written


def write_platform_icons(icons: Path = ICONS, ico: Path = WINDOWS_ICO, icns: Path = MACOS_ICNS) -> list[Path]:
    """Pack the PNGs in ``icons`` into ``ico`` (Windows, 16-256) and ``icns`` (macOS, 32-1024).

    The sizes no shipped PNG has (24 for Windows' small icons, 1024 for Retina's 512@2x) are
    rendered from the SVG for the occasion rather than scaled from a neighbour (blurry)."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        missing = tuple(
            size for size in (*ICO_SIZES, *ICNS_SIZES) if not (icons / f"msp-desk-{size}.png").is_file()
        )
        render(icons / "msp-desk.svg", Path(tmp), missing)
        images = {}
        for size in sorted({*ICO_SIZES, *ICNS_SIZES}):
            folder = Path(tmp) if size in missing else icons
            with Image.open(folder / f"msp-desk-{size}.png") as png:
                images[size] = png.convert("RGBA")
    ico.parent.mkdir(parents=True, exist_ok=True)
    icns.parent.mkdir(parents=True, exist_ok=True)
    # Each size is its own frame (PNG-compressed, as Windows Vista and later read them); the
    # largest image leads because Pillow drops any frame bigger than the first.
    images[256].save(
        ico,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != 256],
    )
    images[1024].save(icns, format="ICNS", append_images=[images[size] for size in ICNS_SIZES])
    return [ico, icns]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--platform-only",
        action="store_true",
        help="only rebuild the .ico and .icns from the PNGs already in resources/icons",
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    written = [] if args.platform_only else render(ICONS / "msp-desk.svg", ICONS)
    written += write_platform_icons()
    for path in written:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
