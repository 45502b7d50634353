"""The look lives in one place: no UI module but the theme names a colour or keeps a style sheet
of its own; widgets ask ``msp_desk.ui.theme`` for a role (quiet text, warning, card)."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "msp_desk" / "ui"
THEME = UI / "theme"
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}(?:[0-9a-fA-F]{2})?\b")
RGB = re.compile(r"\brgba?\s*\(")
STYLE_NAME = re.compile(r"(^|_)(STYLE|STYLES|STYLE_SHEET|QUIET|WARN|COLOU?RS?)$")


def ui_modules() -> list[Path]:
    modules = [p for p in sorted(UI.rglob("*.py")) if THEME not in p.parents]
    assert len(modules) > 40  # the UI is there, and the theme is not among them
    return modules


def string_literals(path: Path) -> list[tuple[int, str]]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [(t.start[0], t.string) for t in tokens if t.type == tokenize.STRING]


def test_no_colour_literal_outside_the_theme() -> None:
    found = [
        f"{path.relative_to(UI)}:{line}: {text[:60]}"
        for path in ui_modules()
        for line, text in string_literals(path)
        if HEX_COLOUR.search(text) or RGB.search(text)
    ]
    assert found == [], "colours belong to msp_desk/ui/theme (ask it for a role):\n" + "\n".join(found)


def test_no_colour_built_from_a_literal_outside_the_theme() -> None:
    found = []
    for path in ui_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name | ast.Attribute)
                and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
                in ("QColor", "mkColor")
                and any(isinstance(arg, ast.Constant) for arg in node.args)
            ):
                found.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert found == [], "a QColor of a literal: ask msp_desk.ui.theme.color(role):\n" + "\n".join(found)


def test_no_style_constant_outside_the_theme() -> None:
    found = []
    for path in ui_modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            for target in targets:
                if isinstance(target, ast.Name) and STYLE_NAME.search(target.id):
                    found.append(f"{path.relative_to(UI)}:{node.lineno}: {target.id}")
    assert found == [], "style sheets and colours belong to msp_desk/ui/theme:\n" + "\n".join(found)
