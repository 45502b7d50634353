"""Imports: all or nothing; a bad row is reported as ``row N, column X: reason``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from msp_desk.domain.clients import Client, name_key, validate_client
from msp_desk.domain.contracts import ContractLine, validate_line
from msp_desk.domain.enums import ClientStatus, LineKind
from msp_desk.domain.values import Month
from msp_desk.errors import MspError, ValidationError
from msp_desk.io.encodings import read_limited
from msp_desk.io.mrr_history import MrrRow, parse_mrr_history
from msp_desk.services.changes import Changes, recorded
from msp_desk.services.imports.report import writing
from msp_desk.store.database import Database
from msp_desk.store.queries.clients import client_named
from msp_desk.store.queries.imports import line_running_between

if TYPE_CHECKING:
    from sqlmodel import Session

IMPORTED_LINE = "Imported MRR"


def read_mrr_history(path: Path, locale: str = "en_US", currency: str = "USD") -> list[MrrRow]:
    """Parse the file, its money in the shop's ``locale`` and ``currency``, before anything is
    written (so a bad file changes nothing)."""
    try:
        data = read_limited(path)  # a file over the size cap is refused unread
    except OSError as exc:
        raise MspError(f"cannot read {path}: {exc.strerror}") from exc
    return parse_mrr_history(data, locale, currency)


def _runs(rows: list[MrrRow]) -> list[tuple[Month, Month, int]]:
    """Consecutive months with the same non-zero MRR, as (first, last, cents)."""
    runs: list[tuple[Month, Month, int]] = []
    for row in sorted(rows, key=lambda r: r.month):
        if row.mrr_cents == 0:
            continue
        if runs and runs[-1][2] == row.mrr_cents and runs[-1][1] + 1 == row.month:
            runs[-1] = (runs[-1][0], row.month, row.mrr_cents)
        else:
            runs.append((row.month, row.month, row.mrr_cents))
    return runs


def import_mrr_history(db: Database, rows: list[MrrRow], *, dry_run: bool = False) -> Changes:
    """Create clients and monthly contract lines so the history reproduces every row's MRR
    (``dry_run``: the same work, rehearsed and rolled back; its message says what would be done)."""
    by_client: dict[str, list[MrrRow]] = defaultdict(list)
    for row in rows:
        by_client[name_key(row.client)].append(row)
    latest = max(row.month for row in rows)
    touched: set[int] = set()
    created_lines = 0
    with writing(db, dry_run) as session:
        for client_rows in by_client.values():
            first_row = min(client_rows, key=lambda r: r.row)
            runs = _runs(client_rows)
            client = client_named(session, name_key(first_row.client))
            period_start = min(r.month for r in client_rows).first_day()
            period_end = max(r.month for r in client_rows).last_day()
            if client is None:
                client = Client(name=first_row.client, status=ClientStatus.ACTIVE.value)
                try:
                    validate_client(client)
                except ValidationError as exc:
                    column = "client" if exc.field == "name" else exc.field  # the CSV calls it client
                    raise ValidationError(column, exc.reason, row=first_row.row) from None
                session.add(client)
                session.flush()
            else:
                _refuse_overlap(session, client, period_start, period_end, first_row.row)
            for first, last, cents in runs:
                line = ContractLine(
                    client_id=client.saved_id,
                    kind=LineKind.CUSTOM.value,
                    description=IMPORTED_LINE,
                    quantity=1,
                    unit_price_cents=cents,
                    start_date=first.first_day(),
                    end_date=last.last_day(),
                    change="import",
                )
                validate_line(line)
                session.add(line)
                created_lines += 1
            _set_status(client, runs, latest)
            assert client.id is not None
            touched.add(client.id)
        return recorded(
            session,
            Changes(
                f"{'Would import' if dry_run else 'Imported'} {len(rows)} rows: {len(touched)} clients, "
                f"{created_lines} contract lines" + ("; dry run: nothing was written" if dry_run else ""),
                frozenset(touched),
            ),
        )


def _refuse_overlap(session: Session, client: Client, start: dt.date, end: dt.date, row: int) -> None:
    assert client.id is not None  # a client found by name is stored
    if line_running_between(session, client.id, start, end) is not None:
        raise ValidationError(
            "client",
            f"{client.name} already has contract lines between {start.isoformat()} and "
            f"{end.isoformat()}; history is never rewritten",
            row=row,
        )


def _set_status(client: Client, runs: list[tuple[Month, Month, int]], latest: Month) -> None:
    """Open-ended history: a client with MRR in the file's last month is active, else churned."""
    if not runs:
        return
    client.start_date = min(client.start_date or runs[0][0].first_day(), runs[0][0].first_day())
    last_month = runs[-1][1]
    if last_month == latest:
        client.status = ClientStatus.ACTIVE.value
        client.churned_on = None
    else:
        client.status = ClientStatus.CHURNED.value
        client.churned_on = (last_month + 1).first_day()
        client.churn_reason = client.churn_reason or "no MRR after " + str(last_month)
