"""What the app's import needs to know of a file before importing it: its sheets, its columns with
a few sample values, and which column the preset (or the app's own names) reads for each field.

The UI asks these questions here and never parses a file itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from msp_desk.errors import os_fault
from msp_desk.io.encodings import read_limited
from msp_desk.io.imports.fields import KINDS
from msp_desk.io.imports.mapping import ColumnMap, resolve
from msp_desk.io.presets import PRESETS, preset_named
from msp_desk.io.table import Table, is_empty, read_table, sheets_of
from msp_desk.services.imports.files import ImportChoice

SAMPLES = 2  # values shown per column


@dataclass(frozen=True)
class FieldInfo:
    """One canonical field of an import kind: its ``--map`` name, how a person calls it, and
    whether a file must have it."""

    name: str
    said: str
    required: bool


@dataclass(frozen=True)
class FileColumns:
    """``sheets``: a workbook's sheet names (none for CSV), ``sheet``: the one read; ``header``:
    its columns; ``samples``: column -> its first few values; ``defaults``: field -> how the
    preset (or the app's own names) reads it, e.g. ``Company`` or ``First name + Last name``,
    for each field it finds, and ``default_samples`` its first few values read that way;
    ``rows``: the data rows."""

    sheets: tuple[str, ...]
    sheet: str | None
    header: tuple[str, ...]
    samples: dict[str, tuple[str, ...]]
    defaults: dict[str, str]
    default_samples: dict[str, tuple[str, ...]]
    rows: int


def kind_fields(kind: str) -> tuple[FieldInfo, ...]:
    """The fields of import kind ``kind`` (``services.imports.files.KINDS``), in order."""
    return tuple(FieldInfo(f.name, f.said, f.required) for f in KINDS[kind].fields)


def presets() -> tuple[tuple[str, str], ...]:
    """Every preset as (name, the product's name), in the order the command line lists them."""
    return tuple((name, preset.title) for name, preset in PRESETS.items())


def read_file(path: Path) -> bytes:
    try:
        return read_limited(path)
    except OSError as exc:
        raise os_fault(exc, f"reading {path}") from exc


def file_columns(path: Path, choice: ImportChoice) -> FileColumns:
    """The sheets and columns of ``path`` (the sheet ``choice.sheet``, else the first) and how
    ``choice.preset`` reads them; ``choice.mapping`` is left aside (the defaults are what the
    owner changes). A file the preset cannot read at all (an ITFlow template with too few
    columns) or that cannot be read raises its ``ValidationError``."""
    data = read_file(path)
    sheets = sheets_of(data)
    table = read_table(data, sheet=choice.sheet)
    kind = KINDS[choice.kind]
    preset = preset_named(choice.preset) if choice.preset else None
    # Every required field counts as given: a missing one is the Columns step's to ask for.
    everything = frozenset(f.name for f in kind.fields if f.required)
    columns = resolve(table, kind, preset, given=everything)
    sheet = choice.sheet if sheets and choice.sheet else (sheets[0] if sheets else None)
    return FileColumns(
        sheets,
        sheet,
        table.header,
        samples(table),
        defaults(columns),
        read_samples(table, columns),
        len(table.rows),
    )


def samples(table: Table, count: int = SAMPLES) -> dict[str, tuple[str, ...]]:
    """Each column's first ``count`` values that are not empty."""
    found: dict[int, list[str]] = {index: [] for index in range(len(table.header))}
    waiting = set(found)
    for _number, cells in table.rows:
        for index in list(waiting):
            if not is_empty(cells[index]):
                found[index].append(cells[index])
                if len(found[index]) == count:
                    waiting.discard(index)
        if not waiting:
            break
    return {table.header[index]: tuple(values) for index, values in found.items()}


def read_samples(table: Table, columns: ColumnMap, count: int = SAMPLES) -> dict[str, tuple[str, ...]]:
    """Each mapped field's first ``count`` values as ``columns`` reads them."""
    found: dict[str, list[str]] = {name: [] for name in columns.sources}
    for _number, cells in table.rows:
        for name, cell in columns.read(cells).items():
            if cell.text and len(found[name]) < count:
                found[name].append(cell.text)
        if all(len(values) == count for values in found.values()):
            break
    return {name: tuple(values) for name, values in found.items()}


def defaults(columns: ColumnMap) -> dict[str, str]:
    """How each field found is read, for a person: its column; columns joined with ``+``; the
    columns tried in turn with ``, else``."""
    return {
        name: ", else ".join(
            dict.fromkeys(" + ".join(columns.header[i] for i in source) for source in candidates)
        )
        for name, candidates in columns.sources.items()
    }
