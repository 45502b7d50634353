"""A client's record: create it, edit its profile, move it through onboarding, its contacts, notes
and tags (each write one unit of work returning ``Changes``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from msp_desk import formatting as fmt
from msp_desk.domain import rules
from msp_desk.domain.clients import (
    Client,
    ClientNote,
    ClientTag,
    Contact,
    Tag,
    name_key,
    validate_client,
    validate_contact,
    validate_note,
    validate_tag_name,
)
from msp_desk.domain.enums import Channel, ClientStatus, ReferralStage
from msp_desk.domain.referrals import Partner, Referral
from msp_desk.errors import Conflict, NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.clients.onboarding import add_onboarding_tasks
from msp_desk.services.reviews.checkins import schedule_in
from msp_desk.services.shop.settings import shop_profile
from msp_desk.services.wording import day_text
from msp_desk.store.database import Database
from msp_desk.store.queries.accounts import open_lines
from msp_desk.store.queries.clients import all_tags, client_named, contact_credits, tag_links

if TYPE_CHECKING:
    from sqlmodel import Session

NUMBER_FIELDS = ("employees", "seats", "locations", "servers", "term_months", "acquisition_cost_cents")
PROFILE_FIELDS = frozenset(
    (*NUMBER_FIELDS, "name", "industry", "account_lead", "channel", "renewal_date", "satisfaction", "notes")
)
CONTACT_FIELDS = frozenset({"name", "role", "email", "phone", "decision_maker"})
# The forward moves ``set_status`` makes; pausing, churning and starting lines are the ledger's.
NEXT_STATUS = {ClientStatus.PROSPECT.value: ClientStatus.ONBOARDING.value}
NEXT_STATUS[ClientStatus.ONBOARDING.value] = ClientStatus.ACTIVE.value


def _client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"no client with id {client_id}")
    return client


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _name_free(session: Session, name: str, client_id: int | None = None) -> None:
    rules.text_required(name, "name")
    found = client_named(session, name_key(name))
    if found is not None and found.id != client_id:
        raise ValidationError("name", f"a client named {found.name!r} already exists (names ignore case)")


def _check_client(client: Client) -> None:
    validate_client(client)
    if len(client.industry) > 100:
        raise ValidationError("industry", "is longer than 100 characters")


def add_client(
    session: Session,
    client: Client,
    referred_by_referral_id: int | None = None,
    referrer_client_id: int | None = None,
    received_on: dt.date | None = None,
    *,
    referrer_partner_id: int | None = None,
) -> Client:
    """Check ``client`` (its name free, its fields valid) and add it in the unit of work, linked
    to its referrer: an open referral (``referred_by_referral_id``), a client
    (``referrer_client_id``) or a partner (``referrer_partner_id``; for these two a referral
    received ``received_on`` is recorded). Each sets the channel when the client has none."""
    given = (referred_by_referral_id, referrer_client_id, referrer_partner_id)
    if sum(ref is not None for ref in given) > 1:
        raise ValidationError("referrer", "choose a referral or a referring client, not both")
    _name_free(session, client.name)
    referral = None
    if referred_by_referral_id is not None:
        referral = session.get(Referral, referred_by_referral_id)
        if referral is None:
            raise ValidationError("referrer", f"no referral with id {referred_by_referral_id}")
        if referral.client_id is not None:
            raise ValidationError("referrer", f"the referral of {referral.company!r} already has a client")
        if client.channel is None:
            partner = referral.referrer_partner_id is not None
            client.channel = Channel.PARTNER.value if partner else Channel.REFERRAL.value
    if referrer_client_id is not None:
        if session.get(Client, referrer_client_id) is None:
            raise ValidationError("referrer", f"no client with id {referrer_client_id}")
        client.channel = client.channel or Channel.REFERRAL.value
    if referrer_partner_id is not None:
        if session.get(Partner, referrer_partner_id) is None:
            raise ValidationError("referrer", f"no partner with id {referrer_partner_id}")
        client.channel = client.channel or Channel.PARTNER.value
    _check_client(client)
    session.add(client)
    session.flush()
    if referrer_client_id is not None or referrer_partner_id is not None:
        assert received_on is not None
        record_referral(session, client, received_on, referrer_client_id, referrer_partner_id)
    elif referral is not None:
        referral.client_id = client.id
        session.flush()
        client.referred_by_referral_id = referral.id
    return client


def record_referral(
    session: Session,
    client: Client,
    received_on: dt.date,
    referrer_client_id: int | None = None,
    referrer_partner_id: int | None = None,
) -> Referral:
    """The referral that brought ``client`` (saved), from a client or a partner, received on
    ``received_on``: recorded in the caller's unit of work and linked both ways, so the
    referrer's credit is never lost."""
    referral = Referral(
        company=client.name,
        industry=client.industry,
        referrer_client_id=referrer_client_id,
        referrer_partner_id=referrer_partner_id,
        received_on=received_on,
        stage=ReferralStage.RECEIVED.value,
        client_id=client.saved_id,
    )
    session.add(referral)
    session.flush()
    client.referred_by_referral_id = referral.id
    return referral


def create_client(
    db: Database,
    name: str,
    status: str = ClientStatus.PROSPECT.value,
    channel: str | None = None,
    referred_by_referral_id: int | None = None,
    industry: str = "",
    seats: int = 0,
    *,
    employees: int | None = None,
    referrer_client_id: int | None = None,
    notes: str = "",
    today: dt.date | None = None,
) -> Changes:
    """A new prospect (or onboarding client, with its checklist due from ``today``).

    The referrer is an open referral (``referred_by_referral_id``: it is linked to the new
    client) or a client (``referrer_client_id``: a referral received ``today`` is recorded for
    it, so the referrer's credit is never lost). Either sets the channel when none is given.
    """
    name = _clean(name)
    if status not in (ClientStatus.PROSPECT.value, ClientStatus.ONBOARDING.value):
        raise ValidationError("status", "a new client starts as a prospect or onboarding")
    if referred_by_referral_id is not None and referrer_client_id is not None:
        raise ValidationError("referrer", "choose a referral or a referring client, not both")
    needs_day = status == ClientStatus.ONBOARDING.value or referrer_client_id is not None
    if needs_day and today is None:
        raise ValueError("create_client needs today for onboarding tasks or a new referral")
    kind = shop_profile(db).kind
    with db.unit_of_work() as session:
        client = add_client(
            session,
            Client(
                name=name,
                status=status,
                channel=channel,
                industry=_clean(industry),
                seats=seats,
                employees=employees,
                notes=notes.strip(),
            ),
            referred_by_referral_id,
            referrer_client_id,
            today,
        )
        message = f"Added {name} ({status})"
        if status == ClientStatus.ONBOARDING.value:
            assert today is not None
            tasks = add_onboarding_tasks(session, client, today, kind)
            message += f" with {len(tasks)} onboarding tasks"
        assert client.id is not None
        return recorded(session, Changes(message, frozenset({client.id})))


def new_client_id(changes: Changes) -> int:
    """The id of the client a ``create_client`` call added."""
    rows = changes.journal.rows if changes.journal else ()
    return next(row.row_id for row in rows if row.table == "client" and row.before is None)


def update_profile(db: Database, client_id: int, **fields: Any) -> Changes:
    """Save profile fields (see ``PROFILE_FIELDS``); all are checked before anything is saved.

    Seats can be edited here only while the client has no running contract lines: otherwise
    the ledger's seat change moves the lines (and the MRR) with them."""
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"not profile fields: {', '.join(sorted(unknown))}")
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        for text_field in ("name", "industry", "account_lead"):
            if text_field in fields:
                fields[text_field] = _clean(fields[text_field])
        if "notes" in fields:
            fields["notes"] = (fields["notes"] or "").strip()
        if "name" in fields:
            _name_free(session, fields["name"], client_id)
        if "seats" in fields and fields["seats"] != client.seats and open_lines(session, client_id):
            raise ValidationError(
                "seats", "the client has running contract lines: change seats as an account action"
            )
        for key, value in fields.items():
            setattr(client, key, value)
        _check_client(client)
        changed = session.is_modified(client)
        message = f"Saved the profile of {client.name}" if changed else "No changes to save"
        return recorded(session, Changes(message, frozenset({client_id})))


def set_status(db: Database, client_id: int, status: str, today: dt.date) -> Changes:
    """Move a client one step along prospect -> onboarding -> active. Onboarding creates the
    first-90-days checklist as tasks due from ``today``; active needs no contract line (the
    ledger starts lines) and sets the start date if there is none."""
    kind = shop_profile(db).kind
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        if NEXT_STATUS.get(client.status) != status:
            step = NEXT_STATUS.get(client.status)
            allowed = f"it can move to {step}" if step else "use an account action to change it"
            raise ValidationError("status", f"{client.name} is {client.status}: {allowed}")
        client.status = status
        message = f"{client.name} is now {status}"
        if status == ClientStatus.ONBOARDING.value:
            tasks = add_onboarding_tasks(session, client, today, kind)
            message += f": {len(tasks)} onboarding tasks, the first due {day_text(session, tasks[0].due_on)}"
        else:
            client.start_date = client.start_date or today
            session.flush()
            schedule_in(session, today, only=(client_id,))  # its first check-in call
        return recorded(session, Changes(message, frozenset({client_id})))


def _contact_values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - CONTACT_FIELDS
    if unknown:
        raise TypeError(f"not contact fields: {', '.join(sorted(unknown))}")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}


def add_contact(db: Database, client_id: int, name: str, **fields: Any) -> Changes:
    """A person at the client: ``role``, ``email``, ``phone``, ``decision_maker``."""
    values = _contact_values({"name": name, **fields})
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        contact = Contact(client_id=client_id, **values)
        validate_contact(contact)
        session.add(contact)
        return recorded(session, Changes(f"Added {contact.name} to {client.name}", frozenset({client_id})))


def update_contact(db: Database, contact_id: int, **fields: Any) -> Changes:
    values = _contact_values(fields)
    with db.unit_of_work() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFound(f"no contact with id {contact_id}")
        for key, value in values.items():
            setattr(contact, key, value)
        validate_contact(contact)
        return recorded(session, Changes(f"Saved contact {contact.name}", frozenset()))


def remove_contact(db: Database, contact_id: int) -> Changes:
    """Remove a contact, unless referrals or asks name them (the referrer's credit stays)."""
    with db.unit_of_work() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFound(f"no contact with id {contact_id}")
        refs, asks = contact_credits(session, contact_id)
        if refs or asks:
            raise Conflict(
                f"{contact.name} is named by {fmt.plural(refs, 'referral')} and {fmt.plural(asks, 'referral ask')}: "
                "keep the contact so the credit stays theirs"
            )
        session.delete(contact)
        return recorded(session, Changes(f"Removed contact {contact.name}", frozenset()))


def add_note(db: Database, client_id: int, body: str) -> Changes:
    body = body.strip()
    if not body:
        raise ValidationError("note", "write something first")
    validate_note(body)
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        session.add(ClientNote(client_id=client_id, body=body))
        return recorded(session, Changes(f"Added a note to {client.name}", frozenset({client_id})))


def tag_names(names: Iterable[str]) -> list[str]:
    """Tag names as they will be stored: spaces tidied, blanks and repeats (ignoring case) dropped."""
    kept: dict[str, str] = {}
    for raw in names:
        name = _clean(raw)
        if not name:
            continue
        if "," in name:
            raise ValidationError("tags", f"{name!r}: a tag has no commas (commas separate tags)")
        if len(name) > 60:
            raise ValidationError("tags", f"{name[:20]!r}…: a tag is at most 60 characters")
        validate_tag_name(name)
        kept.setdefault(name.casefold(), name)
    return list(kept.values())


def set_tags(db: Database, client_id: int, names: Iterable[str]) -> Changes:
    """The client's tags become ``names``: missing tags are created (an existing tag is reused
    whatever its case), new ones linked, the others unlinked (the tag itself stays)."""
    wanted = tag_names(names)
    with db.unit_of_work() as session:
        client = _client(session, client_id)
        apply_tags(session, client_id, wanted)
        shown = ", ".join(sorted(wanted, key=str.casefold)) or "none"
        return recorded(session, Changes(f"Tags of {client.name}: {shown}", frozenset({client_id})))


def apply_tags(session: Session, client_id: int, wanted: Sequence[str]) -> bool:
    """In the caller's unit of work, the client's tags become ``wanted`` (names as ``tag_names``
    gives them): missing tags are created (an existing tag is reused whatever its case), new ones
    linked, the others unlinked (the tag itself stays). Whether any link changed."""
    existing = {tag.name.casefold(): tag for tag in all_tags(session)}
    links = {link.tag_id: link for link in tag_links(session, client_id)}
    keep: set[int] = set()
    changed = False
    for name in wanted:
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
        assert tag.id is not None
        keep.add(tag.id)
        if tag.id not in links:
            session.add(ClientTag(client_id=client_id, tag_id=tag.id))
            changed = True
    for tag_id, link in links.items():
        if tag_id not in keep:
            session.delete(link)
            changed = True
    return changed
