"""The shop's own QBR questions: ``shop_settings.qbr_questions``, one question a line.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 18:10:00

Additive: "" (the rows stored before) means seed 001's built-in questions
(``domain.qbr_schedule.QBR_QUESTIONS``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("qbr_questions", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.drop_column("qbr_questions")
