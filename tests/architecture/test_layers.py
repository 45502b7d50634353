"""The layer rule of DESIGN §3, enforced with import-linter contracts from pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def test_importing_the_package_has_no_side_effects(tmp_path: Path) -> None:
    """Importing every Qt-free module creates no folder and opens no file."""
    code = (
        "import pkgutil, importlib, msp_desk\n"
        "for m in pkgutil.walk_packages(msp_desk.__path__, 'msp_desk.'):\n"
        "    if '.ui' not in m.name and 'alembic' not in m.name and not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
    )
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
