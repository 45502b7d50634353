"""The agenda kept in the derived cache, so the app opens on Today at once: what is due and the
clients ready to ask, each stored under the day once read. An entry is served only while no write
has landed since it was read (``store.cache``): always what ``due_items`` / ``ask_items`` would
return now. Reading the stored agenda loads no SQLAlchemy (the first paint comes before it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

import msp_desk
from msp_desk.errors import MspError
from msp_desk.services.today.items import AgendaItem
from msp_desk.store import cache
from msp_desk.store.database import Database

# Bump the suffix whenever what the agenda lists, or how an item is stored, changes.
CACHE_VERSION = f"{msp_desk.__version__}:agenda-1"


@dataclass(frozen=True, slots=True)
class StoredAgenda:
    """The stored parts of a day's agenda: None for a part that must be read first."""

    due: list[AgendaItem] | None
    asks: list[AgendaItem] | None


def due_key(today: dt.date) -> str:
    return f"agenda-due:{today.isoformat()}"


def asks_key(today: dt.date) -> str:
    return f"agenda-asks:{today.isoformat()}"


def stored_agenda(db: Database, today: dt.date) -> StoredAgenda:
    """What is stored of ``today``'s agenda (a driver read, a few milliseconds)."""
    found = cache.stored(db, [due_key(today), asks_key(today)], CACHE_VERSION).entries
    return StoredAgenda(_items(found.get(due_key(today))), _items(found.get(asks_key(today))))


def due_items_stored(db: Database, today: dt.date) -> list[AgendaItem]:
    """``due_items``, from the cache when stored at the current data, else read and stored."""
    from msp_desk.services.today.agenda import due_items

    return _stored_or_read(db, due_key(today), lambda: due_items(db, today))


def ask_items_stored(db: Database, today: dt.date) -> list[AgendaItem]:
    """``ask_items``, from the cache when stored at the current data, else read and stored."""
    from msp_desk.services.today.agenda import ask_items

    return _stored_or_read(db, asks_key(today), lambda: ask_items(db, today))


def _stored_or_read(db: Database, key: str, read: Callable[[], list[AgendaItem]]) -> list[AgendaItem]:
    found = cache.stored(db, [key], CACHE_VERSION)
    items = _items(found.entries.get(key))
    if items is not None:
        return items
    items = read()
    with suppress(MspError):  # a busy or read-only file: the agenda is only not kept
        cache.keep(db, key, CACHE_VERSION, [item.to_cache() for item in items], found.revision)
    return items


def _items(entry: object) -> list[AgendaItem] | None:
    """The items an entry holds; None when absent or not what ``to_cache`` wrote (read again)."""
    if not isinstance(entry, list):
        return None
    try:
        return [AgendaItem.from_cache(value) for value in entry]
    except (TypeError, ValueError):
        return None
