"""Tables as CSV: formula-looking cells neutralised, money, seats and percents left as numbers,
dates ISO, booleans yes/no, and the reader gives every text back."""

from __future__ import annotations

import datetime as dt

from msp_desk.io.columns import TABLE_COLUMNS, field_names
from msp_desk.io.csv_reader import read_rows
from msp_desk.io.table_csv import table_csv

NAMES = ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "'=already quoted", "Zoë Müller"]
CLIENTS = TABLE_COLUMNS["clients"]


def roster_row(name: str, mrr_cents: int) -> tuple[object, ...]:
    fields: dict[str, object] = dict.fromkeys(field_names("clients"))
    fields.update(
        name=name,
        status="active",
        tier="Growth",
        seats=8,
        mrr=mrr_cents,
        industry="=cmd|' /C calc'!A0",
        start_date=dt.date(2026, 1, 1),
        acquisition_cost=1,
    )
    return tuple(fields.values())


def test_cells_are_neutralised_and_numbers_stay_numbers() -> None:
    text = table_csv(CLIENTS, [roster_row("-2", -1250)])
    assert (
        text.split("\r\n")[1] == "'-2,active,Growth,8,-12.50,'=cmd|' /C calc'!A0,,2026-01-01,,,,,,,0.01,,,,,"
    )


def test_every_name_reads_back_as_it_was() -> None:
    text = table_csv(CLIENTS, (roster_row(name, 152_000) for name in NAMES))
    back = [values for _, values in read_rows(text.encode(), field_names("clients"))]
    assert [values["name"] for values in back] == NAMES
    assert {(values["seats"], values["mrr"], values["industry"]) for values in back} == {
        ("8", "1520.00", "=cmd|' /C calc'!A0")
    }


def test_times_booleans_and_percents() -> None:
    columns = TABLE_COLUMNS["tickets"]
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
    assert table_csv(columns, [row]).split("\r\n")[1] == (
        "T-1,Ōsaka Dental,,P1,2026-03-02 09:15:30,,2026-03-02 11:15:30,yes,no,60,,"
    )
    lines = TABLE_COLUMNS["contract-lines"]
    line = ("Acme", "tier", "Core", "", 12, 13_500, None, "monthly", 1250, dt.date(2026, 1, 1), None, "start")
    assert (
        table_csv(lines, [line]).split("\r\n")[1]
        == "Acme,tier,Core,,12,135.00,,monthly,12.50,2026-01-01,,start"
    )
