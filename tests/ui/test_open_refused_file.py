"""Opening the app on a file it refuses explains why in a dialog and leaves the file alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from msp_desk.__main__ import main


def test_gui_refuses_a_foreign_file_with_a_dialog(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("shopping list")
    shown: list[tuple[str, str]] = []

    def record(box: QMessageBox) -> int:  # the dialog as the user would see it, without a modal loop
        shown.append((box.text(), box.informativeText()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", record)
    assert main(["--db", str(notes)]) == 1
    assert len(shown) == 1
    assert shown[0][0] == "MSP Desk cannot open this file."
    assert "not an MSP Desk database" in shown[0][1] and "left untouched" in shown[0][1]
    assert notes.read_text() == "shopping list"
