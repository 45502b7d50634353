"""Import sales & marketing spend: matched on month and channel (one row each), a new month and
channel is added, a known one whose amount (or note) differs is changed; re-importing the same
file adds nothing. All or nothing, in one unit of work (undoable, like any write)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from msp_desk.domain import rules
from msp_desk.domain.contracts import MarketingSpend, validate_spend
from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import raise_all
from msp_desk.io.imports.reading import ParsedFile
from msp_desk.io.imports.rows import ImportRecord
from msp_desk.services.imports.report import (
    Cancelled,
    ImportReport,
    Progress,
    Steps,
    changed_fields,
    run_import,
)
from msp_desk.store.database import Database
from msp_desk.store.queries.finances import all_spend

if TYPE_CHECKING:
    from sqlmodel import Session


def import_spend(
    db: Database,
    parsed: ParsedFile,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    report = ImportReport("spend row", parsed.rows, dry_run)
    steps = Steps(progress, cancelled)

    def work(session: Session, report: ImportReport) -> set[int]:
        known = {(row.month, row.channel): row for row in all_spend(session)}
        errors: list[ValidationError] = []
        for record in steps.over(parsed.records):
            month, channel = str(record.values["month"]), record.values["channel"]
            values = {"amount_cents": record.values["amount"]}
            if "note" in record.values:
                values["note"] = record.values["note"]
            label = f"{month} {channel}"
            row = known.get((month, channel))
            if row is None:
                row = MarketingSpend(month=month, channel=channel, **values)
                session.add(row)
                report.added.append(label)
            else:
                changed = changed_fields(row, values)
                if changed:
                    report.updated.append((label, tuple(_SAID[name] for name in changed)))
                else:
                    report.unchanged.append(label)
            errors += record_errors(record, partial(validate_spend, row))
        raise_all(errors)
        return set()

    return run_import(db, report, work, steps)


_SAID = {"amount_cents": "amount", "note": "note"}


def record_errors(
    record: ImportRecord, check: Callable[[], object], fields: Mapping[str, str] | None = None
) -> list[ValidationError]:
    """What the domain's ``check`` refuses in ``record``'s row, each as ``row N, column X``
    (``fields`` maps the domain's field names to the import's where they differ)."""
    names = fields or {}
    return [record.error(names.get(e.field, e.field), e.reason) for e in rules.problems(check)]
