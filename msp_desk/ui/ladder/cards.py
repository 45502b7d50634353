"""The cards of the Ladder page: a rung (price, who is on it, inclusions, response targets) and an
add-on (price, who has it), each with its Edit, Change price and Retire buttons."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.services.ladder.items import AddOnItem, TierItem, Upcoming
from msp_desk.ui.ladder.fields import minutes_text, price_words


@dataclass(frozen=True)
class Figures:
    """Who is on a rung (or has an add-on) and what they bring."""

    clients: int
    mrr_cents: int
    margin: float | None


@dataclass(frozen=True)
class ShopWords:
    kind: str  # msp or va
    currency: str
    locale: str

    def money(self, cents: int) -> str:
        return fmt.money(cents, self.currency, self.locale)

    def figures(self, figures: Figures | None) -> str:
        """One line: "39 clients · MRR $6,624 · margin 61.1%"."""
        if figures is None or not figures.clients:
            return "No clients yet"
        clients, mrr, margin = self.stats(figures)
        return f"{clients} {'client' if figures.clients == 1 else 'clients'} · MRR {mrr} · margin {margin}"

    def stats(self, figures: Figures | None) -> tuple[str, str, str]:
        """Clients, MRR and gross margin as a rung's stat row shows them."""
        figures = figures or Figures(0, 0, None)
        return (
            fmt.count(figures.clients, self.locale),
            fmt.money_whole(figures.mrr_cents, self.currency, self.locale),
            fmt.percent(figures.margin, self.locale),
        )

    def upcoming(self, later: tuple[Upcoming, ...]) -> str:
        return "\n".join(
            f"From {fmt.date_text(u.effective, self.locale)}: {self.money(u.price_cents)}"
            + (" (existing clients too)" if u.existing_clients else " (new clients)")
            for u in later
        )


def _label(text: str, name: str, role: str, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.setProperty("role", "card_button")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class _Card(QFrame):
    """A card with a title row, body and a row of buttons (``<prefix>_edit``, ``_price``,
    ``_retire`` or ``_restore`` and, once retired, ``_delete``)."""

    def __init__(self, prefix: str, what: str, active: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(prefix)
        self.setProperty("retired", "true" if not active else "false")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(14, 12, 14, 12)
        self.column.setSpacing(4)
        self.edit_button = _button("Edit…", f"{prefix}_edit", f"Edit this {what}: name, text, price, targets")
        self.price_button = _button(
            "Change price…",
            f"{prefix}_price",
            "A new price from a date, for new clients or existing ones too",
        )
        self.retire_button = _button(
            "Retire" if active else "Offer again",
            f"{prefix}_{'retire' if active else 'restore'}",
            f"No longer offer this {what}; its clients keep it" if active else f"Offer this {what} again",
        )
        self.delete_button: QPushButton | None = None
        self._what = what
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        self.buttons.addWidget(self.edit_button)
        self.buttons.addWidget(self.price_button)
        self.buttons.addWidget(self.retire_button)
        if not active:
            self.delete_button = _button(
                "Delete", f"{prefix}_delete", f"Delete this {what} (only if no client ever had it)"
            )
            self.buttons.addWidget(self.delete_button)
        self.buttons.addStretch(1)

    def _title_row(self, badge: str, name: str, prefix: str, active: bool) -> QHBoxLayout:
        for button, verb in (
            (self.edit_button, "Edit"),
            (self.price_button, "Change the price of"),
            (self.retire_button, "Retire" if active else "Offer again"),
            (self.delete_button, "Delete"),
        ):
            if button is not None:  # screen readers say which card's button it is
                button.setAccessibleName(f"{verb} {self._what} {name}")
        row = QHBoxLayout()
        row.setSpacing(8)
        if badge:
            rank = _label(badge, f"{prefix}_rank", "rank_badge")
            rank.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.addWidget(rank)
        row.addWidget(_label(name, f"{prefix}_name", "card_title", wrap=True), 1)
        if not active:
            row.addWidget(
                _label("Retired", f"{prefix}_retired", "retired_badge"), 0, Qt.AlignmentFlag.AlignTop
            )
        return row


class RungCard(_Card):
    """One rung (``rung_<id>``): ``rung_<id>_price_text``, ``_figures``, ``_inclusions``, ``_targets``."""

    def __init__(
        self, item: TierItem, figures: Figures | None, words: ShopWords, parent: QWidget | None = None
    ) -> None:
        prefix = f"rung_{item.id}"
        super().__init__(prefix, "tier", item.active, parent)
        self.setProperty("role", "rung")
        self.item = item
        c = self.column
        c.addLayout(self._title_row(str(item.rank), item.name, prefix, item.active))
        price = QHBoxLayout()
        price.setSpacing(6)
        price.addWidget(_label(words.money(item.price_cents), f"{prefix}_price_text", "card_price"))
        unit = price_words(item.price_model, words.kind, item.hours_per_block)
        price.addWidget(
            _label(unit, f"{prefix}_price_unit", "card_unit", wrap=True), 1, Qt.AlignmentFlag.AlignBottom
        )
        c.addLayout(price)
        if item.upcoming:
            c.addWidget(
                _label(words.upcoming(item.upcoming), f"{prefix}_upcoming", "card_upcoming", wrap=True)
            )
        if item.description:
            c.addWidget(_label(item.description, f"{prefix}_description", "card_text", wrap=True))
        c.addSpacing(2)
        c.addWidget(self._stats(words.stats(figures), prefix))
        c.addSpacing(4)
        c.addWidget(_label("Includes", f"{prefix}_includes_title", "card_section"))
        bullets = "\n".join(f"• {x}" for x in item.inclusions) or "—"
        c.addWidget(_label(bullets, f"{prefix}_inclusions", "card_text", wrap=True))
        c.addSpacing(4)
        c.addWidget(_label("Response targets", f"{prefix}_targets_title", "card_section"))
        c.addWidget(self._targets(item, words, prefix))
        c.addStretch(1)
        c.addLayout(self.buttons)

    @staticmethod
    def _stats(values: tuple[str, str, str], prefix: str) -> QWidget:
        box = QFrame()
        box.setObjectName(f"{prefix}_figures")
        box.setProperty("role", "card_stats")
        row = QHBoxLayout(box)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(4)
        captions = (("clients", "clients"), ("mrr", "MRR"), ("margin", "gross margin"))
        for value, (key, caption) in zip(values, captions, strict=True):
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(_label(value, f"{prefix}_{key}", "stat_value"))
            cell.addWidget(_label(caption, "", "stat_caption"))
            row.addLayout(cell, 1)
        return box

    @staticmethod
    def _targets(item: TierItem, words: ShopWords, prefix: str) -> QWidget:
        box = QWidget()
        box.setObjectName(f"{prefix}_targets")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(1)
        for column, title in enumerate(("", "First response", "Resolution")):
            grid.addWidget(_label(title, "", "target_head"), 0, column)
        for row, priority in enumerate(("P1", "P2", "P3", "P4"), start=1):
            first, resolution = item.targets.get(priority, (None, None))
            grid.addWidget(_label(priority, "", "target_priority"), row, 0)
            grid.addWidget(
                _label(minutes_text(first, words.locale), f"{prefix}_{priority}_first", "target"), row, 1
            )
            grid.addWidget(
                _label(minutes_text(resolution, words.locale), f"{prefix}_{priority}_resolution", "target"),
                row,
                2,
            )
        grid.setColumnStretch(3, 1)
        return box


class AddOnCard(_Card):
    """One add-on (``addon_<id>``): ``addon_<id>_price_text`` and ``_figures``."""

    def __init__(self, item: AddOnItem, words: ShopWords, parent: QWidget | None = None) -> None:
        prefix = f"addon_{item.id}"
        super().__init__(prefix, "add-on", item.active, parent)
        self.setProperty("role", "addon")
        self.item = item
        self.column.setContentsMargins(12, 10, 12, 10)
        self.column.setSpacing(3)
        self.column.addLayout(self._title_row("", item.name, prefix, item.active))
        price = f"{words.money(item.price_cents)} {price_words(item.price_model, words.kind)}"
        self.column.addWidget(_label(price, f"{prefix}_price_text", "card_price_small", wrap=True))
        if item.upcoming:
            self.column.addWidget(
                _label(words.upcoming(item.upcoming), f"{prefix}_upcoming", "card_upcoming", wrap=True)
            )
        figures = Figures(item.clients, item.mrr_cents, item.margin)
        self.column.addWidget(_label(words.figures(figures), f"{prefix}_figures", "card_figures", wrap=True))
        self.setToolTip(item.description)
        self.edit_button.setText("Edit…")
        self.price_button.setText("Price…")
        self.column.addLayout(self.buttons)
