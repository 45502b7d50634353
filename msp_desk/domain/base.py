"""What every table shares: an integer id and created/updated timestamps (aware, UTC)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Record(SQLModel):
    """Base of every table: ``id``, ``created_at``, ``updated_at``."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = Field(default_factory=utc_now, nullable=False)
    updated_at: dt.datetime = Field(
        default_factory=utc_now, nullable=False, sa_column_kwargs={"onupdate": utc_now}
    )

    @property
    def saved_id(self) -> int:
        """The id of a row that has been saved (flushed); a row not saved yet has none."""
        if self.id is None:
            raise RuntimeError(f"{type(self).__name__} has no id until it is saved")
        return self.id
