"""Start the GUI: the QApplication, its icon, the main window, and how uncaught errors are shown."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

import msp_desk
from msp_desk import formatting as fmt
from msp_desk.errors import DamagedDatabase, MspError
from msp_desk.paths import resources_dir
from msp_desk.services.changes import Changes
from msp_desk.store.database import Database, load_engine_modules
from msp_desk.ui.main_window import MainWindow
from msp_desk.ui.tasks import ThreadRunner

log = logging.getLogger(__name__)

APP_NAME = "MSP Desk"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def icons_dir() -> Path:
    return resources_dir() / "icons"


def app_icon() -> QIcon | None:
    """The app icon from ``resources/icons`` (SVG plus its rendered PNGs), or None if absent."""
    folder = icons_dir()
    svg = folder / "msp-desk.svg"
    if not svg.is_file():
        return None
    icon = QIcon(str(svg))
    for size in ICON_SIZES:
        png = folder / f"msp-desk-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon


def error_box(exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
    """A message box for ``exc``: a user error plainly, a bug with its traceback to copy."""
    box = QMessageBox(parent)
    box.setObjectName("error_box")
    box.setWindowTitle(APP_NAME)
    if isinstance(exc, MspError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(exc))
        return box
    box.setIcon(QMessageBox.Icon.Critical)
    box.setText("Something went wrong inside MSP Desk. The details below help to fix it.")
    box.setInformativeText(f"{type(exc).__name__}: {exc}")
    box.setDetailedText("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return box


def make_excepthook(parent: Callable[[], QWidget | None], previous: ExceptHook) -> ExceptHook:
    """``sys.excepthook`` for the GUI: log bugs, show every error in a dialog, never recurse."""
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        if not isinstance(exc, MspError):
            log.error("Unexpected error", exc_info=(exc_type, exc, tb))
        if showing:  # an error while the dialog is open: logged above, not stacked
            return
        showing = True
        try:
            error_box(exc, parent()).exec()
        finally:
            showing = False

    return hook


def run_gui(db: Database, *, today: dt.date | None = None, title_suffix: str = "") -> int:
    """Open the main window on ``db`` and run the event loop; returns the exit code."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(msp_desk.__version__)
    app.setDesktopFileName("msp-desk")
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    # the window shows at once; its data arrives as it is read, once one worker has imported
    # the database libraries (two threads importing them at once can fail)
    runner = ThreadRunner(first=load_engine_modules)
    window = MainWindow(db, today, title_suffix=title_suffix, runner=runner)
    previous = sys.excepthook
    sys.excepthook = make_excepthook(lambda: window if window.isVisible() else None, previous)
    try:
        window.show()
        if not db.checked_on_open:
            check_in_background(db, runner, window)
        back_up_daily(db, runner, window)
        schedule_daily(db, runner, window)
        return app.exec()
    finally:
        runner.wait()  # no read may outlive the database the caller closes next
        sys.excepthook = previous


def check_in_background(db: Database, runner: ThreadRunner, window: QWidget) -> None:
    """SQLite's quick check of a file too big to check before the window opens (a small one
    was checked on open), off the UI thread; damage found is shown plainly, with the backup."""
    from msp_desk.store.database import damage_of

    def done(problems: list[str]) -> None:
        if problems:
            error_box(damage_of(db.path, problems), window).exec()

    runner.submit(db.quick_check_problems, done, context=window)


def first_run(path: Path, today: dt.date) -> tuple[Database, str] | None:
    """The welcome for a shop file that does not exist yet: the owner's new shop (title suffix
    "") or a demo (" (demo)"), open; None when the owner quit (nothing was made)."""
    from msp_desk.ui.welcome.dialog import welcome

    app = _application()
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    dialog = welcome(path, today)
    if dialog.result() != QDialog.DialogCode.Accepted or dialog.db is None:
        return None
    return dialog.db, " (demo)" if dialog.demo else ""


def offer_restore(exc: DamagedDatabase) -> bool:
    """Explain that the file is damaged and, when a good backup exists, offer to restore it
    (the damaged file is kept as a backup first). True when it was restored."""
    from msp_desk.services.shop.backups import restore

    _application()
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, "This MSP Desk file is damaged.")
    box.setObjectName("damaged_box")
    path, backup = exc.path, exc.backup
    if not (isinstance(path, Path) and isinstance(backup, Path)):
        box.setInformativeText(str(exc))
        box.exec()
        return False
    taken = dt.datetime.fromtimestamp(backup.stat().st_mtime)
    box.setInformativeText(
        f"{path} is damaged ({exc.detail}).\n\n"
        f"The newest good backup was taken {fmt.date_text(taken.date())} at {taken:%H:%M}: "
        f"{backup.name}. Restoring it puts that copy in place; the damaged file is kept beside "
        f"it in {backup.parent}."
    )
    restore_button = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    restore_button.setObjectName("restore_backup")
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not restore_button:
        return False
    try:
        restore(path, backup)
    except MspError as failed:
        show_fatal(str(failed))
        return False
    return True


def _application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    return app


def back_up_daily(db: Database, runner: ThreadRunner, window: QWidget) -> None:
    """Today's automatic backup (when the newest is older than a day), off the UI thread; a
    backup that cannot be written is said plainly, and the app goes on."""
    from msp_desk.services.shop.backups import daily_backup

    def failed(exc: BaseException) -> None:
        if isinstance(exc, MspError):
            error_box(MspError(f"Today's automatic backup was not written: {exc}"), window).exec()
        else:
            raise exc

    runner.submit(lambda: daily_backup(db), lambda _path: None, failed, context=window)


def schedule_daily(db: Database, runner: ThreadRunner, window: MainWindow) -> None:
    """The day's scheduling, off the UI thread: each active client's next check-in call and next
    QBR (tasks the app writes itself: announced so the pages concerned refresh, not put on the
    undo stack)."""
    today = window.context.today

    def work() -> list[Changes]:
        # imported here, on the worker: the first screen is drawn without SQLAlchemy, and a module
        # half-imported by two threads at once fails
        from msp_desk.services.today.schedule import daily_schedule

        return daily_schedule(db, today)

    runner.submit(
        work,
        lambda found: announce(window, found),
        context=window,
    )


def announce(window: MainWindow, written: list[Changes]) -> None:
    """Tell the pages what the app wrote by itself (no undo: the owner did not do it)."""
    from dataclasses import replace

    for changes in written:
        if changes.tables:
            window.edits.changed.emit(replace(changes, journal=None))


def show_fatal(message: str, *, already_open: bool = False) -> int:
    """Explain, in a dialog, why the app cannot open (e.g. a file it refused, or one another
    window has open); returns exit code 1."""
    _application()
    if already_open:
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, "This shop is already open.")
    else:
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, "MSP Desk cannot open this file.")
    box.setObjectName("fatal_box")
    box.setInformativeText(message)
    box.exec()
    return 1
