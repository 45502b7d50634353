"""The stored values that break their column's rule (``columns``), found without letting
SQLAlchemy parse them (a bad date must be reported, not raised).

Each table is scanned twice. First SQL keeps the rows whose dates, months, words, numbers and
flags are not in the canonical form the app writes (a cheap, portable superset of the bad ones),
and Python judges those values exactly as the driver returns them. Then the date-times and
single-line texts are read whole and judged in Python (``_read_whole`` says why).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement

from msp_desk.domain.values import Month
from msp_desk.store.queries.common import Memo, raw_rows
from msp_desk.store.queries.health.columns import ColumnRule, column_rules
from msp_desk.store.tables import CLIENT, metadata

if TYPE_CHECKING:
    from sqlalchemy import Connection, Dialect

FIRST_YEAR = 1900  # ``Month`` refuses earlier years: every month-based reader would fail
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What both readers take (SQLAlchemy's and ``common.as_datetime``: ``fromisoformat``) and the SQL
# of ``store.sqlite`` reads right (the first 19 characters, then a fraction): a bare date is midnight.
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}|Z)?)?")
# Bidirectional embeddings, overrides and isolates: they reorder what is shown after them.
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_IDS_PER_QUERY = 500  # SQLite allows 999 bound values in older versions


@dataclass(frozen=True, slots=True)
class BadValue:
    """A stored value that breaks its column's rule: ``what`` says how, for a person
    (``start_date 'not-a-date' is not a date``); ``rule`` is the kind of rule broken."""

    table: str
    row_id: int
    column: str
    rule: str
    what: str


def bad_values(conn: Connection, tables: Iterable[sa.Table] | None = None) -> list[BadValue]:
    """Every stored value of ``tables`` (all of them by default) that breaks its rule."""
    found: list[BadValue] = []
    for table in tables if tables is not None else metadata.sorted_tables:
        rules = column_rules(table)
        found += _judged(conn, table, [r for r in rules if r.kind != "text" or r.required or not r.nullable])
        found += _read_whole(conn, table, [r for r in rules if r.kind == "datetime" or r.single_line])
    return found


def show(value: object, limit: int = 40) -> str:
    """A stored value as a person reads it in a sentence: quoted, control characters escaped,
    cut short when long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- canonical forms in SQL (a row outside them is judged in Python) --------------------------------


def _as_text(column: ColumnElement[Any], dialect: Dialect) -> str:
    return str(sa.cast(column, sa.String).compile(dialect=dialect))


def _date_sql(text: str) -> list[str]:
    """Standard SQL: ``text`` starts with a real ``YYYY-MM-DD`` from 1900 on (February 29th is
    left to Python). Written as text once, not as thousands of expression objects: building
    those for every column cost more than the scan."""

    def at(position: int, length: int = 1) -> str:
        return f"substr({text}, {position}, {length})"

    month, day = at(6, 2), at(9, 2)
    long_months = "('01', '03', '05', '07', '08', '10', '12')"
    return [
        *(f"{at(p)} BETWEEN '0' AND '9'" for p in (1, 2, 3, 4, 6, 7, 9, 10)),
        f"{at(5)} = '-'",
        f"{at(8)} = '-'",
        f"{at(1, 4)} >= '{FIRST_YEAR}'",
        f"{month} BETWEEN '01' AND '12'",
        f"{day} >= '01'",
        f"({day} <= '28' OR ({day} <= '30' AND {month} <> '02') OR ({day} = '31' AND {month} IN {long_months}))",
    ]


def _month_sql(text: str) -> list[str]:
    def at(position: int, length: int = 1) -> str:
        return f"substr({text}, {position}, {length})"

    return [
        f"length({text}) = 7",
        *(f"{at(p)} BETWEEN '0' AND '9'" for p in (1, 2, 3, 4, 6, 7)),
        f"{at(5)} = '-'",
        f"{at(1, 4)} >= '{FIRST_YEAR}'",
        f"{at(6, 2)} BETWEEN '01' AND '12'",
    ]


def _all(conditions: list[str]) -> ColumnElement[bool]:
    return sa.literal_column("(" + " AND ".join(conditions) + ")", sa.Boolean)


def valid_date(column: ColumnElement[Any], dialect: Dialect) -> ColumnElement[bool]:
    """``column`` holds a real date in the form the app writes (``YYYY-MM-DD``); a February
    29th counts as valid here."""
    text = _as_text(column, dialect)
    return _all([f"length({text}) = 10", *_date_sql(text)])


def _outside(rule: ColumnRule, column: ColumnElement[Any], dialect: Dialect) -> ColumnElement[bool]:
    """The rows whose value of ``column`` may break ``rule`` (NULL aside)."""
    if rule.kind == "date":
        return sa.not_(valid_date(column, dialect))
    if rule.kind == "month":
        return sa.not_(_all(_month_sql(_as_text(column, dialect))))
    if rule.kind == "choice":
        return sa.cast(column, sa.String).not_in(rule.choices)
    if rule.kind == "integer":
        number = sa.type_coerce(column, sa.Integer)
        # Text sorts after every number in SQLite, so ``> high`` also catches it; a fraction
        # differs from its whole part.
        return sa.or_(number < rule.low, number > rule.high, number != sa.cast(number, sa.Integer))
    if rule.kind == "boolean":
        return sa.not_(sa.or_(column.is_(sa.true()), column.is_(sa.false())))
    if rule.kind == "text" and rule.required:
        return sa.func.trim(sa.cast(column, sa.String)) == ""
    return sa.false()


# -- verdicts in Python on what the driver returns -----------------------------------------------


def _iso(value: object, pattern: re.Pattern[str], parse: Callable[[str], dt.date]) -> bool:
    if isinstance(value, dt.date):  # a database with real date types returns them
        return value.year >= FIRST_YEAR
    if not isinstance(value, str) or not pattern.fullmatch(value):
        return False
    try:
        return parse(value).year >= FIRST_YEAR
    except ValueError:
        return False


def _is_month(value: object) -> bool:
    try:
        return isinstance(value, str) and len(value) == 7 and Month.parse(value).year >= FIRST_YEAR
    except ValueError:
        return False


def verdict(rule: ColumnRule, value: object) -> str | None:
    """What is wrong with ``value`` in ``rule``'s column (after the column name), or None."""
    if value is None:
        return None if rule.nullable else "is missing"
    shown = show(value)
    if rule.kind == "date":
        ok = not isinstance(value, dt.datetime) and _iso(value, _DATE, dt.date.fromisoformat)
        return None if ok else f"{shown} is not a date (YYYY-MM-DD from {FIRST_YEAR} on)"
    if rule.kind == "datetime":
        ok = isinstance(value, dt.datetime) or _iso(value, _DATETIME, dt.datetime.fromisoformat)
        return None if ok else f"{shown} is not a date and time (YYYY-MM-DD HH:MM:SS from {FIRST_YEAR} on)"
    if rule.kind == "month":
        return None if _is_month(value) else f"{shown} is not a month (YYYY-MM from {FIRST_YEAR} on)"
    if rule.kind == "choice":
        return None if value in rule.choices else f"{shown} is not one of {', '.join(rule.choices)}"
    if rule.kind == "integer":
        return _number_verdict(rule, value)
    if rule.kind == "boolean":
        return None if type(value) in (int, bool) and value in (0, 1) else f"{shown} is not 0 or 1"
    if rule.kind == "text":
        if not isinstance(value, str):
            return f"{shown} is not text"
        if rule.required and not value.strip():
            return "is empty"
    return None


def _number_verdict(rule: ColumnRule, value: object) -> str | None:
    if type(value) is not int:
        return f"{show(value)} is not a whole number"
    if value < rule.low:
        return f"{value} is negative" if rule.low == 0 else f"{value} is below {rule.low}"
    if value > rule.high:
        return f"{value} is above the plausible maximum {rule.high}"
    return None


def control_character(value: object) -> str | None:
    """What is wrong with a single-line text ``value`` (a name, a code), or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        return f"{show(value)} is not text"
    for char in value:
        if unicodedata.category(char) == "Cc" or char in BIDI:
            return f"{show(value)} contains a control character (U+{ord(char):04X})"
    return None


# -- the scans --------------------------------------------------------------------------------------


def _judged(conn: Connection, table: sa.Table, rules: list[ColumnRule]) -> list[BadValue]:
    if not rules:
        return []
    columns = [table.c[rule.column] for rule in rules]
    suspicious = [
        sa.and_(column.is_not(None), _outside(rule, column, conn.dialect))
        for rule, column in zip(rules, columns, strict=True)
    ]
    suspicious += [column.is_(None) for rule, column in zip(rules, columns, strict=True) if not rule.nullable]
    query = sa.select(table.c.id, *(sa.type_coerce(c, sa.types.NullType()) for c in columns)).where(
        sa.or_(*suspicious)
    )
    found = []
    for row_id, *values in raw_rows(conn, query):
        for rule, value in zip(rules, values, strict=True):
            if rule.kind == "datetime" and value is not None:
                continue  # judged by ``_read_whole``
            what = verdict(rule, value)
            if what is not None:
                found.append(BadValue(table.name, row_id, rule.column, rule.kind, f"{rule.column} {what}"))
    return found


def _read_whole(conn: Connection, table: sa.Table, rules: list[ColumnRule]) -> list[BadValue]:
    """The date-times and single-line texts of ``table`` judged in Python, every row: SQL that
    checks a date-time digit by digit costs more than reading it (500,000 tickets: 12 s against
    2 s), and control characters cannot be found in portable SQL at all."""
    if not rules:
        return []
    judges = [
        Memo(partial(verdict, rule) if rule.kind == "datetime" else control_character) for rule in rules
    ]
    kinds = ["datetime" if rule.kind == "datetime" else "control" for rule in rules]
    query = sa.select(table.c.id, *(sa.type_coerce(table.c[r.column], sa.types.NullType()) for r in rules))
    found = []
    for row_id, *values in raw_rows(conn, query):
        for rule, kind, judge, value in zip(rules, kinds, judges, values, strict=True):
            if value is not None:
                what = judge[value]
                if what is not None:
                    found.append(BadValue(table.name, row_id, rule.column, kind, f"{rule.column} {what}"))
    return found


# -- naming rows ------------------------------------------------------------------------------------


def label_column(table: sa.Table) -> ColumnElement[Any] | None:
    """What names a row of ``table`` for a person: its client's name when it belongs to one
    (else its own name), or its name, company or title."""
    own = next((table.c[n] for n in ("name", "company", "title") if n in table.c), None)
    if "client_id" in table.c and table.name != CLIENT.name:
        client_name = sa.select(CLIENT.c.name).where(CLIENT.c.id == table.c.client_id).scalar_subquery()
        return client_name if own is None else sa.func.coalesce(client_name, own)
    return own


def row_labels(conn: Connection, table: sa.Table, ids: Iterable[int]) -> dict[int, object]:
    """The label (``label_column``, as the driver returns it) of each of the rows ``ids``."""
    label = label_column(table)
    wanted = sorted(set(ids))
    if label is None or not wanted:
        return {}
    labels: dict[int, object] = {}
    raw = sa.type_coerce(label, sa.types.NullType())
    for start in range(0, len(wanted), _IDS_PER_QUERY):
        chunk = wanted[start : start + _IDS_PER_QUERY]
        query = sa.select(table.c.id, raw).where(table.c.id.in_(chunk))
        labels.update((row_id, value) for row_id, value in raw_rows(conn, query) if value is not None)
    return labels
