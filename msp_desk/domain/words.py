"""What a shop of each kind calls its units and its tickets (an MSP's seats and tickets, a VA
agency's hours and requests): plain words the screens, the services and the reports share."""

from __future__ import annotations

UNIT_WORDS = {"msp": "seats", "va": "hours a month"}
UNIT_TITLES = {"msp": "Seats", "va": "Hours"}  # a column or field title
UNIT_NOUNS = {"msp": "seat", "va": "hour"}  # what a per-unit price is per
TICKET_WORDS = {"msp": "tickets", "va": "requests"}
TICKET_NOUNS = {"msp": "ticket", "va": "request"}


def tickets_word(kind: str) -> str:
    """The shop's word for its tickets: "tickets", or "requests" in a VA agency."""
    return TICKET_WORDS.get(kind, TICKET_WORDS["msp"])
