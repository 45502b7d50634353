"""Counts with their nouns: "1 rung", "2 rungs", irregulars, and the count in the locale."""

from __future__ import annotations

import pytest

from msp_desk import formatting as fmt


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [
        (1, "rung", "1 rung"),
        (2, "rung", "2 rungs"),
        (0, "client", "0 clients"),
        (1, "day", "1 day"),
        (3, "day", "3 days"),
        (1, "seat", "1 seat"),
        (2, "entry", "2 entries"),
        (2, "box", "2 boxes"),
        (2, "person", "2 people"),
        (2, "referral ask", "2 referral asks"),
        (-1, "day", "-1 days"),
    ],
)
def test_plural(n: int, noun: str, text: str) -> None:
    assert fmt.plural(n, noun) == text


def test_plural_writes_the_count_in_the_locale_and_takes_a_given_plural() -> None:
    assert fmt.plural(1200, "seat", locale="de_DE") == "1.200 seats"
    assert fmt.plural(2, "hours block", "hours blocks") == "2 hours blocks"
    assert fmt.plural_noun(1, "add-on") == "add-on" and fmt.plural_noun(5, "add-on") == "add-ons"
