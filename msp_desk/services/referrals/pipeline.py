"""The referral pipeline: record a referral (always with its referrer), move it through the stages,
turn a won one into an onboarding client with the referrer's pending reward, and the board's
read model (referrals by stage with referrer, days in stage and next follow-up)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import select

from msp_desk.domain import rules
from msp_desk.domain.clients import Client, Contact, name_key, validate_client, validate_contact
from msp_desk.domain.enums import (
    Channel,
    ClientStatus,
    ReferralStage,
    ShopKind,
    TaskKind,
)
from msp_desk.domain.referrals import Partner, Referral, validate_referral
from msp_desk.domain.reviews import Task, validate_task
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.clients.editing import ONBOARDING_STEPS
from msp_desk.services.referrals import rewards
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database

STAGES = tuple(s.value for s in ReferralStage)  # the board's columns, in order
OPEN_STAGES = STAGES[:4]  # received -> contacted -> meeting -> proposal
CLOSED_STAGES = (ReferralStage.WON.value, ReferralStage.LOST.value)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _referral(session, referral_id: int) -> Referral:  # type: ignore[no-untyped-def]
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(f"no referral with id {referral_id}")
    return referral


def _referrer(session, client_id: int | None, contact_id: int | None, partner_id: int | None):  # type: ignore[no-untyped-def]
    """(client id, contact id, partner id, name) of a referrer, checked; the contact's client or
    partner fills in when only the contact is named."""
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise ValidationError("referrer", f"no contact with id {contact_id}")
        if client_id is not None and contact.client_id != client_id:
            raise ValidationError("referrer", f"{contact.name} is not a contact of that client")
        if partner_id is not None and contact.partner_id != partner_id:
            raise ValidationError("referrer", f"{contact.name} is not a contact of that partner")
        client_id, partner_id = contact.client_id, contact.partner_id
    if client_id is None and partner_id is None:
        raise ValidationError(
            "referrer", "say who referred them (a client or a partner): credit is never lost"
        )
    if client_id is not None and partner_id is not None:
        raise ValidationError("referrer", "choose a client or a partner as the referrer, not both")
    owner = session.get(Client, client_id) if client_id is not None else session.get(Partner, partner_id)
    if owner is None:
        raise ValidationError("referrer", f"no {'client' if client_id else 'partner'} with that id")
    return client_id, contact_id, partner_id, owner.name


def add_referral(
    db: Database,
    company: str,
    received_on: dt.date,
    *,
    referrer_client_id: int | None = None,
    referrer_contact_id: int | None = None,
    referrer_partner_id: int | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    industry: str = "",
    pain: str = "",
    expected_mrr_cents: int = 0,
    ask_id: int | None = None,
    follow_up_on: dt.date | None = None,
) -> Changes:
    """A referral received on ``received_on`` from a client (or one of its contacts) or a partner;
    ``follow_up_on`` adds the first follow-up task (contact them) due that day."""
    email = contact_email.strip()
    if email and "@" not in email:
        raise ValidationError("contact_email", f"{email!r} is not an email address")
    rules.date_order(received_on, follow_up_on, "follow_up_on", "received_on")
    with db.unit_of_work() as session:
        client_id, contact_id, partner_id, who = _referrer(
            session, referrer_client_id, referrer_contact_id, referrer_partner_id
        )
        referral = Referral(
            company=_clean(company),
            contact_name=_clean(contact_name),
            contact_email=email,
            contact_phone=contact_phone.strip(),
            industry=_clean(industry),
            pain=_clean(pain),
            referrer_client_id=client_id,
            referrer_contact_id=contact_id,
            referrer_partner_id=partner_id,
            ask_id=ask_id,
            received_on=received_on,
            stage=ReferralStage.RECEIVED.value,
            stage_changed_on=received_on,
            expected_mrr_cents=expected_mrr_cents,
        )
        validate_referral(referral)
        if len(referral.industry) > 100:
            raise ValidationError("industry", "is longer than 100 characters")
        session.add(referral)
        session.flush()
        if follow_up_on is not None:
            _add_task(session, follow_up_on, f"Contact {referral.company} (referred by {who})", referral)
        touched = frozenset({client_id}) if client_id is not None else frozenset()
        return recorded(session, Changes(f"Added the referral of {referral.company} from {who}", touched))


def _add_task(session, due_on: dt.date, title: str, referral: Referral) -> Task:  # type: ignore[no-untyped-def]
    task = Task(due_on=due_on, kind=TaskKind.FOLLOW_UP.value, title=title[:200], referral_id=referral.id)
    validate_task(task)
    session.add(task)
    return task


def check_move(current: str, stage: str) -> None:
    """Whether a referral may move from ``current`` to ``stage``: forward to any later open stage,
    back one step, to won or lost from any open stage; never out of won or lost."""
    rules.known(stage, ReferralStage, "stage")
    if current in CLOSED_STAGES:
        raise ValidationError("stage", f"the referral is {current}: it cannot move any more")
    if stage == current:
        raise ValidationError("stage", f"the referral is already at {current}")
    if stage in OPEN_STAGES and OPEN_STAGES.index(stage) < OPEN_STAGES.index(current) - 1:
        raise ValidationError("stage", f"from {current} a referral moves back one step only")


def move_referral(
    db: Database, referral_id: int, stage: str, day: dt.date, *, lost_reason: str = ""
) -> Changes:
    """Move a referral to ``stage`` on ``day``. Lost needs a reason; won makes the referred company
    an onboarding client (referred-by link, channel, first-90-days tasks, its contact) and the
    referrer's pending reward from the shop's rule (or an explicit "no reward" without one).
    Won and lost close the referral's open follow-ups."""
    kind = shop_profile(db).kind
    with db.unit_of_work() as session:
        referral = _referral(session, referral_id)
        check_move(referral.stage, stage)
        if day < referral.received_on:
            raise ValidationError("day", f"{day.isoformat()} is before the referral came in")
        reason = " ".join(lost_reason.split())
        if stage == ReferralStage.LOST.value and not reason:
            raise ValidationError("lost_reason", "say why the referral was lost")
        client = _new_client(session, referral, day, kind) if stage == ReferralStage.WON.value else None
        referral.stage, referral.stage_changed_on = stage, day
        referral.lost_reason = reason if stage == ReferralStage.LOST.value else ""
        message = f"{referral.company}: {stage}"
        if client is not None:
            referral.client_id, referral.won_on = client.id, day
            message = f"Won {referral.company}: a new onboarding client; {_reward_for(session, referral)}"
        elif stage == ReferralStage.LOST.value:
            message = f"Lost {referral.company}: {reason}"
        validate_referral(referral)
        if stage in CLOSED_STAGES:
            for task in _open_tasks(session, referral_id):
                task.done, task.done_on = True, day
        touched = {referral.referrer_client_id} if referral.referrer_client_id is not None else set()
        return recorded(session, Changes(message, frozenset(touched)))


def _open_tasks(session, referral_id: int) -> list[Task]:  # type: ignore[no-untyped-def]
    stmt = select(Task).where(Task.referral_id == referral_id, Task.done == False)  # noqa: E712
    return list(session.exec(stmt))


def _new_client(session, referral: Referral, day: dt.date, kind: str) -> Client:  # type: ignore[no-untyped-def]
    """The referred company as an onboarding client, checked and flushed (it gets its id)."""
    if referral.client_id is not None:
        raise ValidationError("stage", f"the referral of {referral.company} already has a client")
    found = session.exec(select(Client).where(Client.name_key == name_key(referral.company))).first()
    if found is not None:
        raise ValidationError(
            "company", f"a client named {found.name!r} already exists: rename the referral or that client"
        )
    partner = referral.referrer_partner_id is not None
    client = Client(
        name=referral.company,
        status=ClientStatus.ONBOARDING.value,
        channel=Channel.PARTNER.value if partner else Channel.REFERRAL.value,
        referred_by_referral_id=referral.id,
        industry=referral.industry,
    )
    validate_client(client)
    session.add(client)
    session.flush()
    if referral.contact_name:
        email = referral.contact_email if "@" in referral.contact_email else ""
        contact = Contact(
            client_id=client.id,
            name=referral.contact_name,
            email=email,
            phone=referral.contact_phone,
            decision_maker=True,
        )
        validate_contact(contact)
        session.add(contact)
    for days, msp_title, va_title in ONBOARDING_STEPS:
        task = Task(
            due_on=day + dt.timedelta(days=days),
            kind=TaskKind.ONBOARDING.value,
            title=va_title if kind == ShopKind.VA.value else msp_title,
            client_id=client.id,
        )
        validate_task(task)
        session.add(task)
    return client


def _reward_for(session, referral: Referral) -> str:  # type: ignore[no-untyped-def]
    """The referrer's pending reward on the shop's rule, or an explicit "no reward" without one
    (``services.referrals.rewards``); says which for the confirmation."""
    reward = rewards.create_pending_reward(session, referral, rewards.reward_rule(session))
    return "a pending reward for the referrer" if reward is not None else "no reward (no reward rule set)"


# -- the board's read model --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReferralCard:
    """One referral as the board and the list show it on a day."""

    id: int
    company: str
    stage: str
    referrer: str  # "Dana Ruiz (Harbor Dental)", or the partner's name
    referrer_is_partner: bool
    received_on: dt.date
    stage_since: dt.date
    days_in_stage: int
    expected_mrr_cents: int
    contact_name: str
    industry: str
    pain: str
    lost_reason: str
    client_id: int | None
    client_name: str  # the client it became ("" until won)
    next_follow_up: dt.date | None  # the earliest open follow-up task
    follow_up_title: str
    overdue: bool  # that follow-up is due before today


def _t(model: type) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def referral_cards(db: Database, today: dt.date) -> tuple[ReferralCard, ...]:
    """Every referral, open stages first by how long they have waited, then won and lost (latest
    first)."""
    r, rc, ct, pt, made = (
        _t(Referral).alias(),
        _t(Client).alias(),
        _t(Contact).alias(),
        _t(Partner),
        _t(Client).alias(),
    )
    tk = _t(Task).c
    due = (
        sa.select(tk.referral_id, sa.func.min(tk.due_on).label("due"))
        .where(tk.referral_id.is_not(None), sa.not_(tk.done))
        .group_by(tk.referral_id)
        .subquery()
    )
    query = (
        sa.select(
            r.c.id, r.c.company, r.c.stage, rc.c.name, ct.c.name, pt.c.name, r.c.received_on,
            r.c.stage_changed_on, r.c.expected_mrr_cents, r.c.contact_name, r.c.industry, r.c.pain,
            r.c.lost_reason, r.c.client_id, made.c.name, due.c.due,
        )
        .select_from(
            r.outerjoin(rc, rc.c.id == r.c.referrer_client_id)
            .outerjoin(ct, ct.c.id == r.c.referrer_contact_id)
            .outerjoin(pt, pt.c.id == r.c.referrer_partner_id)
            .outerjoin(made, made.c.id == r.c.client_id)
            .outerjoin(due, due.c.referral_id == r.c.id)
        )
    )  # fmt: skip
    with db.read() as conn:
        rows = conn.execute(query).all()
        titles = dict(
            conn.execute(
                sa.select(tk.referral_id, tk.title)
                .where(tk.referral_id.is_not(None), sa.not_(tk.done))
                .order_by(tk.due_on.desc(), tk.id.desc())
            ).all()
        )  # the earliest due wins: later rows overwrite earlier ones
    cards = []
    for rid, company, stage, client, contact, partner, received, changed, mrr, *rest in rows:
        person, industry, pain, reason, client_id, made_name, next_due = rest
        owner = client or partner or ""
        referrer = f"{contact} ({owner})" if contact and owner and contact != owner else owner
        since = changed or received
        cards.append(
            ReferralCard(
                rid, company, stage, referrer, partner is not None and client is None, received, since,
                max(0, (today - since).days), mrr or 0, person or "", industry or "", pain or "",
                reason or "", client_id, made_name or "", next_due,
                titles.get(rid, "") if next_due else "", next_due is not None and next_due < today,
            )
        )  # fmt: skip
    open_cards = sorted((c for c in cards if c.stage in OPEN_STAGES), key=lambda c: (c.stage_since, c.id))
    closed = sorted(
        (c for c in cards if c.stage in CLOSED_STAGES), key=lambda c: (c.stage_since, c.id), reverse=True
    )
    return tuple(open_cards + closed)


def pipeline_board(db: Database, today: dt.date) -> dict[str, tuple[ReferralCard, ...]]:
    """The board: each stage's cards (every stage present, in order)."""
    cards = referral_cards(db, today)
    return {stage: tuple(c for c in cards if c.stage == stage) for stage in STAGES}


@dataclass(frozen=True, slots=True)
class ReferrerOption:
    """Who can be named as a referrer in the add dialog."""

    label: str
    client_id: int | None = None
    partner_id: int | None = None


def referrer_options(db: Database) -> tuple[ReferrerOption, ...]:
    """Clients that can refer (onboarding, active, paused) by name, then partners by name."""
    c, p = _t(Client).c, _t(Partner).c
    referring = (ClientStatus.ONBOARDING.value, ClientStatus.ACTIVE.value, ClientStatus.PAUSED.value)
    with db.read() as conn:
        clients = conn.execute(
            sa.select(c.id, c.name).where(c.status.in_(referring)).order_by(sa.func.lower(c.name), c.id)
        ).all()
        partners = conn.execute(
            sa.select(p.id, p.name, p.company).order_by(sa.func.lower(p.name), p.id)
        ).all()
    options = [ReferrerOption(name, client_id=cid) for cid, name in clients]
    options += [
        ReferrerOption(f"{name} ({company}) — partner" if company else f"{name} — partner", partner_id=pid)
        for pid, name, company in partners
    ]
    return tuple(options)
