"""The task runner: work off the UI thread, results and errors back on it, none for a closed widget."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from msp_desk.ui.tasks import SyncRunner, ThreadRunner

pytestmark = pytest.mark.qt_log_level_fail("WARNING")


def test_the_sync_runner_answers_at_once() -> None:
    got: list[object] = []
    SyncRunner().submit(lambda: 6 * 7, got.append)
    SyncRunner().submit(lambda: 1 // 0, got.append, got.append)
    assert got[0] == 42 and isinstance(got[1], ZeroDivisionError)
    with pytest.raises(ZeroDivisionError):  # no handler: raised where the caller is
        SyncRunner().submit(lambda: 1 // 0, got.append)


def test_the_thread_runner_works_elsewhere_and_answers_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = ThreadRunner()
    ui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["done"], seen["value"] = threading.get_ident(), value

    runner.submit(work, done)
    qtbot.waitUntil(lambda: "done" in seen)
    assert seen["work"] != ui and seen["done"] == ui and seen["value"] == 42
    runner.wait()


def test_errors_reach_the_handler_or_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = ThreadRunner()
    failures: list[BaseException] = []
    runner.submit(lambda: 1 // 0, failures.append, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], ZeroDivisionError)
    with qtbot.captureExceptions() as raised:  # no handler: the app's excepthook would show it
        runner.submit(lambda: {}["missing"], failures.append)
        qtbot.waitUntil(lambda: bool(raised))
    assert raised[0][0] is KeyError
    runner.wait()


def test_no_answer_reaches_a_deleted_widget(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = ThreadRunner()
    gate = threading.Event()
    widget = QWidget()
    answers: list[int] = []
    runner.submit(lambda: gate.wait(5) and 1, answers.append, context=widget)
    runner.submit(lambda: 2, answers.append)
    widget.deleteLater()
    qtbot.waitUntil(lambda: answers == [2])
    gate.set()
    runner.wait()  # the first answer is queued now; one sent after it arrives after it
    runner.submit(lambda: 3, answers.append)
    qtbot.waitUntil(lambda: 3 in answers)
    assert answers == [2, 3]


def test_progress_reaches_the_ui_thread_in_order_before_the_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    ui = threading.get_ident()
    for runner in (SyncRunner(), ThreadRunner()):
        told: list[tuple[int, int, bool]] = []
        answers: list[str] = []

        def work(report) -> str:  # type: ignore[no-untyped-def]
            for done in range(4):
                report(done, 3)
            return "finished"

        runner.submit_with_progress(
            work,
            answers.append,
            progress=lambda done, total, told=told: told.append((done, total, threading.get_ident() == ui)),
        )
        qtbot.waitUntil(lambda answers=answers: bool(answers))
        assert told == [(0, 3, True), (1, 3, True), (2, 3, True), (3, 3, True)]
        assert answers == ["finished"]
        runner.wait()


def test_no_progress_reaches_a_deleted_widget() -> None:
    import shiboken6

    widget = QWidget()
    shiboken6.delete(widget)  # closed before the work reports anything
    told: list[int] = []

    def work(report) -> int:  # type: ignore[no-untyped-def]
        report(1, 2)
        return 1

    SyncRunner().submit_with_progress(
        work, told.append, progress=lambda d, _t: told.append(d), context=widget
    )
    assert told == []


def test_no_task_starts_before_the_runners_first_work_is_done(qtbot) -> None:  # type: ignore[no-untyped-def]
    # The first work (the app's: importing the database libraries) waits for a gate that only a
    # task opens: were tasks not held back, the task would run, open the gate and come first.
    order: list[str] = []
    gate = threading.Event()

    def first() -> None:
        gate.wait(timeout=0.5)
        order.append("first")

    def task() -> str:
        order.append("task")
        gate.set()
        return "done"

    runner = ThreadRunner(first=first)
    results: list[str] = []
    runner.submit(task, results.append)
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    assert order == ["first", "task"]
    runner.wait()


def test_a_failed_first_work_does_not_hold_the_tasks_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = ThreadRunner(first=lambda: 1 // 0)
    results: list[int] = []
    runner.submit(lambda: 42, results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    runner.wait()
