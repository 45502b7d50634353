"""Good files in every encoding and delimiter we accept read the same rows; names keep their letters."""

from __future__ import annotations

import codecs

import pytest

from msp_desk.domain.values import Month
from msp_desk.io.encodings import decode_text, utf16_without_bom
from msp_desk.io.mrr_history import MrrRow, parse_mrr_history

CELLS = [
    ("client", "month", "mrr"),
    ("Zoë Müller", "2025-01", "800.00"),
    ('"Café, Lyon"', "2025-02", "1250.50"),  # quoted: holds a comma
    ("Ōsaka Dental", "2025-02", "99"),
]
EXPECTED = [
    MrrRow(2, "Zoë Müller", Month(2025, 1), 80_000),
    MrrRow(3, "Café, Lyon", Month(2025, 2), 125_050),
    MrrRow(4, "Ōsaka Dental", Month(2025, 2), 9_900),
]


def text(sep: str = ",", newline: str = "\n") -> str:
    return newline.join(sep.join(cells) for cells in CELLS) + newline


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(text().encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + text().encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(text(newline="\r\n").encode("utf-8"), id="utf-8 CRLF"),
        pytest.param(codecs.BOM_UTF16_LE + text().encode("utf-16-le"), id="utf-16 LE with BOM"),
        pytest.param(codecs.BOM_UTF16_BE + text().encode("utf-16-be"), id="utf-16 BE with BOM"),
        pytest.param(text().encode("utf-16-le"), id="utf-16 LE without BOM"),
        pytest.param(text().encode("utf-16-be"), id="utf-16 BE without BOM"),
        pytest.param(text(newline="\r\n").encode("utf-16"), id="utf-16 (Excel's Unicode text) CRLF"),
        pytest.param(codecs.BOM_UTF32_LE + text().encode("utf-32-le"), id="utf-32 LE with BOM"),
        pytest.param(text(sep=";").encode("utf-8"), id="semicolons"),
        pytest.param(text(sep="\t").encode("utf-16"), id="tabs in utf-16"),
    ],
)
def test_good_file_reads_the_same_rows(data: bytes) -> None:
    assert parse_mrr_history(data) == EXPECTED


def test_windows_1252_file_is_read_as_windows_1252() -> None:
    rows = "client;month;mrr\nZoë Müller;2025-01;800.00\nCafé – Lyon;2025-02;12\n"
    assert decode_text(rows.encode("cp1252")).encoding == "cp1252"
    assert [(r.client, r.mrr_cents) for r in parse_mrr_history(rows.encode("cp1252"))] == [
        ("Zoë Müller", 80_000),
        ("Café – Lyon", 1_200),  # the en dash is 0x96, a byte only Windows-1252 gives a letter
    ]


def test_utf8_wins_over_windows_1252_when_both_would_decode() -> None:
    data = "client\nZoë\n".encode()  # also valid cp1252 ("ZoÃ«"), but UTF-8 comes first
    assert decode_text(data).text == "client\nZoë\n"


def test_bomless_utf16_needs_the_nul_pattern() -> None:
    assert utf16_without_bom("client,month".encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom("client,month".encode("utf-16-be")) == "utf-16-be"
    assert utf16_without_bom(b"\n \r\n\t\n") is None  # no NULs at all: not UTF-16
    assert utf16_without_bom(b"client,month") is None
