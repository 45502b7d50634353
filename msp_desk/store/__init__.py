"""Store: engine, units of work, queries, Alembic migrations, backup and the file checks.

May import: ``msp_desk.domain``, ``msp_desk.errors``, SQLAlchemy/SQLModel, Alembic (lazily).
Never Qt, services, io, reports or ui. Everything SQLite-only lives in ``store.sqlite``.
"""
