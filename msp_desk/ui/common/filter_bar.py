"""A compact row of drop-down filters over a table ("All ..." by default), with a Clear button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget


class FilterBar(QWidget):
    """One combo box per field (``filter_<field>``), its first item "All <things>";
    ``changed(field, value)`` is emitted when the user picks a value (``None`` for all).

    The combos take the width of their longest item when there is room and shrink (eliding)
    on a small screen, so the row never forces the window wider."""

    changed = Signal(str, object)

    def __init__(self, fields: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        """``fields``: (field, what it is, the "all" item), e.g. ("status", "status", "All statuses")."""
        super().__init__(parent)
        self.setObjectName("filter_bar")
        self._combos: dict[str, QComboBox] = {}
        self._all: dict[str, str] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for field, what, all_label in fields:
            combo = QComboBox()
            combo.setObjectName(f"filter_{field}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(72)  # below its longest item's width: it elides when room is short
            combo.setMaximumWidth(220)
            combo.addItem(all_label, None)
            combo.setAccessibleName(f"Filter by {what}")
            combo.setToolTip(f"Show only the clients with this {what}")
            combo.activated.connect(lambda _n, f=field: self._picked(f))
            layout.addWidget(combo)
            self._combos[field] = combo
            self._all[field] = all_label
        self.clear_button = QPushButton("Clear")
        self.clear_button.setObjectName("filter_clear")
        self.clear_button.setToolTip("Show every client again: clear the search and the filters")
        self.clear_button.setEnabled(False)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)  # the combos keep their natural width; the room left stays empty

    def combo(self, field: str) -> QComboBox:
        return self._combos[field]

    def value(self, field: str) -> str | None:
        """The value kept for ``field``, or ``None`` when it shows all."""
        data = self._combos[field].currentData()
        return None if data is None else str(data)

    def values(self) -> dict[str, str]:
        """The fields with a value chosen."""
        return {f: v for f in self._combos if (v := self.value(f)) is not None}

    def set_choices(self, field: str, choices: Sequence[tuple[str, str]]) -> bool:
        """Offer ``choices`` ((value, label) pairs) after the "all" item; the value chosen stays
        chosen if it is still offered, else all. True if the value kept changed (no signal is
        emitted). A field with nothing to choose is disabled."""
        combo = self._combos[field]
        before = self.value(field)
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(self._all[field], None)
            for value, label in choices:
                combo.addItem(label, value)
            at = combo.findData(before) if before is not None else -1
            combo.setCurrentIndex(max(at, 0))
            combo.setEnabled(bool(choices))
        finally:
            combo.blockSignals(False)
        return self.value(field) != before

    def set_value(self, field: str, value: str | None) -> None:
        """Choose ``value`` (``None``: All) as if the user had, emitting ``changed``."""
        combo = self._combos[field]
        at = 0 if value is None else combo.findData(value)
        if at < 0:
            raise ValueError(f"{value!r} is not offered for {field}")
        if at != combo.currentIndex():
            combo.setCurrentIndex(at)
            self._picked(field)

    def reset(self) -> None:
        """Every field back to all (no signal is emitted)."""
        for combo in self._combos.values():
            combo.setCurrentIndex(0)

    def _picked(self, field: str) -> None:
        self.changed.emit(field, self.value(field))
