"""Ask for a reason, then save a write that needs one: voiding a reward, or deciding a won
referral gets no reward. The reason is required; a refusal is shown beside the field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from msp_desk.services.changes import Changes
from msp_desk.ui.common.fields import FieldErrors, error_label
from msp_desk.ui.edits import Edits


class RewardReasonDialog(QDialog):
    """``RewardReasonDialog(edits, title, prompt, write)``: OK runs ``write(reason)`` through
    ``edits`` (undoable) and closes; a ValidationError keeps it open with the reason why."""

    def __init__(
        self,
        edits: Edits,
        title: str,
        prompt: str,
        write: Callable[[str], Changes],
        *,
        placeholder: str = "Why? (required)",
        action: str = "OK",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reward_reason_dialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._edits, self._write = edits, write
        question = QLabel(prompt)
        question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(placeholder)
        self.errors = FieldErrors(error_label("form"))
        reason_error = self.errors.add("reason")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("ok")
        self.ok.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(question)
        column.addWidget(self.reason)
        column.addWidget(reason_error)
        column.addWidget(self.errors.form)
        column.addWidget(buttons)

    def save(self) -> None:
        text = self.reason.text()
        if self.errors.run(lambda: self._edits.apply(lambda: self._write(text))):
            self.accept()
