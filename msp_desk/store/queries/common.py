"""What the queries of every feature share: the expressions databases spell differently (picked
by dialect: SQLite's from ``store.sqlite``, anything else standard SQL such as PostgreSQL's),
rows read straight from the driver, the values drivers return as text turned into Python values
(each once: ``Memo``), and the contract lines running on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import ModuleType
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy import ColumnElement, Connection

from msp_desk.store.tables import CONTRACT_LINE

FAR_FUTURE = dt.date(9999, 12, 31)  # an open-ended line's end


class Standard:
    """Standard SQL spellings (PostgreSQL)."""

    @staticmethod
    def epoch_microseconds(moment: ColumnElement[Any]) -> ColumnElement[int]:
        return sa.cast(sa.extract("epoch", moment) * 1_000_000, sa.BigInteger)

    @staticmethod
    def month_index(moment: ColumnElement[Any]) -> ColumnElement[int]:
        year = sa.cast(sa.extract("year", moment), sa.Integer)
        return year * 12 + sa.cast(sa.extract("month", moment), sa.Integer) - 1

    @staticmethod
    def day_of(moment: ColumnElement[Any]) -> ColumnElement[Any]:
        return sa.cast(moment, sa.Date)

    @staticmethod
    def next_day(day: ColumnElement[Any]) -> ColumnElement[Any]:
        return day + 1  # date + integer is a date


def spelling(conn: Connection | str) -> ModuleType | type[Standard]:
    """The module spelling the dialect's expressions: ``store.sqlite`` or standard SQL."""
    name = conn if isinstance(conn, str) else conn.dialect.name
    if name == "sqlite":
        from msp_desk.store import sqlite

        return sqlite
    return Standard


def flag(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """A nullable boolean column as 1/0/NULL, summable on every database."""
    return sa.case((column.is_(None), sa.null()), (column == sa.true(), 1), else_=0)


def raw_rows(conn: Connection, query: sa.Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of ``query`` as the driver returns them (plain tuples, no SQLAlchemy result
    processing: SQLite gives dates as ISO text). For bulk reads where that processing is
    most of the cost."""
    result = conn.execute(query)
    try:
        return cast(list[tuple[Any, ...]], result.cursor.fetchall())  # the driver's rows are tuples
    finally:
        result.close()


def as_date(value: object) -> dt.date | None:
    """A date from what the driver returns (a date, or ISO text on SQLite)."""
    if value is None or isinstance(value, dt.date):
        return value  # a datetime is a date too
    return dt.date.fromisoformat(str(value))


def as_datetime(value: object) -> dt.datetime | None:
    """A datetime from what the driver returns (a datetime, or ISO text on SQLite)."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


class Memo(dict[Any, Any]):
    """``memo[key]`` is ``fn(key)``, computed once per key: bulk rows repeat their days (and
    prices) a lot, so converting each value once is most of the cost saved."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.fn(key)
        return value


def running_on(day: dt.date) -> ColumnElement[bool]:
    """The contract lines running on ``day`` (started, not ended before it)."""
    c = CONTRACT_LINE.c
    return sa.and_(c.start_date <= day, sa.or_(c.end_date.is_(None), c.end_date >= day))


def running_from(day: dt.date) -> ColumnElement[bool]:
    """The contract lines running on ``day`` or starting later (not ended before it)."""
    c = CONTRACT_LINE.c
    return sa.or_(c.end_date.is_(None), c.end_date >= day)
