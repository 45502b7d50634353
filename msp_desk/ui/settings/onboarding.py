"""The Settings page's "Onboarding checklist" box: the template's steps (what, and how many days
after onboarding starts), added, removed, reordered and saved in one undoable write. Clients
already onboarding keep their tasks; the next client moved to onboarding gets these."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msp_desk.domain.checkins import OFFSET_RANGE
from msp_desk.errors import MspError
from msp_desk.services.clients import onboarding
from msp_desk.services.clients.onboarding import Step
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower

TEMPLATE_TABLES = ("onboarding_step", "shop_settings")  # the steps, and the kind that words the built-in ones


class OnboardingTemplateBox(QGroupBox):
    """``OnboardingTemplateBox(ctx)``: edit the onboarding template; "Save checklist" keeps it."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__("Onboarding checklist (the first 90 days)", parent)
        self.setObjectName("onboarding_box")
        self._db, self._edits = ctx.db, ctx.edits
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("onboarding_steps")
        self.table.setHorizontalHeaderLabels(("Step", "Due (days after onboarding starts)"))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(200)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add", "Add step", self.add_step),
            ("remove", "Remove", self.remove_step),
            ("up", "Move up", lambda: self.move_step(-1)),
            ("down", "Move down", lambda: self.move_step(1)),
        ):
            button = QPushButton(text)
            button.setObjectName(f"onboarding_{key}")
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        self.save_button = QPushButton("Save checklist")
        self.save_button.setObjectName("onboarding_save")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.status = QLabel()
        self.status.setObjectName("onboarding_status")
        self.status.setWordWrap(True)
        note = QLabel(
            "Moving a client to onboarding adds these steps as its tasks. Clients already onboarding keep theirs. "
            "A step that names a QBR is ticked when the client's first QBR is recorded."
        )
        note.setWordWrap(True)
        note.setStyleSheet(theme.label_style("caption"))
        column = QVBoxLayout(self)
        column.addWidget(note)
        column.addWidget(self.table)
        column.addLayout(row)
        column.addWidget(self.status)
        self.follower = ChangeFollower(self, ctx.edits, TEMPLATE_TABLES, lambda _changes: self.load())
        self.load()

    # -- the steps in the table --------------------------------------------------------------
    def load(self) -> None:
        """Show the template as saved."""
        self._show(onboarding.onboarding_template(self._db))

    def steps(self) -> list[Step]:
        """The steps as typed, in the table's order."""
        found = []
        for row in range(self.table.rowCount()):
            item, spin = self.table.item(row, 0), self.table.cellWidget(row, 1)
            assert isinstance(spin, QSpinBox)
            found.append(Step(item.text() if item is not None else "", spin.value()))
        return found

    def _show(self, steps: list[Step], select: int | None = None) -> None:
        self.table.setRowCount(0)
        self.table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            self.table.setItem(row, 0, QTableWidgetItem(step.title))
            spin = QSpinBox()
            spin.setRange(*OFFSET_RANGE)
            spin.setSuffix(" days")
            spin.setObjectName(f"onboarding_offset_{row}")
            spin.setValue(step.offset_days)
            self.table.setCellWidget(row, 1, spin)
        if select is not None and 0 <= select < len(steps):
            self.table.selectRow(select)

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def add_step(self) -> None:
        """A new step at the end (due a week after the last), its title ready to type."""
        steps = self.steps()
        last = steps[-1].offset_days if steps else 0
        steps.append(Step("", min(last + 7, OFFSET_RANGE[1])))
        self._show(steps, select=len(steps) - 1)
        self.table.setCurrentCell(len(steps) - 1, 0)
        item = self.table.item(len(steps) - 1, 0)
        if item is not None:
            self.table.editItem(item)

    def remove_step(self) -> None:
        row = self._selected()
        if row is None:
            return
        steps = self.steps()
        del steps[row]
        self._show(steps, select=min(row, len(steps) - 1))

    def move_step(self, by: int) -> None:
        """Move the selected step up (``by`` -1) or down (+1)."""
        row = self._selected()
        if row is None or not 0 <= row + by < self.table.rowCount():
            return
        steps = self.steps()
        steps[row], steps[row + by] = steps[row + by], steps[row]
        self._show(steps, select=row + by)

    def save(self) -> bool:
        """Save the steps (one undoable write); a step refused is said below the table."""
        steps = self.steps()
        try:
            changes = self._edits.apply(lambda: onboarding.save_template(self._db, steps))
        except MspError as exc:
            self.status.setStyleSheet(theme.label_style("error"))
            self.status.setText(str(exc))
            return False
        self.status.setStyleSheet(theme.label_style("caption"))
        self.status.setText(changes.message)
        return True
