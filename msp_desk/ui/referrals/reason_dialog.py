"""Ask for a reason, then save a write that needs one: voiding a reward, or deciding a won
referral gets no reward. The reason is required; a refusal is shown beside the field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from msp_desk.services.changes import Changes
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits


class RewardReasonDialog(FormDialog):
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
        super().__init__(
            edits, name="reward_reason_dialog", title=title, accept=action, accept_name="ok", parent=parent
        )
        self._write = write
        self.ok = self.accept_button
        question = QLabel(prompt)
        question.setWordWrap(True)
        self.intro.addWidget(question)
        self.reason = self.wide_row("reason", QLineEdit())
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(placeholder)

    def submit(self) -> bool:
        text = self.reason.text()
        return self.commit(lambda: self._write(text))
