"""The agenda kept in the derived cache: stored once read, served exactly while no write has
landed since (so it is always what the agenda would read now), and per day."""

from __future__ import annotations

import datetime as dt

from factories import make_client

from msp_desk.services.clients.editing import create_client
from msp_desk.services.referrals.pipeline import add_referral
from msp_desk.services.today.agenda import ask_items, due_items
from msp_desk.services.today.items import AgendaItem
from msp_desk.services.today.stored import ask_items_stored, due_items_stored, stored_agenda
from msp_desk.services.today.tasks import snooze_task
from msp_desk.store.database import Database

TODAY = dt.date(2026, 3, 2)


def test_an_item_survives_the_cache_whole() -> None:
    item = AgendaItem(
        "follow_up", TODAY, None, None, "Call Ōsaka Dental", True, 7, "Sam", dt.date(2026, 2, 27)
    )
    assert AgendaItem.from_cache(item.to_cache()) == item
    plain = AgendaItem("renewal", TODAY, "Harbor Dental", 3, "Harbor Dental renews", False)
    assert AgendaItem.from_cache(plain.to_cache()) == plain


def test_the_agenda_is_stored_once_read_and_forgotten_by_a_write(db: Database) -> None:
    kestrel = make_client(db, "Kestrel Insurance", status="active")
    add_referral(db, "Lakeside Vet", dt.date(2026, 2, 27), referrer_client_id=kestrel, follow_up_on=TODAY)
    create_client(db, "Harbor Dental", status="onboarding", today=dt.date(2026, 2, 26))
    assert stored_agenda(db, TODAY).due is None  # nothing read yet
    due = due_items_stored(db, TODAY)
    assert due == due_items(db, TODAY) and len(due) == 2
    asks = ask_items_stored(db, TODAY)
    assert asks == ask_items(db, TODAY)
    start = stored_agenda(db, TODAY)
    assert start.due == due and start.asks == asks
    assert stored_agenda(db, TODAY + dt.timedelta(days=1)).due is None  # another day: read afresh

    follow_up = next(item for item in due if item.kind == "follow_up")
    assert follow_up.task_id is not None
    snooze_task(db, follow_up.task_id, dt.date(2026, 3, 20))  # a write: what was stored is stale
    assert stored_agenda(db, TODAY).due is None
    assert [item.kind for item in due_items_stored(db, TODAY)] == ["onboarding"]
    assert stored_agenda(db, TODAY).due == due_items(db, TODAY)
