"""An empty page or table in its place: a heading, a sentence saying why there is nothing yet, and
the buttons that fill it (``EmptyState``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk.ui import theme
from msp_desk.ui.theme import palette


def card_style(name: str) -> str:
    """The style sheet of a card (objectName ``name``): the card surface, a border, rounded."""
    return (
        f"QFrame#{name} {{ background: {theme.hex_color('card')}; "
        f"border: 1px solid {theme.hex_color('border')}; border-radius: {palette.RADIUS}px; }}"
    )


class EmptyState(QFrame):
    """``EmptyState(name, heading, text)``: a card named ``name`` with ``<name>_heading`` and
    ``<name>_text``; ``add_action`` puts a button under them (the first is the default)."""

    def __init__(self, name: str, heading: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(card_style(name))
        self.heading = QLabel(heading)
        self.heading.setObjectName(f"{name}_heading")
        self.heading.setStyleSheet(theme.text_style("text", palette.FONT_SECTION, bold=True))
        self.text = QLabel(text)
        self.text.setObjectName(f"{name}_text")
        self.text.setWordWrap(True)
        self.text.setStyleSheet(theme.text_style("caption", palette.FONT_BODY))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        self.buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(8)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        column.addSpacing(6)
        column.addLayout(self.buttons)
        self.buttons_by_name: dict[str, QPushButton] = {}

    def set_text(self, heading: str, text: str) -> None:
        self.heading.setText(heading)
        self.text.setText(text)

    def add_action(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        """A button ``name`` reading ``text`` that runs ``slot``; buttons line up left to right."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(not self.buttons_by_name)
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        self.buttons_by_name[name] = button
        return button


def centred(state: EmptyState, max_width: int = 640) -> QWidget:
    """``state`` at the top of an otherwise empty area, no wider than ``max_width`` px."""
    state.setMaximumWidth(max_width)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 24, 0, 0)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(state, 4)
    row.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    return holder
