"""What the app's import wizard asks the services: a file's sheets, columns and samples, the
rows as the import reads them with each problem at its cell, and an import told as it goes and
cancellable with nothing kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from msp_desk.services.imports.columns import file_columns, kind_fields
from msp_desk.services.imports.files import ImportChoice, import_file
from msp_desk.services.imports.preview import Problem, preview_import
from msp_desk.services.imports.report import ImportCancelled
from msp_desk.store.database import Database
from tests.io.workbooks import workbook

SAMPLES = Path(__file__).parents[2] / "io" / "samples"


def count(db: Database, table: str) -> int:
    with db.quick_read() as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_presets_columns_samples_and_defaults() -> None:
    found = file_columns(SAMPLES / "syncro_customers_cp1252.csv", ImportChoice("clients", "syncro"))
    assert found.sheets == () and found.sheet is None and found.rows == 2
    assert found.header[:3] == ("id", "firstname", "lastname")
    assert found.samples["firstname"] == ("Zoë", "René")  # the first two values, cp1252 read right
    assert found.samples["business_name"] == ("Zoë’s Café",)  # the second row's is empty
    assert found.defaults == {"name": "business_name, else firstname + lastname", "notes": "notes"}
    assert found.default_samples == {
        "name": ("Zoë’s Café", "René Faßbender"),
        "notes": ("Prefers café meetings",),
    }
    assert [f.name for f in kind_fields("tickets") if f.required] == ["client", "opened_at"]


def test_a_workbooks_second_sheet_and_a_missing_required_column(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(
        workbook(
            {"Read me": [("exported by",)], "Clients": [("Company", "Seats"), ("Acme", 3), ("Globex", 5)]}
        )
    )
    first = file_columns(book, ImportChoice("clients"))
    assert first.sheets == ("Read me", "Clients") and first.sheet == "Read me"
    assert first.defaults == {}  # no 'name' column: the Columns step asks for it
    second = file_columns(book, ImportChoice("clients", sheet="Clients"))
    assert second.sheet == "Clients" and second.header == ("Company", "Seats")
    assert second.defaults == {"seats": "Seats"} and second.samples["Company"] == ("Acme", "Globex")


def test_the_preview_marks_each_problem_at_its_row_and_cell(db: Database, tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text("Company,Seats,Industry\nAcme,3,law\nGlobex,twelve,retail\n", encoding="utf-8")
    preview = preview_import(db, book, ImportChoice("clients", mapping=("name=Company",)))
    assert preview.titles == [("client name", "Company"), ("seats", "Seats"), ("industry", "Industry")]
    assert preview.rows == [(2, ("Acme", "3", "law")), (3, ("Globex", "twelve", "retail"))]
    assert preview.problems == [
        Problem(3, 1, "row 3, column Seats: “twelve” is not a whole number like 1,200")
    ]
    assert preview.report is None and not preview.importable
    assert count(db, "client") == 0

    unmapped = preview_import(db, book, ImportChoice("clients"))
    assert unmapped.rows == [] and unmapped.problems[0].row == 1 and unmapped.problems[0].column is None

    book.write_text("Company,Seats\nAcme,3\nGlobex,12\n", encoding="utf-8")
    good = preview_import(db, book, ImportChoice("clients", mapping=("name=Company",)))
    assert good.problems == [] and good.importable
    assert good.report is not None and good.report.lines()[0] == "Would add 2 clients: Acme, Globex"
    assert count(db, "client") == 0  # a preview writes nothing


def test_an_import_tells_its_progress_and_a_cancel_keeps_nothing(db: Database) -> None:
    import_file(db, SAMPLES / "itflow_clients.csv", ImportChoice("clients", "itflow"))
    tickets = SAMPLES / "itflow_tickets.csv"
    told: list[tuple[int, int]] = []

    def cancel_after_the_first_report() -> bool:
        return len(told) > 1  # (0, 0) while reading, then the first row's report

    with pytest.raises(ImportCancelled):
        import_file(
            db,
            tickets,
            ImportChoice("tickets", "itflow"),
            progress=lambda d, t: told.append((d, t)),
            cancelled=cancel_after_the_first_report,
        )
    assert told[:2] == [(0, 0), (0, 6)] and count(db, "ticket") == 0

    told.clear()
    report = import_file(
        db, tickets, ImportChoice("tickets", "itflow"), progress=lambda d, t: told.append((d, t))
    )
    assert report.lines()[0].startswith("Added 3 tickets")
    assert told[0] == (0, 0) and told[-1] == (6, 6)  # matching 3 tickets, then inserting 3
    assert [d for d, _ in told] == sorted(d for d, _ in told) and count(db, "ticket") == 3
