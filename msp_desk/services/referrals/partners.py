"""Strategic referral partners (CPAs, attorneys, vendors, peer MSPs): add and edit them, record a
touch (with the next one as a task), the referrals we send them, and what the partners page shows
of each (contacts, last touch, referrals given and won, referrals sent back, next touch)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msp_desk.domain import rules
from msp_desk.domain.enums import PartnerKind, TaskKind
from msp_desk.domain.referrals import Partner, ReciprocalReferral, validate_partner, validate_reciprocal
from msp_desk.domain.reviews import Task, validate_task
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database
from msp_desk.store.queries.referrals import partners as queries
from msp_desk.store.queries.referrals.tasks import open_tasks

if TYPE_CHECKING:
    from sqlmodel import Session

PARTNER_FIELDS = frozenset({"name", "kind", "company", "email", "phone", "notes"})
DEFAULT_TOUCH_DAYS = 30  # the next touch, a month after this one
MAX_TOUCH_DAYS = 365


def _partner(session: Session, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound(f"no partner with id {partner_id}")
    return partner


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - PARTNER_FIELDS
    if unknown:
        raise TypeError(f"not partner fields: {', '.join(sorted(unknown))}")
    out = {}
    for key, value in fields.items():
        value = value.value if isinstance(value, PartnerKind) else value
        if key == "notes":
            out[key] = (value or "").strip()
        else:
            out[key] = " ".join((value or "").split())
    return out


def _check(partner: Partner) -> None:
    validate_partner(partner)
    if partner.email and "@" not in partner.email:
        raise ValidationError("email", f"{partner.email!r} is not an email address")
    for key, longest in (("company", 200), ("email", 200), ("phone", 50)):
        if len(getattr(partner, key)) > longest:
            raise ValidationError(key, f"is longer than {longest} characters")


def add_partner(
    db: Database,
    name: str,
    kind: str = PartnerKind.OTHER.value,
    *,
    company: str = "",
    email: str = "",
    phone: str = "",
    notes: str = "",
) -> Changes:
    """A new referral partner."""
    values = _values(
        {"name": name, "kind": kind, "company": company, "email": email, "phone": phone, "notes": notes}
    )
    with db.unit_of_work() as session:
        partner = Partner(**values)
        _check(partner)
        session.add(partner)
        return recorded(session, Changes(f"Added partner {partner.name}"))


def update_partner(db: Database, partner_id: int, **fields: Any) -> Changes:
    """Save ``PARTNER_FIELDS`` of a partner; all checked before anything is saved."""
    values = _values(fields)
    with db.unit_of_work() as session:
        partner = _partner(session, partner_id)
        for key, value in values.items():
            setattr(partner, key, value)
        _check(partner)
        changed = session.is_modified(partner)
        return recorded(
            session, Changes(f"Saved partner {partner.name}" if changed else "No changes to save")
        )


def touch_partner(
    db: Database, partner_id: int, day: dt.date, *, next_in_days: int = DEFAULT_TOUCH_DAYS
) -> Changes:
    """We were in touch with the partner on ``day``: it becomes the last touch, the open touch
    tasks are done, and the next touch is a check-in task ``next_in_days`` later."""
    rules.in_range(next_in_days, 1, MAX_TOUCH_DAYS, "next_in_days")
    with db.unit_of_work() as session:
        partner = _partner(session, partner_id)
        if partner.last_touch is None or day > partner.last_touch:
            partner.last_touch = day
        for check_in in open_tasks(session, partner_id=partner_id, kind=TaskKind.CHECK_IN.value):
            check_in.done, check_in.done_on = True, day
        task = Task(
            due_on=day + dt.timedelta(days=next_in_days),
            kind=TaskKind.CHECK_IN.value,
            title=f"Touch base with {partner.name}"[:200],
            partner_id=partner_id,
        )
        validate_task(task)
        session.add(task)
        return recorded(
            session, Changes(f"Touched {partner.name}; next touch due {day_text(session, task.due_on)}")
        )


def send_reciprocal(db: Database, partner_id: int, day: dt.date, company: str, note: str = "") -> Changes:
    """We introduced ``company`` to the partner on ``day`` (a referral given back)."""
    with db.unit_of_work() as session:
        partner = _partner(session, partner_id)
        sent = ReciprocalReferral(
            partner_id=partner_id, sent_on=day, company=" ".join(company.split()), note=note.strip()
        )
        validate_reciprocal(sent)
        session.add(sent)
        return recorded(session, Changes(f"Sent {sent.company} to {partner.name}"))


# -- the partners page's read model -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartnerContact:
    id: int
    name: str
    role: str
    email: str
    phone: str


@dataclass(frozen=True, slots=True)
class SentReferral:
    id: int
    sent_on: dt.date
    company: str
    note: str


@dataclass(frozen=True, slots=True)
class PartnerSummary:
    """One partner as the partners page shows it on a day."""

    id: int
    name: str
    kind: str
    company: str
    email: str
    phone: str
    notes: str
    last_touch: dt.date | None
    days_since_touch: int | None
    referrals_given: int
    referrals_won: int
    reciprocal_sent: int
    next_touch: dt.date | None  # the earliest open task for the partner
    next_touch_title: str
    overdue: bool
    contacts: tuple[PartnerContact, ...]
    sent: tuple[SentReferral, ...]  # latest first


def partner_summaries(db: Database, today: dt.date) -> tuple[PartnerSummary, ...]:
    """Every partner by name, with their contacts, referrals and touches."""
    with db.read() as conn:
        partners = queries.partner_rows(conn)
        given = queries.referrals_given(conn)
        tasks = queries.next_open_tasks(conn)
        contacts = queries.partner_contacts(conn)
        sent = queries.referrals_sent(conn)
    out = []
    for pid, name, kind, company, email, phone, notes, last in partners:
        n_given, n_won = given.get(pid, (0, 0))
        due, title = tasks.get(pid, (None, ""))
        sent_back = tuple(SentReferral(*row) for row in sent.get(pid, ()))
        out.append(
            PartnerSummary(
                pid, name, kind, company or "", email or "", phone or "", notes or "", last,
                (today - last).days if last else None, n_given, n_won, len(sent_back),
                due, title, due is not None and due < today,
                tuple(PartnerContact(*row) for row in contacts.get(pid, ())), sent_back,
            )
        )  # fmt: skip
    return tuple(out)
