"""How a page fills its room: its content in a frameless scroll area that only scrolls when the
window is smaller than the page."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scrolled(content: QWidget, name: str = "") -> QScrollArea:
    """``content`` in a frameless scroll area that resizes it to its width (``name``: its
    objectName, for the style sheet)."""
    scroll = QScrollArea()
    if name:
        scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def fill_with(owner: QWidget, content: QWidget, name: str = "") -> QScrollArea:
    """Make ``owner``'s whole room a scroll area holding ``content`` (returned)."""
    scroll = scrolled(content, name)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll
