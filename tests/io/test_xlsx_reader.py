"""XLSX sheets read as text tables like a CSV's; hostile workbooks refused before openpyxl opens them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from msp_desk.errors import ValidationError
from msp_desk.io.table import read_table
from msp_desk.io.xlsx_reader import number_text
from tests.io.workbooks import rewritten, with_parts, workbook

ROWS = [
    ("name", "seats", "start_date", "mrr", "active"),
    ("Ōsaka Dental", 12, dt.date(2024, 4, 1), 1250.5, True),
    ("Zoë Müller Design", 3.0, dt.datetime(2025, 3, 4, 9, 15), 0.1 + 0.2, False),
    (None, None, None, None, None),  # a blank row is not data
    ("Acme Law", "=2*3", None, None, None),
]


def test_a_sheet_reads_as_text_without_float_artefacts() -> None:
    data = workbook({"Summary": [("ignored",)], "Clients": ROWS}, cached={"2*3": "6"})
    table = read_table(data, sheet="clients")  # sheet names ignore case
    assert table.header == ("name", "seats", "start_date", "mrr", "active")
    assert table.rows == (
        (2, ("Ōsaka Dental", "12", "2024-04-01", "1250.5", "true")),
        (3, ("Zoë Müller Design", "3", "2025-03-04 09:15:00", "0.3", "false")),
        (5, ("Acme Law", "6", "", "", "")),
    )


def test_the_first_sheet_is_read_by_default_and_a_missing_sheet_is_named() -> None:
    data = workbook({"First": [("name",), ("Acme",)], "Second": [("other",)]})
    assert read_table(data).header == ("name",)
    with pytest.raises(ValidationError) as caught:
        read_table(data, sheet="Tickets")
    assert caught.value.message == "row 1: the workbook has no sheet 'Tickets'; its sheets are First, Second"


def test_a_formula_without_a_saved_value_is_refused_at_its_cell() -> None:
    data = workbook({"Clients": [("name", "seats"), ("Acme", "=SUM(A1:A3)")]})
    with pytest.raises(ValidationError) as caught:
        read_table(data)
    assert caught.value.message.startswith("row 2, column seats: the formula =SUM(A1:A3) has no saved value")


def test_numbers_keep_their_decimal_text() -> None:
    assert [number_text(v) for v in (1250.5, 1250.0, 0.1 + 0.2, 1e-7, -0.0, 123456789012.25)] == [
        "1250.5", "1250", "0.3", "0.0000001", "0", "123456789012.25",
    ]  # fmt: skip


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        read_table(data)
    return caught.value.message


def test_a_zip_bomb_is_refused_from_the_zip_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("openpyxl opened a hostile workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", never)  # refused before it is opened
    bomb = with_parts(workbook({"S": [("name",)]}), {"xl/media/image1.bin": bytes(20 * 1024 * 1024)})
    assert len(bomb) < 200_000  # 20 MB of zeros packs to a few kB
    part = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("xl/media/image1.bin")
    ratio = part.file_size // part.compress_size
    assert ratio > 1000
    assert refusal(bomb) == (
        f"row 1: this workbook cannot be imported: its part xl/media/image1.bin unpacks {ratio:,} times "
        "larger than it is stored (a zip bomb)"
    )


def test_a_workbook_unpacking_past_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from msp_desk.io import xlsx_reader

    monkeypatch.setattr(xlsx_reader, "MAX_UNCOMPRESSED_BYTES", 1024)  # a real one would be 200 MB
    assert refusal(workbook({"S": [("name",), ("x" * 2000,)]})).startswith(
        "row 1: this workbook cannot be imported: it unpacks to 0 MB, over the 0 MB limit"
    )


def test_external_links_are_refused() -> None:
    linked = with_parts(
        workbook({"S": [("name",)]}), {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}
    )
    assert refusal(linked) == (
        "row 1: this workbook cannot be imported: it links to other workbooks (external links); "
        "paste the values and save it again"
    )


def test_macros_are_refused() -> None:
    with_vba = with_parts(workbook({"S": [("name",)]}), {"xl/vbaProject.bin": b"\x00VBA"})
    assert refusal(with_vba) == (
        "row 1: this workbook cannot be imported: it contains macros; save it as a plain .xlsx workbook"
    )
    xlsm = rewritten(
        workbook({"S": [("name",)]}),
        lambda name, body: (
            body.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
            if name == "[Content_Types].xml"
            else body
        ),
    )
    assert refusal(xlsm).endswith("it is a macro-enabled workbook; save it as a plain .xlsx workbook")


def test_encrypted_and_damaged_workbooks_are_refused() -> None:
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(
        600
    )  # Excel wraps a password-protected XLSX in OLE
    assert refusal(encrypted).startswith(
        "row 1: this workbook cannot be imported: it is encrypted with a password"
    )
    truncated = workbook({"S": [("name",)]})[:300]
    assert refusal(truncated) == (
        "row 1: this workbook cannot be imported: it is damaged or not an Excel workbook; "
        "save it again as .xlsx or CSV"
    )


def test_a_workbooks_sheet_names_are_listed_without_opening_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    from msp_desk.io.table import sheets_of

    book = workbook({"Notes": [("read me",)], "Clients 2025": [("name",), ("Acme",)]})
    with_vba = with_parts(workbook({"S": [("name",)]}), {"xl/vbaProject.bin": b"\x00VBA"})

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("openpyxl opened the workbook to list its sheets")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    assert sheets_of(book) == ("Notes", "Clients 2025")
    assert sheets_of(b"name,seats\nAcme,3\n") == ()  # CSV text has no sheets
    with pytest.raises(ValidationError) as caught:
        sheets_of(with_vba)  # refused exactly as reading it is
    assert caught.value.message == (
        "row 1: this workbook cannot be imported: it contains macros; save it as a plain .xlsx workbook"
    )
