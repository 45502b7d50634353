"""Image files for the logo tests: a simple logo in any format, and a PNG whose header claims
more pixels than any logo needs (its data would not decode: refusing it proves nothing was)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

INK = (255, 255, 255, 255)
TEAL = (13, 110, 120, 255)


def logo_image(size: tuple[int, int], colour: tuple[int, int, int, int] = TEAL) -> Image.Image:
    """A rounded rectangle of ``colour`` with a white bar across it, on a transparent ground."""
    width, height = size
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, width - 1, height - 1), radius=min(size) // 5, fill=colour)
    draw.rectangle((width // 5, height * 2 // 5, width * 4 // 5, height * 3 // 5), fill=INK)
    return image


def write_logo(
    path: Path, size: tuple[int, int], colour: tuple[int, int, int, int] = TEAL, fmt: str = "PNG"
) -> Path:
    """``logo_image`` saved at ``path`` as ``fmt`` (JPEG and BMP lose the transparency)."""
    image = logo_image(size, colour)
    if fmt in ("JPEG", "BMP"):
        image = image.convert("RGB")
    image.save(path, format=fmt)
    return path


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A PNG whose header says ``width`` x ``height`` pixels but whose data is one tiny row."""
    image = io.BytesIO()
    Image.new("RGB", (1, 1)).save(image, format="PNG")
    data = bytearray(image.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])  # size, then depth, colour ...
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    path.write_bytes(bytes(data))
    return path
