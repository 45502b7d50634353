"""Fixtures of the UI tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture(autouse=True)
def _no_quit_when_a_window_closes(qapp: QApplication) -> None:
    """A test closing its last window must not queue a Quit for the next one: processed there, it
    ends every event loop at once, so no ``waitUntil`` would ever see a queued result."""
    qapp.setQuitOnLastWindowClosed(False)


@pytest.fixture(autouse=True)
def _no_unexpected_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question box nobody answers would wait forever offscreen: a test that expects one patches
    ``QMessageBox.question`` to answer it; any other question fails the test at once."""

    def unexpected(_parent: object, title: str, text: str, *_args: object) -> None:
        raise AssertionError(f"unexpected question {title!r}: {text}")

    monkeypatch.setattr(QMessageBox, "question", unexpected)
