"""The dialog of one spend or revenue row: it adds a row, or edits the one it was opened on, from
what its fields hold (every problem at once, beside its field), through ``Edits`` (undoable)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from msp_desk.services.changes import Changes
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits


class RecordDialog(FormDialog):
    """``RecordDialog(edits, record_id, add=, update=, ...)``: a subclass reads its fields in
    ``values``; Save calls ``add(**values)``, or ``update(record_id, **values)`` for a row
    opened to edit. The other arguments go to ``FormDialog``."""

    def __init__(
        self,
        edits: Edits,
        record_id: int | None,
        *,
        add: Callable[..., Changes],
        update: Callable[..., Changes],
        name: str,
        title: str,
        accept_name: str,
        prefix: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            edits,
            name=name,
            title=title,
            accept="Save",
            accept_name=accept_name,
            min_width=520,
            prefix=prefix,
            parent=parent,
        )
        self._record_id, self._add, self._update = record_id, add, update

    def values(self) -> dict[str, Any]:  # pragma: no cover - each dialog has its own
        """The fields as the service takes them; raises every problem at once."""
        raise NotImplementedError

    def submit(self) -> bool:
        record_id = self._record_id

        def write() -> Changes:
            values = self.values()
            return self._add(**values) if record_id is None else self._update(record_id, **values)

        if self.commit(write):
            return True
        self.adjustSize()  # room for the errors now shown under the fields
        return False
