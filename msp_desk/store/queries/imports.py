"""The imports' reads: what an import checks in its unit of work before it writes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlmodel import col, or_, select

from msp_desk.domain.contracts import ContractLine

if TYPE_CHECKING:
    from sqlmodel import Session


def line_running_between(
    session: Session, client_id: int, first: dt.date, last: dt.date
) -> ContractLine | None:
    """One of the client's contract lines running on some day from ``first`` to ``last``; None
    when it has none."""
    query = select(ContractLine).where(
        ContractLine.client_id == client_id,
        ContractLine.start_date <= last,
        or_(col(ContractLine.end_date).is_(None), col(ContractLine.end_date) >= first),
    )
    return session.exec(query).first()
