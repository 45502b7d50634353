"""Dates in the messages services return (the status bar, the command line, error sentences):
written as the shop's locale writes them, as everywhere else in the app, never ISO."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from msp_desk import formatting as fmt
from msp_desk.domain.enums import DEFAULT_LOCALE
from msp_desk.store.queries.shop import settings_row

if TYPE_CHECKING:
    from sqlmodel import Session

_LOCALE = "shop_locale"  # the session's cached locale: one read per unit of work


def day_text(session: Session, day: dt.date) -> str:
    """``day`` as the shop reads it (``Mar 1, 2024`` in en_US, ``01.03.2024`` in de_DE)."""
    locale = session.info.get(_LOCALE)
    if locale is None:
        row = settings_row(session)
        locale = session.info[_LOCALE] = row.locale if row is not None else DEFAULT_LOCALE
    return fmt.date_text(day, locale)
