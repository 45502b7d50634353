"""Which columns of a table feed each canonical field: a preset's candidates (by name, or by
position for ITFlow), completed or overridden by ``--map FIELD=COLUMN``; without a preset, the
app's own export columns (the field names). Every row then reads as {field: (text, column)}."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from msp_desk.errors import ValidationError
from msp_desk.io.csv_reader import shown
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


def parse_overrides(pairs: Sequence[str], kind: Kind) -> dict[str, str]:
    """``--map FIELD=COLUMN`` pairs as {field: column}; an unknown field is refused."""
    found: dict[str, str] = {}
    for pair in pairs:
        name, equals, column = pair.partition("=")
        name = name.strip().lower().replace(" ", "_").replace("-", "_")
        if not equals or not column.strip():
            raise ValidationError("--map", f'{pair!r} is not FIELD=COLUMN, e.g. client="Company Name"')
        if kind.field(name) is None:
            raise ValidationError(
                "--map", f"{kind.name} have no field {name!r}; the fields are {', '.join(kind.names)}"
            )
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
            present = tuple(src for src in (_source(table, c) for c in candidates) if src is not None)
            if present:
                sources[name] = present
    for name, column in overrides.items():
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
