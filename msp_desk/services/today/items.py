"""What the agenda is made of: its groups in the order Today shows them, and one item (plain
data, no database: the UI imports it before the first paint)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from msp_desk.domain.enums import TaskKind

# The groups, in the order Today shows them, with their headings.
GROUPS = (
    ("qbr", "QBRs to prepare or hold"),
    ("follow_up", "Referral follow-ups"),
    ("partner_touch", "Partner touches"),
    ("renewal", "Renewals in the next 60 days"),
    ("onboarding", "Onboarding steps"),
    ("check_in", "Check-ins"),
    ("reward", "Rewards to apply or pay"),
    ("ask", "Clients ready to ask"),
)
GROUP_ORDER = {kind: n for n, (kind, _heading) in enumerate(GROUPS)}
TASK_GROUPS = {
    TaskKind.QBR.value: "qbr",
    TaskKind.FOLLOW_UP.value: "follow_up",
    TaskKind.RENEWAL.value: "renewal",
    TaskKind.ONBOARDING.value: "onboarding",
    TaskKind.CHECK_IN.value: "check_in",
    TaskKind.REWARD_PAYOUT.value: "reward",
}


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One row of the agenda. ``task_id`` is set when it is a task (it can be done, snoozed or
    reassigned); computed rows (a renewal date, an earned reward, a client to ask) have None."""

    kind: str  # one of GROUPS' keys
    due: dt.date
    client: str | None
    client_id: int | None
    title: str
    overdue: bool
    task_id: int | None = None
    owner: str = ""
    snoozed_from: dt.date | None = None  # the task's first due date, when it was snoozed

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "due": self.due.isoformat(),
            "client": self.client,
            "title": self.title,
            "overdue": self.overdue,
        }

    def to_cache(self) -> list[object]:
        """The item as a JSON-able list (``from_cache`` reads it back): the stored agenda."""
        snoozed = None if self.snoozed_from is None else self.snoozed_from.isoformat()
        return [
            self.kind,
            self.due.isoformat(),
            self.client,
            self.client_id,
            self.title,
            self.overdue,
            self.task_id,
            self.owner,
            snoozed,
        ]

    @classmethod
    def from_cache(cls, value: list[object]) -> AgendaItem:
        """The item ``to_cache`` wrote (ValueError or TypeError when it is not one)."""
        kind, due, client, client_id, title, overdue, task_id, owner, snoozed = value
        return cls(
            _text(kind),
            dt.date.fromisoformat(_text(due)),
            None if client is None else _text(client),
            _whole_or_none(client_id),
            _text(title),
            bool(overdue),
            _whole_or_none(task_id),
            _text(owner),
            None if snoozed is None else dt.date.fromisoformat(_text(snoozed)),
        )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _whole_or_none(value: object) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise TypeError(f"expected a whole number, found {type(value).__name__}")
    return value
