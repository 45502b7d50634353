"""Import presets: which columns of a PSA's export hold each canonical field (``io.imports.fields``).

One module per product, from the headers its exports really write
(``shared/reference/psa-exports.md``). A field lists candidate columns in order: the first one
the file has with a value in the row is read (ServiceNow's ``resolved_at``, else ``closed_at``);
a candidate that is a tuple of columns joins their cells with a space (Syncro's ``firstname
lastname``). ITFlow reads its templates by position, so its preset gives positions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from msp_desk.domain.enums import Priority
from msp_desk.io.imports.cells import PRIORITY_NUMBERS

Columns = str | tuple[str, ...]


@dataclass(frozen=True)
class Preset:
    name: str
    title: str  # the product's name, for messages
    columns: Mapping[str, Mapping[str, tuple[Columns, ...]]]  # kind -> field -> candidates
    # kind -> the template's header, read by position (the names only label messages)
    positions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    position_fields: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # kind -> field -> index
    priority_numbers: Mapping[int, Priority] = field(default_factory=lambda: PRIORITY_NUMBERS)
    note: Mapping[str, str] = field(default_factory=dict)  # kind -> why a field is not mapped

    def knows(self, kind: str) -> bool:
        return kind in self.columns or kind in self.position_fields


def preset_names() -> tuple[str, ...]:
    return tuple(PRESETS)


def preset_named(name: str) -> Preset:
    from msp_desk.errors import ValidationError

    found = PRESETS.get(name.strip().lower())
    if found is None:
        raise ValidationError("--preset", f"{name!r} is not a preset; the presets are {', '.join(PRESETS)}")
    return found


def _load() -> dict[str, Preset]:
    from msp_desk.io.presets import autotask, connectwise, freshdesk, halopsa, itflow, servicenow, syncro

    modules = (itflow, syncro, autotask, connectwise, halopsa, freshdesk, servicenow)
    return {module.PRESET.name: module.PRESET for module in modules}


PRESETS: dict[str, Preset] = _load()
