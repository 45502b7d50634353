"""Closing a referral from the board: Lost asks for the reason (required, shown beside the field);
Won says what it makes (the onboarding client, the referrer's pending reward) before it is saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from msp_desk import formatting as fmt
from msp_desk.services.changes import Changes
from msp_desk.services.referrals import pipeline as rp
from msp_desk.services.referrals import rewards
from msp_desk.services.referrals.pipeline import ReferralCard
from msp_desk.services.referrals.rewards import RewardRule
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.common.words import word
from msp_desk.ui.edits import Edits

CONDITION_UNITS = {"paid_months": "paid month", "weeks_completed": "completed week"}


def reward_words(rule: RewardRule | None, referrer: str, currency: str, locale: str) -> str:
    """What a won referral gives its referrer, in a sentence."""
    if rule is None:
        return f"No reward rule is set: the referral is marked “no reward” for {referrer} (set a rule in Settings)."
    amount = fmt.money(rule.amount_cents, currency, locale)
    n = rule.condition_n
    condition = CONDITION_UNITS.get(rule.condition, "paid month")
    return (
        f"{referrer} gets a pending {amount} {word(rule.kind).lower()}, "
        f"earned after {n} {condition}{'' if n == 1 else 's'}."
    )


class _MoveDialog(FormDialog):
    """The shared frame: a sentence, optional fields, and a button that moves the card to
    ``stage`` (the dialog ``referral_<stage>_dialog``, its button "Mark <stage>", ``<stage>_save``)."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        card: ReferralCard,
        today: dt.date,
        parent: QWidget | None,
        stage: str,
    ) -> None:
        super().__init__(
            edits,
            name=f"referral_{stage}_dialog",
            title=f"Mark {card.company} {stage}",
            accept=f"Mark {stage}",
            accept_name=f"{stage}_save",
            parent=parent,
        )
        self._db, self.card, self._today, self._stage = db, card, today, stage
        self.ok_button = self.accept_button

    def lost_reason(self) -> str:
        """Why the referral was lost (only a lost one says)."""
        return ""

    def submit(self) -> bool:
        rid, db, day, stage, reason = self.card.id, self._db, self._today, self._stage, self.lost_reason()

        def write() -> Changes:
            return rp.move_referral(db, rid, stage, day, lost_reason=reason)

        return self.commit(write)


class LostDialog(_MoveDialog):
    """``LostDialog(db, edits, card, today)``: the reason is required; nothing is saved without it."""

    def __init__(
        self, db: Database, edits: Edits, card: ReferralCard, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, edits, card, today, parent, "lost")
        intro = QLabel(f"Why was {card.company} lost? The reason stays on the referral.")
        intro.setWordWrap(True)
        self.intro.addWidget(intro)
        self.reason = self.wide_row("lost_reason", QLineEdit())
        self.reason.setObjectName("lost_reason")
        self.reason.setPlaceholderText("Chose another provider, no budget, went quiet…")

    def lost_reason(self) -> str:
        return self.reason.text()


class WonDialog(_MoveDialog):
    """``WonDialog(db, edits, card, today)``: says what winning makes, then saves it."""

    def __init__(
        self, db: Database, edits: Edits, card: ReferralCard, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, edits, card, today, parent, "won")
        profile = shop_profile(db)
        rule = rewards.reward_rule(db)
        channel = "partner" if card.referrer_is_partner else "referral"
        self.summary = QLabel(
            f"<b>{card.company}</b> becomes an onboarding client (channel {channel}, referred by "
            f"{card.referrer}) with its first-90-days checklist.<br><br>"
            + reward_words(rule, card.referrer, profile.currency, profile.locale)
        )
        self.summary.setObjectName("won_summary")
        self.summary.setWordWrap(True)
        self.wide_row("company", self.summary)
