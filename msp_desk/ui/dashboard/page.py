"""The Dashboard page: KPI tiles of the last full month against benchmarks, and the MRR chart."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.values import Month
from msp_desk.services.kpis.benchmarks import BAD, GOOD, WATCH, Verdict, verdicts
from msp_desk.services.kpis.dashboard import dashboard_tiles, shop_mrr_month_ends_stored, stored_dashboard
from msp_desk.services.kpis.reasons import PLACE_TITLES, kpi_gaps
from msp_desk.services.kpis.snapshots import default_month
from msp_desk.services.shop.settings import ShopProfile
from msp_desk.ui import theme
from msp_desk.ui.common.empty_state import EmptyState
from msp_desk.ui.common.layout import fill_with
from msp_desk.ui.common.words import TICKET_WORDS
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower

if TYPE_CHECKING:
    from msp_desk.kpi.snapshot import KpiSnapshot

CHART_MONTHS = 24
TILE_LAYOUTS = (6, 4, 3, 2)  # tiles a row, widest first
OK, WARN, NEUTRAL = "ok", "warn", "none"
MARKS = {OK: "✓ ", WARN: "⚠ ", NEUTRAL: ""}
TILE_TITLES = {  # in the order the tiles are laid out
    "mrr": "MRR",
    "arr": "ARR",
    "active_clients": "Active clients",
    "arpa": "ARPA",
    "net_mrr_churn": "Net MRR churn",
    "nrr_12m": "NRR 12 months",
    "gross_margin": "Gross margin",
    "clv_cac": "CLV : CAC",
    "mttr_p1": "MTTR P1",
    "sla": "SLA compliance",
    "fcr": "First-contact resolution",
    "referral_share": "Referral share",
}
TILE_KEYS = tuple(TILE_TITLES)


@dataclass(frozen=True)
class Reading:
    """What one tile shows: its value text, the benchmark hint and whether it meets it."""

    key: str
    title: str
    text: str
    hint: str
    tone: str  # ok, warn, or none (no benchmark, or no data)
    tooltip: str
    place: str = ""  # the page a click opens to enter what is missing ("" none)


TONES = {GOOD: OK, WATCH: WARN, BAD: WARN, None: NEUTRAL}  # a tile marks a near miss as a miss


def _tone(verdict: Verdict) -> str:
    return TONES[verdict.status]


def readings(
    s: KpiSnapshot,
    bench: dict[str, Any],
    currency: str,
    locale: str,
    tickets: str = "tickets",
    *,
    uncosted_revenue: bool = False,
) -> list[Reading]:
    """The dashboard tiles of snapshot ``s`` (in ``TILE_KEYS`` order), judged against ``bench``;
    a tile that cannot be shown says why (``reasons.kpi_gaps``) and where that is entered.

    ``tickets`` is the shop's word for them ("requests" in a VA agency); ``uncosted_revenue``:
    one-off revenue of the month lacks its direct cost."""
    gaps = kpi_gaps(s, locale, tickets, uncosted_revenue=uncosted_revenue)
    found = []
    for reading in _figures(s, bench, currency, locale, tickets):
        gap = gaps.get(reading.key)
        if gap is not None:
            tip = reading.tooltip if reading.key == "arr" else f"{reading.title} cannot be worked out yet"
            reading = replace(reading, hint=gap.reason, tooltip=f"{tip}: {gap.reason}", place=gap.place)
        found.append(reading)
    return found


def _figures(
    s: KpiSnapshot, bench: dict[str, Any], currency: str, locale: str, tickets: str
) -> list[Reading]:

    def pct(x: float | None, digits: int = 1) -> str:
        return fmt.percent(x, locale, digits)

    def money(c: int | None) -> str:
        return fmt.money_whole(c, currency, locale)

    def short(c: int) -> str:
        return fmt.money_compact(c, currency, locale)

    def tip(value: object, text: str) -> str:
        return fmt.NO_DATA_TIP if value is None else text

    judged = verdicts(s, bench, currency, locale)
    month = fmt.month_text(s.month, locale)
    Tickets = tickets.capitalize()  # noqa: N806 - reads as the capitalised word
    growth = s.mrr_growth_12m
    growth_hint = f"target {judged['mrr_growth_12m'].target}"
    if growth is not None:
        growth_hint = f"{'+' if growth >= 0 else ''}{pct(growth)} in 12 months\n{growth_hint}"
    ape_target = judged["arr_per_employee"].target
    ape_hint = f"target {ape_target} per employee"
    if s.arr_per_employee is not None:
        ape_hint = f"{short(s.arr_per_employee)} per employee\ntarget {ape_target}"
    mttr_p1 = (s.mttr_hours or {}).get("P1")
    return [
        Reading(
            "mrr",
            TILE_TITLES["mrr"],
            money(s.mrr),
            growth_hint,
            _tone(judged["mrr_growth_12m"]),
            f"Monthly recurring revenue at the end of {month}: {fmt.money(s.mrr, currency, locale)}",
        ),
        Reading(
            "arr",
            TILE_TITLES["arr"],
            money(s.arr),
            ape_hint,
            _tone(judged["arr_per_employee"]),
            "Annual recurring revenue: 12 × MRR",
        ),
        Reading(
            "active_clients",
            TILE_TITLES["active_clients"],
            fmt.count(s.active_clients, locale),
            "paying at month end",
            NEUTRAL,
            f"Clients with recurring revenue at the end of {month}",
        ),
        Reading(
            "arpa",
            TILE_TITLES["arpa"],
            money(s.arpa),
            "average MRR per client",
            NEUTRAL,
            tip(s.arpa, f"Average revenue per account: {fmt.money(s.arpa, currency, locale)}"),
        ),
        Reading(
            "net_mrr_churn",
            TILE_TITLES["net_mrr_churn"],
            pct(s.net_mrr_churn_rate),
            f"target {judged['net_mrr_churn'].target}",
            _tone(judged["net_mrr_churn"]),
            tip(
                s.net_mrr_churn_rate,
                "(churn + contraction − expansion) ÷ last month's MRR; negative is net negative churn",
            ),
        ),
        Reading(
            "nrr_12m",
            TILE_TITLES["nrr_12m"],
            pct(s.nrr_12m),
            "over 100% = accounts grew",
            NEUTRAL,
            tip(s.nrr_12m, "MRR now of the clients paying 12 months ago ÷ their MRR then"),
        ),
        Reading(
            "gross_margin",
            TILE_TITLES["gross_margin"],
            pct(s.gross_margin),
            f"target {judged['gross_margin'].target}",
            _tone(judged["gross_margin"]),
            tip(s.gross_margin, f"(revenue − direct costs) ÷ revenue in {month}"),
        ),
        Reading(
            "clv_cac",
            TILE_TITLES["clv_cac"],
            fmt.ratio(s.clv_cac, locale),
            f"target {judged['clv_cac'].target}",
            _tone(judged["clv_cac"]),
            tip(s.clv_cac, "Lifetime gross profit of a client ÷ what it cost to win one"),
        ),
        Reading(
            "mttr_p1",
            TILE_TITLES["mttr_p1"],
            fmt.hours(mttr_p1, locale),
            f"target {judged['mttr_p1'].target}",
            _tone(judged["mttr_p1"]),
            tip(mttr_p1, f"Mean time to resolve the critical (P1) {tickets} resolved in {month}"),
        ),
        Reading(
            "sla",
            TILE_TITLES["sla"],
            pct(s.sla_compliance),
            f"target {judged['sla'].target}",
            _tone(judged["sla"]),
            tip(s.sla_compliance, f"{Tickets} that met their response and resolution targets"),
        ),
        Reading(
            "fcr",
            TILE_TITLES["fcr"],
            pct(s.fcr),
            f"target {judged['fcr'].target}",
            _tone(judged["fcr"]),
            tip(s.fcr, f"{Tickets} resolved on first contact ÷ resolved {tickets} where it is known"),
        ),
        Reading(
            "referral_share",
            TILE_TITLES["referral_share"],
            pct(s.referral_share_new, 0),
            f"target {judged['referral_share'].target}",
            _tone(judged["referral_share"]),
            tip(s.referral_share_new, "New clients won through referrals and partners"),
        ),
    ]


class KpiTile(QFrame):
    """A card with a KPI's title, value (``tile_<key>_value``) and benchmark hint; a tile missing
    an input says which in its hint, and a click emits ``go_to`` with the page that fills it."""

    go_to = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.place = ""
        self.setObjectName(f"tile_{key}")
        self.setProperty("role", "tile")
        self.title = QLabel()
        self.title.setObjectName(f"tile_{key}_title")
        self.title.setProperty("role", "tile_title")
        self.value = QLabel()
        self.value.setObjectName(f"tile_{key}_value")
        self.value.setProperty("role", "tile_value")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel()
        self.hint.setObjectName(f"tile_{key}_hint")
        self.hint.setProperty("role", "tile_hint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def show_reading(self, reading: Reading) -> None:
        self.title.setText(reading.title)
        self.value.setText(reading.text)
        self.hint.setText(MARKS[reading.tone] + reading.hint)
        self.place = reading.place
        opens = PLACE_TITLES.get(self.place, self.place.capitalize())
        tooltip = reading.tooltip + (f"\nClick to open {opens}" if self.place else "")
        self.value.setToolTip(tooltip)
        self.setToolTip(tooltip)
        if self.place:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        for widget in (self, self.hint):
            if widget.property("tone") != reading.tone:
                theme.restyle(widget, tone=reading.tone)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        if self.place and event.button() == Qt.MouseButton.LeftButton:
            self.go_to.emit(self.place)
        super().mouseReleaseEvent(event)


# The tables the KPIs and the MRR chart are computed from.
SHOWS = frozenset(
    {
        "client",
        "contract_line",
        "ticket",
        "tier",
        "project_revenue",
        "marketing_spend",
        "reward",
        "shop_settings",
    }
)


class DashboardPage(QWidget):
    """Tiles for ``default_month(today)``; the chart is built once the tiles have painted.

    Figures stored by an earlier start are shown at once, before the window first paints. Else
    the KPIs and the chart's series are computed by ``ctx.runner`` (off the UI thread in the app,
    so the window shows at once and the two reads overlap); the tiles fill when the KPIs arrive.
    They are read again after the writes that change the figures (``SHOWS``).
    """

    go_to = Signal(str)  # a page to open: where the input a tile is missing is entered

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard_page")
        self._db = db = ctx.db
        self._runner = ctx.runner
        self.month: Month = default_month(ctx.today)
        self.chart: Any = None  # MrrChart once built (pyqtgraph is imported then)
        self._chart_scheduled = False
        self._filled = False  # the tiles show data (the chart waits for that)
        self._series: list[int] | None = None  # the chart's MRR, once read
        self._generation = 0  # a refresh's number: older results arriving late are dropped
        self._currency, self._locale = "USD", "en_US"

        title = QLabel("Dashboard")
        title.setObjectName("page_title")
        self.period = QLabel()
        self.period.setObjectName("dashboard_period")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.period, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)

        self._grid = QGridLayout()
        self._grid.setSpacing(12)
        self._columns = 0
        self.tiles = {key: KpiTile(key) for key in TILE_KEYS}
        for key, tile in self.tiles.items():  # titled while the figures are read: no reflow later
            tile.title.setText(TILE_TITLES[key])
        self.tiles[TILE_KEYS[0]].installEventFilter(self)
        for tile in self.tiles.values():
            tile.go_to.connect(self.go_to)
        self.empty = EmptyState(
            "dashboard_empty",
            "No recurring revenue yet",
            "The figures below fill in as your clients are started on the rungs of your ladder. "
            "Set up the ladder first if it is empty, then add your clients.",
        )
        self.empty.add_action("Add clients", "dashboard_to_clients", lambda: self.go_to.emit("clients"))
        self.empty.add_action("Set up your ladder", "dashboard_to_ladder", lambda: self.go_to.emit("ladder"))
        self.empty.hide()

        self.chart_card = QFrame()
        self.chart_card.setObjectName("chart_card")
        self.chart_title = QLabel()
        self.chart_title.setObjectName("chart_title")
        self._chart_layout = QVBoxLayout(self.chart_card)
        self._chart_layout.setContentsMargins(16, 12, 16, 12)
        self._chart_layout.addWidget(self.chart_title)
        self.chart_card.setMinimumHeight(260)

        content = QWidget()
        content.setObjectName("dashboard_content")
        column = QVBoxLayout(content)
        column.setContentsMargins(*theme.PAGE_MARGINS)
        column.setSpacing(16)
        column.addLayout(header)
        column.addWidget(self.empty)
        column.addLayout(self._grid)
        column.addWidget(self.chart_card, 1)
        fill_with(self, content, "dashboard_scroll")
        self._reflow()  # the (empty) tiles are laid out before their data arrives
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, lambda _changes: self.refresh())
        start = stored_dashboard(db, self.month, self.month - (CHART_MONTHS - 1))
        if start is None:
            self.refresh()
        else:  # figures kept from an earlier start: the first paint shows them
            self._series = start.mrr_month_ends
            self._show_tiles(self._generation, start.profile, start.snapshot)

    def refresh(self) -> None:
        """Re-read the KPIs and the chart's series from the database."""
        self._generation += 1
        self._series = None
        generation, db, month = self._generation, self._db, self.month
        first = month - (CHART_MONTHS - 1)
        self._runner.submit(
            lambda: dashboard_tiles(db, month), lambda data: self._show_tiles(generation, *data), context=self
        )
        # Read beside the KPIs (SQLite sums it with the GIL released): ready when the chart is built.
        self._runner.submit(
            lambda: shop_mrr_month_ends_stored(db, first, month),
            lambda cents: self._take_series(generation, cents),
            context=self,
        )

    def _show_tiles(self, generation: int, profile: ShopProfile, snapshot: KpiSnapshot) -> None:
        if generation != self._generation:
            return
        bench = profile.benchmarks()
        self._currency, self._locale = profile.currency, profile.locale
        tickets = TICKET_WORDS.get(profile.kind, "tickets")
        uncosted = snapshot.gross_margin is None and snapshot.mrr > 0 and self._revenue_without_cost()
        for reading in readings(
            snapshot, bench, self._currency, self._locale, tickets, uncosted_revenue=uncosted
        ):
            self.tiles[reading.key].show_reading(reading)
        self.period.setText(f"{fmt.month_text(self.month, self._locale)} · last full month")
        self.empty.setVisible(not snapshot.mrr and not snapshot.active_clients)
        self._filled = True
        self._reflow()
        self._load_chart()

    def _revenue_without_cost(self) -> bool:
        """Which direct cost an unknown margin misses, read only then (a small indexed query;
        SQLAlchemy is not loaded to paint stored figures)."""
        from msp_desk.services.finances.revenue import revenue_without_cost

        return revenue_without_cost(self._db, self.month)

    # -- layout --------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        """Six tiles a row when they fit, else four, three or two: values are never clipped."""
        spacing = self._grid.spacing()
        needed = max(tile.minimumSizeHint().width() for tile in self.tiles.values())
        available = self.width() - 48  # the content margins
        fitting = (n for n in TILE_LAYOUTS if n * needed + (n - 1) * spacing <= available)
        columns = next(fitting, TILE_LAYOUTS[-1])
        if columns == self._columns:
            return
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
        for n, key in enumerate(TILE_KEYS):
            self._grid.addWidget(self.tiles[key], n // columns, n % columns)
        for c in range(max(TILE_LAYOUTS)):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
        self._columns = columns

    # -- the chart, built lazily ---------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint and self._filled and not self._chart_scheduled:
            self._chart_scheduled = True  # the tiles are on screen with data: now pay for pyqtgraph
            QTimer.singleShot(0, self._build_chart)
        return super().eventFilter(watched, event)

    def _build_chart(self) -> None:
        from msp_desk.ui.dashboard.mrr_chart import MrrChart

        self.chart = MrrChart(self._currency, self._locale, parent=self.chart_card)
        self._chart_layout.addWidget(self.chart, 1)
        self._load_chart()

    def _take_series(self, generation: int, cents: list[int]) -> None:
        if generation == self._generation:
            self._series = cents
            self._load_chart()

    def _load_chart(self) -> None:
        """Show the series once the chart, the series and the shop's locale are all there."""
        if self.chart is None or self._series is None or not self._filled:
            return
        series = self._series
        first = self.month - (CHART_MONTHS - 1)
        start = next((i for i, cents in enumerate(series) if cents), len(series))
        months = [first + i for i in range(start, len(series))]
        if not months:
            self.chart_title.setText("MRR")
        elif len(months) == CHART_MONTHS:
            self.chart_title.setText(f"MRR · last {CHART_MONTHS} months")
        else:
            self.chart_title.setText(f"MRR · since {fmt.month_text(months[0], self._locale)}")
        self.chart.set_series(months, series[start:], self._currency, self._locale)
