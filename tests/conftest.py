"""Shared fixtures: Qt offscreen before Qt loads, a fresh database per test from one template."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database; each test copies it (migrating per test is slow)."""
    from msp_desk.store.database import open_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(path).close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def db(db_path: Path):  # type: ignore[no-untyped-def]
    from msp_desk.store.database import open_database

    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder or database from a test."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("MSP_DESK_DB", raising=False)
