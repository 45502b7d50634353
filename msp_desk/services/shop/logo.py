"""The shop's logo: an image file the owner chose, kept as a small PNG and printed on every report.

Any picture Pillow reads (PNG, JPEG, GIF, BMP, WebP ...) is accepted; it is checked before it is
decoded (at most ``MAX_FILE_BYTES`` on disk and ``MAX_PIXELS`` pixels), turned the right way up,
trimmed of clear margins, and stored as an RGBA PNG no longer than ``LOGO_SIDE`` pixels on its longer side: enough for the
masthead's 34 x 11 mm box at print resolution, and small in the database.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import replace
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from msp_desk.errors import os_fault
from msp_desk.io.encodings import WholeFileError
from msp_desk.services.changes import Changes
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo decodes to 160 MB; a logo never needs that many
LOGO_SIDE = 600  # px on the longer side: 34 mm printed at about 450 dpi
FORMATS = "PNG, JPEG, GIF, BMP or WebP"


def refused(path: Path, why: str) -> WholeFileError:
    """The one sentence saying why ``path`` cannot be the logo (nothing was changed)."""
    return WholeFileError("logo", f"{path.name} cannot be the logo: {why}. Nothing was changed.")


def logo_png(path: Path | str) -> bytes:
    """The logo made from the image file at ``path``: PNG bytes (RGBA, at most ``LOGO_SIDE`` px
    on its longer side, aspect kept). Refuses what is not an image, too large or damaged
    (``WholeFileError``); a file the disk will not give is a ``StorageProblem``."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise os_fault(exc, f"reading {path}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise refused(path, f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    # Pillow's own guard at our limit, its warning made an error: no image (nor a GIF frame or an
    # icon's largest size, which Pillow checks as it loads them) of more pixels is ever decoded.
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                return _scaled_png(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise refused(
                path,
                f"the image has more pixels than a logo needs (at most {MAX_PIXELS // 1_000_000} megapixels)",
            ) from None
        except UnidentifiedImageError:
            raise refused(path, f"it is not an image MSP Desk can read (choose a {FORMATS} file)") from None
        except (OSError, ValueError, SyntaxError, EOFError):  # Pillow's words for a damaged file
            raise refused(path, "the image is damaged and could not be read") from None


def _scaled_png(image: Image.Image) -> bytes:
    """``image`` (its first frame) upright, in RGBA, its fully transparent margins cut off,
    scaled down to fit ``LOGO_SIDE``, as PNG."""
    image.draft("RGB", (LOGO_SIDE, LOGO_SIDE))  # a JPEG decodes straight at a smaller scale
    upright = ImageOps.exif_transpose(image)  # a phone photo turned as it was taken
    logo = upright.convert("RGBA")
    drawn = logo.getchannel("A").getbbox()  # clear margins would push the shop's name away
    if drawn is not None:
        logo = logo.crop(drawn)
    logo.thumbnail((LOGO_SIDE, LOGO_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    logo.save(out, format="PNG", optimize=True)
    return out.getvalue()


def set_logo(db: Database, path: Path | str) -> Changes:
    """Make the image at ``path`` the shop's logo (one undoable write); an image refused
    changes nothing."""
    png = logo_png(path)
    return replace(save_settings(db, logo_png=png), message="Logo chosen")


def clear_logo(db: Database) -> Changes:
    """Remove the shop's logo (one undoable write): reports print the shop's name alone."""
    return replace(save_settings(db, logo_png=None), message="Logo removed")
