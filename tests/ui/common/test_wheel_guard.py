"""The mouse wheel over a field without the focus scrolls the page, never the field's value."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msp_desk.ui.common.wheel_guard import install_wheel_guard


def wheel_down(widget: QWidget) -> None:
    """One notch of the wheel down, over ``widget``'s top-left corner."""
    at = QPointF(5, 5)
    event = QWheelEvent(
        at,
        widget.mapToGlobal(at),
        QPoint(),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def long_form(qtbot) -> tuple[QScrollArea, QLineEdit, QSpinBox, QComboBox, QDateEdit]:  # type: ignore[no-untyped-def]
    install_wheel_guard()
    area = QScrollArea()
    inner = QWidget()
    column = QVBoxLayout(inner)
    name, spin, combo, date = QLineEdit(), QSpinBox(), QComboBox(), QDateEdit(QDate(2026, 3, 1))
    spin.setValue(5)
    combo.addItems(["Starter", "Core", "Growth"])
    for widget in (name, spin, combo, date):
        column.addWidget(widget)
    for _ in range(30):  # the form is longer than the window: there is something to scroll
        column.addWidget(QLineEdit())
    area.setWidget(inner)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    return area, name, spin, combo, date


def test_the_wheel_scrolls_past_unfocused_fields(qtbot) -> None:  # type: ignore[no-untyped-def]
    area, _name, spin, combo, date = long_form(qtbot)
    scrolled = area.verticalScrollBar()
    assert scrolled.value() == 0
    wheel_down(spin)
    assert spin.value() == 5
    assert scrolled.value() > 0  # the page moved instead
    before = scrolled.value()
    wheel_down(combo)
    assert combo.currentIndex() == 0
    wheel_down(date)
    assert date.date() == QDate(2026, 3, 1)
    assert scrolled.value() > before
    assert not spin.hasFocus() and not combo.hasFocus()  # the wheel gives no focus either


def test_fields_take_the_focus_by_click_or_tab_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    _area, _name, spin, combo, date = long_form(qtbot)
    for widget in (spin, combo, date):
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_a_focused_field_still_takes_the_wheel(qtbot) -> None:  # type: ignore[no-untyped-def]
    area, _name, spin, _combo, _date = long_form(qtbot)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel_down(spin)
    assert spin.value() == 4
    assert area.verticalScrollBar().value() == 0
