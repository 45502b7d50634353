"""Store: the database (engine, units of work, the journal undo replays), the tables (``tables``:
taken once from the SQLModel classes), derived columns, the derived cache, every query
(``queries``, a module or package per feature), Alembic migrations, backup and the file checks.

May import: ``msp_desk.domain``, ``msp_desk.errors``, SQLAlchemy/SQLModel, Alembic (lazily).
Never Qt, services, io, reports or ui. Everything SQLite-only lives in ``store.sqlite``.
"""
