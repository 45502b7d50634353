"""The referral pipeline: record a referral (always with its referrer), move it through the stages,
turn a won one into an onboarding client with the referrer's pending reward, and the board's
read model (referrals by stage with referrer, days in stage and next follow-up)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msp_desk.domain import rules
from msp_desk.domain.clients import Client, Contact, name_key, validate_client, validate_contact
from msp_desk.domain.enums import (
    CLOSED_STAGES,
    Channel,
    ClientStatus,
    ReferralStage,
    TaskKind,
)
from msp_desk.domain.referrals import Partner, Referral, validate_referral
from msp_desk.domain.reviews import Task, validate_task
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.clients.onboarding import add_onboarding_tasks
from msp_desk.services.referrals import rewards
from msp_desk.services.shop.settings import shop_profile
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database
from msp_desk.store.queries.referrals import pipeline as queries
from msp_desk.store.queries.referrals.tasks import open_tasks

if TYPE_CHECKING:
    from sqlmodel import Session

STAGES = tuple(s.value for s in ReferralStage)  # the board's columns, in order
OPEN_STAGES = STAGES[:4]  # received -> contacted -> meeting -> proposal


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _referral(session: Session, referral_id: int) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(f"no referral with id {referral_id}")
    return referral


def _referrer(
    session: Session, client_id: int | None, contact_id: int | None, partner_id: int | None
) -> tuple[int | None, int | None, int | None, str]:
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


def _add_task(session: Session, due_on: dt.date, title: str, referral: Referral) -> Task:
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
            raise ValidationError("day", f"{day_text(session, day)} is before the referral came in")
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
            for task in open_tasks(session, referral_id=referral_id):
                task.done, task.done_on = True, day
        touched = {referral.referrer_client_id} if referral.referrer_client_id is not None else set()
        return recorded(session, Changes(message, frozenset(touched)))


def _new_client(session: Session, referral: Referral, day: dt.date, kind: str) -> Client:
    """The referred company as an onboarding client, checked and flushed (it gets its id)."""
    if referral.client_id is not None:
        raise ValidationError("stage", f"the referral of {referral.company} already has a client")
    found = queries.client_by_name_key(session, name_key(referral.company))
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
    add_onboarding_tasks(session, client, day, kind)
    return client


def _reward_for(session: Session, referral: Referral) -> str:
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


def referral_cards(db: Database, today: dt.date) -> tuple[ReferralCard, ...]:
    """Every referral, open stages first by how long they have waited, then won and lost (latest
    first)."""
    with db.read() as conn:
        rows = queries.card_rows(conn)
    cards = []
    for row in rows:
        owner = row.referrer_client or row.referrer_partner or ""
        contact = row.referrer_contact
        since = row.stage_changed_on or row.received_on
        due = row.next_follow_up
        cards.append(
            ReferralCard(
                id=row.id,
                company=row.company,
                stage=row.stage,
                referrer=f"{contact} ({owner})" if contact and owner and contact != owner else owner,
                referrer_is_partner=row.referrer_partner is not None and row.referrer_client is None,
                received_on=row.received_on,
                stage_since=since,
                days_in_stage=max(0, (today - since).days),
                expected_mrr_cents=row.expected_mrr_cents or 0,
                contact_name=row.contact_name or "",
                industry=row.industry or "",
                pain=row.pain or "",
                lost_reason=row.lost_reason or "",
                client_id=row.client_id,
                client_name=row.client_name or "",
                next_follow_up=due,
                follow_up_title=row.follow_up_title,
                overdue=due is not None and due < today,
            )
        )
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
    with db.read() as conn:
        clients = queries.clients_in(conn, rewards.HAS_ACCOUNT)  # clients with an account can refer
        partners = queries.referring_partners(conn)
    options = [ReferrerOption(name, client_id=cid) for cid, name in clients]
    options += [
        ReferrerOption(f"{name} ({company}) — partner" if company else f"{name} — partner", partner_id=pid)
        for pid, name, company in partners
    ]
    return tuple(options)
