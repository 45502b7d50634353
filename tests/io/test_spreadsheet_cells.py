"""Cells a spreadsheet would run as formulas are written with a quote; reading gives the text back."""

from __future__ import annotations

import pytest

from msp_desk.io.csv_reader import read_rows
from msp_desk.io.spreadsheet_cells import csv_text, neutralised, restored

RISKY = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "=1+1", "-", "@"]
PLAIN = ["Acme", "", "'quoted'", "1 + 1", " =x", "'", "''", "12"]
TRICKY = ["'=x", "''+y", "'''-z"]  # already start with quotes before a formula start


@pytest.mark.parametrize("text", RISKY)
def test_formula_starts_get_a_quote(text: str) -> None:
    assert neutralised(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_other_text_is_written_as_it_is(text: str) -> None:
    assert neutralised(text) == text


@pytest.mark.parametrize("text", TRICKY)
def test_text_already_quoted_gets_one_more_quote(text: str) -> None:
    assert neutralised(text) == "'" + text


@pytest.mark.parametrize("text", RISKY + PLAIN + TRICKY)
def test_restored_gives_back_the_original(text: str) -> None:
    assert restored(neutralised(text)) == text


def test_plain_numbers_stay_numbers_only_in_numeric_columns() -> None:
    assert neutralised("-12.50", numeric=True) == "-12.50"
    assert neutralised("-3", numeric=True) == "-3"
    assert neutralised("-12.50") == "'-12.50"  # a name that looks like a number is still text
    assert neutralised("-1e5", numeric=True) == "'-1e5"  # not a plain number
    assert neutralised("=1+1", numeric=True) == "'=1+1"


def test_csv_text_round_trips_through_the_reader() -> None:
    header = ("name", "mrr")
    names = RISKY + TRICKY + ['Zoë, "Müller"']
    text = csv_text(header, [(name, "-12.50") for name in names], numeric={"mrr"})
    lines = text.split("\r\n")
    assert lines[0] == "name,mrr"
    assert lines[1] == '"\'=HYPERLINK(""http://x"",""y"")",-12.50'
    assert lines[2] == "'+1,-12.50"
    back = [values for _, values in read_rows(text.encode(), header)]
    assert back == [{"name": name, "mrr": "-12.50"} for name in names]
