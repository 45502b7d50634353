"""The shop's settings row: read it (with defaults) and save edits."""

from __future__ import annotations

from sqlmodel import select

from msp_desk.domain.shop import ShopSettings, validate_shop
from msp_desk.services.changes import Changes
from msp_desk.store.database import Database


def get_settings(db: Database) -> ShopSettings:
    """The settings row, or unsaved defaults when the shop has none yet."""
    with db.unit_of_work() as session:
        found = session.exec(select(ShopSettings).order_by(ShopSettings.id)).first()  # type: ignore[arg-type]
        return found if found is not None else ShopSettings()


def save_settings(db: Database, **values: object) -> Changes:
    """Update (or create) the settings row; every field validated before anything is saved."""
    with db.unit_of_work() as session:
        shop = session.exec(select(ShopSettings).order_by(ShopSettings.id)).first()  # type: ignore[arg-type]
        if shop is None:
            shop = ShopSettings()
            session.add(shop)
        for name, value in values.items():
            if name not in ShopSettings.model_fields:
                raise AttributeError(f"ShopSettings has no field {name}")
            setattr(shop, name, value)
        validate_shop(shop)
        return Changes("Settings saved", settings=True)
