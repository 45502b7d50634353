"""The main window on a small ledger-built shop: KPI tiles, the lazy MRR chart, navigation, errors."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import textwrap
from dataclasses import fields
from pathlib import Path

import pytest
from factories import make_client, make_ladder
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.domain.benchmarks import DEFAULT_BENCHMARKS  # the defaults a new shop judges by
from msp_desk.domain.values import Month
from msp_desk.errors import NotFound
from msp_desk.kpi.snapshot import KpiSnapshot
from msp_desk.services.accounts import ledger
from msp_desk.services.shop.settings import save_settings
from msp_desk.store.database import Database
from msp_desk.ui import app as ui_app
from msp_desk.ui.dashboard.page import NEUTRAL, OK, TILE_KEYS, WARN, readings
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.tasks import ThreadRunner

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),  # a Qt warning is a failed test ...
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),  # ... except the offscreen plugin's
]

TODAY = dt.date(2026, 3, 14)  # the last full month is February 2026
FEB_2026_MRR = 135_000 + 38_000 + 480_000  # Ōsaka + Zoë + Summit (Kestrel churned in December)


def build_shop(db: Database) -> int:
    """Four clients on the factories' ladder; one churned, one with an add-on. Returns Ōsaka's id."""
    save_settings(db, name="Harbor Point IT")
    ids = make_ladder(db)
    osaka = make_client(db, "Ōsaka Dental", industry="Dental", channel="referral")
    zoe = make_client(db, "Zoë Müller Design", industry="Design", channel="partner")
    kestrel = make_client(db, "Kestrel Insurance", industry="Insurance", channel="marketing")
    summit = make_client(db, "Summit Orthopedics", industry="Healthcare", channel="outbound")
    ledger.start_client(db, kestrel, ids["Growth"], 8, dt.date(2024, 11, 1))  # $175 x 8
    ledger.start_client(db, osaka, ids["Core"], 10, dt.date(2025, 1, 15))  # $135 x 10
    ledger.start_client(db, summit, ids["Premium"], 20, dt.date(2025, 3, 3), [ids["Backup"]])  # $240 x 20
    ledger.start_client(db, zoe, ids["Starter"], 4, dt.date(2025, 6, 1))  # $95 x 4
    ledger.churn(db, kestrel, dt.date(2025, 12, 1), "moved to in-house IT")
    return osaka


@pytest.fixture
def window_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(db: Database, qtbot, window_settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    build_shop(db)
    main = MainWindow(db, TODAY, settings=window_settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.show_page("dashboard")  # these tests are about the dashboard; the app opens on Today
    return main


def test_title_names_the_shop(window: MainWindow) -> None:
    assert window.windowTitle() == "MSP Desk — Harbor Point IT"


def test_mrr_tile_shows_the_last_full_month(window: MainWindow) -> None:
    value = window.findChild(QLabel, "tile_mrr_value")
    assert value is not None and value.isVisible()
    assert value.text() == "$6,530" == fmt.money_whole(FEB_2026_MRR)
    assert "$6,530.00" in value.toolTip()
    assert window.findChild(QLabel, "dashboard_period").text() == "February 2026 · last full month"
    assert window.findChild(QLabel, "tile_active_clients_value").text() == "3"
    assert window.findChild(QLabel, "tile_arr_value").text() == "$78,360"


def test_tiles_judge_against_benchmarks(window: MainWindow) -> None:
    churn = window.dashboard.tiles["net_mrr_churn"]
    assert churn.value.text() == "0.0%"  # nothing moved in February
    assert churn.property("tone") == OK
    assert churn.hint.text() == "✓ target < 2% a month"
    clv_cac = window.findChild(QLabel, "tile_clv_cac_value")  # no sales & marketing spend recorded
    assert clv_cac.text() == "—"
    assert clv_cac.toolTip() == (  # the input it is missing, and where it is entered
        "CLV : CAC cannot be worked out yet: CAC: no new clients in February 2026\nClick to open Clients"
    )
    assert window.dashboard.tiles["clv_cac"].property("tone") == NEUTRAL


def test_mrr_chart_is_built_after_the_window_shows(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Built once the tiles have painted, shown by its layout on the next turn of the event loop.
    qtbot.waitUntil(
        lambda: (found := window.findChild(QWidget, "mrr_chart")) is not None and found.isVisible()
    )
    chart = window.findChild(QWidget, "mrr_chart")
    assert chart.isVisible()
    assert chart.months[0] == Month(2024, 11)  # history is shorter than 24 months: all of it
    assert chart.months[-1] == Month(2026, 2)
    assert chart.values[0] == 140_000
    assert chart.values[-1] == FEB_2026_MRR
    assert window.findChild(QLabel, "chart_title").text() == "MRR · since November 2024"
    assert chart.hover_text(len(chart.months) - 1) == "February 2026\nMRR $6,530.00"


def test_an_empty_shop_shows_no_made_up_numbers(
    db: Database,
    qtbot,
    window_settings: QSettings,  # type: ignore[no-untyped-def]
) -> None:
    main = MainWindow(db, TODAY, settings=window_settings)
    qtbot.addWidget(main)
    main.show()
    main.show_page("dashboard")
    qtbot.waitUntil(lambda: main.dashboard.chart is not None)
    chart = main.dashboard.chart
    assert chart.months == [] and chart.values == []
    assert not chart.getPlotItem().getAxis("left").isVisible()  # no $0..$1 axis invented
    assert main.findChild(QLabel, "chart_title").text() == "MRR"
    assert main.findChild(QLabel, "tile_mrr_value").text() == "$0"
    assert main.findChild(QLabel, "tile_arpa_value").text() == "—"


def _open_in_a_fresh_process(db_path: Path, tmp_path: Path) -> list[str]:
    """Open the main window in a new interpreter; what it had imported before it was shown and
    once its chart was built, and the MRR tile's text at the first paint."""
    script = textwrap.dedent(
        """
        import datetime as dt, sys, time
        from pathlib import Path
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication, QLabel
        from msp_desk.store.database import open_database
        from msp_desk.ui.main_window import MainWindow

        app = QApplication([])
        db = open_database(Path(sys.argv[1]))
        settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
        window = MainWindow(db, dt.date(2026, 3, 14), settings=settings)
        window.show_page("dashboard")  # the app opens on Today; the dashboard's first paint
        before = ["pyqtgraph" in sys.modules, "sqlalchemy" in sys.modules]
        tile = window.findChild(QLabel, "tile_mrr_value").text()
        window.show()
        deadline = time.monotonic() + 20
        while window.dashboard.chart is None and time.monotonic() < deadline:
            app.processEvents()
        after = ["pyqtgraph" in sys.modules, "sqlalchemy" in sys.modules]
        print(*before, tile, *after, window.dashboard.chart is not None)
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script, str(db_path), str(tmp_path / "w.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return result.stdout.split()


def test_pyqtgraph_is_imported_only_after_the_first_paint(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    build_shop(db)  # nothing stored yet: the figures are computed (here at once, in the thread)
    assert _open_in_a_fresh_process(db_path, tmp_path) == ["False", "True", "$6,530", "True", "True", "True"]


def test_a_later_start_paints_stored_figures_without_sqlalchemy(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    osaka = build_shop(db)
    _open_in_a_fresh_process(db_path, tmp_path)  # the first start computes and keeps the figures
    assert _open_in_a_fresh_process(db_path, tmp_path) == [
        "False", "False", "$6,530", "True", "False", "True",
    ]  # fmt: skip
    ledger.change_seats(db, osaka, 9, dt.date(2026, 2, 1))  # a write forgets them: computed again
    assert _open_in_a_fresh_process(db_path, tmp_path)[:3] == ["False", "True", "$6,395"]


def test_nav_opens_on_today_and_switches(db: Database, qtbot, window_settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    build_shop(db)
    window = MainWindow(db, TODAY, settings=window_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    nav = window.findChild(QListWidget, "nav")
    pages = window.findChild(QStackedWidget, "pages")
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Today",
        "Dashboard",
        "Clients",
        "Ladder",
        "Referrals",
        "Reviews",
        "Spend & revenue",
        "Reports",
        "Settings",
    ]
    assert window.built_pages() == ["today"]  # the others are built when first shown
    assert window.current_page() == "today" and pages.currentWidget() is window.today
    rect = nav.visualItemRect(nav.item(2))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pages.currentWidget() is window.clients
    assert window.current_page() == "clients"
    nav.setFocus()
    qtbot.keyClick(nav, Qt.Key.Key_Up)
    assert pages.currentWidget() is window.dashboard


def test_ctrl_f_focuses_the_client_search(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.dashboard, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.findChild(QLineEdit, "client_search")
    assert window.current_page() == "clients"
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClick(window.clients, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "today"
    qtbot.keyClick(window.today, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "dashboard"


def test_geometry_is_restored(db: Database, qtbot, window_settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(db, TODAY, settings=window_settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(777, 555)  # the offscreen screen is 800 x 600: restoring clamps to it
    qtbot.waitUntil(lambda: first.size().width() == 777)
    first.close()
    second = MainWindow(db, TODAY, settings=window_settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (777, 555)
    assert window_settings.allKeys() == ["main_window/geometry", "main_window/state"]  # window state only


def test_reload_rereads_the_database(window: MainWindow, db: Database) -> None:
    save_settings(db, name="Harbor Point Managed IT")
    window.findChild(QAction, "action_reload").trigger()
    assert window.windowTitle() == "MSP Desk — Harbor Point Managed IT"


def test_reload_rereads_every_built_page_settings_too(window: MainWindow, db: Database) -> None:
    window.show_page("settings")  # every page built so far re-reads: Settings has no F5 of its own
    save_settings(db, name="Harbor Point Managed IT")
    window.findChild(QAction, "action_reload").trigger()
    assert window.findChild(QLineEdit, "setting_name").text() == "Harbor Point Managed IT"
    assert window.windowTitle() == "MSP Desk — Harbor Point Managed IT"


def _snapshot(**values: object) -> KpiSnapshot:
    base: dict[str, object] = {f.name: None for f in fields(KpiSnapshot)}
    base.update(month=Month(2026, 2), mrr=100_000, arr=1_200_000, active_clients=4)
    base.update(values)
    return KpiSnapshot(**base)  # type: ignore[arg-type]


def test_readings_follow_seed_002_benchmarks() -> None:
    good = _snapshot(
        sla_compliance=0.96,
        fcr=0.71,
        gross_margin=0.45,
        clv_cac=3.5,
        net_mrr_churn_rate=0.019,
        mttr_hours={"P1": 3.5, "all": 5.0},
        referral_share_new=0.25,
        mrr_growth_12m=0.16,
    )
    bad = _snapshot(
        sla_compliance=0.94,
        fcr=0.6,
        gross_margin=0.39,
        clv_cac=2.9,
        net_mrr_churn_rate=0.021,
        mttr_hours={"P1": 4.5, "all": 5.0},
        referral_share_new=0.1,
        mrr_growth_12m=0.14,
    )
    judged = ("mrr", "net_mrr_churn", "gross_margin", "clv_cac", "mttr_p1", "sla", "fcr", "referral_share")
    good_tones = {r.key: r.tone for r in readings(good, DEFAULT_BENCHMARKS, "USD", "en_US")}
    bad_tones = {r.key: r.tone for r in readings(bad, DEFAULT_BENCHMARKS, "USD", "en_US")}
    assert all(good_tones[k] == OK for k in judged)
    assert all(bad_tones[k] == WARN for k in judged)
    assert [r.key for r in readings(good, DEFAULT_BENCHMARKS, "USD", "en_US")] == list(TILE_KEYS)
    sla = next(r for r in readings(good, DEFAULT_BENCHMARKS, "USD", "en_US") if r.key == "sla")
    assert (sla.text, sla.hint) == ("96.0%", "target ≥ 95%")


def test_missing_values_read_as_no_data() -> None:
    for reading in readings(_snapshot(), DEFAULT_BENCHMARKS, "USD", "en_US"):
        if reading.key in ("mrr", "arr", "active_clients"):
            continue
        assert reading.text == "—", reading.key
        # It says why (the input missing, also in its caption) rather than "not enough data".
        assert reading.hint and reading.tooltip == f"{reading.title} cannot be worked out yet: {reading.hint}"
        assert reading.tone == NEUTRAL, reading.key


def test_user_errors_are_shown_plainly(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = ui_app.error_box(NotFound("no client named Acme"))
    qtbot.addWidget(box)
    assert box.text() == "no client named Acme"
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.detailedText() == ""


def test_bugs_show_their_traceback(qtbot) -> None:  # type: ignore[no-untyped-def]
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        box = ui_app.error_box(exc)
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Critical
    assert "RuntimeError: boom" in box.informativeText()
    assert "Traceback" in box.detailedText() and "test_bugs_show_their_traceback" in box.detailedText()


def test_excepthook_logs_bugs_and_shows_every_error(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    hook = ui_app.make_excepthook(lambda: None, sys.__excepthook__)
    with caplog.at_level(logging.ERROR, logger="msp_desk.ui.app"):
        hook(NotFound, NotFound("no such client"), None)
        assert not caplog.records  # a user error is not a bug
        error = ValueError("bad")
        hook(ValueError, error, error.__traceback__)
    assert shown[0] == "no such client"
    assert shown[1].startswith("Something went wrong")
    assert [r.getMessage() for r in caplog.records] == ["Unexpected error"]


def test_app_icon_has_every_size() -> None:
    icon = ui_app.app_icon()
    assert icon is not None and not icon.isNull()
    for size in ui_app.ICON_SIZES:
        assert (ui_app.icons_dir() / f"msp-desk-{size}.png").is_file()


def test_run_gui_opens_the_window_and_returns_the_exit_code(
    db: Database, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, window_settings: QSettings
) -> None:
    build_shop(db)
    monkeypatch.setattr("msp_desk.ui.context.window_settings", lambda: window_settings)
    seen: list[str] = []

    def close_it() -> None:
        main = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        seen.append(main.windowTitle())
        main.close()
        main.deleteLater()
        qapp.exit(0)

    QTimer.singleShot(0, close_it)
    previous = sys.excepthook
    assert ui_app.run_gui(db, today=TODAY, title_suffix=" (demo)") == 0
    assert seen == ["MSP Desk — Harbor Point IT (demo)"]
    assert sys.excepthook is previous
    assert qapp.applicationName() == "MSP Desk"


def test_with_a_thread_runner_the_window_shows_first_and_fills_in(
    db: Database,
    qtbot,
    window_settings: QSettings,  # type: ignore[no-untyped-def]
) -> None:
    build_shop(db)
    runner = ThreadRunner()
    main = MainWindow(db, TODAY, settings=window_settings, runner=runner)
    qtbot.addWidget(main)
    main.show_page("dashboard")
    tile = main.findChild(QLabel, "tile_mrr_value")
    assert tile.text() == ""  # nothing read on the UI thread: answers arrive through the event loop
    main.show()
    qtbot.waitUntil(lambda: tile.text() == "$6,530")
    assert main.windowTitle() == "MSP Desk — Harbor Point IT"
    assert main.findChild(QLabel, "tile_active_clients_value").text() == "3"
    qtbot.waitUntil(lambda: main.dashboard.chart is not None and bool(main.dashboard.chart.values))
    assert main.dashboard.chart.values[-1] == FEB_2026_MRR
    main.findChild(QAction, "action_reload").trigger()
    qtbot.waitUntil(lambda: main.dashboard.chart.values[-1] == FEB_2026_MRR and tile.text() == "$6,530")
    runner.wait()
