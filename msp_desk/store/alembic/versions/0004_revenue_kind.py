"""One-off revenue says what it was for: ``project_revenue.kind``, "project" or "hardware".

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 15:20:00

Every row stored before this revision was entered as project revenue, so it is "project".
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("project_revenue", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=10), nullable=False, server_default="project"))


def downgrade() -> None:
    with op.batch_alter_table("project_revenue", schema=None) as batch_op:
        batch_op.drop_column("kind")
