"""Unsaved edits: what a form's fields held when it was last loaded or saved, compared with what
they hold now (``UnsavedEdits``), and the question asked before such edits would be lost
(``ask_to_save``: Save, Discard or Cancel)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, Protocol, TypeGuard, runtime_checkable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

Choice = Literal["save", "discard", "cancel"]
INPUTS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractButton)


def input_value(widget: QWidget) -> object:
    """What an input holds, comparable with an earlier reading (None for a widget that is no input)."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    return None


def inputs_of(root: QWidget) -> list[QWidget]:
    """Every input under ``root`` (the line edit inside a spin box or combo box too: harmless)."""
    return [w for w in root.findChildren(QWidget) if isinstance(w, INPUTS) and input_value(w) is not None]


class UnsavedEdits(QObject):
    """``UnsavedEdits(parent, widgets)``: whether the ``widgets`` hold something else than at the
    last ``mark_saved()``; ``changed(bool)`` says so as the user types."""

    changed = Signal(bool)

    def __init__(self, parent: QObject, widgets: Iterable[QWidget] = ()) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []
        self._saved: list[object] = []
        self._dirty = False
        self.watch(widgets)

    def watch(self, widgets: Iterable[QWidget]) -> None:
        """Follow ``widgets`` too (what they hold now counts as saved)."""
        for widget in widgets:
            self._widgets.append(widget)
            self._saved.append(input_value(widget))
            for signal in (
                "textChanged",
                "valueChanged",
                "dateTimeChanged",
                "currentIndexChanged",
                "toggled",
            ):
                if hasattr(widget, signal) and not (
                    signal == "textChanged" and isinstance(widget, QComboBox)
                ):
                    getattr(widget, signal).connect(self.update)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def update(self, *_args: object) -> None:
        """Compare the fields with what was saved; ``changed`` when that answer changes."""
        dirty = any(input_value(w) != saved for w, saved in zip(self._widgets, self._saved, strict=True))
        if dirty != self._dirty:
            self._dirty = dirty
            self.changed.emit(dirty)

    def mark_saved(self) -> None:
        """What the fields hold now is what is saved (after loading or saving)."""
        self._saved = [input_value(w) for w in self._widgets]
        self.update()


@runtime_checkable
class HoldsEdits(Protocol):
    """A page whose form is saved with a Save button: the window asks before it is left."""

    unsaved_what: str  # the edits in words: "the settings", "the client's profile"

    def has_unsaved(self) -> bool: ...
    def save_unsaved(self) -> bool: ...
    def discard_unsaved(self) -> None: ...


def has_unsaved(page: object) -> TypeGuard[HoldsEdits]:
    """Whether ``page`` holds edits that are not saved."""
    return isinstance(page, HoldsEdits) and page.has_unsaved()


def ask_to_save(parent: QWidget | None, what: str) -> Choice:
    """Ask whether to save ``what`` ("the settings") before its edits would be lost."""
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"You have changed {what} without saving. Save the changes?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def resolve_unsaved(
    parent: QWidget | None, what: str, save: Callable[[], object], discard: Callable[[], object]
) -> bool:
    """Ask (``ask_to_save``) and act: True when the edits are saved or discarded and the user
    may go on, False for Cancel or a save that was refused (its errors are on show).

    ``save`` returns True once saved; ``discard`` puts the fields back as saved."""
    choice = ask_to_save(parent, what)
    if choice == "save":
        return bool(save())
    if choice == "discard":
        discard()
        return True
    return False


def saved_mark(text: str, dirty: bool) -> str:
    """A Save button's text, with the usual "*" while there are unsaved edits."""
    return f"{text} *" if dirty else text
