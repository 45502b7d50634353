"""Which columns of a table feed each canonical field: a preset's candidates (by name, or by
position for ITFlow), completed or overridden by ``--map FIELD=COLUMN``; without a preset, the
app's own export columns (the field names). Every row then reads as {field: (text, column)};
a big file reads a field's cells over every row at once (``ColumnMap.cells_of``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import MISSING_MARKS, shown
from msp_desk.io.encodings import WholeFileError
from msp_desk.io.imports.fields import Kind
from msp_desk.io.presets import Preset
from msp_desk.io.table import Table, is_empty

# One way to read a field: the positions of its columns (several are joined with a space).
Source = tuple[int, ...]


@dataclass(frozen=True)
class Cell:
    text: str  # "" when empty (``?`` and ``NULL`` read as empty)
    column: str  # the column it came from, as the file names it (for messages)


@dataclass(frozen=True)
class FieldCells:
    """One field's cells over the rows of a table, as ``ColumnMap.read`` reads them row by row:
    ``texts[k]`` is row k's text ("" when empty); its column is ``column``, or ``columns[k]``
    when the field has several candidate columns (the first with a value is taken)."""

    texts: list[str]
    column: str
    columns: list[str] | None = None

    def column_at(self, k: int) -> str:
        return self.column if self.columns is None else self.columns[k]


@dataclass(frozen=True)
class ColumnMap:
    kind: Kind
    sources: Mapping[str, tuple[Source, ...]]  # field -> candidates, in order
    header: tuple[str, ...]

    def has(self, field: str) -> bool:
        return field in self.sources

    def read(self, cells: Sequence[str]) -> dict[str, Cell]:
        """The row's fields: for each, the first candidate with a value (else the first's empty cell)."""
        found: dict[str, Cell] = {}
        for name, candidates in self.sources.items():
            chosen: Cell | None = None
            for source in candidates:
                parts = [cells[i].strip() for i in source if not is_empty(cells[i])]
                cell = Cell(" ".join(parts), self.header[source[0]])
                if chosen is None or (not chosen.text and cell.text):
                    chosen = cell
                if chosen.text:
                    break
            assert chosen is not None
            found[name] = chosen
        return found

    def cells_of(self, name: str, rows: Sequence[Sequence[str]]) -> FieldCells:
        """The field ``name`` over every row of ``rows``, read column by column: what ``read``
        gives for it row by row, without a ``Cell`` a row."""
        first, *others = self.sources[name]
        texts = _texts(rows, first)
        column = self.header[first[0]]
        columns: list[str] | None = None
        for source in others:
            if all(texts):  # every row has its text from the first candidates
                break
            if columns is None:
                columns = [column] * len(texts)
            other = self.header[source[0]]
            for k, text in enumerate(_texts(rows, source)):
                if text and not texts[k]:
                    texts[k] = text
                    columns[k] = other
        return FieldCells(texts, column, columns)


def _texts(rows: Sequence[Sequence[str]], source: Source) -> list[str]:
    """The text of ``source`` on every row: its cells stripped, empty ones (``?``, ``NULL``)
    left out, several joined with a space; "" when all are empty."""
    if len(source) == 1:
        stripped = list(map(str.strip, map(itemgetter(source[0]), rows)))
        return ["" if text.lower() in MISSING_MARKS else text for text in stripped]
    return [" ".join(cells[i].strip() for i in source if not is_empty(cells[i])) for cells in rows]


def parse_overrides(pairs: Sequence[str], kind: Kind) -> dict[str, str]:
    """``--map FIELD=COLUMN`` pairs as {field: column}; ``FIELD=`` (no column) leaves an optional
    field out even where a preset would read it (""); an unknown or required field left out is refused."""
    found: dict[str, str] = {}
    for pair in pairs:
        name, equals, column = pair.partition("=")
        name = name.strip().lower().replace(" ", "_").replace("-", "_")
        if not equals or not name:
            raise ValidationError("--map", f'{pair!r} is not FIELD=COLUMN, e.g. client="Company Name"')
        field = kind.field(name)
        if field is None:
            raise ValidationError(
                "--map", f"{kind.name} have no field {name!r}; the fields are {', '.join(kind.names)}"
            )
        if not column.strip() and field.required:
            raise ValidationError("--map", f"{name}= leaves out the {field.said}, which every row needs")
        found[name] = column.strip()
    return found


def resolve(
    table: Table,
    kind: Kind,
    preset: Preset | None,
    overrides: Mapping[str, str] | None = None,
    *,
    given: frozenset[str] = frozenset(),
) -> ColumnMap:
    """The columns of ``table`` for each field of ``kind``. ``given``: fields the command line
    supplies for every row (``--client``), so the file need not have them."""
    overrides = overrides or {}
    sources: dict[str, tuple[Source, ...]] = {}
    if preset is not None and kind.name in preset.position_fields:
        template = preset.positions[kind.name]
        for name, index in preset.position_fields[kind.name].items():
            if index >= len(table.header):
                raise WholeFileError(
                    "header",
                    f"the {preset.title} template has {len(template)} columns ({', '.join(template[:3])}, ...) "
                    f"and {template[index]!r} is column {index + 1}; this file has {len(table.header)}",
                    row=1,
                )
            sources[name] = ((index,),)
    else:
        wanted = _candidates(kind, preset)
        for name, candidates in wanted.items():
            named = (_source(table, candidate) for candidate in candidates)
            present = tuple(dict.fromkeys(source for source in named if source is not None))  # once each
            if present:
                sources[name] = present
    for name, column in overrides.items():
        if not column:  # left out by the owner: not read, whatever the preset says
            sources.pop(name, None)
            continue
        found = table.column(column)
        if found is None:
            raise ValidationError(
                "--map",
                f"{name}={column}: the file has no column {shown(column)!r}; its columns are "
                f"{shown(', '.join(table.header))}",
            )
        sources[name] = ((found,),)
    missing = [f for f in kind.fields if f.required and f.name not in sources and f.name not in given]
    if missing:
        raise _missing_columns(kind, preset, missing[0].name, wanted=_candidates(kind, preset))
    return ColumnMap(kind, sources, table.header)


def _candidates(kind: Kind, preset: Preset | None) -> dict[str, tuple[str | tuple[str, ...], ...]]:
    if preset is None:  # the app's own export: the field names (or their words)
        return {f.name: (f.name, f.name.replace("_", " ")) for f in kind.fields}
    return dict(preset.columns.get(kind.name, {}))


def _source(table: Table, candidate: str | tuple[str, ...]) -> Source | None:
    names = (candidate,) if isinstance(candidate, str) else candidate
    indexes = [table.column(name) for name in names]
    if any(index is None for index in indexes):
        return None
    return tuple(index for index in indexes if index is not None)


def _missing_columns(
    kind: Kind, preset: Preset | None, field: str, *, wanted: Mapping[str, tuple[str | tuple[str, ...], ...]]
) -> WholeFileError:
    known = kind.field(field)
    said = known.said if known is not None else field
    hint = f"map one with --map {field}=COLUMN"
    if field == "client":
        hint += " or give --client NAME to put every row on one client"
    if preset is not None and not preset.knows(kind.name):
        why = f"the {preset.title} preset does not read {kind.name}"
    elif preset is not None and field not in wanted:
        why = preset.note.get(kind.name) or f"the {preset.title} export has no {said} column"
    else:
        names = [c if isinstance(c, str) else " + ".join(c) for c in wanted.get(field, ())]
        expected = " or ".join(repr(n) for n in names[:3]) or repr(field)
        why = f"the file has no {said} column (expected {expected})"
    return WholeFileError("header", f"{why}; {hint}", row=1)
