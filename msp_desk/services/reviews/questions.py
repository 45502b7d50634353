"""The shop's QBR questions (Settings > Reviews): seed 001's list until the shop edits its own;
the record form opens with them (``qbrs.qbr_form``). Saving is one undoable write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from msp_desk import formatting as fmt
from msp_desk.domain.qbr_schedule import QBR_QUESTIONS, checked_questions, questions_from, stored_questions
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database
from msp_desk.store.queries.shop import settings_row, settings_value

if TYPE_CHECKING:
    from sqlalchemy import Connection


def questions_in(conn: Connection) -> tuple[str, ...]:
    """The shop's questions, read in the caller's connection."""
    return questions_from(settings_value(conn, "qbr_questions"))


def qbr_questions(db: Database) -> tuple[str, ...]:
    """The questions a QBR asks in this shop, in their order (seed 001's unless edited)."""
    with db.read() as conn:
        return questions_in(conn)


def save_qbr_questions(db: Database, questions: Sequence[str] | None) -> Changes:
    """The shop's questions become ``questions`` (trimmed, blank ones dropped; None: seed 001's
    again). A list left empty or a question with a control character is refused, nothing saved."""
    from msp_desk.domain.shop import ShopSettings

    kept = QBR_QUESTIONS if questions is None else checked_questions(questions)
    with db.unit_of_work() as session:
        shop = settings_row(session)
        if shop is None:
            shop = ShopSettings()
            session.add(shop)
        shop.qbr_questions = stored_questions(kept)
        message = (
            "QBR questions: seed 001's restored"
            if not shop.qbr_questions
            else f"Saved the QBR questions ({fmt.plural(len(kept), 'question')})"
        )
        return recorded(session, Changes(message))
