"""Write the client roster as CSV (money as plain decimals, dates ISO, safe in a spreadsheet)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msp_desk.domain.values import cents_to_decimal_text
from msp_desk.io.spreadsheet_cells import csv_text

CLIENT_COLUMNS = (
    "name",
    "status",
    "tier",
    "seats",
    "mrr",
    "industry",
    "channel",
    "start_date",
    "renewal_date",
)
NUMERIC_COLUMNS = frozenset({"seats", "mrr"})  # written as numbers, never quoted


def clients_csv(rows: Iterable[Sequence[object]]) -> str:
    """Rows in ``CLIENT_COLUMNS`` order (mrr in cents) -> CSV text with a header."""
    mrr_at = CLIENT_COLUMNS.index("mrr")

    def with_money(row: Sequence[object]) -> list[object]:
        values = list(row)
        mrr = values[mrr_at]
        values[mrr_at] = cents_to_decimal_text(mrr if isinstance(mrr, int) else 0)
        return values

    return csv_text(CLIENT_COLUMNS, (with_money(row) for row in rows), NUMERIC_COLUMNS)
