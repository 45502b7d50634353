"""The export columns, which are also the import's field names: one list a kind, simple names."""

from __future__ import annotations

import re

from msp_desk.io.columns import EXPORT_KINDS, TABLE_COLUMNS, ColumnType, field_names


def test_every_kind_of_the_command_line_has_simple_unique_field_names() -> None:
    assert EXPORT_KINDS == (
        "clients", "contacts", "tickets", "contract-lines", "referrals", "rewards", "ladder", "spend", "revenue",
    )  # fmt: skip
    for kind in EXPORT_KINDS:
        names = field_names(kind)
        assert len(set(names)) == len(names), kind
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in names), kind


def test_types_of_a_few_columns() -> None:
    types = {c.name: c.type for c in TABLE_COLUMNS["ladder"]}
    assert (types["price"], types["p4_resolution_min"], types["active"]) == (
        ColumnType.MONEY,
        ColumnType.WHOLE,
        ColumnType.YES_NO,
    )
    assert field_names("spend") == ("month", "channel", "amount", "note")


def test_the_spend_and_revenue_exports_are_what_their_imports_read() -> None:
    """Every column the app writes for spend and revenue is a field its import reads (by name),
    so an export re-imports without loss; the import may read more (revenue: a month)."""
    from msp_desk.io.imports.fields import KINDS

    assert field_names("spend") == KINDS["spend"].names
    assert set(field_names("revenue")) == set(KINDS["revenue"].names) - {"month"}
    required = {f.name for kind in ("spend", "revenue") for f in KINDS[kind].fields if f.required}
    assert required <= set(field_names("spend")) | set(field_names("revenue"))
