"""`import mrr-history` reads the MRR in the shop's locale: a German shop's file says 1.250,50,
a Swiss one 1'250.50, and a plain export (1250.50) reads in every locale; what a German would
read differently from a machine is refused with its row and column, the file left as it was."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from msp_desk.__main__ import main
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import open_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def shop_in(tmp_path: Path, locale: str, currency: str) -> str:
    path = tmp_path / "shop.sqlite3"
    db = open_database(path)
    save_settings(db, locale=locale, currency=currency)
    db.close()
    return str(path)


def mrr_of(capsys: pytest.CaptureFixture[str], db: str, month: str) -> int:
    code, out, _ = run(capsys, "--db", db, "kpi", "--json", "--month", month)
    assert code == 0
    return int(json.loads(out)["mrr"])


@pytest.mark.parametrize(
    ("locale", "currency", "rows"),
    [
        ("de_DE", "EUR", ['Acme,2025-01,"1.250,50"', 'Zoë,2025-01,"800,25 €"', "Acme,2025-02,1250.50"]),
        ("fr_CH", "CHF", ["Acme,2025-01,1'250.50", 'Zoë,2025-01,"800,25"', "Acme,2025-02,1250.50"]),
        ("en_US", "USD", ['Acme,2025-01,"1,250.50"', "Zoë,2025-01,$800.25", "Acme,2025-02,1250.50"]),
    ],
)
def test_mrr_is_read_as_the_shops_locale_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], locale: str, currency: str, rows: list[str]
) -> None:
    db = shop_in(tmp_path, locale, currency)
    csv_file = tmp_path / "history.csv"
    csv_file.write_text("client,month,mrr\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", "mrr-history", str(csv_file))
    assert (code, err) == (0, "")
    assert mrr_of(capsys, db, "2025-01") == 125_050 + 80_025
    assert mrr_of(capsys, db, "2025-02") == 125_050


@pytest.mark.parametrize(
    ("locale", "currency", "mrr", "message"),
    [
        ("de_DE", "EUR", "1.250", "row 3, column mrr: “1.250” is ambiguous in de_DE: write 1.250,00 or 1,25"),
        (
            "de_DE",
            "EUR",
            '"1,250.50"',
            "row 3, column mrr: “1,250.50” is not money in de_DE: the dot groups thousands here; write 1.250,50",
        ),
        (
            "en_US",
            "USD",
            '"12,50"',
            "row 3, column mrr: “12,50” is not money in en_US: the comma groups thousands here; write 12.50",
        ),
        ("fr_CH", "CHF", "12.505", "row 3, column mrr: “12.505” has 3 decimals; CHF amounts have at most 2"),
        (
            "en_US",
            "USD",
            "1" + "0" * 23,
            "row 3, column mrr: “1" + "0" * 23 + "” is more than 1,000,000,000.00, the most MSP Desk takes",
        ),
    ],
)
def test_mrr_read_differently_elsewhere_is_refused_and_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], locale: str, currency: str, mrr: str, message: str
) -> None:
    db = shop_in(tmp_path, locale, currency)
    before = hashlib.sha256(Path(db).read_bytes()).hexdigest()
    csv_file = tmp_path / "history.csv"
    csv_file.write_text(f"client,month,mrr\nAcme,2025-01,100\nZoë,2025-01,{mrr}\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "import", "mrr-history", str(csv_file))
    assert code == 1
    assert message in err
    assert "nothing was changed" in err
    assert hashlib.sha256(Path(db).read_bytes()).hexdigest() == before
