"""Start-up measured from outside: from spawning the process to its window mapped on an X screen.

    .venv/bin/python bench/startup_window.py [--repeat 7] [--display :N]

Starts Xvfb (a virtual X screen) unless ``--display`` names one. In one run, round by round and
interleaved so every kind sees the same machine: a bare PySide6 window (the floor), ``msp-desk
--demo`` (the demo shop's file, current) and ``msp-desk --db OWN`` (a copy of the demo shop opened
as an owner's file). Each is timed from just before it is spawned to the MapNotify of its
top-level window (python-xlib listens on the root window, no polling), then ended. Targets: the
demo and the owner's file each within 3x the floor. Before timing, the demo file is built and
each kind is opened once (so the figures a start stores are there, as on every later start).
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import Figure, describe, table
from Xlib import X, display

BENCH = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
FLOOR_CODE = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.setWindowTitle('floor')\n"
    "window.resize(1280, 820)\n"
    "window.show()\n"
    "app.exec()\n"
)
MAP_TIMEOUT = 60.0  # seconds a window may take to appear before the run counts as failed
SETTLE = 4.0  # seconds a warm-up start runs after its window shows (it stores its figures)


class NoWindow(RuntimeError):
    """The process exited, or showed no window in time."""


class Screen:
    """A virtual X screen (Xvfb) we started, or one named; closed with ``close()``."""

    def __init__(self, name: str | None) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        if name is None:
            name = _free_display()
            self.process = subprocess.Popen(
                ["Xvfb", name, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _wait_for_socket(name)
        self.name = name
        self.display = display.Display(name)
        self.display.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self.display.sync()

    def wait_for_window(self, process: subprocess.Popen[bytes]) -> float:
        """``time.perf_counter()`` when a top-level window of ``process``'s size mapped."""
        deadline = time.perf_counter() + MAP_TIMEOUT
        while True:
            while self.display.pending_events():
                event = self.display.next_event()
                if event.type == X.MapNotify and not event.override:
                    mapped = time.perf_counter()
                    geometry = event.window.get_geometry()
                    if geometry.width >= 400 and geometry.height >= 300:
                        return mapped
            if process.poll() is not None:
                raise NoWindow(f"exited with {process.returncode} before showing a window")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise NoWindow(f"no window after {MAP_TIMEOUT:.0f} s")
            select.select([self.display.fileno()], [], [], min(left, 0.05))

    def drain(self) -> None:
        self.display.sync()
        while self.display.pending_events():
            self.display.next_event()

    def close(self) -> None:
        self.display.close()
        if self.process is not None:
            self.process.terminate()
            self.process.wait()


def _free_display() -> str:
    for n in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return f":{n}"
    raise SystemExit("no free X display number")


def _wait_for_socket(name: str) -> None:
    socket = Path(f"/tmp/.X11-unix/X{name.lstrip(':')}")
    deadline = time.perf_counter() + 10
    while not socket.exists():
        if time.perf_counter() > deadline:
            raise SystemExit("Xvfb did not start (is it installed? apt-get install xvfb)")
        time.sleep(0.05)


def time_start(screen: Screen, command: list[str], env: dict[str, str], settle: float = 0.0) -> float:
    """Seconds from spawning ``command`` to its window mapped; the process is ended after."""
    screen.drain()
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        try:
            mapped = screen.wait_for_window(process)
        except NoWindow as exc:
            err = process.stderr.read().decode(errors="replace") if process.poll() is not None else ""
            raise NoWindow(f"{' '.join(command[-2:])}: {exc} {err.strip()[-300:]}") from exc
        if settle:
            time.sleep(settle)
        return mapped - start
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds (each times every kind once)")
    parser.add_argument("--display", help="an X display to use instead of starting Xvfb")
    args = parser.parse_args()
    app = str(VENV_BIN / "msp-desk")
    with tempfile.TemporaryDirectory(prefix="msp-desk-startup-") as tmp:
        home = Path(tmp)
        env = {
            **os.environ,
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "QT_QPA_PLATFORM": "xcb",
        }
        env.pop("MSP_DESK_DB", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from compiled bytecode
        print("building the demo shop ...", flush=True)
        subprocess.run([app, "--demo", "kpi"], env=env, check=True, stdout=subprocess.DEVNULL)
        own = home / "own-shop.sqlite3"
        demo_file = next((home / "data").rglob("demo-msp.sqlite3"))
        shutil.copyfile(demo_file, own)
        kinds = {
            "bare PySide6 window": [sys.executable, "-c", FLOOR_CODE],
            "msp-desk --demo": [app, "--demo"],
            "msp-desk --db own-shop": [app, "--db", str(own)],
        }
        screen = Screen(args.display)
        env["DISPLAY"] = screen.name
        try:
            for command in kinds.values():  # warm-up: caches, stored figures
                time_start(screen, command, env, settle=SETTLE)
            times: dict[str, list[float]] = {name: [] for name in kinds}
            for n in range(args.repeat):
                for name, command in kinds.items():
                    times[name].append(time_start(screen, command, env))
                print(f"round {n + 1}: " + ", ".join(f"{k} {v[-1] * 1000:.0f} ms" for k, v in times.items()))
        finally:
            screen.close()
    floor_name = next(iter(kinds))
    figures = [
        Figure(
            f"start-up to a visible window: {name}",
            "ms",
            runs,
            times[floor_name],
            target=3.0,
            floor_name=floor_name,
        )
        for name, runs in list(times.items())[1:]
    ]
    print()
    for fig in figures:
        print(describe(fig))
    print()
    print(table(figures))
    return 0 if all(fig.status == "ok" for fig in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
