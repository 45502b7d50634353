"""How one cell of an import reads, beyond dates: priorities, yes/no verdicts, whole numbers.

Priorities become P1..P4 from every spelling the presets' products write. A word decides when
there is one (Syncro's ``2 Normal`` is P3, not P2); else the number (``1 - Critical``,
``Priority 2 - Quick Response``, ``P2``, ``2``). ServiceNow's ``5 - Planning`` (and a bare 5) is
P4: planned work is the least urgent, and refusing it would refuse every ServiceNow export that
holds one. An empty priority is P3, the priority a ticket entered in the app starts with.
Autotask's REST numbers (1 High, 2 Medium, 3 Low, 4 Critical) differ: a preset passes its own
number table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from msp_desk.domain.enums import Priority

PRIORITY_WORDS = {
    "critical": Priority.P1,
    "urgent": Priority.P1,
    "emergency": Priority.P1,
    "high": Priority.P2,
    "medium": Priority.P3,
    "moderate": Priority.P3,
    "normal": Priority.P3,
    "low": Priority.P4,
    "planning": Priority.P4,
}
PRIORITY_NUMBERS = {1: Priority.P1, 2: Priority.P2, 3: Priority.P3, 4: Priority.P4, 5: Priority.P4}
DEFAULT_PRIORITY = Priority.P3
_WORD = re.compile(r"[a-z]+")
_NUMBER = re.compile(r"(?:priority\s*|p)?\s*(\d+)\b")

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "met", "within sla", "i", "in"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "missed", "sla violated", "o", "out", "breached"})


class NotAValue(ValueError):
    """``str()`` is the reason, for ``row N, column X:``."""


def parse_priority(text: str, numbers: Mapping[int, Priority] = PRIORITY_NUMBERS) -> Priority:
    value = text.strip().lower()
    if not value:
        return DEFAULT_PRIORITY
    for word in _WORD.findall(value):
        if word in PRIORITY_WORDS:
            return PRIORITY_WORDS[word]
    found = _NUMBER.match(value)
    if found is not None and int(found.group(1)) in numbers:
        return numbers[int(found.group(1))]
    raise NotAValue(
        f"{text!r} is not a priority: expected P1-P4, 1-4, Critical/Urgent, High, Medium/Normal or Low"
    )


def parse_verdict(text: str) -> bool:
    """A yes/no cell (an SLA verdict, first-contact resolution, a decision-maker flag)."""
    value = " ".join(text.split()).lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise NotAValue(f"{text!r} is not yes or no (true/false, yes/no, 1/0)")
