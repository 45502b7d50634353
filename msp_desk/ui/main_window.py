"""The main window: a navigation list beside the pages, menus with shortcuts, remembered geometry."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import msp_desk
from msp_desk.services.changes import SETTINGS_TABLES
from msp_desk.services.imports.files import KINDS as IMPORT_KINDS
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.common.unsaved import has_unsaved, resolve_unsaved
from msp_desk.ui.common.wheel_guard import install_wheel_guard
from msp_desk.ui.common.words import import_words, word
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower
from msp_desk.ui.tasks import TaskRunner
from msp_desk.ui.theme import STYLE_SHEET, light_palette
from msp_desk.ui.today.page import TodayPage

if TYPE_CHECKING:
    from msp_desk.services.changes import Changes
    from msp_desk.services.reports.catalogue import ReportRequest
    from msp_desk.ui.clients.page import ClientsPage
    from msp_desk.ui.dashboard.page import DashboardPage
    from msp_desk.ui.finances.page import FinancesPage
    from msp_desk.ui.ladder.page import LadderPage
    from msp_desk.ui.referrals.page import ReferralsPage
    from msp_desk.ui.reports.page import ReportsPage
    from msp_desk.ui.reviews.page import ReviewsPage
    from msp_desk.ui.settings.page import SettingsPage

    # What a page is: each re-reads the database on ``refresh()`` (F5).
    Page = (
        TodayPage
        | DashboardPage
        | ClientsPage
        | LadderPage
        | ReferralsPage
        | ReviewsPage
        | FinancesPage
        | ReportsPage
        | SettingsPage
    )

PAGES = (
    ("today", "Today"),
    ("dashboard", "Dashboard"),
    ("clients", "Clients"),
    ("ladder", "Ladder"),
    ("referrals", "Referrals"),
    ("reviews", "Reviews"),
    ("finances", "Spend & revenue"),
    ("reports", "Reports"),
    ("settings", "Settings"),
)
DEFAULT_SIZE = QSize(1280, 820)
MIN_SIZE = QSize(760, 500)


class MainWindow(QMainWindow):
    """``MainWindow(db, today)``: Today (the page it opens on), Dashboard, Clients and the rest,
    switched from the list on the left.

    ``runner`` reads the dashboard's data; without one it is read at once (``SyncRunner``)."""

    def __init__(
        self,
        db: Database,
        today: dt.date | None = None,
        *,
        title_suffix: str = "",
        settings: QSettings | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        install_wheel_guard()  # before any field is made: the wheel scrolls past unfocused fields
        self.setObjectName("main_window")
        self._title_suffix = title_suffix
        self.setPalette(light_palette())
        self.setStyleSheet(STYLE_SHEET)
        # Every page is built with this: the database, the day, every write of the GUI (the undo
        # stack and the announcements of what changed), the task runner, the window settings.
        self.context = PageContext.open(
            db, today or dt.date.today(), runner=runner, settings=settings, parent=self
        )
        self.edits = self.context.edits
        self.edits.changed.connect(self._on_changed)
        self.edits.failed.connect(self._on_edit_failed)

        # The window opens on Today; every other page is built when first shown.
        self.today = self._build_today()
        self._built: dict[str, Page] = {"today": self.today}
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        for key, _title in PAGES:
            built = self._built.get(key)
            self.pages.addWidget(built if built is not None else QWidget())  # a placeholder until shown

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.addItems([title for _key, title in PAGES])
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(0)

        self.shop_label = QLabel()
        self.shop_label.setObjectName("nav_shop")
        self.shop_label.setWordWrap(True)
        brand = QLabel("MSP Desk")
        brand.setObjectName("nav_brand")
        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(200)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(12, 18, 12, 12)
        side.setSpacing(2)
        side.addWidget(brand)
        side.addWidget(self.shop_label)
        side.addSpacing(14)
        side.addWidget(self.nav, 1)

        central = QWidget()
        central.setObjectName("central")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel(str(db.path))
        self.db_label.setObjectName("status_db")
        self.db_label.setToolTip("The database file this window shows")
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        ChangeFollower(self, self.edits, SETTINGS_TABLES, lambda _changes: self._show_shop())
        self.setMinimumSize(MIN_SIZE)  # small enough for a 1366x768 laptop at 150% scaling
        self._restore_geometry()
        self._show_shop()

    # -- public ----------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow([k for k, _title in PAGES].index(key))

    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()][0]

    def page(self, key: str) -> Page:
        """The page ``key``, built now if it has not been shown yet."""
        page = self._built.get(key)
        if page is None:
            page = self._built[key] = self._build_page(key)
            changed = getattr(page, "unsaved_changed", None)
            if changed is not None:
                changed.connect(self._mark_unsaved)
            index = [k for k, _title in PAGES].index(key)
            placeholder = self.pages.widget(index)
            current = self.pages.currentIndex()
            self.pages.insertWidget(index, page)
            if placeholder is not None:  # every page has one until built
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages.setCurrentIndex(current)
        return page

    @property
    def clients(self) -> ClientsPage:
        """The Clients page (built on first use: with 20,000 clients it costs a fraction of a second)."""
        from msp_desk.ui.clients.page import ClientsPage

        page = self.page("clients")
        assert isinstance(page, ClientsPage)
        return page

    @property
    def dashboard(self) -> DashboardPage:
        """The Dashboard page (built on first use)."""
        from msp_desk.ui.dashboard.page import DashboardPage

        page = self.page("dashboard")
        assert isinstance(page, DashboardPage)
        return page

    def built_pages(self) -> list[str]:
        """Keys of the pages built so far, in navigation order."""
        return [key for key, _title in PAGES if key in self._built]

    def focus_client_search(self) -> None:
        """Ctrl+F: open Clients with the search box focused and its text selected."""
        self.show_page("clients")
        self.clients.focus_search()

    def new_client(self) -> None:
        """Ctrl+N: the new-client dialog; the client it creates is shown on the Clients page."""
        from msp_desk.ui.clients.new_client_dialog import NewClientDialog

        dialog = NewClientDialog(self.context.db, self.context.today, self.edits, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self.show_client)
        self.new_client_dialog = dialog  # the one open (tests drive it)
        dialog.open()

    def import_file(self, kind: str) -> None:
        """File ▸ Import: the import wizard for ``kind`` (one of ``services.imports.files.KINDS``)."""
        from msp_desk.ui.imports.wizard import ImportWizard

        dialog = ImportWizard(self.context, kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog = dialog  # the one open (tests drive it)
        dialog.open()

    def show_client(self, client_id: int) -> None:
        """Open the Clients page on ``client_id``: its row selected, its detail beside it."""
        self.show_page("clients")
        page = self.clients
        if page.select_client(client_id):
            page.open_detail(client_id)

    def start_on_ladder(self, client_id: int) -> None:
        """A won referral's client: open it on the Clients page with its Start dialog."""
        self.show_client(client_id)
        detail = self.clients.detail
        if detail is not None and detail.client_id == client_id:
            detail.account.open_action("start")

    def record_qbr(self, client_id: int) -> None:
        """Open the client on the Clients page, on its QBRs tab, with the QBR record dialog."""
        self.show_client(client_id)
        detail = self.clients.detail
        if detail is not None and detail.client_id == client_id:
            detail.show_tab("qbrs")
            detail.qbrs.record()

    def open_report(self, request: ReportRequest) -> None:
        """Open the Reports page on the report ``request`` asks for, previewing it."""
        from msp_desk.ui.reports.page import ReportsPage

        self.show_page("reports")
        page = self.page("reports")
        assert isinstance(page, ReportsPage)
        page.open_report(request)

    def open_qbr_packet(self, client_id: int) -> None:
        """The client's QBR packet on the Reports page."""
        from msp_desk.services.reports.catalogue import QBR, ReportRequest

        self.open_report(ReportRequest(QBR, client_id=client_id))

    def refresh(self) -> None:
        """Re-read every page built so far from the database (F5, or after a write elsewhere);
        a page not built yet reads the database when first shown."""
        for page in self._built.values():
            page.refresh()
        self._show_shop()
        self.statusBar().showMessage("Reloaded from the database", 4000)

    # -- building ------------------------------------------------------------------------
    def _build_today(self) -> TodayPage:
        today = TodayPage(self.context)
        today.open_client.connect(self.show_client)
        today.go_to.connect(self.show_page)
        today.add_client_requested.connect(self.new_client)
        today.import_requested.connect(self.import_file)
        today.task_bar.record_qbr = self.record_qbr  # Done on a QBR opens its record
        return today

    def _build_page(self, key: str) -> Page:
        if key == "dashboard":
            from msp_desk.ui.dashboard.page import DashboardPage

            dashboard = DashboardPage(self.context)
            dashboard.go_to.connect(self.show_page)
            return dashboard
        if key == "clients":
            from msp_desk.ui.clients.page import ClientsPage

            clients = ClientsPage(self.context)
            clients.add_client_requested.connect(self.new_client)
            clients.offer_import("Import clients…", "import_clients", lambda: self.import_file("clients"))
            clients.qbr_packet_requested.connect(self.open_qbr_packet)
            return clients
        if key == "ladder":
            from msp_desk.ui.ladder.page import LadderPage

            return LadderPage(self.context)
        if key == "referrals":
            from msp_desk.ui.referrals.page import ReferralsPage

            page = ReferralsPage(self.context)
            page.start_client.connect(self.start_on_ladder)
            page.report_requested.connect(self.open_report)
            return page
        if key == "reviews":
            from msp_desk.ui.reviews.page import ReviewsPage

            reviews = ReviewsPage(self.context)
            reviews.open_client.connect(self.show_client)
            return reviews
        if key == "finances":
            from msp_desk.ui.finances.page import FinancesPage

            finances = FinancesPage(self.context)
            finances.import_requested.connect(self.import_file)
            return finances
        if key == "reports":
            from msp_desk.ui.reports.page import ReportsPage

            reports = ReportsPage(self.context)
            reports.add_client_requested.connect(self.new_client)
            return reports
        if key == "settings":
            from msp_desk.ui.settings.page import SettingsPage

            return SettingsPage(self.context)
        raise KeyError(key)

    def _show_row(self, row: int) -> None:
        leaving = self.pages.currentIndex()
        if row != leaving and not self.may_leave(PAGES[leaving][0]):
            blocked = self.nav.blockSignals(True)  # stay: the list shows the page still open
            self.nav.setCurrentRow(leaving)
            self.nav.blockSignals(blocked)
            return
        self.page(PAGES[row][0])
        self.pages.setCurrentIndex(row)

    # -- unsaved edits -------------------------------------------------------------------
    def may_leave(self, key: str) -> bool:
        """Whether page ``key`` may be left: it has no unsaved edits, or the user saved or
        discarded them when asked (Save / Discard / Cancel)."""
        page = self._built.get(key)
        if page is None or not has_unsaved(page):
            return True
        return resolve_unsaved(self, page.unsaved_what, page.save_unsaved, page.discard_unsaved)

    def _mark_unsaved(self, *_args: object) -> None:
        """The title says "*" while a page holds unsaved edits."""
        self._show_shop()

    def _unsaved(self) -> bool:
        return any(has_unsaved(page) for page in self._built.values())

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(
            file_menu, "&New client…", QKeySequence.StandardKey.New, self.new_client, "action_new_client"
        )
        imports = file_menu.addMenu("&Import")
        for kind in IMPORT_KINDS:
            self._action(
                imports,
                f"{word(import_words(kind))}…",
                None,
                functools.partial(self.import_file, kind),
                f"action_import_{kind}",
            )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close, "action_quit")
        edit_menu = bar.addMenu("&Edit")
        undo = self.edits.stack.createUndoAction(self, "&Undo")
        undo.setObjectName("action_undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.edits.stack.createRedoAction(self, "&Redo")
        redo.setObjectName("action_redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        for action in (undo, redo):
            edit_menu.addAction(action)
            self.addAction(action)
        edit_menu.addSeparator()
        self._action(
            edit_menu, "&Find client…", QKeySequence.StandardKey.Find, self.focus_client_search, "action_find"
        )
        view_menu = bar.addMenu("&View")
        for n, (key, title) in enumerate(PAGES, start=1):
            self._action(
                view_menu,
                f"&{title}",
                QKeySequence(f"Ctrl+{n}"),
                self._page_shower(key),
                f"action_show_{key}",
            )
        view_menu.addSeparator()
        self._action(view_menu, "&Reload", QKeySequence.StandardKey.Refresh, self.refresh, "action_reload")
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About MSP Desk", None, self._about, "action_about")

    def _page_shower(self, key: str) -> Callable[[], None]:
        return lambda: self.show_page(key)

    def _action(
        self,
        menu: QMenu,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
        name: str,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _on_changed(self, changes: Changes) -> None:
        """A write, undo or redo happened: confirm it (each page re-reads what it concerns)."""
        self.statusBar().showMessage(changes.message, 6000)

    def _on_edit_failed(self, message: str) -> None:
        QMessageBox.warning(self, "MSP Desk", message)

    def _show_shop(self) -> None:
        shop = shop_profile(self.context.db)
        unsaved = self._unsaved()
        # "[*]" only while there is something unsaved: Qt shows it as "*" (and windowTitle() stays plain).
        self.setWindowTitle(f"MSP Desk — {shop.name}{self._title_suffix}{'[*]' if unsaved else ''}")
        self.setWindowModified(unsaved)
        self.shop_label.setText(shop.name + self._title_suffix)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About MSP Desk",
            f"<b>MSP Desk</b> {msp_desk.__version__}<br>Grow the value of every client account: roster, "
            "service ladder and KPIs, offline on your own computer.",
        )

    # -- window state --------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.context.settings.value("main_window/geometry")
        state = self.context.settings.value("main_window/state")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            if isinstance(state, QByteArray):
                self.restoreState(state)
        else:
            self.resize(DEFAULT_SIZE.boundedTo(self.screen().availableGeometry().size()))

    def save_geometry(self) -> None:
        self.context.settings.setValue("main_window/geometry", self.saveGeometry())
        self.context.settings.setValue("main_window/state", self.saveState())
        self.context.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        """Quitting asks first about each page's unsaved edits; Cancel keeps the window open."""
        for key in self.built_pages():
            if not self.may_leave(key):
                event.ignore()
                return
        self.save_geometry()
        super().closeEvent(event)
