"""The editing dialog every feature uses: rows of a field with its error under it, an optional
live preview of what the change will do, the form's own error, Cancel and a named accept button
(Enter presses it). Accepting runs one write through ``Edits`` (undoable) and closes, or keeps
the dialog open with the refusal shown beside its field."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from msp_desk.errors import MspError
from msp_desk.services.changes import Changes
from msp_desk.ui import theme
from msp_desk.ui.common.fields import FieldErrors
from msp_desk.ui.common.unsaved import UnsavedEdits, ask_to_save, inputs_of
from msp_desk.ui.common.wheel_guard import install_wheel_guard
from msp_desk.ui.edits import Edits

PREVIEW_DELAY_MS = 150  # wait for typing to pause before rehearsing the change
Field = TypeVar("Field", bound=QWidget)


class FormDialog(QDialog):
    """``FormDialog(edits, name=, title=, accept=, accept_name=)``: a subclass adds its rows
    (``row``, ``wide_row``) and saves in ``submit`` with ``commit(write)``.

    Top to bottom: ``intro`` (sentences over the form), ``form``, ``below`` (the preview, notes
    under the form), the form's error (``errors.form``) and ``buttons``. ``prefix`` names each
    row's field ``<prefix><key>``; ``aliases`` and ``capitalize`` go to ``FieldErrors``."""

    def __init__(
        self,
        edits: Edits,
        *,
        name: str,
        title: str,
        accept: str,
        accept_name: str,
        min_width: int = 420,
        prefix: str = "",
        aliases: Mapping[str, str] | None = None,
        capitalize: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        self._edits = edits
        self._prefix = prefix
        self.changes: Changes | None = None  # what the accepted write changed
        self.errors = FieldErrors(aliases=dict(aliases or {}), capitalize=capitalize)
        self.intro = QVBoxLayout()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.below = QVBoxLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = self.buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setObjectName(accept_name)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._preview: QLabel | None = None
        self._timer: QTimer | None = None
        self._shown = False
        self.unsaved: UnsavedEdits | None = None  # follows the fields once the dialog is shown
        install_wheel_guard()
        self._column = column = QVBoxLayout(self)
        for part in (self.intro, self.form, self.below):
            column.addLayout(part)
        column.addWidget(self.errors.form)
        column.addWidget(self.buttons)
        # Enter in a field presses it; set once the button is in the dialog, so the dialog keeps
        # it as its default even after Cancel has had the focus.
        self.accept_button.setDefault(True)

    # -- building ----------------------------------------------------------------------------
    def row(
        self, label: str, key: str, field: Field, *, name: str = "", aliases: Sequence[str] = ()
    ) -> Field:
        """``field`` as the row ``label``, with the error label of ``key`` (and of the service
        fields in ``aliases``) under it; named ``name``, or ``<prefix><key>`` given a prefix."""
        if name or self._prefix:
            field.setObjectName(name or f"{self._prefix}{key}")
        caption = QLabel(label)
        caption.setBuddy(field)
        self.form.addRow(caption, self.errors.cell(key, field, aliases))
        return field

    def wide_row(self, key: str, field: Field) -> Field:
        """``field`` across the form (no label beside it), its error label under it."""
        self.form.addRow(self.errors.cell(key, field))
        return field

    def live_preview(self, name: str) -> QLabel:
        """The preview label (objectName ``name``) under the form, filled by ``update_preview``
        once typing pauses after ``preview_soon``."""
        self._preview = QLabel()
        self._preview.setObjectName(name)
        self._preview.setWordWrap(True)
        self._preview.setStyleSheet(theme.label_style("preview"))
        self.below.addWidget(self._preview)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        return self._preview

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        if not self._shown:
            self._shown = True
            self._buttons_last()
            self._follow_edits()
        super().showEvent(event)

    # -- unsaved edits -----------------------------------------------------------------------
    def _follow_edits(self) -> None:
        """From the moment it opens, what is typed marks the dialog ("*" in its title)."""
        self.unsaved = UnsavedEdits(self, inputs_of(self))
        self.setWindowTitle(f"{self.windowTitle()}[*]")
        self.unsaved.changed.connect(self.setWindowModified)

    def reject(self) -> None:
        """Cancel, Escape or the window's close: typed edits are not lost without asking
        (Save applies them, Discard closes, Cancel stays)."""
        if self.unsaved is not None and self.unsaved.dirty:
            choice = ask_to_save(self, "this form")
            if choice == "save":
                self.submit()
            if choice != "discard":
                return
        super().reject()

    def _buttons_last(self) -> None:
        """The buttons were made before the subclass's fields; joining the dialog again puts them
        last in its focus chain, so it opens on its first field and Tab reaches them after the form."""
        self._column.removeWidget(self.buttons)
        self.buttons.setParent(None)
        self._column.addWidget(self.buttons)
        self.buttons.show()

    # -- previewing --------------------------------------------------------------------------
    def preview_soon(self, *_args: object) -> None:
        """A field changed: rehearse the change once typing pauses."""
        if self._timer is not None:
            self._timer.start()

    def update_preview(self) -> None:
        """Rehearse the change as the fields say and show what it would do (or, beside its
        field, why it cannot be); the accept button only when applying would change something."""
        if self._timer is not None:
            self._timer.stop()
        assert self._preview is not None, "live_preview() first"
        self.errors.clear()
        try:
            text, worth_applying = self.rehearse()
        except MspError as exc:
            self._preview.setText("")
            self.errors.show(exc)
            self.accept_button.setEnabled(False)
            return
        self._preview.setText(text)
        self.accept_button.setEnabled(worth_applying)

    def rehearse(self) -> tuple[str, bool]:  # pragma: no cover - each previewing dialog has its own
        """What the change would do, in a sentence, and whether applying it would change anything."""
        raise NotImplementedError

    # -- saving ------------------------------------------------------------------------------
    def submit(self) -> object:  # pragma: no cover - each dialog has its own
        """The accept button: save the form with ``commit``."""
        raise NotImplementedError

    def commit(self, write: Callable[[], Changes]) -> bool:
        """Run ``write`` (reading the fields may raise too) through ``Edits``: the dialog closes,
        or stays open with the refusal beside its field (False)."""
        if self._timer is not None:
            self._timer.stop()
        done: list[Changes] = []
        if not self.errors.run(lambda: done.append(self._edits.apply(write))):
            return False
        self.changes = done[0]
        self.accept()
        return True
