"""Partners: add and edit (checked before saving), touches (last touch, the next-touch task, the
previous one closed), referrals sent back, and the page's summary (contacts, referrals given and
won, sent count, next touch)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from msp_desk.domain.clients import Contact
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.referrals import partners
from msp_desk.services.referrals import pipeline as rp
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

DAY = dt.date(2026, 3, 2)


def rows(db: Database, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(sa.text(sql))]


def new_partner(db: Database) -> int:
    changes = partners.add_partner(
        db, "  Pat   Kim ", "cpa", company="Kim & Co CPAs", email="pat@kim.example"
    )
    assert changes.journal is not None
    return changes.journal.rows[0].row_id


def test_add_and_edit_check_every_field_first(db: Database) -> None:
    pid = new_partner(db)
    assert rows(db, "SELECT name, kind, company FROM partner") == [("Pat Kim", "cpa", "Kim & Co CPAs")]
    with pytest.raises(ValidationError) as err:
        partners.update_partner(db, pid, name="Pat", email="not-an-email")
    assert err.value.field == "email"
    with pytest.raises(ValidationError) as err:
        partners.update_partner(db, pid, kind="banker")
    assert err.value.field == "kind"
    with pytest.raises(ValidationError):
        partners.add_partner(db, " ")
    assert rows(db, "SELECT name, kind, email FROM partner") == [("Pat Kim", "cpa", "pat@kim.example")]
    partners.update_partner(db, pid, kind="attorney", notes="Estate planning")
    assert rows(db, "SELECT kind, notes FROM partner") == [("attorney", "Estate planning")]
    with pytest.raises(NotFound):
        partners.update_partner(db, 99, name="X")


def test_a_touch_sets_the_last_touch_and_schedules_the_next(db: Database) -> None:
    pid = new_partner(db)
    partners.touch_partner(db, pid, DAY, next_in_days=30)
    second = partners.touch_partner(db, pid, DAY + dt.timedelta(days=10), next_in_days=45)
    # The second touch (Mar 12) closes the first's task (due Apr 1) and asks for one on Apr 26.
    assert rows(db, "SELECT last_touch FROM partner") == [("2026-03-12",)]
    assert rows(db, "SELECT due_on, kind, done, done_on FROM task ORDER BY id") == [
        ("2026-04-01", "check_in", 1, "2026-03-12"),
        ("2026-04-26", "check_in", 0, None),
    ]
    [summary] = partners.partner_summaries(db, dt.date(2026, 3, 20))
    assert (summary.last_touch, summary.days_since_touch, summary.next_touch, summary.overdue) == (
        dt.date(2026, 3, 12),
        8,
        dt.date(2026, 4, 26),
        False,
    )
    with pytest.raises(ValidationError) as err:
        partners.touch_partner(db, pid, DAY, next_in_days=0)
    assert err.value.field == "next_in_days"
    assert second.journal is not None
    revert(db, second.journal, "Undone")
    assert rows(db, "SELECT last_touch FROM partner") == [("2026-03-02",)]
    assert rows(db, "SELECT due_on, done FROM task") == [("2026-04-01", 0)]


def test_the_summary_counts_referrals_given_won_and_sent_back(db: Database) -> None:
    pid = new_partner(db)
    with db.unit_of_work() as session:
        session.add(Contact(partner_id=pid, name="Lee Park", role="Associate"))
    for company in ("Harbor Dental", "Ridge Law", "Oak Vet"):
        rp.add_referral(db, company, DAY, referrer_partner_id=pid)
    rp.move_referral(db, 1, "won", DAY)
    rp.move_referral(db, 2, "lost", DAY, lost_reason="No budget")
    partners.send_reciprocal(db, pid, DAY, "Bob's Bakery", "needs a bookkeeper")
    partners.send_reciprocal(db, pid, DAY + dt.timedelta(days=3), "Sun Cafe")
    with pytest.raises(ValidationError) as err:
        partners.send_reciprocal(db, pid, DAY, "  ")
    assert err.value.field == "company"
    [s] = partners.partner_summaries(db, DAY)
    # Three referrals from Pat, one won; two companies sent back, latest first.
    assert (s.referrals_given, s.referrals_won, s.reciprocal_sent) == (3, 1, 2)
    assert [c.name for c in s.contacts] == ["Lee Park"]
    assert [x.company for x in s.sent] == ["Sun Cafe", "Bob's Bakery"]
    assert (s.last_touch, s.next_touch) == (None, None)
