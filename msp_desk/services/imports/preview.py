"""The app's import preview: the file's rows as the import will read them (one column per field
found), every problem at its row and, where it has one, its column; else what importing would
add and change (a dry run: nothing is written)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from msp_desk.errors import ValidationError, ValidationErrors
from msp_desk.io.imports.fields import KINDS
from msp_desk.io.imports.mapping import parse_overrides, resolve
from msp_desk.io.presets import preset_named
from msp_desk.io.table import read_table
from msp_desk.services.imports.columns import defaults, read_file
from msp_desk.services.imports.files import ImportChoice, import_file
from msp_desk.services.imports.report import Cancelled, ImportReport, Progress
from msp_desk.store.database import Database


@dataclass(frozen=True)
class Problem:
    """``row``: the file's row number (None: the whole file); ``column``: the preview column it
    is in (None: the row as a whole); ``message``: ``row 14, column Opened: ...``."""

    row: int | None
    column: int | None
    message: str


@dataclass
class ImportPreview:
    """``titles``: one per preview column (the field, and the file's column it is read from);
    ``rows``: (row number, texts); ``problems``; ``report``: what the import would do (None
    while there are problems)."""

    titles: list[tuple[str, str]] = field(default_factory=list)
    rows: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    report: ImportReport | None = None

    @property
    def importable(self) -> bool:
        return (
            not self.problems and self.report is not None and bool(self.report.added or self.report.updated)
        )


def preview_import(
    db: Database,
    path: Path,
    choice: ImportChoice,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPreview:
    """What importing ``path`` as ``choice`` says would read and do; nothing is written."""
    preview = ImportPreview()
    try:
        where = _rows_as_read(path, choice, preview)
    except (ValidationErrors, ValidationError) as exc:
        preview.problems = [Problem(e.row, None, e.message) for e in _each(exc)]
        return preview
    try:
        preview.report = import_file(db, path, choice, dry_run=True, progress=progress, cancelled=cancelled)
    except (ValidationErrors, ValidationError) as exc:
        preview.problems = [Problem(e.row, where.get(_key(e.field)), e.message) for e in _each(exc)]
    return preview


def _each(exc: ValidationErrors | ValidationError) -> list[ValidationError]:
    return exc.errors if isinstance(exc, ValidationErrors) else [exc]


def _rows_as_read(path: Path, choice: ImportChoice, preview: ImportPreview) -> dict[str, int]:
    """Fill ``preview``'s titles and rows; the preview column of each file column read."""
    kind = KINDS[choice.kind]
    table = read_table(read_file(path), sheet=choice.sheet)
    preset = preset_named(choice.preset) if choice.preset else None
    given = frozenset({"client"}) if choice.client is not None else frozenset()
    columns = resolve(table, kind, preset, parse_overrides(choice.mapping, kind), given=given)
    read_from = defaults(columns)
    # In the file's own column order, so the preview looks like the file the owner knows.
    shown = sorted(
        (f for f in kind.fields if f.name in read_from and f.name not in given),
        key=lambda f: min(
            (i for source in columns.sources[f.name] for i in source), default=len(table.header)
        ),
    )
    preview.titles = [(f.said, read_from[f.name]) for f in shown]
    for number, cells in table.rows:
        read = columns.read(cells)
        preview.rows.append((number, tuple(read[f.name].text for f in shown)))
    where: dict[str, int] = {}  # the first field read from a column is where its problems show
    for position, f in enumerate(shown):
        for source in columns.sources[f.name]:
            for index in source:
                where.setdefault(_key(columns.header[index]), position)
    return where


def _key(column: str) -> str:
    return " ".join(column.split()).casefold()
