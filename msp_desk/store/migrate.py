"""Alembic, run from inside the package: create a new file, upgrade an older one (after a backup)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from alembic.config import Config

ALEMBIC_DIR = Path(__file__).with_name("alembic")


def alembic_config(engine: Engine, extra_version_dirs: tuple[Path, ...] = ()) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    dirs = [str(ALEMBIC_DIR / "versions"), *(str(d) for d in extra_version_dirs)]
    config.set_main_option("path_separator", "os")
    import os

    config.set_main_option("version_locations", os.pathsep.join(dirs))
    config.attributes["engine"] = engine
    return config


def script_revisions(extra_version_dirs: tuple[Path, ...] = ()) -> tuple[str, list[str]]:
    """(head, every known revision) according to the Alembic scripts."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine

    config = alembic_config(create_engine("sqlite://"), extra_version_dirs)
    scripts = ScriptDirectory.from_config(config)
    head = scripts.get_current_head()
    assert head is not None
    return head, [s.revision for s in scripts.walk_revisions()]


def upgrade_to_head(engine: Engine, extra_version_dirs: tuple[Path, ...] = ()) -> None:
    from alembic import command

    command.upgrade(alembic_config(engine, extra_version_dirs), "head")
