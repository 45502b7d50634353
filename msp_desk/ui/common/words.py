"""The shop's words on screen: what its units and tickets are called (an MSP's seats and
tickets, a VA agency's hours and requests), stored values as labels, and counted nouns."""

from __future__ import annotations

from msp_desk import formatting as fmt
from msp_desk.domain.words import TICKET_WORDS, UNIT_NOUNS, UNIT_TITLES, UNIT_WORDS

__all__ = ["TICKET_WORDS", "UNIT_NOUNS", "UNIT_TITLES", "UNIT_WORDS", "count_of", "import_words", "word"]
# What each import kind brings in, as the File ▸ Import menu and the wizard say it.
IMPORT_WORDS = {"spend": "marketing spend", "revenue": "one-off revenue"}


def import_words(kind: str) -> str:
    """``"spend"`` -> ``"marketing spend"``; a kind named for what it holds is its own word."""
    return IMPORT_WORDS.get(kind, kind)


def word(text: str | None) -> str:
    """A stored value as a label: "onboarding" -> "Onboarding", "peer_msp" -> "Peer msp"."""
    text = (text or "").replace("_", " ")
    return text[:1].upper() + text[1:]


def count_of(n: int, noun: str, locale: str) -> str:
    """``3 tasks``, ``1 task`` (English plural: the UI's words are English)."""
    return f"{fmt.count(n, locale)} {noun if n == 1 else noun + 's'}"
