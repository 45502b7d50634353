"""How a page fills its room: its content in a frameless scroll area that only scrolls when the
window is smaller than the page, and two panes side by side or one above the other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget


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


def split(
    orientation: Qt.Orientation,
    first: QWidget,
    second: QWidget,
    *,
    stretch: tuple[int, int] = (3, 2),
    name: str = "",
    sizes: tuple[int, int] | None = None,
) -> QSplitter:
    """``first`` and ``second`` in a splitter the user drags, neither pane collapsible to nothing;
    extra room goes to them by ``stretch``; ``sizes`` (px) are their sizes before any drag."""
    splitter = QSplitter(orientation)
    if name:
        splitter.setObjectName(name)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    if sizes is not None:
        splitter.setSizes(list(sizes))
    return splitter
