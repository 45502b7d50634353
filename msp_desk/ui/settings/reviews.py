"""The Settings page's "Reviews" box: the questions a QBR asks (a list to add to, edit, remove
from, reorder or put back to seed 001's) and how often each tier's clients get a QBR and a
check-in call. Each part is saved by its own button, in one undoable write."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msp_desk.domain.checkins import CADENCE_RANGE
from msp_desk.domain.qbr_schedule import QBR_QUESTIONS
from msp_desk.errors import MspError, ValidationError
from msp_desk.services.changes import Changes
from msp_desk.services.ladder.cadence import Cadence
from msp_desk.services.reviews import cadences, questions
from msp_desk.services.reviews.cadences import TierCadence, cadence_field
from msp_desk.ui import theme
from msp_desk.ui.context import PageContext
from msp_desk.ui.refresh import ChangeFollower

REVIEW_TABLES = ("shop_settings", "tier")  # the questions, the tiers' cadences
EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
CADENCE_COLUMNS = (("qbr", "QBR every"), ("check_in", "Check-in call every"))


class ReviewsBox(QGroupBox):
    """``ReviewsBox(ctx)``: the shop's QBR questions and each tier's cadences."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__("Reviews (QBR questions and how often clients are met)", parent)
        self.setObjectName("reviews_box")
        self._db, self._edits, self._today = ctx.db, ctx.edits, ctx.today
        self.buttons: dict[str, QPushButton] = {}
        column = QVBoxLayout(self)
        column.addWidget(_caption("Questions asked at every QBR (the record form opens with them):"))
        column.addWidget(self._questions_part())
        column.addSpacing(8)
        column.addWidget(
            _caption(
                "How often each tier's clients get a QBR and a check-in call. Their open tasks move to "
                "a new cadence when it is saved (a snoozed one keeps its day). The Ladder's tier form "
                "edits the same values."
            )
        )
        column.addWidget(self._cadences_part())
        self.follower = ChangeFollower(self, ctx.edits, REVIEW_TABLES, lambda _changes: self.load())
        self.load()

    # -- building ----------------------------------------------------------------------------
    def _button(self, row: QHBoxLayout, key: str, text: str, slot: object) -> None:
        button = QPushButton(text)
        button.setObjectName(f"reviews_{key}")
        button.clicked.connect(slot)
        row.addWidget(button)
        self.buttons[key] = button

    def _questions_part(self) -> QWidget:
        self.question_list = QListWidget()
        self.question_list.setObjectName("qbr_questions")
        self.question_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.question_list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.question_list.setWordWrap(True)
        self.question_list.setSpacing(3)
        self.question_list.setMinimumHeight(170)
        row = QHBoxLayout()
        for key, text, slot in (
            ("add_question", "Add question", self.add_question),
            ("edit_question", "Edit", self.edit_question),
            ("remove_question", "Remove", self.remove_question),
            ("question_up", "Move up", lambda: self.move_question(-1)),
            ("question_down", "Move down", lambda: self.move_question(1)),
            ("restore_questions", "Restore seed questions", self.restore_questions),
        ):
            self._button(row, key, text, slot)
        row.addStretch(1)
        self._button(row, "save_questions", "Save questions", self.save_questions)
        self.questions_status = _status("questions_status")
        return _part(self.question_list, row, self.questions_status)

    def _cadences_part(self) -> QWidget:
        self.cadence_table = QTableWidget(0, 1 + len(CADENCE_COLUMNS))
        self.cadence_table.setObjectName("tier_cadences")
        self.cadence_table.setHorizontalHeaderLabels(("Tier", *(title for _key, title in CADENCE_COLUMNS)))
        header = self.cadence_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for index in range(1, 1 + len(CADENCE_COLUMNS)):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        self.cadence_table.verticalHeader().setVisible(False)
        self.cadence_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Every tier in sight (a ladder has a handful): the table is as tall as its rows.
        self.cadence_table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.cadence_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cadence_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout()
        row.addStretch(1)
        self._button(row, "save_cadences", "Save cadences", self.save_cadences)
        self.cadences_status = _status("cadences_status")
        return _part(self.cadence_table, row, self.cadences_status)

    # -- reading -------------------------------------------------------------------------------
    def load(self) -> None:
        """Show the questions and the cadences as saved."""
        self._show_questions(list(questions.qbr_questions(self._db)))
        self._show_cadences(cadences.tier_cadences(self._db))

    def _show_questions(self, found: list[str], select: int | None = None) -> None:
        self.question_list.clear()
        for text in found:
            item = QListWidgetItem(text)
            item.setFlags(EDITABLE)
            self.question_list.addItem(item)
        if select is not None and 0 <= select < len(found):
            self.question_list.setCurrentRow(select)

    def _show_cadences(self, tiers: list[TierCadence]) -> None:
        self.tiers = tiers
        self.cadence_table.setRowCount(0)
        self.cadence_table.setRowCount(len(tiers))
        for row, tier in enumerate(tiers):
            name = QTableWidgetItem(tier.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.cadence_table.setItem(row, 0, name)
            for index, (key, title) in enumerate(CADENCE_COLUMNS, start=1):
                spin = QSpinBox()
                spin.setRange(*CADENCE_RANGE)
                spin.setSuffix(" days")
                spin.setObjectName(f"{key}_days_{row}")
                spin.setAccessibleName(f"{title} ({tier.name})")
                spin.setValue(tier.qbr_days if key == "qbr" else tier.check_in_days)
                self.cadence_table.setCellWidget(row, index, spin)

    def questions(self) -> list[str]:
        """The questions as listed, in their order."""
        return [self.question_list.item(row).text() for row in range(self.question_list.count())]

    def spin(self, row: int, key: str) -> QSpinBox:
        """The cadence spin box of ``row``'s tier (``key``: "qbr" or "check_in")."""
        index = 1 + [k for k, _title in CADENCE_COLUMNS].index(key)
        spin = self.cadence_table.cellWidget(row, index)
        assert isinstance(spin, QSpinBox)
        return spin

    def wanted_cadences(self) -> dict[int, Cadence]:
        """Each tier's cadences as typed."""
        return {
            tier.tier_id: Cadence(self.spin(row, "check_in").value(), self.spin(row, "qbr").value())
            for row, tier in enumerate(self.tiers)
        }

    # -- the question list ---------------------------------------------------------------------
    def add_question(self) -> None:
        """A new question at the end, ready to type."""
        item = QListWidgetItem("")
        item.setFlags(EDITABLE)
        self.question_list.addItem(item)
        self.question_list.setCurrentItem(item)
        self.question_list.editItem(item)

    def edit_question(self) -> None:
        item = self.question_list.currentItem()
        if item is not None:
            self.question_list.editItem(item)

    def remove_question(self) -> None:
        row = self.question_list.currentRow()
        if row < 0:
            return
        found = self.questions()
        del found[row]
        self._show_questions(found, select=min(row, len(found) - 1))

    def move_question(self, by: int) -> None:
        """Move the selected question up (``by`` -1) or down (+1)."""
        row = self.question_list.currentRow()
        if row < 0 or not 0 <= row + by < self.question_list.count():
            return
        found = self.questions()
        found[row], found[row + by] = found[row + by], found[row]
        self._show_questions(found, select=row + by)

    def restore_questions(self) -> None:
        """Put seed 001's questions back in the list ("Save questions" keeps them)."""
        self._show_questions(list(QBR_QUESTIONS), select=0)
        self.questions_status.setStyleSheet(theme.label_style("caption"))
        self.questions_status.setText("Seed 001's questions are back: Save questions to keep them")

    def save_questions(self) -> bool:
        """Save the list (blank questions dropped); a refused list is said below it."""
        found = self.questions()
        return self._save(lambda: questions.save_qbr_questions(self._db, found), self.questions_status)

    # -- the cadences ----------------------------------------------------------------------------
    def save_cadences(self) -> bool:
        """Save every tier's cadences in one undoable write; a refused value is named below the
        table and its box takes the focus."""
        wanted = self.wanted_cadences()
        return self._save(lambda: cadences.save_cadences(self._db, wanted, self._today), self.cadences_status)

    def _save(self, write: Callable[[], Changes], status: QLabel) -> bool:
        try:
            changes = self._edits.apply(write)
        except MspError as exc:
            status.setStyleSheet(theme.label_style("error"))
            status.setText(self._said(exc))
            return False
        status.setStyleSheet(theme.label_style("caption"))
        status.setText(changes.message)
        return True

    def _said(self, exc: MspError) -> str:
        """The error as the owner reads it (a refused cadence's box takes the focus)."""
        if not isinstance(exc, ValidationError):
            return str(exc)
        for row, tier in enumerate(self.tiers):
            for key, _title in CADENCE_COLUMNS:
                if exc.field == cadence_field(tier.tier_id, key):
                    self.spin(row, key).setFocus()
        return exc.reason[:1].upper() + exc.reason[1:]


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(theme.label_style("caption"))
    return label


def _status(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _part(view: QWidget, buttons: QHBoxLayout, status: QLabel) -> QWidget:
    """A part of the box: its list or table, its buttons below, then what the last save said."""
    part = QWidget()
    layout = QVBoxLayout(part)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view)
    layout.addLayout(buttons)
    layout.addWidget(status)
    return part
