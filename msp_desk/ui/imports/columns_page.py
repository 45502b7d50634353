"""The import wizard's second step: for each field of the kind, the file's column it is read from
(pre-filled from the preset or the app's own names), with a couple of the values it holds. The
choices become ``ImportChoice.mapping`` (``FIELD=COLUMN``, as ``--map`` on the command line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from msp_desk.services.imports.columns import FieldInfo, FileColumns, kind_fields
from msp_desk.ui import theme
from msp_desk.ui.common.words import word

if TYPE_CHECKING:
    from msp_desk.ui.imports.wizard import ImportWizard

NOT_IN_FILE = "— not in this file —"
LEFT_OUT = ""  # the data of "not in this file" for a field the preset would read: ``FIELD=``
CHOOSE = "— choose its column —"
SAMPLE_WIDTH = 40  # characters of a sample shown


class ColumnsPage(QWizardPage):
    """Complete once every required field has a column (or, for the client, a client for all)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Check which column holds what")
        self.setSubTitle(
            "Fields marked * must be in the file. Each shows a couple of the values it would read."
        )
        self.fields = kind_fields(wizard.kind)
        self.combos: dict[str, QComboBox] = {}
        self._samples: dict[str, QLabel] = {}
        self._columns: FileColumns | None = None
        grid_holder = QWidget()
        self._grid = QGridLayout(grid_holder)
        self._grid.setColumnStretch(2, 1)
        self._grid.setHorizontalSpacing(12)
        for title, column in (("Field", 0), ("Column in the file", 1), ("Values", 2)):
            head = QLabel(title)
            head.setStyleSheet(theme.label_style("title"))
            self._grid.addWidget(head, 0, column)
        for row, field in enumerate(self.fields, start=1):
            label = QLabel(f"{word(field.said)}{' *' if field.required else ''}")
            combo = QComboBox()
            combo.setObjectName(f"import_map_{field.name}")
            combo.setMinimumContentsLength(18)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            label.setBuddy(combo)
            sample = QLabel()
            sample.setObjectName(f"import_samples_{field.name}")
            sample.setStyleSheet(theme.label_style("quiet"))
            combo.currentIndexChanged.connect(lambda _i, name=field.name: self._changed(name))
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(combo, row, 1)
            self._grid.addWidget(sample, row, 2)
            self.combos[field.name] = combo
            self._samples[field.name] = sample
        self._grid.setRowStretch(len(self.fields) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_holder)
        self.missing = QLabel()
        self.missing.setObjectName("import_columns_missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(theme.label_style("error"))
        page = QVBoxLayout(self)
        page.addWidget(scroll, 1)
        page.addWidget(self.missing)

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        """Fill each field's choices from the file read on the first step (kept if it has the
        same columns, so going back and forth keeps what was chosen)."""
        found = self._wizard.file_page.columns
        assert found is not None  # the first step is complete only once it is read
        keep = (
            self._columns is not None
            and self._columns.header == found.header
            and self._columns.defaults == found.defaults
        )
        chosen = {name: combo.currentData() for name, combo in self.combos.items()} if keep else {}
        self._columns = found
        client = self._wizard.file_page.choice().client
        for field in self.fields:
            self._fill(field, found, client, chosen.get(field.name))
        self._check()

    def _fill(self, field: FieldInfo, found: FileColumns, client: str | None, chosen: str | None) -> None:
        combo = self.combos[field.name]
        blocked = combo.blockSignals(True)
        combo.clear()
        given = field.name == "client" and client is not None
        combo.setEnabled(not given)
        default = found.defaults.get(field.name)
        if given:
            combo.addItem(f"every row is for {client}", None)
        elif default is not None:
            combo.addItem(default, None)
            if not field.required:  # the preset reads it, but the owner may leave it out
                combo.addItem(NOT_IN_FILE, LEFT_OUT)
        else:
            combo.addItem(CHOOSE if field.required else NOT_IN_FILE, None)
        if not given:
            for column in found.header:
                if column != default:
                    combo.addItem(column, column)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(blocked)
        self._show_samples(field.name)

    def _changed(self, name: str) -> None:
        self._show_samples(name)
        self._check()

    def _show_samples(self, name: str) -> None:
        found = self._columns
        combo = self.combos[name]
        if found is None or not combo.isEnabled():
            self._samples[name].setText("")
            return
        column = combo.currentData()
        if column == LEFT_OUT:
            self._samples[name].setText("")
            return
        values = found.samples.get(column, ()) if column else found.default_samples.get(name, ())
        shown = [value if len(value) <= SAMPLE_WIDTH else value[: SAMPLE_WIDTH - 1] + "…" for value in values]
        self._samples[name].setText(
            ", ".join(shown) if shown else ("(empty)" if column or name in found.defaults else "")
        )

    def missing_fields(self) -> list[FieldInfo]:
        """The required fields with no column yet."""
        found = self._columns
        if found is None:
            return list(self.fields)
        return [
            field
            for field in self.fields
            if field.required
            and self.combos[field.name].isEnabled()
            and self.combos[field.name].currentData() is None
            and field.name not in found.defaults
        ]

    def _check(self) -> None:
        missing = self.missing_fields()
        said = ", ".join(field.said for field in missing)
        self.missing.setText(f"Choose the column that holds the {said}." if missing else "")
        self.completeChanged.emit()

    def mapping(self) -> tuple[str, ...]:
        """The columns chosen over the preset's, as ``FIELD=COLUMN`` pairs (``FIELD=``: left out)."""
        return tuple(
            f"{name}={combo.currentData()}"
            for name, combo in self.combos.items()
            if combo.isEnabled() and combo.currentData() is not None
        )

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        return self._columns is not None and not self.missing_fields()
