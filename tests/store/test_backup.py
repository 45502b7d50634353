"""Backups of a file: whole or absent, private, refused for a damaged file, named by time and
reason, listed, thinned, taken once a day and once per upgrade, and restored."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shop_files import add_clients, client_names, corrupt_middle, listing, truncate_half

from msp_desk.errors import AlreadyOpen, DamagedDatabase, NotAnMspDatabase, SchemaTooNew, StorageProblem
from msp_desk.store import schema
from msp_desk.store.backup import (
    BackupInfo,
    backups_of,
    before_upgrade,
    daily_backup,
    make_backup,
    newest_good_backup,
    restore,
    take_backup,
    thin,
    to_delete,
)
from msp_desk.store.database import open_database

NOW = dt.datetime(2026, 12, 3, 14, 30, 0)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def shop(db_path: Path) -> Path:
    add_clients(db_path, 60)
    return db_path


# -- writing ---------------------------------------------------------------------------------------
def test_a_backup_holds_the_rows_and_is_private_under_umask_022(
    shop: Path, tmp_path: Path, umask_022: None
) -> None:
    target = tmp_path / "kept" / "deep" / "copy.sqlite3"
    assert make_backup(shop, target) == target
    assert client_names(target) == client_names(shop) and len(client_names(target)) == 60
    assert mode(target) == 0o600
    assert mode(target.parent) == mode(target.parent.parent) == 0o700
    assert listing(target.parent) == ["copy.sqlite3"]  # no temporary file, no -journal
    assert listing(shop.parent) == ["kept", "shop.sqlite3"]  # no -wal/-shm left beside the source


def test_a_backup_of_a_0600_file_is_0600_and_of_a_0644_file_too(shop: Path, tmp_path: Path) -> None:
    os.chmod(shop, 0o600)
    assert mode(make_backup(shop, tmp_path / "a.sqlite3")) == 0o600
    os.chmod(shop, 0o644)
    assert mode(make_backup(shop, tmp_path / "b.sqlite3")) == 0o600


def test_a_backup_of_an_open_database_includes_what_its_wal_holds(shop: Path, tmp_path: Path) -> None:
    db = open_database(shop)
    with db.unit_of_work() as session:
        from msp_desk.domain.clients import Client

        session.add(Client(name="Late Arrival", name_key="late arrival"))
    assert shop.with_name("shop.sqlite3-wal").exists()  # committed, still in the WAL
    copy = make_backup(shop, tmp_path / "live.sqlite3")
    db.close()
    assert "Late Arrival" in client_names(copy)


def test_an_existing_file_is_never_overwritten(shop: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("my notes")
    with pytest.raises(StorageProblem, match=r"mine.txt: a file of that name already exists\. Nothing"):
        make_backup(shop, target)
    assert target.read_text() == "my notes"
    assert listing(tmp_path) == ["mine.txt", "shop.sqlite3"]


@pytest.mark.parametrize("damage", [corrupt_middle, truncate_half], ids=["corrupted", "truncated"])
def test_a_damaged_file_is_refused_and_nothing_is_written(shop: Path, tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    good = take_backup(shop, folder, "manual", NOW)
    damage(shop)
    before = shop.read_bytes()
    with pytest.raises(DamagedDatabase) as caught:
        take_backup(shop, folder, "daily", NOW + dt.timedelta(days=1))
    message = str(caught.value)
    assert message.startswith(f"{shop} is damaged (") and "no backup was taken" in message
    assert message.endswith(f"The newest good backup is {good}.")
    assert caught.value.backup == good
    assert listing(folder) == [good.name]
    assert shop.read_bytes() == before


def test_names_carry_the_time_and_the_reason_and_two_in_one_second_both_stay(
    shop: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    first = take_backup(shop, folder, "manual", NOW)
    second = take_backup(shop, folder, "manual", NOW)
    upgrade = take_backup(shop, folder, "before-upgrade-0002", NOW)
    assert first.name == "shop-2026-12-03-143000-manual.sqlite3"
    assert second.name == "shop-2026-12-03-143000-manual-2.sqlite3"
    assert upgrade.name == "shop-2026-12-03-143000-before-upgrade-0002.sqlite3"


# -- listing and thinning --------------------------------------------------------------------------
def test_backups_are_listed_newest_first_and_only_this_files(shop: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    older = take_backup(shop, folder, "daily", dt.datetime(2026, 11, 30, 9, 0))
    newer = take_backup(shop, folder, "before-upgrade-0001", dt.datetime(2026, 12, 1, 9, 0))
    (folder / "other-2026-12-02-090000-daily.sqlite3").write_bytes(b"another shop's")
    (folder / "notes.txt").write_text("not a backup")
    (folder / "shop-2026-02-30-090000-daily.sqlite3").write_bytes(b"no such day")
    found = backups_of(shop, folder)
    assert [(b.path, b.taken_at, b.reason) for b in found] == [
        (newer, dt.datetime(2026, 12, 1, 9, 0), "before-upgrade-0001"),
        (older, dt.datetime(2026, 11, 30, 9, 0), "daily"),
    ]
    assert found[0].size == newer.stat().st_size > 60 * 3000


def info(taken_at: dt.datetime, reason: str = "daily") -> BackupInfo:
    return BackupInfo(Path(f"shop-{taken_at:%Y-%m-%d-%H%M%S}-{reason}.sqlite3"), taken_at, reason, 1)


def test_thinning_a_daily_copy_a_day_for_a_year_keeps_7_days_4_weeks_12_months() -> None:
    """365 daily copies taken at 09:00 up to Thursday 3 December 2026: kept are the 7 newest
    (27 Nov to 3 Dec), the newest of the 4 ISO weeks 46-49 (Sundays 15, 22 and 29 Nov; this
    week's is 3 Dec) and the newest of each month from January to December (the last day of
    each month; December's is 3 Dec)."""
    now = dt.datetime(2026, 12, 3, 12, 0)
    copies = [info(dt.datetime(2026, 12, 3, 9, 0) - dt.timedelta(days=d)) for d in range(365)]
    kept = sorted(b.taken_at.date() for b in set(copies) - set(to_delete(copies, now)))
    days = [dt.date(2026, 11, 27) + dt.timedelta(days=d) for d in range(7)]
    weeks = [dt.date(2026, 11, 15), dt.date(2026, 11, 22)]  # 29 Nov is among the 7 days
    month_ends = [dt.date(2026, m + 1, 1) - dt.timedelta(days=1) for m in range(1, 11)]  # Jan to Oct
    assert kept == sorted({*days, *weeks, *month_ends})
    assert len(kept) == 7 + 2 + 10


REASONS = ("daily", "daily", "daily", "manual", "before-upgrade-0002", "before-restore")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 800 * 24 * 60), st.sampled_from(REASONS)),  # minutes back, reason
        unique_by=lambda pair: pair[0],
        max_size=60,
    )
)
def test_thinning_keeps_what_the_7_4_12_rule_promises(ages: list[tuple[int, str]]) -> None:
    now = dt.datetime(2026, 12, 3, 12, 0)
    copies = [info(now - dt.timedelta(minutes=back), reason) for back, reason in ages]
    deleted = to_delete(copies, now)
    kept = set(copies) - set(deleted)
    assert set(deleted) <= set(copies) and len(set(deleted)) == len(deleted)
    newest_first = sorted(copies, key=lambda b: b.taken_at, reverse=True)
    if copies:
        assert newest_first[0] in kept
    daily = [b for b in newest_first if b.reason == "daily"]
    assert set(daily[:7]) <= kept
    for weeks_back in range(4):  # the newest daily copy of each of the last 4 ISO weeks
        week = (now - dt.timedelta(weeks=weeks_back)).isocalendar()[:2]
        in_week = [b for b in daily if b.taken_at.isocalendar()[:2] == week]
        assert not in_week or in_week[0] in kept
    for months_back in range(12):  # ... and of the last 12 months
        index = now.year * 12 + now.month - 1 - months_back
        in_month = [b for b in daily if (b.taken_at.year, b.taken_at.month) == (index // 12, index % 12 + 1)]
        assert not in_month or in_month[0] in kept
    for b in newest_first:
        if b.reason != "daily" and now - b.taken_at < dt.timedelta(days=365):
            assert b in kept
    assert len([b for b in kept if b.reason == "daily"]) <= 7 + 4 + 12  # thinning thins
    assert to_delete(kept, now) == []  # what is kept stays kept


def test_thinning_keeps_copies_made_by_hand_or_before_an_upgrade_or_restore_for_a_year() -> None:
    now = dt.datetime(2026, 12, 3, 12, 0)
    reasons = ("manual", "before-upgrade-0001", "before-restore")
    young = [info(now - dt.timedelta(days=364, hours=i), r) for i, r in enumerate(reasons)]
    old = [info(now - dt.timedelta(days=366, hours=i), r) for i, r in enumerate(reasons)]
    assert set(to_delete(young + old, now)) == set(old)
    assert to_delete(old, now) == old[1:]  # alone, the newest stays however old


def test_thinning_never_deletes_the_only_copy_however_old() -> None:
    now = dt.datetime(2026, 12, 3, 12, 0)
    lonely = info(dt.datetime(2020, 1, 1), "manual")
    assert to_delete([lonely], now) == []


def test_thin_deletes_the_files_but_keeps_the_newest_good_one(shop: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    now = dt.datetime(2026, 12, 3, 12, 0)
    good = take_backup(shop, folder, "manual", now - dt.timedelta(days=500))
    bad = folder / "shop-2026-12-01-090000-manual.sqlite3"  # the newest, but not a database
    bad.write_bytes(b"garbage " * 100)
    other = folder / "other-2020-01-01-090000-manual.sqlite3"  # another file's only copy
    other.write_bytes(b"x")
    assert thin(folder, now) == []
    assert listing(folder) == sorted([good.name, bad.name, other.name])
    # daily copies 2 Dec back to 24 Nov: the 7 newest stay (26 Nov to 2 Dec), so do the newest
    # of weeks 48 and 49 and of November and December (all among them); 25 and 24 Nov go, and
    # the old manual copy too, now that a newer good copy exists
    dailies = [take_backup(shop, folder, "daily", now - dt.timedelta(days=d)) for d in range(1, 10)]
    assert thin(folder, now) == [dailies[7], dailies[8], good]
    assert listing(folder) == sorted([*(d.name for d in dailies[:7]), bad.name, other.name])


# -- automatic copies ------------------------------------------------------------------------------
def test_the_daily_backup_is_taken_once_a_day_and_the_folder_thinned(shop: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    first = daily_backup(shop, folder, NOW)
    assert first is not None and first.name == "shop-2026-12-03-143000-daily.sqlite3"
    assert daily_backup(shop, folder, NOW + dt.timedelta(hours=23, minutes=59)) is None
    for day in range(1, 12):  # launched every day up to Monday 14 December
        assert daily_backup(shop, folder, NOW + dt.timedelta(days=day)) is not None
    # kept: the 7 newest (8 to 14 Dec) and Sunday 6 Dec, the newest of the week before last
    # (week 49); 3, 4, 5 and 7 Dec went
    kept = [f"shop-2026-12-{day:02}-143000-daily.sqlite3" for day in (6, 8, 9, 10, 11, 12, 13, 14)]
    assert listing(folder) == kept


FAILING_REVISION = '''
"""Test-only revision that fails half-way."""
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE client SET no_such_column = 1")


def downgrade():
    pass
'''


def test_an_upgrade_failing_at_every_launch_copies_the_file_once(shop: Path, tmp_path: Path) -> None:
    from msp_desk.errors import UpgradeFailed

    versions = tmp_path / "more_versions"
    versions.mkdir()
    (versions / "9999_test.py").write_text(FAILING_REVISION.format(head=schema.HEAD))
    folder = tmp_path / "backups"
    for launch in range(3):
        with pytest.raises(UpgradeFailed) as caught:
            open_database(
                shop, backup_dir=folder, extra_version_dirs=(versions,), today=NOW + dt.timedelta(days=launch)
            )
        name = f"shop-2026-12-03-143000-before-upgrade-{schema.HEAD}.sqlite3"  # the first launch's
        assert str(caught.value).endswith(f"a copy is at {folder / name}.")
    assert listing(folder) == [name]


def test_a_file_changed_since_its_pre_upgrade_copy_is_copied_again(shop: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    first = before_upgrade(shop, folder, schema.HEAD, NOW)
    assert before_upgrade(shop, folder, schema.HEAD, NOW + dt.timedelta(hours=1)) == first
    add_clients(shop, 1, prefix="Changed")
    second = before_upgrade(shop, folder, schema.HEAD, NOW + dt.timedelta(hours=2))
    assert second != first and "Changed 0000" in client_names(second)
    assert "Changed 0000" not in client_names(first)
    other_revision = before_upgrade(shop, folder, "0001", NOW + dt.timedelta(hours=3))
    assert other_revision not in (first, second)


# -- restoring -------------------------------------------------------------------------------------
def test_restore_brings_the_backup_back_and_keeps_the_file_it_replaced(shop: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    os.chmod(shop, 0o640)
    saved = take_backup(shop, folder, "manual", NOW)
    add_clients(shop, 1, prefix="After")
    previous = restore(shop, saved, NOW + dt.timedelta(minutes=5), folder)
    assert "After 0000" not in client_names(shop) and len(client_names(shop)) == 60
    assert previous is not None and previous.name == "shop-2026-12-03-143500-before-restore.sqlite3"
    assert "After 0000" in client_names(previous)
    assert mode(shop) == 0o640  # the old file's mode
    assert listing(shop.parent) == ["backups", "shop.sqlite3"]
    assert listing(folder) == sorted([saved.name, previous.name])


def test_restore_into_an_open_file_is_refused(shop: Path, tmp_path: Path) -> None:
    saved = take_backup(shop, tmp_path / "backups", "manual", NOW)
    db = open_database(shop)
    with db.unit_of_work() as session:
        from msp_desk.domain.clients import Client

        session.add(Client(name="Still Open", name_key="still open"))
    with pytest.raises(AlreadyOpen, match="is open in another program"):
        restore(shop, saved, NOW, tmp_path / "backups")
    db.close()
    assert "Still Open" in client_names(shop)


def test_restore_over_a_damaged_file_keeps_its_raw_bytes(shop: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    saved = take_backup(shop, folder, "manual", NOW)
    corrupt_middle(shop)
    damaged = shop.read_bytes()
    previous = restore(shop, saved, NOW + dt.timedelta(minutes=1), folder)
    assert previous is not None and previous.name == "shop-2026-12-03-143100-damaged.sqlite3"
    assert previous.read_bytes() == damaged
    assert len(client_names(shop)) == 60


def test_restore_to_a_missing_file_creates_it_0600(shop: Path, tmp_path: Path, umask_022: None) -> None:
    saved = take_backup(shop, tmp_path / "backups", "manual", NOW)
    target = tmp_path / "new" / "shop.sqlite3"
    assert restore(target, saved, NOW, tmp_path / "backups") is None
    assert len(client_names(target)) == 60 and mode(target) == 0o600


def newer_schema_copy(shop: Path, tmp_path: Path) -> Path:
    copy = take_backup(shop, tmp_path / "elsewhere", "manual", NOW)
    con = sqlite3.connect(copy)
    con.execute("UPDATE alembic_version SET version_num = 'zz99'")
    con.commit()
    con.close()
    return copy


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda shop, tmp: corrupt_copy(shop, tmp), DamagedDatabase, "is damaged"),
        (lambda shop, tmp: text_file(tmp), NotAnMspDatabase, "is not an MSP Desk database"),
        (newer_schema_copy, SchemaTooNew, "newer MSP Desk"),
        (lambda shop, tmp: tmp / "missing.sqlite3", StorageProblem, "no such file"),
    ],
    ids=["damaged", "not-ours", "newer", "missing"],
)
def test_a_backup_that_cannot_be_restored_leaves_everything_as_it_was(  # type: ignore[no-untyped-def]
    shop: Path, tmp_path: Path, make, error, words
) -> None:
    bad = make(shop, tmp_path)
    before = shop.read_bytes()
    with pytest.raises(error, match=words):
        restore(shop, bad, NOW, tmp_path / "backups")
    assert shop.read_bytes() == before
    assert listing(tmp_path / "backups") == []


def corrupt_copy(shop: Path, tmp_path: Path) -> Path:
    copy = take_backup(shop, tmp_path / "elsewhere", "manual", NOW)
    corrupt_middle(copy)
    return copy


def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.sqlite3"
    path.write_text("client,mrr\n")
    return path


def test_the_newest_good_backup_skips_a_damaged_newer_one(shop: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    assert newest_good_backup(shop, folder) is None
    good = take_backup(shop, folder, "daily", NOW - dt.timedelta(days=1))
    newest = take_backup(shop, folder, "daily", NOW)
    corrupt_middle(newest)
    assert newest_good_backup(shop, folder) == good
    assert listing(folder) == sorted([good.name, newest.name])  # the check left no side files


def test_a_copy_that_does_not_read_back_whole_is_not_kept(
    shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk garbles the copy as it is written: the quick check of the copy refuses it."""
    from msp_desk.store import sqlite as store_sqlite

    real_copy = store_sqlite.online_backup

    def garbling_copy(source: Path, target: Path) -> None:
        real_copy(source, target)
        corrupt_middle(target)

    monkeypatch.setattr(store_sqlite, "online_backup", garbling_copy)
    folder = tmp_path / "backups"
    with pytest.raises(
        StorageProblem, match=r"^Could not finish writing the backup .*: the copy did not read back whole"
    ):
        take_backup(shop, folder, "manual", NOW)
    assert listing(folder) == []


def test_a_backup_of_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(
        StorageProblem, match=r"missing.sqlite3: no such file or folder\. Nothing was changed\.$"
    ):
        make_backup(tmp_path / "missing.sqlite3", tmp_path / "copy.sqlite3")
    assert listing(tmp_path) == []
