"""Fixtures of the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox


@pytest.fixture(autouse=True)
def _no_quit_when_a_window_closes(qapp: QApplication) -> None:
    """A test closing its last window must not queue a Quit for the next one: processed there, it
    ends every event loop at once, so no ``waitUntil`` would ever see a queued result."""
    qapp.setQuitOnLastWindowClosed(False)


def _discard(*_args: object) -> QMessageBox.StandardButton:
    return QMessageBox.StandardButton.Discard


@pytest.fixture(autouse=True)
def _no_unexpected_question() -> Iterator[None]:
    """A question box nobody answers would wait forever offscreen: a test that expects one patches
    ``QMessageBox.question`` to answer it; any other question fails the test at once."""

    def unexpected(_parent: object, title: str, text: str, *_args: object) -> None:
        raise AssertionError(f"unexpected question {title!r}: {text}")

    original = QMessageBox.question
    QMessageBox.question = unexpected  # type: ignore[method-assign, assignment]  # Qt's static method, patched
    yield
    QMessageBox.question = original  # type: ignore[method-assign]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Once the test is over, pytest-qt closes the windows it left: one with unsaved edits is
    closed discarding them, not asking (the fixture above puts Qt's question back after)."""
    QMessageBox.question = _discard  # type: ignore[method-assign, assignment]
    return (yield)
