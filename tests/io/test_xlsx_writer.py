"""Tables as XLSX: a bold frozen header, fitted widths, text always a string (never a formula or
an error value), money exact to the cent in the currency's decimals, dates real dates."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from msp_desk.io.columns import TABLE_COLUMNS, Column, ColumnType
from msp_desk.io.xlsx_writer import Sheet, xlsx_bytes

RISKY = ['=HYPERLINK("http://x","y")', "=1+2", "+1", "-2", "@SUM(A1)", "#N/A", "#DIV/0!", "Zoë Müller"]
NAME_AND_MONEY = (Column("name"), Column("amount", ColumnType.MONEY))


def sheet_of(data: bytes, title: str) -> Worksheet:
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [title]
    return book[title]


def test_formula_and_error_looking_text_is_a_string() -> None:
    data = xlsx_bytes([Sheet("clients", NAME_AND_MONEY, [(name, 100) for name in RISKY])])
    ws = sheet_of(data, "clients")
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == RISKY
    assert {c.data_type for c in cells} == {"s"}
    assert [c.quotePrefix for c in cells] == [True, True, True, True, True, False, False, False]
    assert b"<f>" not in data  # no formula anywhere in the file


def test_header_is_bold_frozen_and_columns_fitted() -> None:
    rows = [("A rather long client name, Inc.", 1_234_567_89), ("B", 0)]
    ws = sheet_of(xlsx_bytes([Sheet("revenue", NAME_AND_MONEY, rows)]), "revenue")
    assert [c.value for c in ws[1]] == ["name", "amount"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width == len(rows[0][0]) + 2
    assert ws.column_dimensions["B"].width == len("123456789") + 2


def test_money_is_exact_in_the_currencys_decimals() -> None:
    amounts = [1, 99, 125_000, 1_234_567_89, 99_999_999_999, 0]
    for digits, shown in ((2, "#,##0.00"), (0, "#,##0")):
        data = xlsx_bytes([Sheet("spend", NAME_AND_MONEY, [("x", a) for a in amounts])], digits)
        cells = [row[1] for row in sheet_of(data, "spend").iter_rows(min_row=2)]
        assert {c.number_format for c in cells} == {shown}
        assert [round(Decimal(str(c.value)) * 100) for c in cells] == amounts
    assert b"<v>1234567.89</v>" in _sheet_xml(data)  # written as the exact decimal


def test_dates_times_booleans_and_empty_cells() -> None:
    opened = dt.datetime(2026, 3, 2, 9, 15, 30)
    row = (
        "T-1",
        "Ōsaka Dental",
        "",
        "P1",
        opened,
        None,
        opened + dt.timedelta(hours=2),
        True,
        False,
        60,
        None,
        "",
    )
    ws = sheet_of(xlsx_bytes([Sheet("tickets", TABLE_COLUMNS["tickets"], [row])]), "tickets")
    cells = list(ws.iter_rows(min_row=2, values_only=True))[0]
    assert cells == (
        "T-1",
        "Ōsaka Dental",
        None,
        "P1",
        opened,
        None,
        opened + dt.timedelta(hours=2),
        "yes",
        "no",
        60,
        None,
        None,
    )
    assert ws["E2"].is_date and ws["E2"].number_format == "yyyy-mm-dd hh:mm:ss"
    day = sheet_of(
        xlsx_bytes(
            [
                Sheet(
                    "revenue",
                    TABLE_COLUMNS["revenue"],
                    [(dt.date(2026, 2, 28), None, "project", "", 1, None)],
                )
            ]
        ),
        "revenue",
    )["A2"]
    assert day.value == dt.datetime(2026, 2, 28) and day.number_format == "yyyy-mm-dd"


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read("xl/worksheets/sheet1.xml")
