"""Asking for referrals: who to ask now (readiness, trigger moments, partners due a touch), the
asks log, and ``record_ask``, which logs an ask with its follow-up task in one unit of work.

Trigger moments are seed 000's referral moments: a QBR that went well in the last 14 days, or a
project delivered (a one-off project, a roadmap item done) or a security/backup add-on (one of
the ladder's *protect* stage) started in the last 30 days. Each is read with one grouped query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk.domain.clients import Client, Contact
from msp_desk.domain.enums import AskResult, TaskKind
from msp_desk.domain.referrals import Partner, ReferralAsk, Script, validate_ask
from msp_desk.domain.reviews import Task, validate_task
from msp_desk.errors import NotFound, ValidationError
from msp_desk.kpi.readiness import Factor
from msp_desk.services.accounts.signals import WIN_DAYS, AccountSignals, account_signals, ask_now_list
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database
from msp_desk.store.queries.referrals import asks as queries

if TYPE_CHECKING:
    from sqlalchemy import Connection

QBR_DAYS = 14  # a QBR that went well is a moment to ask for this long
PARTNER_TOUCH_DAYS = 60  # a partner not touched for longer is due a touch
FOLLOW_UP_DAYS = {AskResult.NAMES_GIVEN.value: 7, AskResult.DECLINED.value: 30, AskResult.NO.value: 7}
RESULT_WORDS = {
    AskResult.NAMES_GIVEN.value: "Names given",
    AskResult.DECLINED.value: "Declined",
    AskResult.NO.value: "No: look into the relationship",
}


@dataclass(frozen=True, slots=True)
class Moment:
    """A trigger moment: a good time to ask ``client_id``, and why."""

    client_id: int
    day: dt.date
    kind: str  # "qbr", "project", "addon"
    text: str


@dataclass(frozen=True, slots=True)
class AskNowRow:
    client_id: int
    name: str
    industry: str
    contact: str  # the decision maker (else the first contact); "" when none
    score: int
    factors: tuple[Factor, ...]
    moments: tuple[Moment, ...]


@dataclass(frozen=True, slots=True)
class PartnerDue:
    partner_id: int
    name: str
    kind: str
    company: str
    last_touch: dt.date | None  # None: never touched

    def days_since(self, today: dt.date) -> int | None:
        return None if self.last_touch is None else (today - self.last_touch).days


@dataclass(frozen=True, slots=True)
class AskRow:
    """One line of the asks log."""

    id: int
    day: dt.date
    client_id: int | None
    partner_id: int | None
    who: str  # the client or partner's name, with the contact asked when known
    script: str
    target_industry: str
    target_pain: str
    result: str
    names_given: int
    follow_up_on: dt.date | None
    notes: str

    @property
    def flagged(self) -> bool:
        """A "no": the relationship needs looking into."""
        return self.result == AskResult.NO.value


# -- who to ask now --------------------------------------------------------------------------------


def _since(today: dt.date, days: int) -> dt.date:
    return today - dt.timedelta(days=days - 1)


def trigger_moments(conn: Connection, today: dt.date) -> dict[int, tuple[Moment, ...]]:
    """Per client, its trigger moments on ``today``, latest first (four grouped queries)."""
    qbr_since, win_since = _since(today, QBR_DAYS), _since(today, WIN_DAYS)
    found = [
        Moment(cid, day, "qbr", "QBR went well") for cid, day in queries.good_qbrs(conn, qbr_since, today)
    ]
    for cid, day, n in queries.projects_delivered(conn, win_since, today):
        found.append(
            Moment(cid, day, "project", "Project delivered" if n == 1 else f"{n} projects delivered")
        )
    for cid, day, n in queries.roadmap_items_done(conn, win_since, today):
        found.append(
            Moment(cid, day, "project", "Roadmap project done" if n == 1 else f"{n} roadmap projects done")
        )
    for cid, day, name, n in queries.protect_addons_started(conn, win_since, today):
        more = f" and {n - 1} more" if n > 1 else ""
        found.append(Moment(cid, day, "addon", f"{name}{more} started"))
    moments: dict[int, list[Moment]] = {}
    for moment in found:
        moments.setdefault(moment.client_id, []).append(moment)
    return {cid: tuple(sorted(ms, key=lambda m: m.day, reverse=True)) for cid, ms in moments.items()}


def ask_now_rows(
    db: Database, today: dt.date, signals: dict[int, AccountSignals] | None = None
) -> list[AskNowRow]:
    """The clients to ask now, best readiness first, each with every factor and its moments.
    ``signals`` (``account_signals``) is read when not given; that is the slow part."""
    ranked = ask_now_list((signals if signals is not None else account_signals(db, today)).values())
    ids = [s.client_id for s in ranked]
    with db.read() as conn:
        moments = trigger_moments(conn, today)
        deciders = queries.decision_makers(conn, ids)
        names = queries.client_names(conn)
    return [
        AskNowRow(
            s.client_id,
            *names.get(s.client_id, ("", "")),
            deciders.get(s.client_id, ""),
            s.score,
            s.readiness.factors,
            moments.get(s.client_id, ()),
        )
        for s in ranked
    ]


def partners_due(db: Database, today: dt.date, days: int = PARTNER_TOUCH_DAYS) -> list[PartnerDue]:
    """Partners not touched in more than ``days`` days (or never): never touched first, then
    the longest untouched."""
    with db.read() as conn:
        rows = queries.partners_untouched_since(conn, today - dt.timedelta(days=days))
    return [PartnerDue(*row) for row in rows]


# -- the asks log ----------------------------------------------------------------------------------


def list_asks(db: Database, result: str | None = None) -> list[AskRow]:
    """The asks, newest first; only those with ``result`` when given."""
    with db.read() as conn:
        found = queries.ask_rows(conn, result)
    rows = []
    for aid, day, cid, pid, client, partner, contact, script, *rest in found:
        who = client or partner or ""
        if contact and contact != who:
            who = f"{who} ({contact})"
        rows.append(AskRow(aid, day, cid, pid, who, script or "", *rest))
    return rows


@dataclass(frozen=True, slots=True)
class Choice:
    id: int
    name: str


def ask_targets(db: Database) -> tuple[list[Choice], list[Choice]]:
    """Who can be asked: the clients (neither prospects nor churned) and the partners, by name."""
    with db.read() as conn:
        clients = queries.askable_clients(conn)
        partners = queries.partners_by_name(conn)
    return [Choice(*r) for r in clients], [Choice(*r) for r in partners]


def contacts_of(db: Database, *, client_id: int | None = None, partner_id: int | None = None) -> list[Choice]:
    """The contacts of a client or partner, the decision makers first."""
    with db.read() as conn:
        rows = queries.contacts_of(conn, client_id=client_id, partner_id=partner_id)
    return [Choice(*r) for r in rows]


# -- recording an ask ------------------------------------------------------------------------------


def follow_up_default(result: str, day: dt.date) -> dt.date:
    """When the follow-up of an ask with ``result`` is due by default."""
    return day + dt.timedelta(days=FOLLOW_UP_DAYS.get(result, 7))


def _task_title(result: str, who: str, names: int) -> str:
    if result == AskResult.NAMES_GIVEN.value:
        return f"Follow up the {names} name{'s' if names != 1 else ''} {who} gave: ask for introductions"
    if result == AskResult.NO.value:
        return f"Look into the relationship with {who}: they said no to a referral ask"
    return f"Check in with {who} (declined to refer)"


def record_ask(
    db: Database,
    day: dt.date,
    *,
    client_id: int | None = None,
    partner_id: int | None = None,
    contact_id: int | None = None,
    script_id: int | None = None,
    target_industry: str = "",
    target_pain: str = "",
    result: str,
    names_given: int = 0,
    follow_up_on: dt.date | None = None,
    notes: str = "",
) -> Changes:
    """Log an ask to a client or a partner and create its follow-up task (due ``follow_up_on``,
    by default a week after names given or a "no", a month after a decline); an ask to a
    partner also touches the partner. Everything is validated before anything is saved."""
    if (client_id is None) == (partner_id is None):
        raise ValidationError("asked", "choose the client or the partner you asked")
    if result not in RESULT_WORDS:
        raise ValidationError("result", "choose what they said: names given, declined or no")
    if names_given < 0:
        raise ValidationError("names_given", "cannot be negative")
    if result == AskResult.NAMES_GIVEN.value and names_given == 0:
        raise ValidationError("names_given", "how many names did they give? (at least 1)")
    if result != AskResult.NAMES_GIVEN.value and names_given > 0:
        raise ValidationError("names_given", "names are given only with the result \u201cnames given\u201d")
    follow = follow_up_on or follow_up_default(result, day)
    with db.unit_of_work() as session:
        partner = None
        if client_id is not None:
            client = session.get(Client, client_id)
            if client is None:
                raise NotFound(f"no client with id {client_id}")
            who = client.name
        else:
            partner = session.get(Partner, partner_id)
            if partner is None:
                raise NotFound(f"no partner with id {partner_id}")
            who = partner.name
        if contact_id is not None:
            contact = session.get(Contact, contact_id)
            if contact is None or (contact.client_id, contact.partner_id) != (client_id, partner_id):
                raise ValidationError("contact", f"that contact is not one of {who}'s")
        if script_id is not None and session.get(Script, script_id) is None:
            raise ValidationError("script", "that script no longer exists")
        ask = ReferralAsk(
            day=day,
            client_id=client_id,
            partner_id=partner_id,
            contact_id=contact_id,
            script_id=script_id,
            target_industry=" ".join(target_industry.split()),
            target_pain=" ".join(target_pain.split()),
            result=result,
            names_given=names_given,
            follow_up_on=follow,
            notes=notes.strip(),
        )
        validate_ask(ask)
        for field, limit in (("target_industry", 100), ("target_pain", 200)):
            if len(getattr(ask, field)) > limit:
                raise ValidationError(field, f"is longer than {limit} characters")
        task = Task(
            due_on=follow,
            kind=TaskKind.FOLLOW_UP.value,
            title=_task_title(result, who, names_given)[:200],
            client_id=client_id,
            partner_id=partner_id,
        )
        validate_task(task)
        session.add(ask)
        session.add(task)
        if partner is not None and (partner.last_touch is None or partner.last_touch < day):
            partner.last_touch = day
        message = f"Ask recorded: {who}, {RESULT_WORDS[result].split(':')[0].lower()}; follow-up {day_text(session, follow)}"
        return recorded(session, Changes(message, frozenset({client_id} if client_id else ())))
