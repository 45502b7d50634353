"""Fixtures of the UI tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _no_quit_when_a_window_closes(qapp: QApplication) -> None:
    """A test closing its last window must not queue a Quit for the next one: processed there, it
    ends every event loop at once, so no ``waitUntil`` would ever see a queued result."""
    qapp.setQuitOnLastWindowClosed(False)
