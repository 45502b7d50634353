"""Malformed input files through the real CLI: each refused with one plain line naming the row and
column (or, for a fault of the whole file, one plain sentence), exit 1, no traceback, and the shop
file byte-identical with no journal left behind."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from msp_desk.__main__ import main
from msp_desk.io.encodings import MAX_FILE_BYTES
from msp_desk.store.database import open_database

HEADER = "client,month,mrr"
GOOD_ROW = "Acme Dental,2025-03,1000.00"  # the shop has January and February
NOT_CSV = "row 1: this is not a CSV text file ({}); save it as CSV"


def csv_bytes(*rows: str, encoding: str = "utf-8", sep: str = ",", header: str = HEADER) -> bytes:
    lines = [header.replace(",", sep), *(row.replace(",", sep) for row in rows)]
    return ("\n".join(lines) + "\n").encode(encoding)


def zip_archive(member: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(member, "<workbook/>")

    return write


def sqlite_database(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()


def fifty_megabyte_line(path: Path) -> None:
    with path.open("wb") as fh:
        fh.write(f"{HEADER}\nAcme Dental,2025-01,".encode())
        for _ in range(50):
            fh.write(b"9" * 1_000_000)
        fh.write(b"\n")


def sparse_file_over_the_cap(path: Path) -> None:
    size = 60 * 1024 * 1024
    assert size > MAX_FILE_BYTES
    with path.open("wb") as fh:
        fh.truncate(size)  # sparse: costs no disk


BadFile = bytes | Callable[[Path], None]
# name -> (the file's bytes or a function writing it at a path, the one line expected)
CASES: dict[str, tuple[BadFile, str]] = {
    # encodings
    "utf-16 le with bom, bad month": (
        b"\xff\xfe" + csv_bytes(GOOD_ROW, "Zoë Müller,2025-13,10.00", encoding="utf-16-le"),
        "row 3, column month: '2025-13' is not a month like 2026-03",
    ),
    "utf-16 be with bom, bad money": (
        b"\xfe\xff" + csv_bytes(GOOD_ROW, "Zoë Müller,2025-03,12x.00", encoding="utf-16-be"),
        "row 3, column mrr: “12x.00” is not an amount of money in en_US: write it like 1,250.50",
    ),
    "utf-16 le without bom, bad month": (
        csv_bytes(GOOD_ROW, "Zoë Müller,March,10.00", encoding="utf-16-le"),
        "row 3, column month: 'March' is not a month like 2026-03",
    ),
    "utf-16 be without bom, duplicate": (
        csv_bytes(GOOD_ROW, "acme dental,2025-03,12.00", encoding="utf-16-be"),
        "row 3, column month: acme dental already has 2025-03 on row 2",
    ),
    "utf-16 cut in the middle of a character": (
        b"\xff\xfe" + csv_bytes(GOOD_ROW, "Zoë,2025-03,1.00", encoding="utf-16-le") + b"A",
        "row 4, column client: not UTF-16 text (byte 0x41); save the file as UTF-8 CSV",
    ),
    "utf-8 with bom, bad row": (
        b"\xef\xbb\xbf" + csv_bytes(GOOD_ROW, "Zoë Müller,2025-03,-5.00"),
        "row 3, column mrr: “-5.00”: the amount must not be negative",
    ),
    "windows-1252, bad row": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025-03,1.000.00", encoding="cp1252"),
        "row 3, column mrr: “1.000.00” is not an amount of money in en_US: write it like 1,250.50",
    ),
    "utf-8 with a stray windows-1252 byte": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025-03,1.00") + "Café Lyon,2025-02,1.00\n".encode("cp1252"),
        "row 4, column client: not UTF-8 text (byte 0xe9); save the file as UTF-8 CSV",
    ),
    "neither utf-8 nor windows-1252": (
        csv_bytes(GOOD_ROW) + b"Acme Dental,2025-02,\x81\n",
        "row 3, column mrr: not UTF-8 text (byte 0x81); save the file as UTF-8 CSV",
    ),
    # not text at all
    "binary junk": (bytes((i * 151 + 7) % 256 for i in range(4096)), NOT_CSV.format("it has binary data")),
    "xlsx renamed .csv": (zip_archive("xl/workbook.xml"), NOT_CSV.format("it looks like an Excel workbook")),
    "zip renamed .csv": (zip_archive("notes.txt"), NOT_CSV.format("it looks like a zip archive")),
    "old excel .xls": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        NOT_CSV.format("it looks like an old Excel (.xls) workbook or another Office file"),
    ),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", NOT_CSV.format("it looks like a PDF")),
    "sqlite database": (
        sqlite_database,
        NOT_CSV.format("it looks like an SQLite database, such as an MSP Desk shop file"),
    ),
    "png image": (b"\x89PNG\r\n\x1a\n" + bytes(64), NOT_CSV.format("it looks like a PNG image")),
    # structure
    "empty file": (b"", "row 1, column header: the file is empty; expected the header client,month,mrr"),
    "only blank lines": (
        b"\n \r\n\t\n",
        "row 1, column header: the file is empty; expected the header client,month,mrr",
    ),
    "header only": (csv_bytes(), "row 2, column client: the file has a header but no rows"),
    "wrong header": (
        csv_bytes(GOOD_ROW, header="customer,month,amount"),
        "row 1, column header: expected client,month,mrr, found customer,month,amount",
    ),
    "wrong header in utf-16 shows the decoded names": (
        b"\xff\xfe" + csv_bytes(GOOD_ROW, header="Kunde,Monat,Betrag", encoding="utf-16-le"),
        "row 1, column header: expected client,month,mrr, found Kunde,Monat,Betrag",
    ),
    "extra column": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025-03,1,250.00"),
        "row 3, column 4: one cell too many (expected 3 columns, found 4); "
        "a comma inside a cell needs quotes around the cell",
    ),
    "missing column": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025-03"),
        "row 3, column mrr: the cell is missing (expected 3 columns, found 2)",
    ),
    "unterminated quote": (
        csv_bytes(GOOD_ROW, '"Zoë Müller,2025-03,1.00', "Lee & Co,2025-02,2.00"),
        'row 3, column client: a quoted cell is never closed (a " is missing)',
    ),
    "unterminated quote closed by a later row's quote": (
        csv_bytes(GOOD_ROW, 'Zoë Müller,"2025-02,1.00', '"Lee & Co",2025-02,2.00'),
        'row 3, column month: a quoted cell is never closed (a " is missing)',
    ),
    "text after a closing quote": (
        csv_bytes(GOOD_ROW, '"Lee "&" Co",2025-02,2.00'),
        'row 3, column client: a " inside a quoted cell must be doubled (""); text follows the closing quote',
    ),
    "a 50 MB line": (
        fifty_megabyte_line,
        "row 2, column mrr: the cell is longer than 10,000 characters",
    ),
    "a cell longer than the cap": (
        csv_bytes(GOOD_ROW, "Z" * 10_001 + ",2025-02,1.00"),
        "row 3, column client: the cell is longer than 10,000 characters",
    ),
    "a file over the size cap": (
        sparse_file_over_the_cap,
        "the file is 60.0 MB, over the 50 MB limit for an import; split it into smaller files",
    ),
    # values
    "bad month": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025-13,1.00"),
        "row 3, column month: '2025-13' is not a month like 2026-03",
    ),
    "bad money": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025-03,ten"),
        "row 3, column mrr: “ten” is not an amount of money in en_US: write it like 1,250.50",
    ),
    "negative money": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025-03,-12.50"),
        "row 3, column mrr: “-12.50”: the amount must not be negative",
    ),
    "duplicate client and month": (
        csv_bytes(GOOD_ROW, "ACME  dental,2025-03,12.00"),
        "row 3, column month: ACME  dental already has 2025-03 on row 2",
    ),
    "NUL in a name": (
        csv_bytes(GOOD_ROW, "Zoë\x00Müller,2025-03,1.00"),
        "row 3, column client: the cell holds a control character (U+0000); remove it",
    ),
    "escape character in a name": (
        csv_bytes(GOOD_ROW, "Zoë\x1b[31mMüller,2025-03,1.00"),
        "row 3, column client: the cell holds a control character (U+001B); remove it",
    ),
    "NULL as the client": (
        csv_bytes(GOOD_ROW, "NULL,2025-02,1.00"),
        "row 3, column client: the client name is empty",
    ),
    "semicolon file, bad row": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025/02,1.00", sep=";"),
        "row 3, column month: '2025/02' is not a month like 2026-03",
    ),
    "semicolon file, one cell too many": (
        csv_bytes(GOOD_ROW, "Zoë; Müller,2025-03,1.00", sep=";"),
        "row 3, column 4: one cell too many (expected 3 columns, found 4); "
        "a semicolon inside a cell needs quotes around the cell",
    ),
    "tab file, bad row": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025-03,?", sep="\t"),
        "row 3, column mrr: “?” is not an amount of money in en_US: write it like 1,250.50",
    ),
    "name longer than 200 characters (refused inside the transaction)": (
        csv_bytes(GOOD_ROW, "Z" * 201 + ",2025-02,1.00"),
        "row 3, column client: is longer than 200 characters",
    ),
}
# Values the domain refuses (bounds on amounts, control characters in names): the refusal starts
# with the row and column, then the domain's reason.
DOMAIN_REFUSALS: dict[str, tuple[bytes, str, str]] = {
    "an MRR of 10^23": (
        csv_bytes(GOOD_ROW, "Zoë Müller,2025-03,100000000000000000000000"),
        "row 3, column mrr: ",
        "OverflowError in the import: bounds on amounts come with the locale-aware money parser",
    ),
    "a newline in a name": (
        csv_bytes(GOOD_ROW, '"Łódź\nLogistics",2025-03,1.00'),
        "row 3, column client: ",
        "names accepting control characters: refused by the domain's name rule (Deliver item 2)",
    ),
    "a bidi override in a name": (
        csv_bytes(GOOD_ROW, "Zoë\u202eMüller,2025-03,1.00"),
        "row 3, column client: ",
        "names accepting bidi control characters: refused by the domain's name rule (Deliver item 2)",
    ),
}


@pytest.fixture(scope="module")
def shop_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A shop with some history already in it, so "unchanged" is about real rows."""
    folder = tmp_path_factory.mktemp("shop")
    path = folder / "shop.sqlite3"
    open_database(path).close()
    history = folder / "history.csv"
    history.write_bytes(
        csv_bytes("Acme Dental,2025-01,1000.00", "Acme Dental,2025-02,1000.00", "Zoë Müller,2025-02,800.00")
    )
    assert main(["--db", str(path), "--today", "2025-03-15", "import", "mrr-history", str(history)]) == 0
    return path


@pytest.fixture
def shop(shop_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "shop" / "shop.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(shop_template, path)
    return path


def refusal(shop: Path, bad: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run the import; assert exit 1, nothing on stdout, no traceback, the shop folder and file
    unchanged; return the one message line."""
    capsys.readouterr()
    before = hashlib.sha256(shop.read_bytes()).hexdigest()
    files_before = sorted(p.name for p in shop.parent.iterdir())
    code = main(["--db", str(shop), "--today", "2025-03-15", "import", "mrr-history", str(bad)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    assert hashlib.sha256(shop.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in shop.parent.iterdir()) == files_before  # no -wal, -journal left
    lines = err.splitlines()
    assert len(lines) == 1, err
    prefix, suffix = "error: ", "; nothing was changed"
    assert lines[0].startswith(prefix) and lines[0].endswith(suffix), lines[0]
    return lines[0][len(prefix) : -len(suffix)]


def test_there_are_at_least_thirty_malformed_files() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_file_is_refused_naming_row_and_column(
    case: str, shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected = CASES[case]
    bad = tmp_path / "bad.csv"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        content(bad)
    assert refusal(shop, bad, capsys) == expected


@pytest.mark.parametrize("case", list(DOMAIN_REFUSALS))
def test_a_value_the_domain_refuses_names_its_row_and_column(
    case: str, shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected_start, _why = DOMAIN_REFUSALS[case]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    assert refusal(shop, bad, capsys).startswith(expected_start)
