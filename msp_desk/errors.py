"""Typed errors shown to the user plainly (anything else is a bug and gets a traceback)."""

from __future__ import annotations


class MspError(Exception):
    """Base of every error the user can act on; str() is the message to show."""


class ValidationError(MspError):
    """Bad input: names the row (if any), the field and why, e.g. ``row 3, column mrr: not money``."""

    def __init__(self, field: str, reason: str, row: int | None = None) -> None:
        self.field = field
        self.reason = reason
        self.row = row
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.row is not None:
            return f"row {self.row}, column {self.field}: {self.reason}"
        return f"{self.field}: {self.reason}"


class ValidationErrors(MspError):
    """Several validation errors found in one pass (an import reports them all, not just the first)."""

    def __init__(self, errors: list[ValidationError]) -> None:
        if not errors:
            raise ValueError("ValidationErrors needs at least one error")
        self.errors = list(errors)
        super().__init__("\n".join(e.message for e in self.errors))


class NotFound(MspError):
    """A record the user named does not exist."""


class Conflict(MspError):
    """The change contradicts what is already stored (e.g. a duplicate name, overlapping history)."""


class SchemaTooNew(MspError):
    """The database file was written by a newer MSP Desk than this one."""


class NotAnMspDatabase(MspError):
    """The file is not an MSP Desk database; it was left untouched."""


class UpgradeFailed(MspError):
    """Upgrading an older database file failed; the file was left as it was (a backup was taken)."""


class DataProblem(MspError, ValueError):
    """A stored row breaks a rule every reader relies on (written around the app, e.g. a negative
    price): the figure cannot be computed; ``msp-desk check`` names the row."""


class NoSuchShop(MspError):
    """A command named a database file that does not exist (only the app's first run and
    ``msp-desk init`` create one)."""


class DatabaseBusy(MspError):
    """Another program held the database's write lock for longer than we wait; nothing changed."""


class AlreadyOpen(MspError):
    """Another MSP Desk window already has this database file open."""


class DamagedDatabase(MspError):
    """The database file is damaged (truncated, corrupted); ``backup`` is the newest good copy
    found beside it, if any."""

    def __init__(self, message: str, path: object = None, backup: object = None, detail: str = "") -> None:
        self.path = path
        self.backup = backup
        self.detail = detail  # what SQLite found, e.g. "database disk image is malformed"
        super().__init__(message)


class StorageProblem(MspError):
    """The disk refused: full, read-only, no permission, or the file is missing; nothing changed."""


def os_fault(exc: OSError, doing: str) -> StorageProblem:
    """One plain sentence for an operating-system error met while ``doing`` (e.g. "writing
    /x/backup.sqlite3"), to raise ``from exc``."""
    import errno

    where = f" ({exc.filename})" if exc.filename and str(exc.filename) not in doing else ""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "no such file or folder",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.EISDIR: "it is a folder, not a file",
        errno.EEXIST: "a file of that name already exists",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc) or exc.__class__.__name__)
    return StorageProblem(f"Could not finish {doing}{where}: {reason}. Nothing was changed.")
