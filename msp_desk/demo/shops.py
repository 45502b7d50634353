"""Deterministic demo shops: an MSP ("Northwind Shield IT") and a VA agency ("BrightDesk").

``open_demo`` keeps one file per kind in the user's data folder and rebuilds it when the month
(or this generator) changes, so a demo always ends at the last full month. ``build_demo`` fills
an empty database: the default ladder, clients and their contract history (written through the
ledger service, so it is a history a user could have entered), tickets or requests, referrals
with rewards, QBRs and roadmaps, projects, marketing spend and tasks. The same ``kind``,
``today`` and seed always give the same rows: one ``random.Random``, no wall clock, no set order.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msp_desk import paths
from msp_desk.domain.enums import ShopKind
from msp_desk.errors import MspError, ValidationError
from msp_desk.store.database import Database, open_database
from msp_desk.store.queries.demo.anchor import demo_anchor_of

# 5: each partner has its next touch planned (a check-in task); 6: renewal titles as people read
# dates; 7: each client's roadmap names an idea once, done items where they were planned, a year
# ahead; 8: an earned reward's payout is due the day it was earned, as the rewards service makes it
GENERATOR_VERSION = 8
KINDS = (ShopKind.MSP.value, ShopKind.VA.value)  # the demo shops (``build.PROFILES``)


def demo_anchor(kind: str, today: dt.date) -> str:
    """What a demo file built for ``kind`` in ``today``'s month by this generator is marked with."""
    return f"{kind}:{today:%Y-%m}:v{GENERATOR_VERSION}"


def build_demo(db: Database, kind: str, today: dt.date, seed: int = 7) -> None:
    """Fill the EMPTY database ``db`` with the demo shop of ``kind`` (``msp`` or ``va``).

    History runs up to the last full month before ``today`` (the current month holds only
    tickets, tasks and an upcoming client). Deterministic for a given kind, ``today`` and
    ``seed``. Raises Conflict when the database already holds clients or a ladder.
    """
    if kind not in KINDS:
        raise ValidationError("kind", f"{kind!r} is not one of msp, va")
    from msp_desk.demo.build import PROFILES, Builder  # the builder is loaded only to build

    Builder(db, PROFILES[kind], today, seed).build(demo_anchor(kind, today))


def _side_files(path: Path) -> list[Path]:
    return [
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    ]


def _remove(path: Path) -> None:
    for side in _side_files(path):
        side.unlink(missing_ok=True)


def open_demo(kind: str, today: dt.date) -> Database:
    """Open the demo shop of ``kind``, rebuilding its file when it was built for another month.

    The file (``paths.demo_db_path(kind)``) is reused while its anchor matches ``today``'s month
    and this generator's version; otherwise it is rebuilt beside it and swapped in, so a
    half-built demo is never opened. A damaged or foreign demo file is simply rebuilt.
    """
    if kind not in KINDS:
        raise ValidationError("kind", f"{kind!r} is not one of msp, va")
    path = paths.demo_db_path(kind)
    if path.exists():
        try:
            db = open_database(path, backup_dir=path.parent / "backups")
        except MspError:
            db = None
        if db is not None:
            try:
                if demo_anchor_of(db) == demo_anchor(kind, today):
                    return db
            except MspError:
                pass
            db.close()
    building = path.with_name(path.name + ".building")
    _remove(building)
    db = open_database(building)
    try:
        build_demo(db, kind, today)
    finally:
        db.close()
    _remove(path)
    building.replace(path)
    return open_database(path)
