"""Import a clients, contacts, tickets, spend or revenue file: the one entry the command line and the app share
(read and check the whole file first, then write it in one unit of work, or rehearse it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the readers load on first import, not with the window's File menu
    from msp_desk.services.imports.report import Cancelled, ImportReport, Progress
    from msp_desk.store.database import Database

KINDS = ("clients", "contacts", "tickets", "spend", "revenue")


@dataclass(frozen=True)
class ImportChoice:
    """What the owner chose: the kind of file, its preset (None: the app's own export columns),
    ``FIELD=COLUMN`` overrides, the sheet of a workbook, the order of ambiguous dates and the
    client every row belongs to."""

    kind: str
    preset: str | None = None
    mapping: tuple[str, ...] = ()
    sheet: str | None = None
    dates: str | None = None
    client: str | None = None


def import_file(
    db: Database,
    path: Path,
    choice: ImportChoice,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Import ``path`` as ``choice`` says (all or nothing); with ``dry_run``, what it would do.
    ``progress(done, total)`` is told how the writing goes (``(0, 0)`` while the file is read);
    ``cancelled()`` returning true stops it with ``ImportCancelled`` and nothing written."""
    from msp_desk.io.imports.dates import DateOrder
    from msp_desk.io.imports.reading import ImportRequest
    from msp_desk.io.imports.rows import ImportOptions
    from msp_desk.services.imports.clients import import_clients
    from msp_desk.services.imports.contacts import import_contacts
    from msp_desk.services.imports.report import read_import
    from msp_desk.services.imports.revenue import import_revenue
    from msp_desk.services.imports.spend import import_spend
    from msp_desk.services.imports.tickets import import_tickets
    from msp_desk.services.shop.settings import shop_profile

    shop = shop_profile(db)
    options = ImportOptions(
        dates=DateOrder(choice.dates) if choice.dates else None,
        locale=shop.locale,
        client=choice.client,
        currency=shop.currency,
    )
    request = ImportRequest(choice.kind, choice.preset, choice.mapping, choice.sheet, options)
    if progress is not None:
        progress(0, 0)
    parsed = read_import(path, request)  # parsed whole before anything is written
    if choice.kind == "clients":
        return import_clients(db, parsed, dry_run=dry_run, progress=progress, cancelled=cancelled)
    if choice.kind == "contacts":
        return import_contacts(
            db, parsed, client=choice.client, dry_run=dry_run, progress=progress, cancelled=cancelled
        )
    if choice.kind == "spend":
        return import_spend(db, parsed, dry_run=dry_run, progress=progress, cancelled=cancelled)
    if choice.kind == "revenue":
        return import_revenue(
            db, parsed, client=choice.client, dry_run=dry_run, progress=progress, cancelled=cancelled
        )
    return import_tickets(
        db, parsed, client=choice.client, dry_run=dry_run, progress=progress, cancelled=cancelled
    )
