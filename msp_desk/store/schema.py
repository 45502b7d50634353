"""The schema revisions this build knows, so opening a current file needs no Alembic import.

A test checks these match the Alembic scripts in ``store/alembic/versions``.
"""

# Oldest first; never edit a released migration, add a new one.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
HEAD = KNOWN_REVISIONS[-1]
