"""Derived figures kept to open fast (e.g. last month's KPIs); cleared by every write."""

from __future__ import annotations

from sqlmodel import Field

from msp_desk.domain.base import Record


class DerivedCache(Record, table=True):
    """One computed result, stored as JSON under a key and the version of the code that made it.

    Never a source of truth: ``Database.unit_of_work`` empties the table whenever a transaction
    writes anything, so an entry is always what recomputing would give.
    """

    __tablename__ = "derived_cache"

    key: str = Field(max_length=100, unique=True, index=True)
    version: str = Field(max_length=40)
    payload: str
