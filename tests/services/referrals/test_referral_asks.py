"""Asks: ``record_ask`` logs the ask and its follow-up task in one unit of work (undone together),
refuses bad input with nothing saved, touches partners; trigger moments, partners due a touch,
the ask-now rows and the asks log read from the database."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client, make_ladder

from msp_desk.demo.shops import build_demo
from msp_desk.domain.clients import Contact
from msp_desk.domain.contracts import ProjectRevenue
from msp_desk.domain.referrals import Partner
from msp_desk.domain.reviews import QbrMeeting, RoadmapItem
from msp_desk.errors import ValidationError
from msp_desk.services.accounts import ledger
from msp_desk.services.clients import editing as clients
from msp_desk.services.referrals.asks import (
    ask_now_rows,
    ask_targets,
    list_asks,
    partners_due,
    record_ask,
    trigger_moments,
)
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

D = dt.date
TODAY = D(2026, 11, 23)


def rows(db: Database, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def add(db: Database, *records: object) -> list[int]:
    with db.unit_of_work() as session:
        session.add_all(records)
        session.flush()
        return [r.id for r in records]  # type: ignore[attr-defined]


def test_names_given_logs_the_ask_and_a_follow_up_a_week_later_undone_together(db: Database) -> None:
    """Asked on 23 Nov with 2 names and no follow-up date: the task is due 23 + 7 = 30 Nov."""
    client = make_client(db, "Ōsaka Dental", status="active")
    clients.add_contact(db, client, "Zoë Müller", decision_maker=True)
    (contact,) = rows(db, "SELECT id FROM contact")[0]
    changes = record_ask(
        db,
        TODAY,
        client_id=client,
        contact_id=contact,
        target_industry=" dental  clinics ",
        target_pain="ransomware",
        result="names_given",
        names_given=2,
    )
    assert changes.clients == {client}
    assert changes.message == "Ask recorded: Ōsaka Dental, names given; follow-up Nov 30, 2026"
    assert rows(
        db,
        "SELECT day, client_id, contact_id, target_industry, result, names_given, follow_up_on FROM referral_ask",
    ) == [("2026-11-23", client, contact, "dental clinics", "names_given", 2, "2026-11-30")]
    assert rows(db, "SELECT kind, due_on, client_id, title FROM task") == [
        ("follow_up", "2026-11-30", client, "Follow up the 2 names Ōsaka Dental gave: ask for introductions")
    ]
    (ask,) = list_asks(db)
    assert (ask.who, ask.flagged, ask.names_given) == ("Ōsaka Dental (Zoë Müller)", False, 2)
    revert(db, changes.journal, "Undone")  # type: ignore[arg-type]
    assert rows(db, "SELECT id FROM referral_ask") == rows(db, "SELECT id FROM task") == []


def test_a_no_is_flagged_and_its_task_says_to_look_into_the_relationship(db: Database) -> None:
    """Declined: follow-up a month later (23 Nov + 30 = 23 Dec); "no": a week later (30 Nov)."""
    client = make_client(db, "Kestrel Insurance", status="active")
    record_ask(db, TODAY - dt.timedelta(days=1), client_id=client, result="declined")
    record_ask(db, TODAY, client_id=client, result="no")
    assert rows(db, "SELECT due_on, title FROM task ORDER BY id") == [
        ("2026-12-22", "Check in with Kestrel Insurance (declined to refer)"),
        ("2026-11-30", "Look into the relationship with Kestrel Insurance: they said no to a referral ask"),
    ]
    assert [(a.result, a.flagged) for a in list_asks(db)] == [("no", True), ("declined", False)]
    assert [a.result for a in list_asks(db, result="declined")] == ["declined"]


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (dict(client_id=1, result="names_given", names_given=0), "names_given"),
        (dict(client_id=1, result="declined", names_given=1), "names_given"),
        (dict(result="declined"), "asked"),
        (dict(client_id=1, partner_id=1, result="declined"), "asked"),
        (dict(client_id=1, result="maybe"), "result"),
        (dict(client_id=1, result="declined", follow_up_on=TODAY - dt.timedelta(days=1)), "follow_up_on"),
        (dict(client_id=1, result="declined", contact_id=1), "contact"),
        (dict(client_id=1, result="declined", script_id=99), "script"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    db: Database, given: dict, field: str
) -> None:  # type: ignore[type-arg]
    assert make_client(db, "Fir Dental", status="active") == 1
    add(db, Partner(name="Dana Whitfield", kind="cpa"))
    assert add(db, Contact(partner_id=1, name="Dana")) == [1]  # a partner's contact, not the client's
    with pytest.raises(ValidationError) as refused:
        record_ask(db, TODAY, **given)
    assert refused.value.field == field
    assert rows(db, "SELECT id FROM referral_ask") == rows(db, "SELECT id FROM task") == []


def test_an_ask_to_a_partner_touches_the_partner_but_never_backwards(db: Database) -> None:
    (partner,) = add(db, Partner(name="Marcus Greene", kind="attorney", last_touch=D(2026, 9, 1)))
    record_ask(db, D(2026, 11, 2), partner_id=partner, result="names_given", names_given=1)
    record_ask(db, D(2026, 10, 1), partner_id=partner, result="declined")  # logged late
    assert rows(db, "SELECT last_touch FROM partner") == [("2026-11-02",)]
    assert rows(db, "SELECT partner_id, client_id FROM task") == [(partner, None), (partner, None)]


def test_partners_due_a_touch_never_touched_first_then_the_oldest(db: Database) -> None:
    """60 days before 23 Nov is 24 Sep: touched then is not due yet; 23 Sep (61 days) is."""
    add(
        db,
        Partner(name="Recent", last_touch=D(2026, 11, 1)),
        Partner(name="Sixty", last_touch=D(2026, 9, 24)),
        Partner(name="Sixty-one", last_touch=D(2026, 9, 23)),
        Partner(name="Older", last_touch=D(2026, 5, 2)),
        Partner(name="Never"),
    )
    due = partners_due(db, TODAY)
    assert [p.name for p in due] == ["Never", "Older", "Sixty-one"]
    assert [p.days_since(TODAY) for p in due] == [None, 205, 61]


def test_trigger_moments_a_good_qbr_in_14_days_a_project_or_protect_add_on_in_30(db: Database) -> None:
    """14 days ending 23 Nov start 10 Nov; 30 days start 25 Oct. Apex: positive QBR 10 Nov (in),
    Backup (protect) started 25 Oct (in). Brennan: positive QBR 9 Nov (out), negative 20 Nov (not
    good), a project 24 Oct (out) and one 12 Nov (in), a roadmap item done 1 Nov (in). Cedar: only
    a run-stage add-on (vCIO sessions is "scale": not a security/backup add-on)."""
    ids = make_ladder(db)
    apex, brennan, cedar = (make_client(db, n, status="active") for n in ("Apex", "Brennan", "Cedar"))
    ledger.start_client(db, apex, ids["Core"], 5, D(2025, 1, 1))
    ledger.add_addon(db, apex, ids["Backup"], D(2026, 10, 25))
    ledger.start_client(db, cedar, ids["Core"], 5, D(2026, 11, 1), [ids["vCIO sessions"]])
    add(
        db,
        QbrMeeting(client_id=apex, day=D(2026, 11, 10), outcome="positive"),
        QbrMeeting(client_id=brennan, day=D(2026, 11, 9), outcome="positive"),
        QbrMeeting(client_id=brennan, day=D(2026, 11, 20), outcome="negative"),
        ProjectRevenue(client_id=brennan, day=D(2026, 10, 24), amount_cents=100),
        ProjectRevenue(client_id=brennan, day=D(2026, 11, 12), amount_cents=100),
        RoadmapItem(client_id=brennan, title="Firewall", status="done", done_on=D(2026, 11, 1)),
    )
    with db.read() as conn:
        moments = trigger_moments(conn, TODAY)
    assert {cid: [(m.day, m.kind, m.text) for m in ms] for cid, ms in moments.items()} == {
        apex: [(D(2026, 11, 10), "qbr", "QBR went well"), (D(2026, 10, 25), "addon", "Backup started")],
        brennan: [
            (D(2026, 11, 12), "project", "Project delivered"),
            (D(2026, 11, 1), "project", "Roadmap project done"),
        ],
    }


def test_ask_now_rows_on_the_demo_are_ranked_with_every_factor_and_a_decision_maker(db: Database) -> None:
    build_demo(db, "msp", TODAY)
    found = ask_now_rows(db, TODAY)
    assert found, "the demo has clients ready to ask"
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    assert all(len(r.factors) == 7 and r.name and r.contact for r in found)
    assert all(r.score >= 70 for r in found)
    targets, partners = ask_targets(db)
    assert {r.client_id for r in found} <= {c.id for c in targets}
    assert len(partners) == 3
