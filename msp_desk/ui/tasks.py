"""The background task runner: slow reads run off the UI thread; results come back on it.

Pages ask ``runner.submit(work, done, failed, context=self)``: ``work()`` runs elsewhere and must
not touch a widget; ``done(result)`` or ``failed(exc)`` is then called on the UI thread, unless
``context`` has been deleted meanwhile (a closed window). Without ``failed`` the exception is
raised there, so the app's excepthook shows it like any other error.
``SyncRunner`` does it all at once, in line: the stand-in for tests and the default of a window
built directly.

Long work that says how far it has got uses ``runner.submit_with_progress(work, done, failed,
progress=..., context=self)``: ``work(report)`` calls ``report(done, total)`` from wherever it
runs, and ``progress(done, total)`` is called on the UI thread (in order, before ``done``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[int, int], None]  # (done, total); total 0: under way, no measure yet
# What a worker hands back to the UI thread: who asked, whom to tell, the result or the error.
Outcome = tuple[QObject | None, Done, Failed | None, object, BaseException | None]


def _deliver(
    context: QObject | None, done: Done, failed: Failed | None, result: object, error: BaseException | None
) -> None:
    if context is not None and not shiboken6.isValid(context):
        return  # its widgets are gone: nobody to tell
    if error is None:
        done(result)
    elif failed is not None:
        failed(error)
    else:
        raise error


def _tell(context: QObject | None, progress: Progress, done: int, total: int) -> None:
    if context is not None and not shiboken6.isValid(context):
        return
    progress(done, total)


class SyncRunner:
    """Runs each task at once, in the caller's thread (tests; windows built without a runner)."""

    def submit(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Failed | None = None,
        *,
        context: QObject | None = None,
    ) -> None:
        try:
            result = work()
        except Exception as exc:  # noqa: BLE001 - handed to ``failed`` like the threaded runner does
            _deliver(context, done, failed, None, exc)
            return
        _deliver(context, done, failed, result, None)

    def submit_with_progress(
        self,
        work: Callable[[Progress], T],
        done: Callable[[T], None],
        failed: Failed | None = None,
        *,
        progress: Progress,
        context: QObject | None = None,
    ) -> None:
        """``work(report)`` at once; each ``report(done, total)`` reaches ``progress`` in line."""
        self.submit(lambda: work(lambda d, t: _tell(context, progress, d, t)), done, failed, context=context)

    def wait(self) -> None:
        """Nothing is ever pending."""


class _Relay(QObject):
    """Lives on the UI thread; a signal emitted from a worker reaches it there (queued)."""

    finished = Signal(object)
    progressed = Signal(object)  # (context, progress, done, total)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._finish)
        self.progressed.connect(self._progress)

    @Slot(object)
    def _finish(self, outcome: Outcome) -> None:
        _deliver(*outcome)

    @Slot(object)
    def _progress(self, report: tuple[QObject | None, Progress, int, int]) -> None:
        _tell(*report)


class _First(QRunnable):
    """What every task waits for: ``work`` run once, then ``ready`` set (even if it failed: the
    tasks then meet the same fault themselves and report it)."""

    def __init__(self, work: Callable[[], object], ready: threading.Event) -> None:
        super().__init__()
        self._work, self._ready = work, ready

    def run(self) -> None:
        try:
            self._work()
        except Exception:  # noqa: BLE001 - each task reports its own fault; this is only logged
            logging.getLogger(__name__).exception("The runner's first work failed")
        finally:
            self._ready.set()


class _Task(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        work: Callable[[], object],
        done: Done,
        failed: Failed | None,
        context: QObject | None,
        ready: threading.Event,
    ) -> None:
        super().__init__()
        self._relay, self._work, self._reply, self._ready = relay, work, (context, done, failed), ready

    def run(self) -> None:
        outcome: Outcome
        self._ready.wait()
        try:
            outcome = (*self._reply, self._work(), None)
        except Exception as exc:  # noqa: BLE001 - delivered to the UI thread, never lost here
            outcome = (*self._reply, None, exc)
        self._relay.finished.emit(outcome)


class ThreadRunner:
    """Runs tasks on a small pool of worker threads; create it on the UI thread.

    SQLite reads of separate tasks overlap each other and the UI thread's own work (the driver
    releases the GIL while SQLite runs). Call ``wait()`` before closing the database.
    """

    def __init__(self, threads: int = 2, *, first: Callable[[], object] | None = None) -> None:
        """``first`` (e.g. importing the database libraries, which two threads must not do at
        once) runs on the pool before any task starts its work."""
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay()
        self._ready = threading.Event()
        if first is None:
            self._ready.set()
        else:
            self._pool.start(_First(first, self._ready))

    def submit(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Failed | None = None,
        *,
        context: QObject | None = None,
    ) -> None:
        self._pool.start(_Task(self._relay, work, done, failed, context, self._ready))

    def submit_with_progress(
        self,
        work: Callable[[Progress], T],
        done: Callable[[T], None],
        failed: Failed | None = None,
        *,
        progress: Progress,
        context: QObject | None = None,
    ) -> None:
        """``work(report)`` on a worker; each ``report(done, total)`` is queued to ``progress`` on
        the UI thread (signals from one thread arrive in order, so all before ``done``)."""
        relay = self._relay

        def report(so_far: int, total: int) -> None:
            relay.progressed.emit((context, progress, so_far, total))

        self.submit(lambda: work(report), done, failed, context=context)

    def wait(self) -> None:
        """Drop the tasks not started yet and wait for the running ones to finish."""
        self._pool.clear()
        self._pool.waitForDone()


TaskRunner = SyncRunner | ThreadRunner
