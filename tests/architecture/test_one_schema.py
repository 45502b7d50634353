"""Each table is described once (its SQLModel class in ``domain``) and SQL lives only in ``store``."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "msp_desk"
MIGRATIONS = PACKAGE / "store" / "alembic"
SQLALCHEMY = ("sqlalchemy", "sqlmodel")


def _modules(*layers: str) -> list[Path]:
    found = []
    for layer in layers:
        found += [p for p in (PACKAGE / layer).rglob("*.py") if MIGRATIONS not in p.parents]
    return sorted(found)


def _sqlalchemy_calls(path: Path, names: set[str]) -> list[str]:
    """Calls of SQLAlchemy's (or SQLModel's) functions ``names`` in ``path``: ``sa.text(...)``,
    or ``text(...)`` imported from it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules, imported = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name.split(".")[0] in SQLALCHEMY}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in SQLALCHEMY:
            imported |= {a.asname or a.name for a in node.names if a.name in names}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in names:
            owner = func.value
            if isinstance(owner, ast.Name) and owner.id in modules:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {owner.id}.{func.attr}(...)")
        elif isinstance(func, ast.Name) and func.id in imported:
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {func.id}(...)")
    return found


def test_no_table_or_column_is_declared_outside_the_domain() -> None:
    """Queries name tables and columns through ``store.tables`` (taken from the SQLModel classes),
    never by re-declaring them (``sa.table``, ``sa.column``, ``sa.Table``, ``sa.Column``)."""
    declared = []
    for path in _modules("store", "services", "demo", "cli", "ui", "kpi", "io", "reports"):
        declared += _sqlalchemy_calls(path, {"table", "Table", "column", "Column"})
    assert declared == []


def test_no_sql_text_above_the_store() -> None:
    """SQL text (``sa.text(...)``) only in ``store``."""
    found = []
    for path in _modules("services", "demo", "cli", "ui", "kpi", "io", "reports", "domain"):
        found += _sqlalchemy_calls(path, {"text", "literal_column"})
    assert found == []
