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
