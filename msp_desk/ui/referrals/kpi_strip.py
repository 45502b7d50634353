"""A compact strip of referral KPI tiles over the last 12 full months: referrals received (with a
bar sparkline), conversion, median days to win, referral share of new clients vs its benchmark,
and referral CAC vs the other channels."""

from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.services.referrals.kpis import ReferralKpis as Figures
from msp_desk.services.referrals.kpis import referral_kpis
from msp_desk.services.shop.settings import ShopProfile, shop_profile
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower

GOOD, BAD = "good", "bad"  # a figure's tone: the style sheet colours it


# What the figures are computed from: referrals, the clients they became and their lines,
# marketing spend and rewards settled (referral CAC), the benchmark.
SHOWS = frozenset({"referral", "client", "contract_line", "marketing_spend", "reward", "shop_settings"})


class Sparkline(QWidget):
    """Bars of a short series (referrals received a month); the months are in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("received_sparkline")
        self.values: list[int] = []
        self.setMinimumSize(96, 26)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        return QSize(120, 28)

    def set_values(self, values: list[int]) -> None:
        self.values = list(values)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt name
        if not self.values:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = max(max(self.values), 1)
        width = self.width() / len(self.values)
        bar, empty = theme.color("chart_bar"), theme.color("chart_bar_empty")
        for n, value in enumerate(self.values):
            height = max(2.0, (self.height() - 2) * value / top) if value else 1.0
            color = bar if value else empty
            painter.fillRect(QRectF(n * width + 1, self.height() - height, width - 2, height), color)
        painter.end()


class _Tile(QFrame):
    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        name = f"kpi_{key}"
        self.setObjectName(name)
        self.setProperty("role", "kpi_tile")
        self.title = QLabel(title)
        self.title.setProperty("role", "kpi_title")
        self.value = QLabel()
        self.value.setObjectName(f"{name}_value")
        self.value.setProperty("role", "kpi_value")
        self.note = QLabel()
        self.note.setObjectName(f"{name}_note")
        self.note.setProperty("role", "kpi_note")
        self.note.setWordWrap(True)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.value)
        self.row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 10, 6)
        column.setSpacing(1)
        column.addWidget(self.title)
        column.addLayout(self.row)
        column.addWidget(self.note)

    def show_figures(self, value: str, note: str, tone: str | None = None, tip: str = "") -> None:
        """``tone``: GOOD or BAD colours the figure (None: plain)."""
        self.value.setText(value)
        theme.restyle(self.value, tone=tone or "")
        self.note.setText(note)
        self.setToolTip(tip)


class ReferralKpis(QWidget):
    """``ReferralKpis(ctx)``: the tiles, read by ``ctx.runner`` (every contract line is read: off
    the UI thread in the app); read again after the writes that change them, or ``refresh()``."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referral_kpis")
        self._db, self._today, self._runner = ctx.db, ctx.today, ctx.runner
        self._generation = 0  # a read's number: an older one arriving late is dropped
        self.figures: Figures | None = None
        self.received = _Tile("received", "Referrals received")
        self.sparkline = Sparkline()
        self.received.row.addWidget(self.sparkline)
        self.conversion = _Tile("conversion", "Conversion (won / decided)")
        self.days = _Tile("days_to_win", "Median days to win")
        self.share = _Tile("share", "Referral share of new clients")
        self.cac = _Tile("cac", "Referral CAC")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for tile, stretch in (
            (self.received, 3),
            (self.conversion, 2),
            (self.days, 2),
            (self.share, 3),
            (self.cac, 3),
        ):
            row.addWidget(tile, stretch)
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, lambda _changes: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again (by the runner); the tiles show the old ones until then."""
        self._generation += 1
        generation, db, today = self._generation, self._db, self._today
        self._runner.submit(
            lambda: (shop_profile(db), referral_kpis(db, today)),
            lambda read: self._show(generation, *read),
            context=self,
        )

    def _show(self, generation: int, profile: ShopProfile, k: Figures) -> None:
        if generation != self._generation:
            return
        loc, cur = profile.locale, profile.currency
        self.figures = k
        window = (
            f"{fmt.month_abbr(k.first, loc, with_year=True)} – {fmt.month_abbr(k.last, loc, with_year=True)}"
        )
        counts = [n for _, n in k.received]
        self.sparkline.set_values(counts)
        months = "\n".join(f"{fmt.month_text(m, loc)}: {fmt.count(n, loc)}" for m, n in k.received)
        self.received.show_figures(
            fmt.count(k.received_total, loc),
            f"in 12 months · {format_decimal(k.received_total / 12, '#,##0.#', locale=loc)} a month",
            tip=f"{window}\n{months}",
        )
        self.conversion.show_figures(
            fmt.percent(k.conversion, loc, 0),
            f"{fmt.count(k.won, loc)} won · {fmt.count(k.lost, loc)} lost",
            tip=window,
        )
        days = (
            fmt.NO_DATA
            if k.median_days_to_win is None
            else fmt.plural(round(k.median_days_to_win), "day", locale=loc)
        )
        self.days.show_figures(days, "received → won", tip=window)
        low, high = k.benchmark
        band = f"{fmt.percent(low, loc, 0)}–{fmt.percent(high, loc, 0)}"
        tone = None if k.share is None else (BAD if k.share < low else GOOD)
        verdict = (
            "" if k.share is None else ("below" if k.share < low else "above" if k.share > high else "within")
        )
        self.share.show_figures(
            fmt.percent(k.share, loc, 0),
            f"{fmt.count(k.referred_new_clients, loc)} of {fmt.count(k.new_clients, loc)} new · target {band}",
            tone,
            f"New clients won through a referral or a partner, {window}: {verdict or 'no data'}"
            f" the {band} benchmark (seed 002)",
        )
        others = sorted(((c, v) for c, v in k.other_cac.items() if v is not None), key=lambda cv: cv[1])
        partner = k.cac.get("partner")
        words = [f"partner {fmt.money_whole(partner, cur, loc)}"] if partner is not None else []
        words += [f"{channel} {fmt.money_whole(v, cur, loc)}" for channel, v in others]
        everyone = k.cac.get("all")
        if everyone is not None:
            words.append(f"all {fmt.money_whole(everyone, cur, loc)}")
        cheaper = k.referral_cac is not None and any(v > k.referral_cac for _, v in others)
        self.cac.show_figures(
            fmt.money_whole(k.referral_cac, cur, loc),
            " · ".join(words) or "no other channel's CAC to compare",
            GOOD if cheaper else None,
            f"Spend (rewards settled included) / new clients of each channel, {window}",
        )
