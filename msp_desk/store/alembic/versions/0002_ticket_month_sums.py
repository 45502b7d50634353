"""Ticket sums the KPIs read without parsing datetimes: resolved month, resolution time, SLA verdict.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:20:00

The three columns are derived from each ticket's own fields when it is written; existing tickets
get them here, by the same statement the app runs after every ticket write.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resolved_month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("resolution_us", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("sla_verdict", sa.Boolean(), nullable=True))
        batch_op.create_index(
            "ix_ticket_month_stats",
            ["resolved_month", "priority", "resolution_us", "fcr", "sla_verdict"],
            unique=False,
        )
    from msp_desk.store.queries import fill_ticket_derived

    fill_ticket_derived(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_month_stats")
        batch_op.drop_column("sla_verdict")
        batch_op.drop_column("resolution_us")
        batch_op.drop_column("resolved_month")
