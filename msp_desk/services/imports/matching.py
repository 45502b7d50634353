"""The client each row of a contacts or tickets import belongs to: named in the row, or the one
``--client`` gives; a name the shop does not know is a row error, never a new client."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msp_desk.domain.clients import Client, name_key
from msp_desk.errors import ValidationError
from msp_desk.io.imports.rows import ImportRecord
from msp_desk.store.queries.imports import clients_by_key

if TYPE_CHECKING:
    from sqlmodel import Session


class ClientFinder:
    def __init__(self, session: Session, client: str | None) -> None:
        self.known = clients_by_key(session)
        if client is not None and name_key(client) not in self.known:
            raise ValidationError(
                "--client", f"there is no client named {client!r}; add it or import clients first"
            )

    def find(self, record: ImportRecord, errors: list[ValidationError]) -> Client | None:
        name = record.values["client"]
        found = self.known.get(name_key(name))
        if found is None:
            errors.append(
                record.error(
                    "client", f"there is no client named {name!r}; import clients first or check the spelling"
                )
            )
        return found
