"""Tasks say who owns them and the due date they had before a snooze; clients have an account lead.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 16:40:00

Additive: ``task.owner`` and ``client.account_lead`` are "" (nobody named) on rows stored
before; ``task.first_due_on`` is NULL (never snoozed).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner", sa.String(length=60), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("first_due_on", sa.Date(), nullable=True))
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_lead", sa.String(length=60), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("account_lead")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("first_due_on")
        batch_op.drop_column("owner")
