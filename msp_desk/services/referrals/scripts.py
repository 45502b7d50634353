"""The scripts library: list, add, edit and delete scripts, fill their merge fields for a client,
and build an email draft (a ``mailto:`` URL) from the filled text.

Merge fields are ``{client}``, ``{contact}``, ``{industry}``, ``{pain}``, ``{referrer}`` and
``{shop}``. A field with no value is left visible as ``[pain]`` so the owner sees what to fill in
before sending; any other braces in a body are left exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from msp_desk.domain.enums import ScriptKind
from msp_desk.domain.referrals import Script, validate_script
from msp_desk.errors import Conflict, NotFound, ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.store.queries.referrals import scripts as queries

if TYPE_CHECKING:
    from sqlmodel import Session

MERGE_FIELDS = ("client", "contact", "industry", "pain", "referrer", "shop")
_FIELD = re.compile(r"\{(" + "|".join(MERGE_FIELDS) + r")\}")
# The subject of an email draft, by script kind (merge fields filled like the body).
SUBJECTS = {
    ScriptKind.ASK.value: "A quick favour from {shop}",
    ScriptKind.QUESTIONS.value: "A quick favour from {shop}",
    ScriptKind.INTRO.value: "{referrer} suggested we talk",
}


@dataclass(frozen=True, slots=True)
class ScriptRow:
    id: int
    name: str
    kind: str
    body: str
    builtin: bool


@dataclass(frozen=True, slots=True)
class MergeValues:
    """What the merge fields stand for; "" is unknown (shown as ``[field]``). ``email`` is the
    contact's address, for an email draft."""

    client: str = ""
    contact: str = ""
    industry: str = ""
    pain: str = ""
    referrer: str = ""
    shop: str = ""
    email: str = ""

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in MERGE_FIELDS}


# -- filling ---------------------------------------------------------------------------------------


def fill(body: str, values: Mapping[str, str] | MergeValues) -> str:
    """``body`` with each merge field replaced by its value, or by ``[field]`` when it has none."""
    known = values.as_dict() if isinstance(values, MergeValues) else values

    def one(match: re.Match[str]) -> str:
        value = " ".join((known.get(match.group(1)) or "").split())
        return value or f"[{match.group(1)}]"

    return _FIELD.sub(one, body)


def merge_values(
    db: Database,
    *,
    client_id: int | None = None,
    partner_id: int | None = None,
    industry: str = "",
    pain: str = "",
    referrer: str = "",
) -> MergeValues:
    """The merge values for an ask to a client (its decision maker first, else its first
    contact; ``{industry}`` falls back to the client's own) or to a partner (the partner is the
    contact). The shop's name comes from the settings."""
    shop = shop_profile(db).name
    client = contact = email = client_industry = ""
    with db.read() as conn:
        if client_id is not None:
            found = queries.client_for_merge(conn, client_id)
            if found is None:
                raise NotFound(f"no client with id {client_id}")
            client, client_industry = found
            person = queries.first_contact(conn, client_id)
            if person is not None:
                contact, email = person
        elif partner_id is not None:
            partner = queries.partner_for_merge(conn, partner_id)
            if partner is None:
                raise NotFound(f"no partner with id {partner_id}")
            contact, client, email = partner
    return MergeValues(
        client=client,
        contact=contact,
        industry=industry.strip() or client_industry,
        pain=pain.strip(),
        referrer=referrer.strip(),
        shop=shop,
        email=email,
    )


def mailto_url(to: str, subject: str, body: str) -> str:
    """A ``mailto:`` URL (RFC 6068) for an email draft: subject and body percent-encoded, line
    breaks as CRLF."""
    crlf = "\r\n".join(body.splitlines())
    return (
        f"mailto:{quote(to.strip(), safe='@')}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"
    )


def email_draft(script: ScriptRow, values: MergeValues) -> str:
    """The ``mailto:`` URL of ``script`` filled with ``values``, to the contact's address."""
    subject = fill(SUBJECTS.get(script.kind, script.name), values)
    return mailto_url(values.email, subject, fill(script.body, values))


# -- the library -----------------------------------------------------------------------------------


def list_scripts(db: Database) -> list[ScriptRow]:
    """Every script: the built-in ones first (in the order installed), then the shop's own by name."""
    with db.read() as conn:
        return [ScriptRow(*row) for row in queries.script_rows(conn)]


def _name_free(session: Session, name: str, script_id: int | None = None) -> None:
    wanted = " ".join(name.split()).casefold()
    for other_id, other in queries.script_names(session):
        if other_id != script_id and " ".join(other.split()).casefold() == wanted:
            raise ValidationError("name", f"a script named {other!r} already exists")


def add_script(db: Database, name: str, body: str, kind: str = ScriptKind.CUSTOM.value) -> Changes:
    """A new script of the shop's own."""
    with db.unit_of_work() as session:
        script = Script(name=" ".join(name.split()), kind=kind, body=body.strip(), builtin=False)
        validate_script(script)
        _name_free(session, script.name)
        session.add(script)
        return recorded(session, Changes(f"Script added: {script.name}"))


def update_script(
    db: Database, script_id: int, *, name: str | None = None, body: str | None = None, kind: str | None = None
) -> Changes:
    """Edit a script (built-in ones too: the shop may reword them)."""
    with db.unit_of_work() as session:
        script = session.get(Script, script_id)
        if script is None:
            raise NotFound(f"no script with id {script_id}")
        if name is not None:
            # Checked before the row changes: a flush of a taken name would hit the unique index.
            _name_free(session, name, script_id)
            script.name = " ".join(name.split())
        if body is not None:
            script.body = body.strip()
        if kind is not None:
            script.kind = kind
        validate_script(script)
        return recorded(session, Changes(f"Script saved: {script.name}"))


def delete_script(db: Database, script_id: int) -> Changes:
    """Delete one of the shop's own scripts; built-in ones and scripts the asks log names stay."""
    with db.unit_of_work() as session:
        script = session.get(Script, script_id)
        if script is None:
            raise NotFound(f"no script with id {script_id}")
        if script.builtin:
            raise Conflict(f"{script.name!r} is built in: edit its wording instead of deleting it")
        used = queries.asks_naming(session, script_id)
        if used:
            asks = "ask" if used == 1 else "asks"
            raise Conflict(
                f"{script.name!r} is named by {used} {asks} in the log: rename or reword it instead"
            )
        session.delete(script)
        return recorded(session, Changes(f"Script deleted: {script.name}"))
