"""Derived columns the KPIs read as integers: each contract line's months, MRR and cost; each
ticket's resolved month, resolution time and SLA verdict. And the dated list-price changes of
tiers and add-ons (``price_change``). And the referrals we send our partners
(``reciprocal_referral``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:20:00

The columns are derived from each row's own fields when it is written; existing rows get them
here, by the same statement the app runs after every write of lines or tickets.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contract_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("last_month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("mrr_cents", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("cost_cents", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resolved_month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("resolution_us", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("sla_verdict", sa.Boolean(), nullable=True))
        batch_op.create_index(
            "ix_ticket_month_stats",
            ["resolved_month", "priority", "resolution_us", "fcr", "sla_verdict"],
            unique=False,
        )
    op.create_table(
        "price_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tier_id", sa.Integer(), nullable=True),
        sa.Column("addon_id", sa.Integer(), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("cost_cents", sa.Integer(), nullable=False),
        sa.Column("old_price_cents", sa.Integer(), nullable=False),
        sa.Column("old_cost_cents", sa.Integer(), nullable=False),
        sa.Column("existing_clients", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["addon_id"], ["addon.id"]),
        sa.ForeignKeyConstraint(["tier_id"], ["tier.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("price_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_change_addon_id"), ["addon_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_price_change_tier_id"), ["tier_id"], unique=False)
    op.create_table(
        "reciprocal_referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reciprocal_referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reciprocal_referral_partner_id"), ["partner_id"], unique=False)
    from msp_desk.store.derived import fill_derived

    fill_derived(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("reciprocal_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reciprocal_referral_partner_id"))
    op.drop_table("reciprocal_referral")
    with op.batch_alter_table("price_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_change_tier_id"))
        batch_op.drop_index(batch_op.f("ix_price_change_addon_id"))
    op.drop_table("price_change")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_month_stats")
        batch_op.drop_column("sla_verdict")
        batch_op.drop_column("resolution_us")
        batch_op.drop_column("resolved_month")
    with op.batch_alter_table("contract_line", schema=None) as batch_op:
        batch_op.drop_column("cost_cents")
        batch_op.drop_column("mrr_cents")
        batch_op.drop_column("last_month")
        batch_op.drop_column("first_month")
