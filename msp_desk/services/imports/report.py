"""What a clients, contacts or tickets import did (or, in a dry run, would do): added, updated
(with the fields that changed), unchanged, with a few examples of each, as lines for a person.

Also what the three share: reading the file before anything is written, and running the import
in one unit of work, or in a rehearsal that is rolled back for a dry run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msp_desk.errors import os_fault
from msp_desk.io.encodings import read_limited
from msp_desk.io.imports.reading import ImportRequest, ParsedFile, parse_import
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database

if TYPE_CHECKING:
    from sqlmodel import Session

EXAMPLES = 3
# What became of several rows of one record, by the import's noun.
MERGED = {"ticket": "each one's last state", "spend row": "a month's rows on one channel added up"}


@dataclass
class ImportReport:
    noun: str  # "client", "contact", "ticket", "spend row", "revenue row"
    rows_read: int
    dry_run: bool = False
    added: list[str] = field(default_factory=list)
    updated: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changes: Changes | None = None  # None in a dry run

    def count(self, n: int) -> str:
        return f"{n:,} {self.noun}{'' if n == 1 else 's'}"

    def lines(self) -> list[str]:
        """One line per kind of change (and one for an event log's several rows a ticket)."""
        verb = ("Would add", "Would update") if self.dry_run else ("Added", "Updated")
        found = len(self.added) + len(self.updated) + len(self.unchanged)
        lines = []
        if found != self.rows_read:
            how = MERGED.get(self.noun, f"rows of one {self.noun} taken as one")
            lines.append(f"Read {self.rows_read:,} rows: {self.count(found)} ({how})")
        if self.added:
            lines.append(f"{verb[0]} {self.count(len(self.added))}: {_examples(self.added)}")
        if self.updated:
            shown = [f"{label} ({', '.join(fields)})" for label, fields in self.updated]
            lines.append(f"{verb[1]} {self.count(len(self.updated))}: {_examples(shown)}")
        if self.unchanged:
            lines.append(f"Unchanged: {self.count(len(self.unchanged))}")
        if self.dry_run:
            lines.append("Dry run: nothing was written")
        return lines

    @property
    def message(self) -> str:
        return "; ".join(self.lines())


def _examples(labels: list[str]) -> str:
    shown = ", ".join(labels[:EXAMPLES])
    more = len(labels) - EXAMPLES
    return shown + (f" and {more:,} more" if more > 0 else "")


def read_import(path: Path, request: ImportRequest) -> ParsedFile:
    """The file parsed whole (every problem reported at once) before anything is written."""
    try:
        data = read_limited(path)
    except OSError as exc:
        raise os_fault(exc, f"reading {path}") from exc
    return parse_import(data, request)


def changed_fields(target: Any, values: dict[str, Any]) -> tuple[str, ...]:
    """Set ``values`` on ``target``; the names of those that differed."""
    changed = []
    for name, value in values.items():
        if getattr(target, name) != value:
            setattr(target, name, value)
            changed.append(name)
    return tuple(changed)


@contextmanager
def writing(db: Database, dry_run: bool) -> Iterator[Session]:
    """One unit of work; in a dry run, inside a rehearsal, so the same work is done, read and
    rolled back (nothing is written)."""
    if not dry_run:
        with db.unit_of_work() as session:
            yield session
        return
    with db.rehearsal(), db.unit_of_work() as session:
        yield session


def run_import(
    db: Database, report: ImportReport, work: Callable[[Session, ImportReport], set[int]]
) -> ImportReport:
    """Run ``work`` (it fills ``report`` and returns the clients it touched) in one unit of work,
    or rehearsed and rolled back when ``report.dry_run``."""
    with writing(db, report.dry_run) as session:
        clients = work(session, report)
        changes = recorded(session, Changes(report.message, frozenset(clients)))
    report.changes = None if report.dry_run else changes
    return report
