"""Imports every table module so ``SQLModel.metadata`` is complete (for Alembic and tests)."""

from sqlmodel import SQLModel

from msp_desk.domain import cache, clients, contracts, ladder, referrals, reviews, shop, tickets

metadata = SQLModel.metadata

__all__ = ["cache", "clients", "contracts", "ladder", "metadata", "referrals", "reviews", "shop", "tickets"]
