"""Import clients: every column of the app's own clients export, so a shop's export comes back
whole into a new shop, and a re-import into the same shop adds and changes nothing.

A new name is added (active unless the file says otherwise: an imported book is the shop's
clients) through the same steps as the New client dialog (``services.clients.editing.add_client``
and ``services.clients.book.start_on_tier``): with a tier (by name, ignoring case), seats (hours
for a VA agency) and a start date, its ledger starts that day on that tier, at the file's ``mrr``
a month when it differs from the list price (so the imported MRR is the file's); a churned client
on a tier (its churn date still ahead) has its lines end the day before ``churned_on``.
``referred_by`` names a client (of the shop, or earlier in the file) or a referral partner (whose
referral is recorded as received on the start date, as the New client dialog records one); a
name that is neither is a row error, as is an unknown tier (the message names the tiers there
are). Tags are split on ``;``.

A name already there (ignoring case) is a re-import: its profile fields (industry, channel,
renewal, term, employees, locations, servers, acquisition cost, satisfaction, churn reason,
notes, tags, and a referrer when it has none) take the file's values, each change listed in the
report. Its ledger is never rewritten by a file: when the client has contract lines, a status,
tier, seats, MRR, start or churn date that differ from the shop's are left as they are and listed
in the report ("Kept as it is here ..."; the account actions change a ledger), as is a
different referrer (a client's referral is never replaced). A known client with no contract lines at all (one imported from a PSA's client list)
and a tier in the file is started on it, as Start on a tier would. An empty cell changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from msp_desk import formatting as fmt
from msp_desk.domain.clients import Client, name_key, validate_client
from msp_desk.domain.enums import ClientStatus
from msp_desk.domain.values import ONE_DAY
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.reading import ParsedFile
from msp_desk.io.imports.rows import ImportRecord
from msp_desk.services.clients.book import start_on_tier
from msp_desk.services.clients.editing import add_client, apply_tags, record_referral, tag_names
from msp_desk.services.imports.report import (
    Cancelled,
    ImportReport,
    Progress,
    Steps,
    changed_fields,
    run_import,
)
from msp_desk.services.shop.settings import ShopProfile, shop_profile
from msp_desk.store.database import Database
from msp_desk.store.queries.accounts import open_lines
from msp_desk.store.queries.clients import tiers_on
from msp_desk.store.queries.imports import (
    clients_by_key,
    clients_with_lines,
    partners_by_key,
    referrer_names,
    tiers_by_key,
)
from msp_desk.store.queries.kpis import mrr_by_client_on

if TYPE_CHECKING:
    from sqlmodel import Session

    from msp_desk.domain.ladder import Tier

# The file's column for each client field it sets freely (the profile).
PROFILE = {
    "industry": "industry",
    "channel": "channel",
    "renewal_date": "renewal_date",
    "term_months": "term_months",
    "employees": "employees",
    "locations": "locations",
    "servers": "servers",
    "acquisition_cost": "acquisition_cost_cents",
    "satisfaction": "satisfaction",
    "churn_reason": "churn_reason",
    "notes": "notes",
}
# The fields a client's ledger holds once it has contract lines (the account actions change them).
LEDGER = ("status", "seats", "start_date", "churned_on")
# How the services name a field, as the file's column.
COLUMN_OF = {"start": "start_date", "monthly_price": "mrr", "referrer": "referred_by"}


def import_clients(
    db: Database,
    parsed: ParsedFile,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Import ``parsed`` clients (all or nothing); ``today`` (default: the date) bounds a start
    date and is the day a re-import compares tiers and MRR on."""
    steps = Steps(progress, cancelled)
    report = ImportReport("client", parsed.rows, dry_run)
    day = today or dt.date.today()
    shop = shop_profile(db)

    def work(session: Session, report: ImportReport) -> set[int]:
        book = _Book(session, day, report, shop)
        for record in steps.over(referrers_first(parsed.records)):
            try:
                book.take(record)
            except ValidationError as exc:
                book.errors.append(record.error(COLUMN_OF.get(exc.field, exc.field), exc.reason))
        raise_all(book.errors)
        session.flush()
        return book.touched

    return run_import(db, report, work, steps)


def referrers_first(records: Sequence[ImportRecord]) -> list[ImportRecord]:
    """``records`` in file order, except that a client referred by another client of the file
    comes after it (its referrer must exist when it is added)."""
    waiting = {name_key(r.values["name"]) for r in records}

    def blocked(record: ImportRecord) -> bool:
        referrer = name_key(record.values.get("referred_by", ""))
        return referrer != name_key(record.values["name"]) and referrer in waiting

    ordered: list[ImportRecord] = []
    pending = list(records)
    while pending:
        ready = [r for r in pending if not blocked(r)] or pending  # a loop: taken in file order
        for record in ready:
            ordered.append(record)
            waiting.discard(name_key(record.values["name"]))
        taken = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in taken]
    return ordered


class _Book:
    """The shop's clients, tiers and partners as one import sees them, and what it did."""

    def __init__(self, session: Session, today: dt.date, report: ImportReport, shop: ShopProfile) -> None:
        self.session, self.today, self.report, self.shop = session, today, report, shop
        self.known = clients_by_key(session)
        self.tiers = tiers_by_key(session)
        self.partners = partners_by_key(session)
        self.with_lines = clients_with_lines(session)
        self.referrers = referrer_names(session)
        conn = session.connection()
        self.tier_on = {cid: name for cid, (name, _rank) in tiers_on(conn, today).items()}
        self.mrr_on = mrr_by_client_on(conn, today)
        self.errors: list[ValidationError] = []
        self.touched: set[int] = set()

    def take(self, record: ImportRecord) -> None:
        client = self.known.get(name_key(record.values["name"]))
        if client is None:
            self._add(record)
        else:
            self._update(client, record)

    # -- a new client ----------------------------------------------------------------------------

    def _add(self, record: ImportRecord) -> None:
        values = record.values
        tier = self._tier(record)
        tags = tag_names(values.get("tags", ()))
        start = values.get("start_date")
        referrer_client, referrer_partner = self._referrer(record, None)
        client = Client(
            name=" ".join(values["name"].split()),
            status=values.get("status", ClientStatus.ACTIVE.value),
            **{field: values[name] for name, field in PROFILE.items() if name in values},
            **{name: values[name] for name in ("seats", "start_date", "churned_on") if name in values},
        )
        add_client(
            self.session,
            client,
            referrer_client_id=referrer_client,
            referrer_partner_id=referrer_partner,
            received_on=start or self.today,
        )
        if tier is not None:
            self._start(client, tier, record)
        apply_tags(self.session, client.saved_id, tags)
        self.known[client.name_key] = client
        self.report.added.append(client.name)
        self.touched.add(client.saved_id)

    def _start(self, client: Client, tier: Tier, record: ImportRecord) -> None:
        """Start ``client`` on ``tier`` as the record says: from its start date, at its MRR; a
        churned client's lines end the day before it left."""
        values = record.values
        start: dt.date = values["start_date"]
        start_on_tier(
            self.session,
            client,
            tier_id=tier.saved_id,
            seats=values["seats"],
            start=start,
            today=self.today,
            monthly_price_cents=values.get("mrr"),
        )
        client.status = values.get("status", ClientStatus.ACTIVE.value)
        churned = values.get("churned_on")
        if client.status == ClientStatus.CHURNED.value and churned is not None:
            if churned <= start:
                raise ValidationError(
                    "churned_on", "a client on a tier leaves at least a day after it started"
                )
            for line in open_lines(self.session, client.saved_id):
                line.end_date = churned - ONE_DAY

    # -- a client already there ------------------------------------------------------------------

    def _update(self, client: Client, record: ImportRecord) -> None:
        values = record.values
        cid = client.saved_id
        tier = self._tier(record)
        fields = changed_fields(
            client, {field: values[name] for name, field in PROFILE.items() if name in values}
        )
        changed = [name for name, field in PROFILE.items() if field in fields]
        if "tags" in values and apply_tags(self.session, cid, tag_names(values["tags"])):
            changed.append("tags")
        if "referred_by" in values:
            changed += self._update_referrer(client, record)
        if cid in self.with_lines:
            self._hold_ledger(client, record)
        else:
            changed += changed_fields(client, {name: values[name] for name in LEDGER if name in values})
            if tier is not None:
                self._start(client, tier, record)
                changed += [name for name in ("tier", "mrr") if name in values]
        validate_client(client)
        if changed:
            self.report.updated.append((client.name, tuple(dict.fromkeys(changed))))
            self.touched.add(cid)
        else:
            self.report.unchanged.append(client.name)

    def _hold_ledger(self, client: Client, record: ImportRecord) -> None:
        """List what the file says differently of the client's ledger; change nothing."""
        values = record.values
        cid = client.saved_id
        shop: dict[str, Any] = {name: getattr(client, name) for name in LEDGER}
        shop["tier"] = self.tier_on.get(cid, "")
        shop["mrr"] = self.mrr_on.get(cid, 0)
        differs = []
        for name, theirs in shop.items():
            if name not in values:
                continue
            ours = values[name]
            same = name_key(ours) == name_key(theirs) if name == "tier" else ours == theirs
            if not same:
                said = name.replace("_", " ")
                differs.append(
                    f"{said} {self._shown(name, ours)} in the file, {self._shown(name, theirs)} here"
                )
        if differs:
            self.report.held.append((client.name, "; ".join(differs)))

    def _update_referrer(self, client: Client, record: ImportRecord) -> list[str]:
        named = record.values["referred_by"]
        current = self.referrers.get(client.saved_id)
        if client.referred_by_referral_id is not None:  # its referral stays, whoever it names
            if current is None or name_key(current) != name_key(named):
                here = current or "a referral without a referring client or partner"
                self.report.held.append((client.name, f"referred by {named} in the file, {here} here"))
            return []
        referrer_client, referrer_partner = self._referrer(record, client)
        received = client.start_date or self.today
        record_referral(self.session, client, received, referrer_client, referrer_partner)
        self.referrers[client.saved_id] = named
        return ["referred_by"]

    def _shown(self, name: str, value: Any) -> str:
        """A ledger value as the report shows it: money in the shop's money, never cents."""
        if value in (None, ""):
            return "(empty)"
        if name == "mrr":
            return fmt.money(value, self.shop.currency, self.shop.locale)
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    # -- names the file gives --------------------------------------------------------------------

    def _tier(self, record: ImportRecord) -> Tier | None:
        named = record.values.get("tier")
        if named is None:
            return None
        tier = self.tiers.get(name_key(named))
        if tier is None:
            there = ", ".join(t.name for t in self.tiers.values()) or "none yet: set up the ladder first"
            raise ValidationError("tier", f"there is no tier named {named!r}; the tiers are {there}")
        return tier

    def _referrer(self, record: ImportRecord, client: Client | None) -> tuple[int | None, int | None]:
        """(client id, partner id) of the referrer ``referred_by`` names; (None, None) for none."""
        named = record.values.get("referred_by")
        if named is None:
            return None, None
        key = name_key(named)
        referrer = self.known.get(key)
        if referrer is not None and referrer is not client:
            return referrer.saved_id, None
        partners = self.partners.get(key, [])
        if len(partners) == 1:
            return None, partners[0].saved_id
        if partners:
            raise ValidationError(
                "referrer", f"{len(partners)} partners are named {named!r}: rename one first"
            )
        raise ValidationError(
            "referrer",
            f"there is no client or partner named {named!r}; add the partner first (Referrals ▸ Add partner…) or leave it empty",
        )
