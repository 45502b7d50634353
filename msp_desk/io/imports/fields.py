"""The canonical fields of each import kind, and the columns the app's own export writes for
them (what a file without a preset is expected to have).

Each kind is one ``Kind`` here and a module beside ``tickets`` (``spend``, ``revenue``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str  # the canonical name, used by --map and in the app's own export header
    required: bool = False
    label: str = ""  # how a person calls it, when it differs from the name

    @property
    def said(self) -> str:
        return self.label or self.name.replace("_", " ")


@dataclass(frozen=True)
class Kind:
    name: str
    fields: tuple[Field, ...]
    noun: str  # "client", "contact", "ticket"

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


CLIENTS = Kind(
    "clients",
    (
        Field("name", required=True, label="client name"),
        Field("status"),
        Field("tier"),  # by name, ignoring case: with seats and a start date, the ledger starts
        Field("seats"),
        Field("mrr", label="monthly recurring revenue"),
        Field("industry"),
        Field("channel"),
        Field("start_date"),
        Field("renewal_date"),
        Field("term_months"),
        Field("employees"),
        Field("locations"),
        Field("servers"),
        Field("referred_by", label="referrer (a client or partner)"),
        Field("acquisition_cost"),
        Field("satisfaction"),
        Field("churned_on"),
        Field("churn_reason"),
        Field("notes"),
        Field("tags"),
    ),
    "client",
)
CONTACTS = Kind(
    "contacts",
    (
        # a contact is at a client or (client empty) at a referral partner: one of the two; a
        # file with a partner column need not have a client column
        Field("client", required=True, label="client name"),
        Field("partner", label="partner name"),
        Field("name", required=True, label="contact name"),
        Field("role"),
        Field("email"),
        Field("phone"),
        Field("decision_maker"),
    ),
    "contact",
)
TICKETS = Kind(
    "tickets",
    (
        Field("external_id", label="ticket number"),
        Field("client", required=True, label="client name"),
        Field("subject"),
        Field("opened_at", required=True, label="opened time"),
        Field("first_response_at", label="first response time"),
        Field("resolved_at", label="resolved time"),
        Field("priority"),
        Field("status"),
        Field("fcr", label="first-contact resolution"),
        Field("sla_met", label="SLA verdict"),
        Field("response_target_min", label="first-response target (minutes)"),
        Field("resolution_target_min", label="resolution target (minutes)"),
        Field("source"),
        Field("updated_at", label="last update time"),  # orders an event log's rows
    ),
    "ticket",
)
SPEND = Kind(
    "spend",
    (
        Field("month", required=True),
        Field("channel", required=True, label="acquisition channel"),
        Field("amount", required=True),
        Field("note"),
    ),
    "spend row",
)
REVENUE = Kind(
    "revenue",
    (
        Field("date"),  # a date, or else a month: one of the two is needed (io.imports.revenue)
        Field("month"),
        Field("client", label="client name"),
        Field("kind", label="revenue kind"),
        Field("amount", required=True),
        Field("direct_cost", label="direct cost"),
        Field("description"),
    ),
    "revenue row",
)
KINDS = {kind.name: kind for kind in (CLIENTS, CONTACTS, TICKETS, SPEND, REVENUE)}
