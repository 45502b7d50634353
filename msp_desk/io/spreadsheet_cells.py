"""Cells safe to open in a spreadsheet, and the rule that gives the original text back.

A spreadsheet runs a cell starting with ``=``, ``+``, ``-``, ``@``, TAB or CR as a formula
(CSV injection). Following OWASP, such a cell is written with a single quote ``'`` in front,
except a plain number (``-12.50``) in a numeric column, which stays a number.

The reader undoes it: a cell starting with ``'`` followed by one of those characters loses that
one ``'``. So that the rule gives back any text, a text that already starts with quotes followed
by one of them (``'=x``) gets one more quote when written (``''=x``); every other text is written
as it is. Writing then reading gives back the original text, whatever it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Sequence

FORMULA_STARTS = frozenset("=+-@\t\r")
QUOTE = "'"
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")


def needs_quote(text: str) -> bool:
    """Whether ``text`` is written with a ``'`` in front: after any leading quotes, it starts
    with a character a spreadsheet takes for a formula."""
    return text.lstrip(QUOTE)[:1] in FORMULA_STARTS


def neutralised(text: str, *, numeric: bool = False) -> str:
    """The cell to write for ``text``; a plain number in a numeric column stays a number."""
    if numeric and _PLAIN_NUMBER.match(text):
        return text
    return QUOTE + text if needs_quote(text) else text


def restored(cell: str) -> str:
    """The original text of a cell ``neutralised`` wrote (any other cell is returned as it is)."""
    if cell.startswith(QUOTE) and needs_quote(cell[1:]):
        return cell[1:]
    return cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], numeric: Collection[str] = ()) -> str:
    """CSV text with a header row; every cell neutralised, ``None`` written empty, the
    ``numeric`` columns' plain numbers left as numbers."""
    out = io.StringIO()
    # CRLF as RFC 4180 says; it also makes the writer quote a cell holding a lone CR, which
    # with "\n" it leaves bare and so breaks the row in two
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralised(name) for name in header])
    is_numeric = [name in numeric for name in header]
    for row in rows:
        writer.writerow(
            [
                "" if value is None else neutralised(str(value), numeric=number)
                for value, number in zip(row, is_numeric, strict=True)
            ]
        )
    return out.getvalue()
