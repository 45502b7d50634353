"""The shop's words on screen: what its units and tickets are called (an MSP's seats and
tickets, a VA agency's hours and requests), stored values as labels, and counted nouns."""

from __future__ import annotations

from msp_desk import formatting as fmt

UNIT_WORDS = {"msp": "seats", "va": "hours a month"}
UNIT_TITLES = {"msp": "Seats", "va": "Hours"}  # a column or field title
UNIT_NOUNS = {"msp": "seat", "va": "hour"}  # what a per-unit price is per
TICKET_WORDS = {"msp": "tickets", "va": "requests"}


def word(text: str | None) -> str:
    """A stored value as a label: "onboarding" -> "Onboarding", "peer_msp" -> "Peer msp"."""
    text = (text or "").replace("_", " ")
    return text[:1].upper() + text[1:]


def count_of(n: int, noun: str, locale: str) -> str:
    """``3 tasks``, ``1 task`` (English plural: the UI's words are English)."""
    return f"{fmt.count(n, locale)} {noun if n == 1 else noun + 's'}"
