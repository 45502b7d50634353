"""The data revision: a counter every write bumps, and the revision each stored figure was
computed from, so a figure older than the data is never served.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 13:00:00

Figures stored before this revision carry no revision: they are dropped here and recomputed.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM derived_cache")
    with op.batch_alter_table("derived_cache", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))
    table = op.create_table(
        "data_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    now = dt.datetime.now(dt.UTC)
    op.bulk_insert(table, [{"id": 1, "created_at": now, "updated_at": now, "revision": 0}])


def downgrade() -> None:
    op.drop_table("data_revision")
    with op.batch_alter_table("derived_cache", schema=None) as batch_op:
        batch_op.drop_column("revision")
