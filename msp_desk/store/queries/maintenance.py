"""The schema revision a file records (the health check's reads are in ``store.queries.health``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection


def schema_revision(conn: Connection) -> str | None:
    """The schema revision Alembic recorded in the file (None when it recorded none)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()
