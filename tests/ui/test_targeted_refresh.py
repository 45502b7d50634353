"""A write re-reads only the pages it concerns, off the UI thread; a page on another tab waits
until shown; a read that was in flight when a newer write landed is never shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QSettings

from msp_desk.services.accounts import ledger
from msp_desk.services.clients import editing as clients
from msp_desk.services.referrals import scripts
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

TODAY = dt.date(2026, 3, 14)


class InFlightRunner:
    """Reads at once (the snapshot a background read would take) but hands each result back only
    when told: ``deliver()`` in the order given, like a thread pool finishing out of order."""

    def __init__(self) -> None:
        self.in_flight: list[tuple[Callable[[object], None], object]] = []

    def submit(self, work, done, failed=None, *, context=None) -> None:  # type: ignore[no-untyped-def]
        self.in_flight.append((done, work()))

    def deliver(self, *, newest_first: bool = False) -> None:
        while self.in_flight:
            done, result = self.in_flight.pop(-1 if newest_first else 0)
            done(result)

    def wait(self) -> None:
        self.deliver()


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    save_settings(db, name="Harbor Point IT")
    ids = make_ladder(db)
    osaka = make_client(db, "Ōsaka Dental", industry="Dental", channel="referral")
    zoe = make_client(db, "Zoë Müller Design", industry="Design", channel="partner")
    ledger.start_client(db, osaka, ids["Core"], 10, dt.date(2025, 1, 15))
    ledger.start_client(db, zoe, ids["Starter"], 4, dt.date(2025, 6, 1))
    return {"osaka": osaka, "zoe": zoe, **ids}


@pytest.fixture
def window(db: Database, shop: dict[str, int], qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    runner = InFlightRunner()
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    main = MainWindow(db, TODAY, settings=settings, runner=runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    for key in (
        "dashboard",
        "clients",
        "ladder",
        "referrals",
        "settings",
        "clients",
    ):  # every page built once
        main.show_page(key)
        runner.deliver()
    main.page("referrals").show_tab("scripts")  # type: ignore[attr-defined]
    main.show_page("clients")
    runner.deliver()
    return main, runner


def reloads(main: MainWindow) -> dict[str, int]:
    referrals = main.page("referrals")
    return {
        "dashboard": main.dashboard.follower.reloads,
        "clients": main.clients.follower.reloads,
        "ladder": main.page("ladder").follower.reloads,  # type: ignore[attr-defined]
        "settings": main.page("settings").follower.reloads,  # type: ignore[attr-defined]
        "referral_kpis": referrals.kpis.follower.reloads,  # type: ignore[attr-defined]
        "ask_now": referrals.tab("ask_now").follower.reloads,  # type: ignore[attr-defined]
        "scripts": referrals.tab("scripts").follower.reloads,  # type: ignore[attr-defined]
    }


def tags_shown(main: MainWindow) -> dict[str, tuple[str, ...]]:
    model = main.clients.model
    return {model.row_at(n).name: model.row_at(n).tags for n in range(model.rowCount())}


def test_a_write_during_a_refresh_reloads_only_the_pages_it_concerns(window, db: Database, shop) -> None:  # type: ignore[no-untyped-def]
    main, runner = window
    before = reloads(main)
    edits = main.edits

    # Tagging a client concerns the roster alone: its rows are read again off the UI thread ...
    edits.apply(lambda: clients.set_tags(db, shop["osaka"], ["dental"]))
    assert runner.in_flight  # ... the read is in flight, the old rows still shown
    assert tags_shown(main)["Ōsaka Dental"] == ()
    # ... and a second write lands while that read is still in flight.
    edits.apply(lambda: clients.set_tags(db, shop["zoe"], ["design"]))
    runner.deliver(newest_first=True)  # the newer read returns first; the older one comes late
    assert tags_shown(main) == {"Ōsaka Dental": ("dental",), "Zoë Müller Design": ("design",)}

    after = reloads(main)
    assert after["clients"] == before["clients"] + 2
    assert {k: v for k, v in after.items() if k != "clients"} == {
        k: v for k, v in before.items() if k != "clients"
    }


def test_a_page_on_another_tab_reads_once_when_shown(window, db: Database, shop) -> None:  # type: ignore[no-untyped-def]
    main, runner = window
    before = reloads(main)
    mrr = main.findChild(object, "tile_mrr_value")
    shown_mrr = mrr.text()  # type: ignore[union-attr]

    # Two seat changes while the Clients page is shown: the dashboard (hidden) waits ...
    main.edits.apply(lambda: ledger.change_seats(db, shop["osaka"], 12, dt.date(2026, 2, 1)))
    main.edits.apply(lambda: ledger.change_seats(db, shop["zoe"], 6, dt.date(2026, 2, 1)))
    runner.deliver()
    assert reloads(main)["dashboard"] == before["dashboard"]
    assert mrr.text() == shown_mrr  # type: ignore[union-attr]
    # ... the roster, shown, read both; the script library (not concerned) did not.
    assert reloads(main)["clients"] == before["clients"] + 2
    assert reloads(main)["scripts"] == before["scripts"]

    main.show_page("dashboard")  # shown: one read for both writes
    runner.deliver()
    assert reloads(main)["dashboard"] == before["dashboard"] + 1
    assert mrr.text() == "$2,190"  # type: ignore[union-attr]  # Core 12 x $135 + Starter 6 x $95 (Feb)


def test_a_script_edit_reloads_the_scripts_library_only(window, db: Database) -> None:  # type: ignore[no-untyped-def]
    main, runner = window
    main.show_page("referrals")
    main.page("referrals").show_tab("scripts")  # type: ignore[attr-defined]
    runner.deliver()
    before = reloads(main)
    main.edits.apply(lambda: scripts.add_script(db, "Thank-you note", "Thanks, {contact}!"))
    runner.deliver()
    after = reloads(main)
    assert after["scripts"] == before["scripts"] + 1
    assert {k: v for k, v in after.items() if k != "scripts"} == {
        k: v for k, v in before.items() if k != "scripts"
    }


def test_an_edit_of_one_client_reads_that_clients_row_alone(window, db: Database, shop) -> None:  # type: ignore[no-untyped-def]
    main, runner = window
    main.clients.select_client(shop["zoe"])
    main.edits.apply(lambda: clients.set_tags(db, shop["osaka"], ["dental"]))
    (done, rows), *_signals = runner.in_flight  # the rows read first, then every client's signals
    assert [row.name for row in rows] == ["Ōsaka Dental"]  # not the whole roster
    runner.deliver()
    assert tags_shown(main) == {"Ōsaka Dental": ("dental",), "Zoë Müller Design": ()}
    assert main.clients.selected_client() == shop["zoe"]  # the selection stays

    main.edits.apply(lambda: clients.create_client(db, "Kestrel Insurance", today=TODAY))  # a new row
    runner.deliver()
    assert sorted(tags_shown(main)) == ["Kestrel Insurance", "Zoë Müller Design", "Ōsaka Dental"]
