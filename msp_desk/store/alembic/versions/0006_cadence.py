"""Check-in calls and the per-tier cadences: ``check_in`` (a call with a purpose), the editable
onboarding template ``onboarding_step``, ``tier.check_in_every_days`` / ``tier.qbr_every_days``
and ``client.onboarding_started_on``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 16:45:00

Tiers stored before this revision get the default cadences by rung (the first every 90 days,
the second every 60, the higher ones every 30; a QBR every 90 days). An empty onboarding
template means the shop kind's built-in steps, so no step is written here. A client onboarding
before this revision counts its days in from its first onboarding task (when it was created).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tier", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("check_in_every_days", sa.Integer(), nullable=False, server_default="60")
        )
        batch_op.add_column(sa.Column("qbr_every_days", sa.Integer(), nullable=False, server_default="90"))
    op.execute(
        "UPDATE tier SET check_in_every_days = CASE WHEN rank = 1 THEN 90 WHEN rank = 2 THEN 60 ELSE 30 END"
    )
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("onboarding_started_on", sa.Date(), nullable=True))
    op.execute(
        "UPDATE client SET onboarding_started_on = ("
        "SELECT MIN(DATE(task.created_at)) FROM task "
        "WHERE task.client_id = client.id AND task.kind = 'onboarding') "
        "WHERE client.status = 'onboarding'"
    )
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_in_client_id"), ["client_id"], unique=False)
    op.create_table(
        "onboarding_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("onboarding_step")
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_in_client_id"))
    op.drop_table("check_in")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("onboarding_started_on")
    with op.batch_alter_table("tier", schema=None) as batch_op:
        batch_op.drop_column("qbr_every_days")
        batch_op.drop_column("check_in_every_days")
