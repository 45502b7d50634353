"""The mouse wheel changes a spin box, combo box, date edit or slider only once it has the focus:
scrolled past on the way down a form, the wheel scrolls the page under it instead."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)  # QDateEdit is a QAbstractSpinBox


def guarded(obj: QObject) -> bool:
    """Whether the wheel should leave ``obj`` alone until it has the focus (a scroll bar is for
    wheeling: it is not guarded)."""
    return isinstance(obj, GUARDED) and not isinstance(obj, QScrollBar)


class WheelGuard(QObject):
    """An application-wide event filter: each guarded widget gets ``Qt.StrongFocus`` as it is
    polished (the wheel does not give it the focus), and a wheel event over one without the
    focus is passed on to the scroll area it is in (the page scrolls)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if kind == QEvent.Type.Polish and guarded(watched):
            assert isinstance(watched, QWidget)
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and guarded(watched):
            assert isinstance(watched, QWidget)
            if not watched.hasFocus():
                assert isinstance(event, QWheelEvent)
                pass_on(watched, event)
                return True
        return False


def pass_on(widget: QWidget, event: QWheelEvent) -> None:
    """Give the wheel over ``widget`` to the scroll area it is in (as if it were not there); with
    none, leave it unaccepted so Qt offers it to the parents."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        event.ignore()
        return
    viewport = area.viewport()
    position = QPointF(widget.mapTo(viewport, event.position().toPoint()))
    moved = QWheelEvent(
        position,
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )
    QCoreApplication.sendEvent(viewport, moved)
    event.accept()  # handled: the scroll area had it


def install_wheel_guard() -> WheelGuard | None:
    """Guard every widget of the running application (once; later calls return the same guard)."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    guard = app.findChild(WheelGuard, "wheel_guard")
    if guard is None:
        guard = WheelGuard(app)
        guard.setObjectName("wheel_guard")
        app.installEventFilter(guard)
    return guard
