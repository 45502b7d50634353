"""Child process of the start-up benchmark: how long from process spawn until pixels are painted.

Run by ``bench/run.py`` with ``QT_QPA_PLATFORM=offscreen``::

    python bench/startup_probe.py floor SPAWN_TIME
    python bench/startup_probe.py app SPAWN_TIME --db FILE [--profile OUT]

``SPAWN_TIME`` is the parent's ``time.time()`` just before it started this process, so every
figure includes interpreter start-up and imports. Modes:

- ``floor``: a bare ``QApplication`` and an empty ``QMainWindow`` (1280x820) shown; the time of
  its first paint.
- ``app``: MSP Desk exactly as ``msp-desk --db FILE`` opens it (``msp_desk.__main__.main``);
  ``today`` is the first paint of the Today page's list (the page it opens on) with its agenda
  in it; the probe then opens the Dashboard: ``painted`` is the first paint of its MRR tile with
  its value filled in, ``chart`` of its MRR chart (objectName ``mrr_chart``) holding data.

One line ``BENCH {json}`` is printed with the seconds and the peak RSS in MB at that moment. The
probe watches paints with one application-wide event filter (a few thousand events at most, so
its cost is a few milliseconds); ``--profile`` writes a cProfile of the app path (pstats text).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget
from rss import peak_rss_mb

MARKER = "BENCH "
TILE = "tile_mrr_value"
TODAY = "today_list"
CHART = "mrr_chart"


def _report(figures: dict[str, float]) -> None:
    figures["peak_rss_mb"] = peak_rss_mb()
    print(MARKER + json.dumps(figures), flush=True)


class PaintWatch(QObject):
    """Records when the watched widgets first paint (with content), then quits the app."""

    def __init__(self, app: QApplication, spawn: float, want: tuple[str, ...]) -> None:
        super().__init__()
        self.app, self.spawn, self.want = app, spawn, want
        self.figures: dict[str, float] = {}

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint:
            key = self._painted(obj)
            if key is not None and key not in self.figures:
                self.figures[key] = time.time() - self.spawn
                if key == "today" and isinstance(obj, QWidget):  # the agenda is up: now the Dashboard
                    window = obj.window()
                    QTimer.singleShot(0, lambda: window.show_page("dashboard"))  # type: ignore[attr-defined]  # MainWindow
                if all(k in self.figures for k in self.want):
                    _report(self.figures)
                    QTimer.singleShot(0, self.app.quit)
        return False

    @staticmethod
    def _painted(obj: QObject) -> str | None:
        """Which figure a paint of ``obj`` completes, if any."""
        if isinstance(obj, QMainWindow) and obj.objectName() == "floor_window":
            return "painted"
        if isinstance(obj, QLabel) and obj.objectName() == TILE:
            return "painted" if obj.text().strip() else None
        if isinstance(obj, QWidget) and obj.objectName() == "today_empty":
            return "today"
        parent = obj.parentWidget() if isinstance(obj, QWidget) else None
        if parent is not None and parent.objectName() == TODAY:  # a tree paints in its viewport
            return "today" if parent.model().rowCount() else None  # type: ignore[attr-defined]  # a QTreeView
        if isinstance(obj, QWidget):  # a QGraphicsView paints in its viewport, a child widget
            chart = obj if obj.objectName() == CHART else obj.parentWidget()
            if chart is not None and chart.objectName() == CHART:
                return "chart" if getattr(chart, "values", True) else None
        return None


def run_floor(spawn: float) -> int:
    app = QApplication(sys.argv[:1])
    watch = PaintWatch(app, spawn, ("painted",))
    app.installEventFilter(watch)
    window = QMainWindow()
    window.setObjectName("floor_window")
    window.resize(1280, 820)
    window.show()
    return app.exec()


def run_app(spawn: float, db: Path, profile_out: Path | None) -> int:
    app = QApplication(sys.argv[:1])  # the app's run_gui reuses an existing QApplication
    watch = PaintWatch(app, spawn, ("today", "painted", "chart"))
    app.installEventFilter(watch)
    from msp_desk.__main__ import main

    argv = ["--db", str(db)]
    if profile_out is None:
        return main(argv)
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    code = profiler.runcall(main, argv)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    profile_out.write_text(text.getvalue(), encoding="utf-8")
    return code


def main(argv: list[str]) -> int:
    mode, spawn = argv[0], float(argv[1])
    if mode == "floor":
        return run_floor(spawn)
    db = Path(argv[argv.index("--db") + 1])
    profile_out = Path(argv[argv.index("--profile") + 1]) if "--profile" in argv else None
    return run_app(spawn, db, profile_out)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
