"""Opening files: new, current, older (upgraded after a backup), newer and foreign (refused untouched)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from msp_desk.errors import NotAnMspDatabase, SchemaTooNew, UpgradeFailed
from msp_desk.store import schema
from msp_desk.store.database import open_database
from msp_desk.store.migrate import script_revisions


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_created_at_head_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = open_database(path)
    with db.read() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(sa.text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == schema.HEAD
        tables = {r[0] for r in conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type='table'"))}
    db.close()
    assert {"client", "contract_line", "ticket", "referral", "reward", "tier", "addon"} <= tables
    assert db.upgraded_from is None


def test_schema_constants_match_the_alembic_scripts() -> None:
    head, revisions = script_revisions()
    assert head == schema.HEAD
    assert tuple(reversed(revisions)) == schema.KNOWN_REVISIONS


def test_file_at_the_current_revision_opens_untouched_with_its_rows(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute(
        "INSERT INTO client (name, name_key, status, seats, locations, servers, churn_reason, notes, industry,"
        " created_at, updated_at) VALUES ('Ōsaka Dental', 'ōsaka dental', 'active', 5, 1, 0, '', '', '',"
        " '2026-01-01', '2026-01-01')"
    )
    con.commit()
    con.close()
    db = open_database(db_path)
    with db.read() as conn:
        assert conn.execute(sa.text("SELECT name FROM client")).scalar() == "Ōsaka Dental"
    db.close()
    assert db.upgraded_from is None and db.backup_path is None


def first_revision_file(path: Path) -> None:
    """A file as MSP Desk 0001 wrote it: one client with an annual line and a monthly one that
    ended, three P1 tickets with their targets."""
    from alembic import command

    from msp_desk.store import sqlite
    from msp_desk.store.migrate import alembic_config

    sqlite.mark_new_file(path)
    engine = sa.create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    con = sqlite3.connect(path)
    stamp = "'2026-01-01', '2026-01-01'"
    con.executescript(
        f"""
        INSERT INTO client (id, name, name_key, status, seats, locations, servers, churn_reason, notes,
                            industry, created_at, updated_at)
            VALUES (1, 'Ōsaka Dental', 'ōsaka dental', 'active', 10, 1, 0, '', '', '', {stamp});
        INSERT INTO contract_line (client_id, kind, description, quantity, unit_price_cents,
                                   unit_cost_cents, period, discount_bp, start_date, end_date, change,
                                   created_at, updated_at)
        VALUES (1, 'custom', 'Managed IT, paid yearly', 10, 162000, 6000, 'annual', 1000,
                '2026-01-15', NULL, 'start', {stamp}),
               (1, 'custom', 'Onboarding support', 1, 50000, NULL, 'monthly', 0,
                '2026-01-15', '2026-02-28', 'start', {stamp});
        INSERT INTO ticket (client_id, external_id, subject, priority, opened_at, first_response_at,
                            resolved_at, fcr, sla_met, response_target_min, resolution_target_min,
                            source, created_at, updated_at)
        VALUES (1, 'T1', '', 'P1', '2026-03-02 09:00:00', '2026-03-02 09:20:00', '2026-03-02 11:00:00',
                1, NULL, 30, 240, 'psa', {stamp}),
               (1, 'T2', '', 'P1', '2026-03-05 09:00:00', '2026-03-05 10:00:00', '2026-03-05 15:00:00',
                0, NULL, 30, 240, 'psa', {stamp}),
               (1, 'T3', '', 'P1', '2026-03-09 09:00:00', NULL, NULL, NULL, NULL, 30, 240, 'psa', {stamp});
        INSERT INTO derived_cache (key, version, payload, created_at, updated_at)
            VALUES ('kpis:2026-03', '0.1.0:kpi-1', '{{"mrr": 1}}', {stamp});
        """
    )
    con.commit()
    con.close()


def test_file_at_the_first_revision_is_backed_up_and_upgraded_with_its_tickets(tmp_path: Path) -> None:
    from msp_desk.domain.values import Month
    from msp_desk.services.kpis.snapshots import kpis_for_month

    path = tmp_path / "shop.sqlite3"
    first_revision_file(path)
    before = digest(path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    assert db.upgraded_from == "0001"
    assert db.backup_path is not None and db.backup_path.name.endswith("-before-upgrade-0001.sqlite3")
    copy = sqlite3.connect(db.backup_path)
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    copy.close()
    with db.read() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == schema.HEAD
        assert conn.execute(sa.text("SELECT count(*) FROM derived_cache")).scalar() == 0  # not trusted
        derived = conn.execute(
            sa.text("SELECT resolved_month, resolution_us, sla_verdict FROM ticket ORDER BY external_id")
        ).all()
    march = Month(2026, 3).index
    assert derived == [(march, 2 * 3_600_000_000, 1), (march, 6 * 3_600_000_000, 0), (None, None, None)]
    snapshot = kpis_for_month(db, Month(2026, 3))  # the upgraded lines and tickets count in the KPIs
    february = kpis_for_month(db, Month(2026, 2))
    db.close()
    assert snapshot.mrr == 10 * 162_000 * 9 // 10 // 12 == 121_500  # 10% off, a twelfth a month
    assert february.mrr == 121_500 + 50_000 and february.gross_margin is None  # a cost unknown
    assert snapshot.churn == 0 and snapshot.contraction == 50_000
    assert snapshot.mttr_hours == {"P1": 4.0, "P2": None, "P3": None, "P4": None, "all": 4.0}
    assert (snapshot.sla_compliance, snapshot.fcr) == (0.5, 0.5)  # T2 responded late, resolved late
    assert before != digest(path)


NEXT_REVISION = '''
"""Test-only revision: adds a column, to exercise the upgrade path."""
from alembic import op
import sqlalchemy as sa

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("client") as batch:
        batch.add_column(sa.Column("loyalty_note", sa.String(), nullable=True))


def downgrade():
    with op.batch_alter_table("client") as batch:
        batch.drop_column("loyalty_note")
'''


def test_older_file_is_backed_up_then_upgraded(db_path: Path, tmp_path: Path) -> None:
    versions = tmp_path / "more_versions"
    versions.mkdir()
    (versions / "9999_test.py").write_text(NEXT_REVISION.format(head=schema.HEAD))
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO tag (name, created_at, updated_at) VALUES ('vip', '2026-01-01', '2026-01-01')")
    con.commit()
    con.close()
    backups = tmp_path / "backups"
    db = open_database(db_path, backup_dir=backups, extra_version_dirs=(versions,))
    with db.read() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "9999"
        assert conn.execute(sa.text("SELECT loyalty_note FROM client")).all() == []  # the new column
        assert conn.execute(sa.text("SELECT name FROM tag")).scalar() == "vip"
    db.close()
    assert db.upgraded_from == schema.HEAD
    assert db.backup_path is not None and db.backup_path.parent == backups
    assert db.backup_path.name.endswith(f"-before-upgrade-{schema.HEAD}.sqlite3")
    copy = sqlite3.connect(db.backup_path)  # the backup holds the file as it was
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == schema.HEAD
    assert copy.execute("SELECT name FROM tag").fetchall() == [("vip",)]
    copy.close()


FAILING_REVISION = '''
"""Test-only revision: adds a column, then fails, to exercise a failed upgrade."""
from alembic import op
import sqlalchemy as sa

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("client") as batch:
        batch.add_column(sa.Column("loyalty_note", sa.String(), nullable=True))
    op.execute("UPDATE client SET no_such_column = 1")


def downgrade():
    pass
'''


def test_a_failed_upgrade_leaves_the_file_as_it_was(db_path: Path, tmp_path: Path) -> None:
    versions = tmp_path / "more_versions"
    versions.mkdir()
    (versions / "9999_test.py").write_text(FAILING_REVISION.format(head=schema.HEAD))
    with pytest.raises(UpgradeFailed, match="could not be upgraded.*left as it was; a copy is at"):
        open_database(db_path, backup_dir=tmp_path / "backups", extra_version_dirs=(versions,))
    con = sqlite3.connect(db_path)
    columns = [row[1] for row in con.execute("PRAGMA table_info(client)")]
    version = con.execute("SELECT version_num FROM alembic_version").fetchone()
    con.close()
    assert "loyalty_note" not in columns and version == (schema.HEAD,)  # the ALTER was rolled back
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_newer_file_is_refused_untouched(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = 'zz99'")
    con.commit()
    con.close()
    before = digest(db_path)
    with pytest.raises(SchemaTooNew, match="newer MSP Desk"):
        open_database(db_path)
    assert digest(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


@pytest.mark.parametrize("content", [b"client,month,mrr\nA,2026-01,1.00\n", b"\x00" * 300])
def test_non_sqlite_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(NotAnMspDatabase, match="not an MSP Desk database"):
        open_database(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_other_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "firefox.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotAnMspDatabase, match="SQLite file but not an MSP Desk database"):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["firefox.sqlite"]


def test_migrations_build_exactly_the_schema_of_the_tables(tmp_path: Path) -> None:
    """No drift: what Alembic creates equals what the SQLModel tables declare."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from msp_desk.store.tables import metadata

    db = open_database(tmp_path / "fresh.sqlite3")
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    db.close()
