"""The tables as SQLAlchemy Core sees them, for analytic reads and the start-up path.

Importing the SQLModel tables costs the ORM and pydantic (a good share of the app's start-up),
so the queries that run before the first paint or over many rows use these light descriptions.
They name only columns that exist: a test compares them with the domain tables. Integer columns
that are multiplied together in SQL are BigInteger so databases with 32-bit integers don't
overflow.
"""

from __future__ import annotations

import sqlalchemy as sa

CONTRACT_LINE = sa.table(
    "contract_line",
    sa.column("id", sa.Integer),
    sa.column("client_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("tier_id", sa.Integer),
    sa.column("start_date", sa.Date),
    sa.column("end_date", sa.Date),
    sa.column("quantity", sa.BigInteger),
    sa.column("unit_price_cents", sa.BigInteger),
    sa.column("unit_cost_cents", sa.BigInteger),
    sa.column("period", sa.String),
    sa.column("discount_bp", sa.BigInteger),
    sa.column("first_month", sa.Integer),
    sa.column("last_month", sa.Integer),
    sa.column("mrr_cents", sa.BigInteger),
    sa.column("cost_cents", sa.BigInteger),
)
TICKET = sa.table(
    "ticket",
    sa.column("client_id", sa.Integer),
    sa.column("priority", sa.String),
    sa.column("opened_at", sa.DateTime),
    sa.column("first_response_at", sa.DateTime),
    sa.column("resolved_at", sa.DateTime),
    sa.column("fcr", sa.Boolean),
    sa.column("sla_met", sa.Boolean),
    sa.column("response_target_min", sa.Integer),
    sa.column("resolution_target_min", sa.Integer),
    sa.column("resolved_month", sa.Integer),
    sa.column("resolution_us", sa.BigInteger),
    sa.column("sla_verdict", sa.Boolean),
)
RESPONSE_TARGET = sa.table(
    "response_target",
    sa.column("tier_id", sa.Integer),
    sa.column("priority", sa.String),
    sa.column("first_response_min", sa.Integer),
    sa.column("resolution_min", sa.Integer),
)
SHOP_SETTINGS = sa.table(
    "shop_settings",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("currency", sa.String),
    sa.column("locale", sa.String),
    sa.column("benchmarks_json", sa.String),
)
DERIVED_CACHE = sa.table(
    "derived_cache",
    sa.column("id", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("key", sa.String),
    sa.column("version", sa.String),
    sa.column("payload", sa.String),
)

ALL = (CONTRACT_LINE, TICKET, RESPONSE_TARGET, SHOP_SETTINGS, DERIVED_CACHE)
