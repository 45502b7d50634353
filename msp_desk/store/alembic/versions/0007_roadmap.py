"""The vCIO roadmap keeps its order and its ladder links: ``roadmap_item.position`` (the order
within a horizon), ``addon_id`` and ``tier_id`` (the add-on or tier an item stands for, if any).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 16:35:00

Items stored before this revision keep their order by id (all at position 0) and link nothing.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("roadmap_item", schema=None, recreate="always") as batch_op:
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("addon_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("tier_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_roadmap_item_addon_id", "addon", ["addon_id"], ["id"])
        batch_op.create_foreign_key("fk_roadmap_item_tier_id", "tier", ["tier_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("roadmap_item", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint("fk_roadmap_item_tier_id", type_="foreignkey")
        batch_op.drop_constraint("fk_roadmap_item_addon_id", type_="foreignkey")
        batch_op.drop_column("tier_id")
        batch_op.drop_column("addon_id")
        batch_op.drop_column("position")
