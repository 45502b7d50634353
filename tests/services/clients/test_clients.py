"""Client record services: every write validated before it saves, onboarding's checklist, contacts,
notes, tags, the detail read model, and undo of each write."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.domain.referrals import Partner, Referral, ReferralAsk
from msp_desk.domain.tickets import Ticket
from msp_desk.domain.values import Month
from msp_desk.errors import Conflict, NotFound, ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.changes import Changes
from msp_desk.services.clients import detail as client_record
from msp_desk.services.clients import editing as clients
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

TODAY = dt.date(2026, 3, 14)
IGNORED = {"created_at", "updated_at"}
TABLES = ("client", "contact", "client_note", "tag", "client_tag", "task", "referral")


def state(db: Database) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Every row of the tables the client services write, stamps left out."""
    found = {}
    with db.read() as conn:
        for table in TABLES:
            result = conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))  # noqa: S608 - constants
            columns = result.keys()
            keys = [k for k in columns if k not in IGNORED]
            found[table] = [tuple(row._mapping[k] for k in keys) for row in result]
    return found


def rows(db: Database, sql: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(sa.text(sql), params)]


def undone(db: Database, changes: Changes) -> Changes:
    assert changes.undoable
    return revert(db, changes.journal, "Undone")  # type: ignore[arg-type]


# -- creating ---------------------------------------------------------------------------------


def test_create_client_saves_a_prospect_with_tidy_text(db: Database) -> None:
    changes = clients.create_client(
        db, "  Ōsaka   Dental ", industry=" Dental ", channel="marketing", seats=12
    )
    client_id = clients.new_client_id(changes)
    assert changes.clients == {client_id}
    assert "Ōsaka Dental" in changes.message
    assert rows(db, "SELECT name, industry, status, channel, seats FROM client") == [
        ("Ōsaka Dental", "Dental", "prospect", "marketing", 12)
    ]
    assert rows(db, "SELECT count(*) FROM task") == [(0,)]  # a prospect has no checklist


def test_a_duplicate_name_is_refused_naming_the_field_and_nothing_is_saved(db: Database) -> None:
    make_client(db, "Ōsaka Dental")
    before = state(db)
    with pytest.raises(ValidationError) as caught:
        clients.create_client(db, "ŌSAKA  dental")  # case and spacing do not make a new name
    assert caught.value.field == "name"
    assert "'Ōsaka Dental' already exists" in caught.value.message
    assert state(db) == before


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"name": "   "}, "name", "must not be empty"),
        ({"name": "Kestrel", "channel": "billboard"}, "channel", "'billboard' is not one of"),
        ({"name": "Kestrel", "seats": -3}, "seats", "must not be negative"),
        ({"name": "Kestrel", "status": "active"}, "status", "starts as a prospect or onboarding"),
        ({"name": "Kestrel", "industry": "x" * 101}, "industry", "longer than 100"),
        ({"name": "Kestrel", "referred_by_referral_id": 999}, "referrer", "no referral with id 999"),
    ],
)
def test_create_client_validates_every_field_before_saving(db: Database, fields, field, reason) -> None:  # type: ignore[no-untyped-def]
    before = state(db)
    with pytest.raises(ValidationError) as caught:
        clients.create_client(db, **fields)
    assert caught.value.field == field
    assert reason in caught.value.reason
    assert state(db) == before


def test_onboarding_creates_the_five_step_checklist_due_from_that_day(db: Database) -> None:
    client_id = make_client(db, "Kestrel Insurance")
    changes = clients.set_status(db, client_id, "onboarding", TODAY)
    assert "5 onboarding tasks" in changes.message
    tasks = rows(db, "SELECT due_on, kind, title, client_id, done FROM task ORDER BY due_on")
    assert [dt.date.fromisoformat(str(t[0])) - TODAY for t in tasks] == [
        dt.timedelta(days=d) for d in (2, 14, 21, 30, 90)
    ]
    assert {t[1] for t in tasks} == {"onboarding"}
    assert {t[3] for t in tasks} == {client_id}
    assert not any(t[4] for t in tasks)
    titles = [t[2] for t in tasks]
    assert titles[0].startswith("Kickoff")
    assert "Document" in titles[1]
    assert "Security baseline" in titles[2]
    assert titles[3:] == ["First check-in call", "First QBR"]
    assert rows(db, "SELECT status FROM client") == [("onboarding",)]


def test_a_client_created_onboarding_gets_the_checklist_in_the_same_write(db: Database) -> None:
    changes = clients.create_client(db, "Lakeside Vet", status="onboarding", today=TODAY)
    assert rows(db, "SELECT count(*) FROM task WHERE kind = 'onboarding'") == [(5,)]
    undone(db, changes)
    assert rows(db, "SELECT count(*) FROM task") == [(0,)]
    assert rows(db, "SELECT count(*) FROM client") == [(0,)]


def test_status_moves_one_step_and_going_active_needs_no_contract_line(db: Database) -> None:
    client_id = make_client(db, "Kestrel Insurance")
    with pytest.raises(ValidationError, match="it can move to onboarding"):
        clients.set_status(db, client_id, "active", TODAY)  # the checklist is not skipped
    clients.set_status(db, client_id, "onboarding", TODAY)
    clients.set_status(db, client_id, "active", TODAY + dt.timedelta(days=20))
    assert rows(db, "SELECT status, start_date FROM client") == [("active", "2026-04-03")]
    assert rows(db, "SELECT count(*) FROM contract_line") == [(0,)]
    with pytest.raises(ValidationError) as caught:
        clients.set_status(db, client_id, "onboarding", TODAY)
    assert caught.value.field == "status"
    assert "account action" in caught.value.reason


def test_a_referring_client_gets_the_credit_as_a_referral_row(db: Database) -> None:
    referrer = make_client(db, "Kestrel Insurance", status="active")
    changes = clients.create_client(db, "Zoë Müller Design", referrer_client_id=referrer, today=TODAY)
    new = clients.new_client_id(changes)
    assert rows(db, "SELECT channel FROM client WHERE id = :c", c=new) == [("referral",)]
    referral = rows(
        db,
        "SELECT r.company, r.referrer_client_id, r.received_on, r.stage, r.client_id FROM referral r "
        "JOIN client c ON c.referred_by_referral_id = r.id WHERE c.id = :c",
        c=new,
    )
    assert referral == [("Zoë Müller Design", referrer, "2026-03-14", "received", new)]
    assert client_record.client_detail(db, new, TODAY).referred_by == "Kestrel Insurance"
    undone(db, changes)
    assert rows(db, "SELECT count(*) FROM referral") == [(0,)]


def test_an_open_referral_is_linked_to_the_new_client(db: Database) -> None:
    with db.unit_of_work() as session:
        partner = Partner(name="Dana Cole", company="Cole & Co CPAs", kind="cpa")
        session.add(partner)
        session.flush()
        referral = Referral(
            company="Harbor Dental", industry="Dental", referrer_partner_id=partner.id, received_on=TODAY
        )
        session.add(referral)
        session.flush()
        referral_id = referral.id
    choices = client_record.referrer_choices(db)
    assert [(c.kind, c.id, c.company, c.channel) for c in choices] == [
        ("referral", referral_id, "Harbor Dental", "partner")
    ]
    assert choices[0].label == "Harbor Dental — from Dana Cole (received)"
    new = clients.new_client_id(
        clients.create_client(db, "Harbor Dental", referred_by_referral_id=referral_id)
    )
    assert rows(db, "SELECT channel, referred_by_referral_id FROM client") == [("partner", referral_id)]
    assert rows(db, "SELECT client_id FROM referral") == [(new,)]
    assert client_record.referrer_choices(db) == ()  # linked: no longer offered
    assert client_record.client_detail(db, new, TODAY).referred_by == "Dana Cole (Cole & Co CPAs)"
    with pytest.raises(ValidationError, match="already has a client"):
        clients.create_client(db, "Harbor Dental 2", referred_by_referral_id=referral_id)


# -- the profile --------------------------------------------------------------------------------


def test_update_profile_saves_every_field_and_undo_restores_them(db: Database) -> None:
    client_id = make_client(db, "Kestrel Insurance", start_date=dt.date(2025, 1, 1))
    before = state(db)
    values = {
        "name": "Kestrel Insurance Group",
        "industry": "Insurance",
        "employees": 40,
        "seats": 35,
        "locations": 2,
        "servers": 3,
        "renewal_date": dt.date(2027, 1, 1),
        "term_months": 24,
        "channel": "outbound",
        "acquisition_cost_cents": 250_000,
        "satisfaction": 9,
        "notes": "Owner prefers calls before 10.",
    }
    changes = clients.update_profile(db, client_id, **values)
    assert changes.message == "Saved the profile of Kestrel Insurance Group"
    record = client_record.client_detail(db, client_id, TODAY)
    assert {key: getattr(record, key) for key in values} == values
    undone(db, changes)
    assert state(db) == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"satisfaction": 11}, "satisfaction"),
        ({"employees": -1}, "employees"),
        ({"renewal_date": dt.date(2024, 12, 31)}, "renewal_date"),  # before the start
        ({"channel": "billboard"}, "channel"),
        ({"name": ""}, "name"),
        ({"term_months": -12}, "term_months"),
    ],
)
def test_update_profile_refuses_a_bad_field_and_saves_nothing(db: Database, fields, field) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(db, "Kestrel Insurance", start_date=dt.date(2025, 1, 1))
    before = state(db)
    with pytest.raises(ValidationError) as caught:
        clients.update_profile(
            db, client_id, industry="Insurance", **fields
        )  # the good field is not saved either
    assert caught.value.field == field
    assert state(db) == before


def test_renaming_onto_another_client_is_refused(db: Database) -> None:
    make_client(db, "Zoë Müller Design")
    client_id = make_client(db, "Kestrel Insurance")
    with pytest.raises(ValidationError) as caught:
        clients.update_profile(db, client_id, name="zoë müller design")
    assert caught.value.field == "name"
    assert "already exists" in caught.value.reason
    clients.update_profile(db, client_id, name="KESTREL Insurance")  # its own name, recased, is fine
    assert rows(db, "SELECT name FROM client WHERE id = :c", c=client_id) == [("KESTREL Insurance",)]


def test_seats_of_a_client_with_running_lines_change_through_the_ledger(db: Database) -> None:
    ids = make_ladder(db)
    client_id = make_client(db, "Kestrel Insurance")
    ledger.start_client(db, client_id, ids["Core"], 10, dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as caught:
        clients.update_profile(db, client_id, seats=12)
    assert caught.value.field == "seats"
    clients.update_profile(db, client_id, seats=10, servers=1)  # unchanged seats are fine


def test_saving_an_unchanged_profile_writes_nothing(db: Database) -> None:
    client_id = make_client(db, "Kestrel Insurance", industry="Insurance")
    changes = clients.update_profile(db, client_id, industry="Insurance")
    assert changes.message == "No changes to save"
    assert not changes.undoable


def test_unknown_fields_and_clients_are_errors(db: Database) -> None:
    client_id = make_client(db, "Kestrel Insurance")
    with pytest.raises(TypeError, match="status"):
        clients.update_profile(db, client_id, status="active")  # status moves with set_status
    with pytest.raises(NotFound):
        clients.update_profile(db, 999, industry="x")
    with pytest.raises(NotFound):
        client_record.client_detail(db, 999, TODAY)


# -- contacts, notes, tags -------------------------------------------------------------------------


def test_contacts_add_edit_remove_and_undo(db: Database) -> None:
    client_id = make_client(db, "Kestrel Insurance")
    clients.add_contact(db, client_id, " Aiko Tanaka ", role="Office manager", email="aiko@kestrel.example")
    (contact,) = client_record.client_detail(db, client_id, TODAY).contacts
    assert (contact.name, contact.decision_maker) == ("Aiko Tanaka", False)
    changes = clients.update_contact(db, contact.id, role="Owner", decision_maker=True)
    assert changes.clients == {client_id}  # the pane showing the client refreshes
    (contact,) = client_record.client_detail(db, client_id, TODAY).contacts
    assert (contact.role, contact.decision_maker) == ("Owner", True)
    before = state(db)
    removed = clients.remove_contact(db, contact.id)
    assert client_record.client_detail(db, client_id, TODAY).contacts == ()
    undone(db, removed)
    assert state(db) == before


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"name": " "}, "name"), ({"name": "Aiko", "email": "aiko.example"}, "email")],
)
def test_a_bad_contact_is_refused_naming_the_field(db: Database, fields, field) -> None:  # type: ignore[no-untyped-def]
    client_id = make_client(db, "Kestrel Insurance")
    with pytest.raises(ValidationError) as caught:
        clients.add_contact(db, client_id, **fields)
    assert caught.value.field == field
    assert rows(db, "SELECT count(*) FROM contact") == [(0,)]


def test_a_contact_named_by_a_referral_ask_is_kept(db: Database) -> None:
    client_id = make_client(db, "Kestrel Insurance")
    clients.add_contact(db, client_id, "Aiko Tanaka")
    (contact,) = client_record.client_detail(db, client_id, TODAY).contacts
    with db.unit_of_work() as session:
        session.add(ReferralAsk(day=TODAY, client_id=client_id, contact_id=contact.id, result="declined"))
    with pytest.raises(Conflict, match="credit"):
        clients.remove_contact(db, contact.id)
    assert len(client_record.client_detail(db, client_id, TODAY).contacts) == 1


def test_notes_are_added_newest_first_and_an_empty_one_is_refused(db: Database) -> None:
    client_id = make_client(db, "Kestrel Insurance")
    clients.add_note(db, client_id, "Moving offices in June.")
    clients.add_note(db, client_id, "  Hiring two staff.  ")
    assert [n.body for n in client_record.client_detail(db, client_id, TODAY).dated_notes] == [
        "Hiring two staff.",
        "Moving offices in June.",
    ]
    with pytest.raises(ValidationError) as caught:
        clients.add_note(db, client_id, "   ")
    assert caught.value.field == "note"


def test_tags_are_created_linked_and_unlinked(db: Database) -> None:
    kestrel = make_client(db, "Kestrel Insurance")
    zoe = make_client(db, "Zoë Müller Design")
    clients.set_tags(db, kestrel, ["referral-ready", " co-managed ", "Referral-Ready", ""])
    assert client_record.client_detail(db, kestrel, TODAY).tags == ("co-managed", "referral-ready")
    clients.set_tags(db, zoe, ["REFERRAL-READY", "design"])  # an existing tag is reused, whatever its case
    assert rows(db, "SELECT name FROM tag ORDER BY name") == [
        ("co-managed",),
        ("design",),
        ("referral-ready",),
    ]
    assert client_record.client_detail(db, zoe, TODAY).tags == ("design", "referral-ready")
    before = state(db)
    changes = clients.set_tags(db, kestrel, ["co-managed"])
    assert client_record.client_detail(db, kestrel, TODAY).tags == ("co-managed",)
    assert client_record.all_tag_names(db) == ("co-managed", "design", "referral-ready")  # the tag stays
    undone(db, changes)
    assert state(db) == before
    with pytest.raises(ValidationError) as caught:
        clients.set_tags(db, kestrel, ["x" * 61])
    assert caught.value.field == "tags"


# -- the detail read model ------------------------------------------------------------------------


def test_client_detail_reads_lines_mrr_timeline_tickets_and_tasks(db: Database) -> None:
    ids = make_ladder(db)
    client_id = make_client(db, "Ōsaka Dental", industry="Dental")
    ledger.start_client(db, client_id, ids["Core"], 10, dt.date(2025, 11, 1), [ids["Backup"]])
    ledger.change_tier(db, client_id, ids["Growth"], dt.date(2026, 2, 1))
    with db.unit_of_work() as session:
        for n in range(60):
            opened = dt.datetime(2026, 1, 1, 9) + dt.timedelta(hours=n)
            session.add(
                Ticket(
                    client_id=client_id,
                    external_id=f"T-{n}",
                    priority="P1" if n == 59 else "P3",
                    opened_at=opened,
                    resolved_at=opened + dt.timedelta(hours=6) if n < 59 else None,
                    sla_met=n % 2 == 0,
                )
            )
    clients.add_contact(db, client_id, "Aiko Tanaka", decision_maker=True)
    record = client_record.client_detail(db, client_id, TODAY)
    assert (record.name, record.status, record.tier) == ("Ōsaka Dental", "active", "Growth")
    assert record.mrr_cents == 10 * (17_500 + 1_500)
    assert [(line.item, line.state, line.mrr_cents) for line in record.lines] == [
        ("Growth", "running", 175_000),
        ("Backup", "running", 15_000),
        ("Core", "ended", 135_000),
    ]
    assert record.has_running_lines
    assert record.months == tuple(Month(2025, m) for m in (11, 12)) + tuple(Month(2026, m) for m in (1, 2, 3))
    assert record.monthly_mrr == (150_000, 150_000, 150_000, 190_000, 190_000)
    assert record.ticket_count == 60
    assert len(record.tickets) == client_record.RECENT_TICKETS
    latest = record.tickets[0]
    assert (latest.external_id, latest.priority, latest.resolved_at, latest.sla_met) == (
        "T-59",
        "P1",
        None,
        None,
    )
    assert [t.sla_met for t in record.tickets[1:3]] == [True, False]  # T-58 met, T-57 missed
    assert [c.name for c in record.contacts] == ["Aiko Tanaka"]
    assert record.open_tasks == ()


def test_a_new_prospect_reads_as_empty_everywhere(db: Database) -> None:
    client_id = clients.new_client_id(clients.create_client(db, "Lakeside Vet"))
    record = client_record.client_detail(db, client_id, TODAY)
    assert (record.tier, record.mrr_cents, record.lines, record.months, record.monthly_mrr) == (
        "",
        0,
        (),
        (),
        (),
    )
    assert (record.contacts, record.tickets, record.dated_notes, record.tags) == ((), (), (), ())
    assert not record.has_running_lines
