"""The Ladder page: the rungs in rank order (price, who is on each, inclusions, response targets)
and the add-ons by growth stage (run -> protect -> optimize -> scale), each editable, repriceable
from a date and retirable through the undo stack."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.ladder import editing as ladder
from msp_desk.services.ladder import items as ladder_view
from msp_desk.services.ladder.items_shared import ItemKind
from msp_desk.services.shop.settings import ShopProfile, shop_profile
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.common.layout import fill_with
from msp_desk.ui.context import PageContext
from msp_desk.ui.ladder.cards import AddOnCard, Figures, RungCard, ShopWords
from msp_desk.ui.ladder.empty import LadderOffer
from msp_desk.ui.ladder.fields import STAGE_TITLES
from msp_desk.ui.ladder.item_dialogs import AddOnDialog, TierDialog
from msp_desk.ui.ladder.moves import LadderMoves
from msp_desk.ui.ladder.price_dialog import PriceDialog
from msp_desk.ui.refresh import ChangeFollower

if TYPE_CHECKING:
    from msp_desk.services.ladder.growth import LadderOverview

RUNG_MIN_WIDTH = 250  # px a rung card needs; fewer rungs a row below that
STAGE_MIN_WIDTH = 230


@dataclass(frozen=True)
class LadderData:
    """What the page shows, read in one go (off the UI thread when a runner is given)."""

    profile: ShopProfile
    items: ladder_view.LadderItems
    figures: dict[int, Figures]  # by tier id
    overview: LadderOverview


# The tables the page shows: the ladder itself, and who is on each rung (lines, clients).
SHOWS = frozenset(
    {"tier", "addon", "response_target", "price_change", "contract_line", "client", "shop_settings"}
)


def read_ladder(db: Database, today: dt.date) -> LadderData:
    from msp_desk.services.ladder.growth import ladder_overview

    overview = ladder_overview(db, today)
    figures = {r.tier_id: Figures(r.clients, r.mrr_cents, r.margin) for r in overview.rungs}
    return LadderData(shop_profile(db), ladder_view.ladder_items(db, today), figures, overview)


def moves_text(overview: LadderOverview, locale: str) -> str:
    """Upgrades and downgrades of the last 12 months, and the share of the recent complete start
    cohorts that moved up within 6 months."""

    def times(n: int, noun: str) -> str:
        return f"{fmt.count(n, locale)} {noun}{'' if n == 1 else 's'}"

    up = sum(m.upgrades for m in overview.months)
    down = sum(m.downgrades for m in overview.months)
    parts = [f"Last 12 months: {times(up, 'upgrade')}, {times(down, 'downgrade')}"]
    complete = [c for c in overview.cohorts if c.complete]
    if complete:  # the cohorts of the 12 months to the last complete one
        complete = [c for c in complete if c.month.index > complete[-1].month.index - 12]
    started = sum(c.clients for c in complete)
    if started:
        moved = sum(c.moved_up for c in complete)
        first, last = (
            fmt.month_abbr(complete[0].month, locale, with_year=True),
            fmt.month_abbr(complete[-1].month, locale, with_year=True),
        )
        span = first if first == last else f"{first}–{last}"
        parts.append(
            f"{fmt.percent(moved / started, locale, 0)} of the clients who started {span} moved up within 6 months"
        )
    return " · ".join(parts)


class LadderPage(QWidget):
    """``LadderPage(ctx)``: the ladder on ``ctx.today``; re-read (by ``ctx.runner``) after the
    writes that concern it."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ladder_page")
        self._db, self._today, self._edits = ctx.db, ctx.today, ctx.edits
        self._runner = ctx.runner
        self._generation = 0
        self._words = ShopWords("msp", "USD", "en_US")
        self.data: LadderData | None = None
        self.dialog: QDialog | None = None  # the form or price dialog open last
        self.rung_cards: dict[int, RungCard] = {}
        self.addon_cards: dict[int, AddOnCard] = {}
        self._trash = QWidget()  # old cards wait here (off the page) to be deleted
        self._rung_columns = self._stage_columns = 0

        title = QLabel("Ladder")
        title.setObjectName("page_title")
        self.new_tier = QPushButton("New &tier…")
        self.new_tier.setObjectName("new_tier")
        self.new_tier.setToolTip("Add a rung above the top one")
        self.new_tier.clicked.connect(lambda: self.edit_tier(None))
        self.new_addon = QPushButton("New &add-on…")
        self.new_addon.setObjectName("new_addon")
        self.new_addon.setToolTip("Add an add-on service at a growth stage")
        self.new_addon.clicked.connect(lambda: self.edit_addon(None))
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.new_tier)
        header.addWidget(self.new_addon)
        self.summary = QLabel()
        self.summary.setObjectName("ladder_summary")
        self.message = QLabel()
        self.message.setObjectName("ladder_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.offer = LadderOffer(self.set_up_default)  # shown while the shop has no rungs
        self.offer.hide()

        self.moves = QLabel()
        self.moves.setObjectName("ladder_moves")
        self.moves.setWordWrap(True)
        self.rungs = QGridLayout()
        self.rungs.setSpacing(12)
        self.stages = QGridLayout()
        self.stages.setHorizontalSpacing(14)
        self.stages.setVerticalSpacing(14)
        self.stage_boxes = {stage: self._stage_box(stage) for stage in STAGE_TITLES}

        content = QWidget()
        content.setObjectName("ladder_content")
        column = QVBoxLayout(content)
        column.setContentsMargins(*theme.PAGE_MARGINS)
        column.setSpacing(10)
        column.addLayout(header)
        column.addWidget(self.summary)
        column.addWidget(self.message)
        column.addWidget(self.offer)
        column.addSpacing(6)
        column.addWidget(self._section("Rungs"))
        column.addWidget(self.moves)
        column.addLayout(self.rungs)
        column.addSpacing(10)
        column.addWidget(self._section("Where upgrades come from"))
        self.moves_tables = LadderMoves()
        column.addWidget(self.moves_tables)
        column.addSpacing(10)
        column.addWidget(self._section("Add-ons by growth stage"))
        column.addLayout(self.stages)
        column.addStretch(1)
        self.scroll_area = fill_with(self, content, "ladder_scroll")
        self.scroll_area.viewport().installEventFilter(self)

        self.follower = ChangeFollower(self, ctx.edits, SHOWS, lambda _changes: self.refresh())
        self.refresh()

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("ladder_section")
        return label

    def _stage_box(self, stage: str) -> QFrame:
        title, words = STAGE_TITLES[stage]
        box = QFrame()
        box.setObjectName(f"stage_{stage}")  # the style sheet marks each stage with its colour
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        head = QLabel(title)
        head.setProperty("role", "stage_title")
        sub = QLabel(words)
        sub.setProperty("role", "stage_words")
        column.addWidget(head)
        column.addWidget(sub)
        column.addStretch(1)
        return box

    # -- reading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the ladder (after an edit, an undo, or F5)."""
        self._generation += 1
        generation, db, today = self._generation, self._db, self._today
        self._runner.submit(
            lambda: read_ladder(db, today), lambda data: self._show(generation, data), context=self
        )

    def _show(self, generation: int, data: LadderData) -> None:
        if generation != self._generation:
            return
        self.data = data
        p = data.profile
        self._words = ShopWords(p.kind, p.currency, p.locale)
        for card in (*self.rung_cards.values(), *self.addon_cards.values()):
            card.hide()
            card.setParent(self._trash)  # the button clicked may be among them: deleted later
            card.deleteLater()
        self.rung_cards = {t.id: self._rung_card(t, data.figures.get(t.id)) for t in data.items.tiers}
        self.addon_cards = {a.id: self._addon_card(a) for a in data.items.addons}
        for card in self.addon_cards.values():
            box = self.stage_boxes.get(card.item.growth_stage)
            layout = box.layout() if box is not None else None
            if isinstance(layout, QBoxLayout):  # its title, its words, its cards, then a stretch
                layout.insertWidget(layout.count() - 1, card)
        self._rung_columns = self._stage_columns = 0
        self._reflow()
        self._show_summary(data)
        self.offer.show_for(p.kind, has_tiers=bool(data.items.tiers))

    def _show_summary(self, data: LadderData) -> None:
        locale, currency = data.profile.locale, data.profile.currency
        clients = sum(f.clients for f in data.figures.values())
        mrr = sum(f.mrr_cents for f in data.figures.values())
        offered = sum(t.active for t in data.items.tiers)
        addons = sum(a.active for a in data.items.addons)
        self.summary.setText(
            f"{fmt.plural(clients, 'client', locale=locale)} on the ladder · MRR {fmt.money_whole(mrr, currency, locale)} · "
            f"{fmt.plural(offered, 'rung', locale=locale)} and {fmt.plural(addons, 'add-on', locale=locale)} offered"
        )
        self.moves.setText(moves_text(data.overview, locale))
        self.moves_tables.show_overview(data.overview, {t.rank: t.name for t in data.items.tiers}, locale)

    def _rung_card(self, item: ladder_view.TierItem, figures: Figures | None) -> RungCard:
        card = RungCard(item, figures, self._words)
        card.edit_button.clicked.connect(lambda: self.edit_tier(item.id))
        card.price_button.clicked.connect(lambda: self.change_price("tier", item.id))
        card.retire_button.clicked.connect(lambda: self.set_active("tier", item.id, not item.active))
        if card.delete_button is not None:
            card.delete_button.clicked.connect(lambda: self.delete("tier", item.id))
        return card

    def _addon_card(self, item: ladder_view.AddOnItem) -> AddOnCard:
        card = AddOnCard(item, self._words)
        card.edit_button.clicked.connect(lambda: self.edit_addon(item.id))
        card.price_button.clicked.connect(lambda: self.change_price("addon", item.id))
        card.retire_button.clicked.connect(lambda: self.set_active("addon", item.id, not item.active))
        if card.delete_button is not None:
            card.delete_button.clicked.connect(lambda: self.delete("addon", item.id))
        return card

    # -- layout ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._reflow()  # the viewport, not the page: a vertical scroll bar takes room too
        return super().eventFilter(watched, event)

    def _reflow(self) -> None:
        """As many rungs (and stages) a row as fit; rungs stay in rank order, left to right."""
        available = self.scroll_area.viewport().width() - 48  # the content's margins
        needed = max([RUNG_MIN_WIDTH, *(c.minimumSizeHint().width() for c in self.rung_cards.values())])
        count = max(len(self.rung_cards), 1)
        columns = max(1, min(count, (available + 12) // (needed + 12)))
        if columns != self._rung_columns:
            self._place(self.rungs, list(self.rung_cards.values()), columns, 12)
            self._rung_columns = columns
        needed = max([STAGE_MIN_WIDTH, *(c.minimumSizeHint().width() for c in self.addon_cards.values())])
        stage_columns = next((n for n in (4, 2) if n * needed + (n - 1) * 14 <= available), 1)
        if stage_columns != self._stage_columns:
            self._place(self.stages, list(self.stage_boxes.values()), stage_columns, 4)
            self._stage_columns = stage_columns

    @staticmethod
    def _place(grid: QGridLayout, widgets: list[QWidget], columns: int, max_columns: int) -> None:
        for widget in widgets:
            grid.removeWidget(widget)
        for n, widget in enumerate(widgets):
            grid.addWidget(widget, n // columns, n % columns)
        for c in range(max(max_columns, grid.columnCount())):
            grid.setColumnStretch(c, 1 if c < columns else 0)

    # -- actions -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_tier(self, tier_id: int | None) -> TierDialog:
        """Open the tier form (a new tier when ``tier_id`` is None)."""
        dialog = TierDialog(self._db, self._edits, self._today, tier_id, parent=self)
        self._open(dialog)
        return dialog

    def edit_addon(self, addon_id: int | None, stage: str = "protect") -> AddOnDialog:
        dialog = AddOnDialog(self._db, self._edits, self._today, addon_id, parent=self, stage=stage)
        self._open(dialog)
        return dialog

    def change_price(self, kind: ItemKind, item_id: int) -> PriceDialog:
        dialog = PriceDialog(self._db, self._edits, kind, item_id, self._today, parent=self)
        self._open(dialog)
        return dialog

    def set_active(self, kind: ItemKind, item_id: int, active: bool) -> None:
        """Retire (or offer again) a tier or an add-on; undoable."""
        self._run(lambda: ladder.set_active(self._db, kind, item_id, active))

    def delete(self, kind: ItemKind, item_id: int) -> None:
        self._run(lambda: ladder.delete_item(self._db, kind, item_id))

    def set_up_default(self) -> None:
        """Install the default ladder of the shop's kind (rungs, targets, add-ons, scripts); undoable."""
        from msp_desk.services.ladder.defaults import install_default_ladder

        kind = self.data.profile.kind if self.data is not None else shop_profile(self._db).kind
        self._run(lambda: install_default_ladder(self._db, kind))

    def _run(self, write: Any) -> None:
        self.message.hide()
        try:
            self._edits.apply(write)
        except MspError as exc:
            self.message.setText(str(exc))
            self.message.show()

    def stage_of(self, addon_id: int) -> str:
        """The growth stage whose column shows the add-on."""
        card = self.addon_cards[addon_id]
        parent = card.parentWidget()
        return parent.objectName().removeprefix("stage_") if parent is not None else ""
