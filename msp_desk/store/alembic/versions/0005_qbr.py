"""A QBR records the satisfaction heard, the next 90 days' priorities and the questions asked.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 16:40:00

Additive: meetings stored before it have no satisfaction and empty texts.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("qbr_meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("satisfaction", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("priorities", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("questions", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("qbr_meeting", schema=None) as batch_op:
        batch_op.drop_column("questions")
        batch_op.drop_column("priorities")
        batch_op.drop_column("satisfaction")
