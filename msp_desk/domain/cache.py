"""Derived figures kept to open fast (e.g. last month's KPIs), and the data revision that says
whether they are still current."""

from __future__ import annotations

from sqlmodel import Field

from msp_desk.domain.base import Record


class DerivedCache(Record, table=True):
    """One computed result, stored as JSON under a key and the version of the code that made it.

    Never a source of truth: an entry carries the data revision it was computed from and is
    served only while that revision is current (``DataRevision``); every write also empties the
    table, in the same transaction.
    """

    __tablename__ = "derived_cache"

    key: str = Field(max_length=100, unique=True, index=True)
    version: str = Field(max_length=40)
    payload: str
    revision: int = Field(default=0)  # the ``DataRevision.revision`` its figures were computed from


class DataRevision(Record, table=True):
    """One row: a counter every unit of work that writes bumps in its own transaction, so a
    figure computed from older data can be told apart (and is never served)."""

    __tablename__ = "data_revision"

    revision: int = Field(default=0)
