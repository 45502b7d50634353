"""Small builders for tests: a four-rung ladder with add-ons, clients, and the rows of tables (to
show a refused write changed nothing)."""

from __future__ import annotations

from msp_desk.domain.clients import Client
from msp_desk.domain.ladder import AddOn, ResponseTarget, Tier
from msp_desk.store.database import Database

TIERS = (  # name, rank, price a seat, cost a seat (cents)
    ("Starter", 1, 9_500, 5_000),
    ("Core", 2, 13_500, 6_500),
    ("Growth", 3, 17_500, 8_000),
    ("Premium", 4, 22_500, 10_000),
)
ADDONS = (  # name, price model, price, cost, stage
    ("Backup", "per_seat", 1_500, 600, "protect"),
    ("Endpoint security", "per_seat", 1_200, 500, "protect"),
    ("vCIO sessions", "flat", 50_000, 20_000, "scale"),
)


def make_ladder(db: Database) -> dict[str, int]:
    """Create the tiers and add-ons; returns their ids by name."""
    ids: dict[str, int] = {}
    with db.unit_of_work() as session:
        for name, rank, price, cost in TIERS:
            tier = Tier(name=name, rank=rank, price_model="per_seat", price_cents=price, cost_cents=cost)
            session.add(tier)
            session.flush()
            ids[name] = tier.id  # type: ignore[assignment]
            session.add(
                ResponseTarget(
                    tier_id=tier.id, priority="P1", first_response_min=60 // rank, resolution_min=240
                )
            )
        for name, model, price, cost, stage in ADDONS:
            addon = AddOn(
                name=name, price_model=model, price_cents=price, cost_cents=cost, growth_stage=stage
            )
            session.add(addon)
            session.flush()
            ids[name] = addon.id  # type: ignore[assignment]
    return ids


def make_client(db: Database, name: str, **fields: object) -> int:
    with db.unit_of_work() as session:
        client = Client(name=name, **fields)
        session.add(client)
        session.flush()
        return client.id  # type: ignore[return-value]


def table_rows(db: Database, tables: tuple[str, ...]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of ``tables`` by id, the creation and update stamps left out."""
    import sqlalchemy as sa

    found = {}
    with db.read() as conn:
        for table in tables:
            result = conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))  # noqa: S608 - constants
            keys = [k for k in result.keys() if k not in {"updated_at", "created_at"}]  # noqa: SIM118
            found[table] = [tuple(row._mapping[k] for k in keys) for row in result]
    return found
