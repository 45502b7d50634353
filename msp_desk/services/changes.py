"""What a write changed, so the UI refreshes only the pages concerned and confirms it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """The records a service call touched and a one-line confirmation for the status bar."""

    message: str
    clients: frozenset[int] = field(default_factory=frozenset)
    lines_started: tuple[int, ...] = ()
    lines_ended: tuple[int, ...] = ()
    ladder: bool = False
    settings: bool = False
