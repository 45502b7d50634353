"""The roster CSV: formula-looking names neutralised, money and seats left as numbers, and the
reader gives every name back."""

from __future__ import annotations

from msp_desk.io.clients_csv import CLIENT_COLUMNS, clients_csv
from msp_desk.io.csv_reader import read_rows

NAMES = ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "'=already quoted", "Zoë Müller"]


def roster_row(name: str, mrr_cents: int) -> tuple[object, ...]:
    return (name, "active", "Growth", 8, mrr_cents, "=cmd|' /C calc'!A0", None, "2026-01-01", None)


def test_cells_are_neutralised_and_numbers_stay_numbers() -> None:
    text = clients_csv([roster_row("-2", -1250)])
    assert text.split("\r\n")[1] == "'-2,active,Growth,8,-12.50,'=cmd|' /C calc'!A0,,2026-01-01,"


def test_every_name_reads_back_as_it_was() -> None:
    text = clients_csv(roster_row(name, 152_000) for name in NAMES)
    back = [values for _, values in read_rows(text.encode(), CLIENT_COLUMNS, optional=("channel",))]
    assert [values["name"] for values in back] == NAMES
    assert {(values["seats"], values["mrr"], values["industry"]) for values in back} == {
        ("8", "1520.00", "=cmd|' /C calc'!A0")
    }
