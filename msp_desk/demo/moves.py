"""What can happen to an account in the demo's story, drawn by the planner: one ledger event each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TierMove:
    rank: int  # the new tier's


@dataclass(frozen=True)
class SeatsMove:
    seats: int


@dataclass(frozen=True)
class AddOnTaken:
    name: str


@dataclass(frozen=True)
class AddOnDropped:
    name: str


@dataclass(frozen=True)
class Churned:
    reason: str


@dataclass(frozen=True)
class Returned:
    rank: int
    seats: int
    addons: tuple[str, ...]


@dataclass(frozen=True)
class Repriced:
    """The tier line's price rises (``rise_bp``) or a discount is agreed (``discount_bp``)."""

    rise_bp: int | None
    discount_bp: int | None


Move = TierMove | SeatsMove | AddOnTaken | AddOnDropped | Churned | Returned | Repriced
