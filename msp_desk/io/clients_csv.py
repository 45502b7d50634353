"""Write the client roster as CSV (money as plain decimals, dates ISO)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from msp_desk.domain.values import cents_to_decimal_text

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


def clients_csv(rows: Iterable[Sequence[object]]) -> str:
    """Rows in ``CLIENT_COLUMNS`` order (mrr in cents) -> CSV text with a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CLIENT_COLUMNS)
    mrr_at = CLIENT_COLUMNS.index("mrr")
    for row in rows:
        values = ["" if v is None else v for v in row]
        mrr = row[mrr_at]
        values[mrr_at] = cents_to_decimal_text(mrr if isinstance(mrr, int) else 0)
        writer.writerow(values)
    return out.getvalue()
