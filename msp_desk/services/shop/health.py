"""The health check (``msp-desk check [--repair]``): is the file sound, and does every row hold
what the app's readers assume? Each problem is one plain sentence naming the table, the row and
what is wrong; ``repair`` recomputes what can be recomputed and says why the rest cannot be.

What is checked: SQLite's integrity and foreign-key checks, the schema revision, every stored
value against its column (valid dates, date-times and months, known words, whole numbers in
range, 0/1 flags, required text, single-line text without control characters), the ledger
(lines ending before they start, overlapping lines, lines without their item), rows owned by
nothing, the shop's currency and locale, derived columns equal to their source, stored figures
computed from the current data, client name keys, and won referrals with a reward decision.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from msp_desk import formatting as fmt
from msp_desk.services.changes import Changes, recorded
from msp_desk.store import schema
from msp_desk.store.cache import stale_entries
from msp_desk.store.database import Database
from msp_desk.store.derived import stale_derived
from msp_desk.store.queries.health import ledger, values
from msp_desk.store.queries.health.mend import mend, mendable_name_keys
from msp_desk.store.queries.maintenance import schema_revision
from msp_desk.store.tables import metadata

if TYPE_CHECKING:
    from sqlalchemy import Connection

PER_KIND = 20  # problems listed of each kind; the rest are counted ("and 380 more")

KINDS = {
    "integrity": "damaged pages",
    "foreign-key": "rows pointing to missing rows",
    "schema": "schema problems",
    "missing": "missing values",
    "date": "bad dates",
    "datetime": "bad dates and times",
    "month": "bad months",
    "choice": "unknown words",
    "integer": "numbers out of range",
    "boolean": "bad yes/no values",
    "text": "empty texts",
    "control": "texts with control characters",
    "shop": "shop settings problems",
    "order": "lines ending before they start",
    "overlap": "overlapping lines",
    "item": "lines without their item",
    "owner": "rows belonging to nothing",
    "derived": "stale figures",
    "stored": "stored figures older than the data",
    "name-key": "stale name keys",
    "reward": "won referrals without a reward decision",
}
"""Each kind of problem, in the order listed, with how a count of them reads."""

DERIVED_NOUNS = {
    "contract_line": "months, MRR and cost",
    "ticket": "resolution month, time and SLA verdict",
}

PAGES = {
    "client": "Clients",
    "contact": "Clients",
    "client_note": "Clients",
    "contract_line": "Clients",
    "tier": "Ladder",
    "addon": "Ladder",
    "response_target": "Ladder",
    "price_change": "Ladder",
    "partner": "Referrals",
    "referral": "Referrals",
    "referral_ask": "Referrals",
    "reward": "Referrals",
    "script": "Referrals",
    "reciprocal_referral": "Referrals",
    "shop_settings": "Settings",
    "marketing_spend": "Spend & revenue",
    "project_revenue": "Spend & revenue",
}
"""The page of the app where a person edits a table's rows."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the file: ``text`` names the table, the row and what is wrong;
    ``repairable``: ``repair`` recomputes it; ``advice``: how a person fixes it otherwise."""

    kind: str
    table: str
    row_id: int | None
    text: str
    repairable: bool = False
    advice: str = field(default="", compare=False)

    def sort_key(self) -> tuple[int, str, int, str]:
        return (list(KINDS).index(self.kind), self.table, self.row_id or 0, self.text)


@dataclass(frozen=True, slots=True)
class Repair:
    """What ``repair`` changed, and the problems left (each with why it was not repaired)."""

    changes: Changes
    remaining: list[Problem]


def check(db: Database) -> list[Problem]:
    """Everything wrong with the file and its rows, sorted by kind, table and row; empty when
    healthy. Reads the stored values as the driver returns them, so bad ones are reported,
    never raised."""
    problems = [_engine_problem(text) for text in db.integrity_problems()]
    with db.read() as conn:
        revision = schema_revision(conn)
        if revision != schema.HEAD:
            problems.append(
                Problem("schema", "", None, f"schema revision {revision}, expected {schema.HEAD}")
            )
        named = _Namer(conn)
        for bad in values.bad_values(conn):
            kind = "missing" if bad.what.endswith(" is missing") else bad.rule
            problems.append(named(kind, bad.table, bad.row_id, bad.what))
        problems += _shop_problems(conn, named)
        for row_id, start, end in ledger.lines_ending_before_start(conn):
            problems.append(
                named("order", "contract_line", row_id, f"ends ({end}) before it starts ({start})")
            )
        for first, second, description in ledger.overlapping_lines(conn):
            what = f"runs on the same days as contract_line {second} for the same item ({values.show(description)})"
            problems.append(named("overlap", "contract_line", first, what))
        for row_id, what in ledger.lines_without_their_item(conn):
            problems.append(named("item", "contract_line", row_id, what))
        for table, row_id, what in ledger.rows_belonging_wrongly(conn):
            problems.append(named("owner", table, row_id, what))
        for table, ids in stale_derived(conn).items():
            for row_id in ids:
                what = f"its stored {DERIVED_NOUNS.get(table, 'figures')} differ from its own fields"
                problems.append(named("derived", table, row_id, what, repairable=True))
        for stale_key in stale_entries(conn):
            what = (
                f"derived_cache {stale_key!r}: computed from older data (it is never shown; repair drops it)"
            )
            problems.append(Problem("stored", "derived_cache", None, what, repairable=True))
        mendable = mendable_name_keys(conn)
        for row_id, _name, key in ledger.name_key_mismatches(conn):
            what = f"its name key {values.show(key)} is not its name's (finding it by name fails)"
            problems.append(named("name-key", "client", row_id, what, repairable=row_id in mendable))
        for row_id in ledger.undecided_wins(conn):
            what = "was won but has no reward row and no explicit 'no reward'"
            problems.append(named("reward", "referral", row_id, what))
        named.finish(problems)
    return sorted(problems, key=Problem.sort_key)


def repair(db: Database) -> Repair:
    """Recompute, in one unit of work, what ``check`` finds that can be recomputed: derived
    figures, client name keys, the derived cache. User data is never guessed: the problems left
    are returned, each with how a person can fix it."""
    with db.unit_of_work() as session:
        mended = mend(session)
        done = [
            f"recomputed the figures of {fmt.plural(mended.figures, 'row')}" if mended.figures else "",
            f"set {fmt.plural(mended.name_keys, 'client name key')} again" if mended.name_keys else "",
            f"dropped {fmt.plural(mended.cached, 'stored figure')}" if mended.cached else "",
        ]
        said = "; ".join(part for part in done if part)
        changes = recorded(session, Changes(said[:1].upper() + said[1:] if said else "Nothing to repair"))
    return Repair(changes, check(db))


def listing(problems: Iterable[Problem], per_kind: int = PER_KIND, advice: bool = False) -> list[str]:
    """``problems`` (sorted) as lines for a person: at most ``per_kind`` of each kind, then how
    many more; with ``advice``, each says how to fix it."""
    lines = []
    for kind, group in groupby(problems, key=lambda p: p.kind):
        shown = list(group)
        for problem in shown[:per_kind]:
            lines.append(f"{problem.text}; {problem.advice}" if advice and problem.advice else problem.text)
        if len(shown) > per_kind:
            lines.append(f"… and {len(shown) - per_kind} more {KINDS[kind]}")
    return lines


# -- naming rows and saying how to fix them -------------------------------------------------------


class _Namer:
    """Builds problems naming their row; the rows' labels (client or record names) are read in
    one pass at the end (``finish``), table by table."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def __call__(self, kind: str, table: str, row_id: int, what: str, repairable: bool = False) -> Problem:
        return Problem(kind, table, row_id, what, repairable)

    def finish(self, problems: list[Problem]) -> None:
        by_table: dict[str, set[int]] = {}
        for problem in problems:
            if problem.row_id is not None and problem.table in metadata.tables:
                by_table.setdefault(problem.table, set()).add(problem.row_id)
        labels = {
            table: values.row_labels(self.conn, metadata.tables[table], ids)
            for table, ids in by_table.items()
        }
        for index, problem in enumerate(problems):
            if problem.table in labels:
                problems[index] = _named(problem, labels[problem.table].get(problem.row_id or 0))


def _named(problem: Problem, label: object) -> Problem:
    shown = _plain(label).strip() if label is not None else ""
    row = f"{problem.table} {problem.row_id}" + (f" ({shown})" if shown else "")
    return Problem(
        problem.kind,
        problem.table,
        problem.row_id,
        f"{row}: {problem.text}",
        problem.repairable,
        _advice(problem, shown),
    )


def _plain(label: object, limit: int = 60) -> str:
    """A row's label as one safe line: control characters escaped, cut short when long."""
    if not isinstance(label, str):
        return values.show(label)
    text = "".join(
        c if unicodedata.category(c) != "Cc" and c not in values.BIDI else f"\\x{ord(c):02x}" for c in label
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _advice(problem: Problem, label: str) -> str:
    if problem.repairable:
        return "`msp-desk check --repair` recomputes it"
    if problem.kind == "foreign-key":
        return "it points to a row that is gone: restore a backup"
    if problem.kind == "name-key":
        return "another client's name folds to the same key: rename one of them in the app (Clients)"
    if problem.kind == "reward":
        return f"decide its reward in the app (Referrals → Rewards{f' → {label}' if label else ''})"
    page = PAGES.get(problem.table)
    if page is None:
        return "correct it where it came from (an import, another tool) or restore a backup"
    return f"fix it in the app ({page}{f' → {label}' if label else ''}) or restore a backup"


def _engine_problem(text: str) -> Problem:
    """A finding of SQLite's own checks: a row pointing to a missing row, or a damaged page."""
    words = text.split()
    if " points to a missing " in text and len(words) > 2 and words[2].isdigit():
        return Problem("foreign-key", words[0], int(words[2]), text, advice="restore a backup")
    return Problem("integrity", "", None, text, advice="the file itself is damaged: restore a backup")


def _shop_problems(conn: Connection, named: _Namer) -> list[Problem]:
    """The shop's currency and locale: every amount is formatted with them."""
    from babel import Locale, UnknownLocaleError

    found = []
    for row_id, currency, locale in ledger.shop_words(conn):
        if not (isinstance(currency, str) and len(currency) == 3 and currency.isalpha()):
            found.append(
                named(
                    "shop",
                    "shop_settings",
                    row_id,
                    f"currency {values.show(currency)} is not a 3-letter ISO code",
                )
            )
        try:
            Locale.parse(locale if isinstance(locale, str) else "")
        except (ValueError, TypeError, UnknownLocaleError):
            found.append(
                named("shop", "shop_settings", row_id, f"locale {values.show(locale)} is not a known locale")
            )
    return found
