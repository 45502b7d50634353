"""The CSV reader: rows numbered as a spreadsheet shows them, quoted cells, optional columns,
spreadsheet quotes undone, every fault at its row and column."""

from __future__ import annotations

import pytest

from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import read_rows

HEADER = ("name", "note", "seats")


def rows(text: str, optional: tuple[str, ...] = ()) -> list[tuple[int, dict[str, str]]]:
    return list(read_rows(text.encode(), HEADER, optional=optional))


def fault(text: str) -> str:
    with pytest.raises(ValidationError) as caught:
        rows(text)
    return caught.value.message


def test_quoted_cells_keep_commas_doubled_quotes_and_line_breaks() -> None:
    text = 'name,note,seats\n"Lee, Co","said ""hi""\nthen left",3\nAcme,,4\n'
    assert rows(text) == [
        (2, {"name": "Lee, Co", "note": 'said "hi"\nthen left', "seats": "3"}),
        (3, {"name": "Acme", "note": "", "seats": "4"}),  # the quoted line break is one row
    ]


def test_blank_rows_are_counted_but_skipped() -> None:
    assert [n for n, _ in rows("name,note,seats\n\nAcme,x,1\n ,, \nBeta,y,2")] == [3, 5]


def test_empty_columns_a_spreadsheet_leaves_at_the_end_are_ignored() -> None:
    assert rows("Name , NOTE,seats,,\nAcme,x,1,,\n") == [(2, {"name": "Acme", "note": "x", "seats": "1"})]


def test_question_mark_and_null_are_empty_in_optional_columns_only() -> None:
    text = "name,note,seats\nNULL,?,null\n"
    assert rows(text, optional=("note", "seats")) == [(2, {"name": "NULL", "note": "", "seats": ""})]


def test_spreadsheet_quote_is_removed_on_read() -> None:
    text = "name,note,seats\n'=SUM(A1),'@x,'-2\n''+1,'plain,-2\n"
    assert rows(text) == [
        (2, {"name": "=SUM(A1)", "note": "@x", "seats": "-2"}),
        (3, {"name": "'+1", "note": "'plain", "seats": "-2"}),  # only a quote before a formula start goes
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'name,note,seats\nAcme,"never closed,1\nBeta,x,2\n',
            'row 2, column note: a quoted cell is never closed (a " is missing)',
        ),
        (
            'name,note,seats\nAcme,x,1\n\n"Beta,x,2',
            'row 4, column name: a quoted cell is never closed (a " is missing)',
        ),
        ('name,note,"seats\n', 'row 1, column header: a quoted cell is never closed (a " is missing)'),
        (
            "name,note,seats\nAcme,x,1,2\n",
            "row 2, column 4: one cell too many (expected 3 columns, found 4); a comma inside a cell needs quotes around the cell",
        ),
        (
            "name\tnote\tseats\nAcme\tx\t1\t2\n",
            "row 2, column 4: one cell too many (expected 3 columns, found 4)",
        ),
        ("name,note,seats\nAcme\n", "row 2, column note: the cell is missing (expected 3 columns, found 1)"),
        (
            "name,note,seats\nAcme,\x07,1\n",
            "row 2, column note: the cell holds a control character (U+0007); remove it",
        ),
        (
            'name,note,seats\nAcme,"' + "x" * 10_001 + '",1\n',
            "row 2, column note: the cell is longer than 10,000 characters",
        ),
        (
            "name,notes\x00,seats\n",
            "row 1, column header: the cell holds a control character (U+0000); remove it",
        ),
        (
            "nom;remarque;postes\n",
            "row 1, column header: expected name,note,seats, found nom,remarque,postes",
        ),
        ("\n\nname,note,seats\n", "row 1, column header: expected name,note,seats, found (nothing)"),
    ],
)
def test_faults_name_row_and_column(text: str, message: str) -> None:
    assert fault(text) == message


def test_a_long_header_is_cut_in_the_message() -> None:
    message = fault("x" * 500 + "\n")
    assert message == "row 1, column header: expected name,note,seats, found " + "x" * 79 + "…"
