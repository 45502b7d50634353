"""Clients, their contacts, notes and tags."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field

from msp_desk.domain import rules
from msp_desk.domain.base import Record
from msp_desk.domain.enums import Channel, ClientStatus
from msp_desk.errors import ValidationError


class Client(Record, table=True):
    """A client account (or prospect). Name is unique ignoring case."""

    __tablename__ = "client"

    name: str = Field(max_length=200)
    # casefold(name), kept by the mapper events below: unique, so "Ōsaka" and "ōsaka" clash
    # (SQLite's lower() folds ASCII only, so an expression index would not do).
    name_key: str = Field(default="", max_length=200, unique=True, index=True)
    industry: str = Field(default="", max_length=100)
    status: str = Field(default=ClientStatus.PROSPECT.value, max_length=20, index=True)
    employees: int | None = None
    seats: int = 0  # seats / endpoints (MSP) or hours a month (VA)
    locations: int = 1
    servers: int = 0
    start_date: dt.date | None = None
    renewal_date: dt.date | None = None
    term_months: int | None = None
    channel: str | None = Field(default=None, max_length=20)
    referred_by_referral_id: int | None = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer,
            sa.ForeignKey("referral.id", use_alter=True, name="fk_client_referred_by"),
            nullable=True,
        ),
    )
    acquisition_cost_cents: int | None = None
    satisfaction: int | None = None  # 0-10
    churned_on: dt.date | None = None
    churn_reason: str = ""
    onboarding_started_on: dt.date | None = None  # its onboarding progress counts days from it
    notes: str = ""
    account_lead: str = Field(default="", max_length=60)  # who in the shop owns the relationship


class Contact(Record, table=True):
    """A person at a client or at a referral partner."""

    __tablename__ = "contact"

    client_id: int | None = Field(default=None, foreign_key="client.id", index=True)
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    name: str = Field(max_length=200)
    role: str = Field(default="", max_length=100)
    email: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=50)
    decision_maker: bool = False


class ClientNote(Record, table=True):
    """A dated note on a client's account."""

    __tablename__ = "client_note"

    client_id: int = Field(foreign_key="client.id", index=True)
    body: str


class Tag(Record, table=True):
    __tablename__ = "tag"

    name: str = Field(max_length=60, unique=True)


class ClientTag(Record, table=True):
    __tablename__ = "client_tag"
    __table_args__ = (sa.UniqueConstraint("client_id", "tag_id", name="uq_client_tag"),)

    client_id: int = Field(foreign_key="client.id", index=True)
    tag_id: int = Field(foreign_key="tag.id", index=True)


def name_key(name: str) -> str:
    """How client names are compared: Unicode case-folded, surrounding spaces ignored."""
    return " ".join(name.split()).casefold()


@sa.event.listens_for(Client, "before_insert")
@sa.event.listens_for(Client, "before_update")
def _keep_name_key(_mapper: object, _connection: object, target: Client) -> None:
    target.name_key = name_key(target.name)


def validate_client(client: Client) -> None:
    """Raise ValidationError naming the first bad field of ``client``."""
    rules.text_required(client.name, "name")
    rules.one_line(client.industry, "industry", max_len=100)
    rules.one_line(client.account_lead, "account_lead", max_len=60)
    rules.note(client.churn_reason, "churn_reason")
    rules.note(client.notes, "notes")
    rules.known(client.status, ClientStatus, "status")
    rules.known(client.channel, Channel, "channel", optional=True)
    for name in ("employees", "seats", "locations", "servers", "term_months", "acquisition_cost_cents"):
        rules.non_negative(getattr(client, name), name)
    rules.in_range(client.satisfaction, 0, 10, "satisfaction")
    rules.date_order(client.start_date, client.renewal_date, "renewal_date", "start_date")
    rules.date_order(client.start_date, client.churned_on, "churned_on", "start_date")


def validate_note(body: str) -> None:
    """A client note: something written, over lines if need be, no control characters."""
    rules.text_required(body, "note", max_len=rules.NOTE_MAX, lines=True)


def validate_tag_name(name: str) -> None:
    rules.text_required(name, "tags", max_len=60)


def validate_contact(contact: Contact) -> None:
    rules.text_required(contact.name, "name")
    rules.one_line(contact.role, "role", max_len=100)
    rules.one_line(contact.email, "email")
    rules.one_line(contact.phone, "phone", max_len=50)
    if (contact.client_id is None) == (contact.partner_id is None):
        raise ValidationError("client", "a contact belongs to exactly one client or partner")
    if contact.email and "@" not in contact.email:
        raise ValidationError("email", f"{contact.email!r} is not an email address")
