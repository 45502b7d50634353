"""What a clients, contacts or tickets import did (or, in a dry run, would do): added, updated
(with the fields that changed), unchanged, with a few examples of each, as lines for a person.

Also what the three share: reading the file before anything is written, and running the import
in one unit of work, or in a rehearsal that is rolled back for a dry run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from msp_desk.errors import MspError, os_fault
from msp_desk.io.encodings import read_limited
from msp_desk.io.imports.reading import ImportRequest, ParsedFile, parse_import
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database

if TYPE_CHECKING:
    from sqlmodel import Session

EXAMPLES = 3
# What became of several rows of one record, by the import's noun.
MERGED = {"ticket": "each one's last state", "spend row": "a month's rows on one channel added up"}


REPORTS_PER_RUN = 100  # progress is told about this often over a run (not on every row)
T = TypeVar("T")
Progress = Callable[[int, int], None]  # (rows done, rows in all)
Cancelled = Callable[[], bool]


class ImportCancelled(MspError):
    """The owner cancelled the import: raised inside its unit of work, so nothing is kept."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was imported")


@dataclass(frozen=True)
class Steps:
    """Where an import has got to (``progress(done, total)``) and whether to stop (``cancelled()``,
    checked as often as progress is told; a cancel raises ``ImportCancelled``)."""

    progress: Progress | None = None
    cancelled: Cancelled | None = None

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled

    def over(self, items: Sequence[T], *, total: int | None = None) -> Iterator[T]:
        """``items`` one by one, telling progress (out of ``total``, else their number) and
        checking for a cancel every 1% of them."""
        count = len(items)
        total = count if total is None else total
        every = max(1, count // REPORTS_PER_RUN)
        for done, item in enumerate(items):
            if done % every == 0:
                self.tell(done, total)
            yield item
        self.tell(count, total)

    def tell(self, done: int, total: int) -> None:
        self.check()
        if self.progress is not None:
            self.progress(done, total)

    def chunks(self, rows: Sequence[T], size: int, *, total: int | None = None) -> Iterator[Sequence[T]]:
        """``rows`` in slices of ``size`` (a bulk insert told and cancellable between slices),
        the last of ``total`` steps (default: their number)."""
        total = len(rows) if total is None else total
        start_at = total - len(rows)
        for start in range(0, len(rows), size):
            self.tell(start_at + start, total)
            yield rows[start : start + size]
        self.tell(total, total)


@dataclass
class ImportReport:
    noun: str  # "client", "contact", "ticket", "spend row", "revenue row"
    rows_read: int
    dry_run: bool = False
    added: list[str] = field(default_factory=list)
    updated: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # what the file says differently of a client's ledger, left alone: (label, what differs)
    held: list[tuple[str, str]] = field(default_factory=list)
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
        if self.held:
            shown = [f"{label} ({what})" for label, what in self.held]
            lines.append(
                f"Kept as it is here for {self.count(len(self.held))} (a ledger and a referrer change in "
                f"the app, not by a file): {_examples(shown)}"
            )
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
    db: Database,
    report: ImportReport,
    work: Callable[[Session, ImportReport], set[int]],
    steps: Steps | None = None,
) -> ImportReport:
    """Run ``work`` (it fills ``report`` and returns the clients it touched) in one unit of work,
    or rehearsed and rolled back when ``report.dry_run``. A cancel seen by ``steps`` up to the
    commit rolls it all back."""
    steps = steps or Steps()
    with writing(db, report.dry_run) as session:
        clients = work(session, report)
        steps.check()
        changes = recorded(session, Changes(report.message, frozenset(clients)))
        steps.check()
    report.changes = None if report.dry_run else changes
    return report
