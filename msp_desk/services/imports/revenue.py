"""Import one-off revenue: a row is matched on its date, client, kind, description and amount
(two identical rows are two sales, matched one to one), so re-importing the same file adds
nothing; a matched row whose direct cost differs is changed. A client named must exist (never
made up); revenue of no client is the shop's. All or nothing, in one unit of work."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import partial
from typing import TYPE_CHECKING, Any

from msp_desk.domain.contracts import ProjectRevenue, validate_project
from msp_desk.domain.enums import RevenueKind
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.reading import ParsedFile
from msp_desk.services.imports.matching import ClientFinder
from msp_desk.services.imports.report import (
    Cancelled,
    ImportReport,
    Progress,
    Steps,
    changed_fields,
    run_import,
)
from msp_desk.services.imports.spend import record_errors
from msp_desk.store.database import Database
from msp_desk.store.queries.finances import all_revenue

if TYPE_CHECKING:
    from sqlmodel import Session

COST_FIELD = {"cost": "direct_cost"}  # the domain's name for the import's field
Key = tuple[dt.date, int | None, str, str, int]  # day, client, kind, description, amount


def _key(row: ProjectRevenue) -> Key:
    return (row.day, row.client_id, row.kind, row.description, row.amount_cents)


def import_revenue(
    db: Database,
    parsed: ParsedFile,
    *,
    client: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    report = ImportReport("revenue row", parsed.rows, dry_run)
    steps = Steps(progress, cancelled)

    def work(session: Session, report: ImportReport) -> set[int]:
        finder = ClientFinder(session, client)
        stored: dict[Key, list[ProjectRevenue]] = defaultdict(list)
        for row in all_revenue(session):
            stored[_key(row)].append(row)
        errors: list[ValidationError] = []
        touched: set[int] = set()
        for record in steps.over(parsed.records):
            values: dict[str, Any] = {
                "day": record.values["date"],
                "client_id": None,
                "kind": record.values.get("kind", RevenueKind.PROJECT.value),
                "amount_cents": record.values["amount"],
                "description": record.values.get("description", ""),
            }
            if "client" in record.values:
                owner = finder.find(record, errors)
                if owner is None:
                    continue
                values["client_id"] = owner.saved_id
            label = f"{values['day'].isoformat()} {values['description'] or values['kind']}"
            matches = stored.get(_key(ProjectRevenue(**values)))
            cost = {"cost_cents": record.values["direct_cost"]} if "direct_cost" in record.values else {}
            if matches:
                row = matches.pop(0)
                if changed_fields(row, cost):
                    errors += record_errors(record, partial(validate_project, row), COST_FIELD)
                    report.updated.append((label, ("direct cost",)))
                    if row.client_id is not None:
                        touched.add(row.client_id)
                else:
                    report.unchanged.append(label)
                continue
            row = ProjectRevenue(**values, **cost)
            errors += record_errors(record, partial(validate_project, row), COST_FIELD)
            session.add(row)
            report.added.append(label)
            if row.client_id is not None:
                touched.add(row.client_id)
        raise_all(errors)
        return touched

    return run_import(db, report, work, steps)
