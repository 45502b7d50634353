"""Alembic environment: runs migrations on the engine MSP Desk hands in (no alembic.ini)."""

from alembic import context

from msp_desk.store.tables import metadata


def run_migrations() -> None:
    engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,  # SQLite needs batch mode to alter tables
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
