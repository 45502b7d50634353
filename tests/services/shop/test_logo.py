"""The shop's logo from an image file: any picture in, a small RGBA PNG kept; a file that is not an
image, too big or damaged refused in one sentence with nothing changed; undo brings the old one back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from logo_images import logo_image, png_claiming, write_logo
from PIL import Image

from msp_desk.errors import StorageProblem, ValidationError
from msp_desk.services.shop.logo import MAX_FILE_BYTES, clear_logo, logo_png, set_logo
from msp_desk.services.shop.settings import get_settings, save_settings
from msp_desk.services.undo import revert
from msp_desk.store.database import Database


def stored(db: Database) -> Image.Image | None:
    png = get_settings(db).logo_png
    return None if png is None else Image.open(io.BytesIO(png))


def test_a_wide_png_is_kept_as_a_png_600_px_wide_with_its_transparency(db: Database, tmp_path: Path) -> None:
    changes = set_logo(db, write_logo(tmp_path / "wide.png", (1500, 500)))
    assert changes.message == "Logo chosen" and changes.settings and changes.undoable
    logo = stored(db)
    assert logo is not None
    assert (logo.format, logo.mode, logo.size) == ("PNG", "RGBA", (600, 200))
    assert logo.getpixel((0, 0))[3] == 0  # the corner outside the rounded square stays clear
    assert logo.getpixel((300, 100)) == (255, 255, 255, 255)  # the white bar across the middle


def test_a_tall_jpeg_becomes_a_png_600_px_tall(db: Database, tmp_path: Path) -> None:
    set_logo(db, write_logo(tmp_path / "tall.jpg", (800, 1000), fmt="JPEG"))
    logo = stored(db)
    assert logo is not None
    assert (logo.format, logo.mode, logo.size) == ("PNG", "RGBA", (480, 600))


def test_clear_margins_are_cut_off_so_the_name_sits_beside_the_mark(tmp_path: Path) -> None:
    canvas = Image.new("RGBA", (1400, 400), (0, 0, 0, 0))
    canvas.paste(logo_image((300, 200)), (50, 100))  # the mark, with clear space all round
    canvas.save(tmp_path / "padded.png")
    logo = Image.open(io.BytesIO(logo_png(tmp_path / "padded.png")))
    assert logo.size == (300, 200)
    assert logo.getpixel((150, 100)) == (255, 255, 255, 255)  # the bar across the mark's middle


def test_a_small_logo_is_kept_at_its_own_size(tmp_path: Path) -> None:
    png = logo_png(write_logo(tmp_path / "small.gif", (120, 40), fmt="GIF"))
    assert Image.open(io.BytesIO(png)).size == (120, 40)


def test_a_text_file_is_refused_in_one_sentence_and_nothing_changes(db: Database, tmp_path: Path) -> None:
    set_logo(db, write_logo(tmp_path / "old.png", (300, 100)))
    before = get_settings(db).logo_png
    notes = tmp_path / "notes.txt"
    notes.write_text("Harbor Point IT\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        set_logo(db, notes)
    assert str(refused.value) == (
        "notes.txt cannot be the logo: it is not an image MSP Desk can read "
        "(choose a PNG, JPEG, GIF, BMP or WebP file). Nothing was changed."
    )
    assert get_settings(db).logo_png == before


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(db: Database, tmp_path: Path) -> None:
    # The header says 9,000 x 9,000 (81 megapixels); the data would not decode as that, so the
    # refusal below comes from the size alone.
    huge = png_claiming(tmp_path / "huge.png", 9_000, 9_000)
    with pytest.raises(
        ValidationError,
        match=r"^huge.png cannot be the logo: the image has more pixels than a logo needs \(at most 40 megapixels\)\. Nothing was changed\.$",
    ):
        set_logo(db, huge)
    assert get_settings(db).logo_png is None


def test_just_over_the_pixel_limit_is_refused_too(tmp_path: Path) -> None:
    # 7,000 x 6,000 = 42 megapixels: over our 40, under twice it (where Pillow only warns).
    with pytest.raises(ValidationError, match="more pixels than a logo needs"):
        logo_png(png_claiming(tmp_path / "big.png", 7_000, 6_000))


def test_a_file_over_10_mb_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "poster.png"
    big.write_bytes(b"\x89PNG" + bytes(MAX_FILE_BYTES))
    with pytest.raises(
        ValidationError, match=r"^poster.png cannot be the logo: the file is larger than 10 MB\."
    ):
        logo_png(big)


def test_a_damaged_image_is_refused(tmp_path: Path) -> None:
    whole = write_logo(tmp_path / "whole.png", (400, 400)).read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValidationError, match="^cut.png cannot be the logo: the image is damaged"):
        logo_png(cut)


def test_a_missing_file_is_a_storage_problem(tmp_path: Path) -> None:
    with pytest.raises(StorageProblem, match="no such file or folder"):
        logo_png(tmp_path / "gone.png")


def test_clear_removes_the_logo_and_undo_brings_each_one_back(db: Database, tmp_path: Path) -> None:
    save_settings(db, name="Harbor Point IT")
    set_logo(db, write_logo(tmp_path / "first.png", (300, 300)))
    first = get_settings(db).logo_png
    second = set_logo(db, write_logo(tmp_path / "second.png", (300, 300), colour=(200, 40, 40, 255)))
    assert get_settings(db).logo_png != first

    revert(db, second.journal, "Undone")  # type: ignore[arg-type]  # the journal of an undoable write
    assert get_settings(db).logo_png == first

    removed = clear_logo(db)
    assert removed.message == "Logo removed" and removed.undoable
    assert get_settings(db).logo_png is None
    assert get_settings(db).name == "Harbor Point IT"  # the rest of the settings are untouched
    revert(db, removed.journal, "Undone")  # type: ignore[arg-type]
    assert get_settings(db).logo_png == first


def test_saving_the_other_settings_keeps_the_logo(db: Database, tmp_path: Path) -> None:
    set_logo(db, write_logo(tmp_path / "logo.png", (300, 300)))
    logo = get_settings(db).logo_png
    save_settings(db, name="Renamed IT", phone="555-0100")
    assert get_settings(db).logo_png == logo
