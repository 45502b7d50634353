"""A reward's terms as form fields (kind, amount, condition, N, clawback months), and the dialog
that gives a won referral without one its reward (the rewards ledger's "Create reward" fix)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from msp_desk.domain.enums import RewardCondition, RewardKind
from msp_desk.domain.money import NotANumber, parse_whole
from msp_desk.errors import ValidationError
from msp_desk.services.changes import Changes
from msp_desk.services.referrals.rewards import RewardRule, add_reward, check_rule, reward_rule
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.common.fields import money_input_text, parse_money_text
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits

KIND_WORDS = {
    RewardKind.SERVICE_CREDIT.value: "Service credit",
    RewardKind.CASH.value: "Cash",
    RewardKind.GIFT.value: "Gift",
    RewardKind.DONATION.value: "Donation",
}
CONDITION_WORDS = {
    RewardCondition.PAID_MONTHS.value: "The referred client has paid N full months",
    RewardCondition.WEEKS_COMPLETED.value: "The referred client has completed N weeks",
}
MAX_N = 36
MAX_CLAWBACK_MONTHS = 120


def parse_rule_fields(
    kind: str, amount: str, condition: str, n: int, clawback: str, *, currency: str, locale: str
) -> RewardRule:
    """The rule typed in the fields (the amount in the shop's ``locale``; checked);
    ValidationError names kind, amount, condition, condition_n or clawback_months."""
    cents = parse_money_text(amount, "amount", currency, locale) or 0
    try:
        months = parse_whole(clawback, locale, high=MAX_CLAWBACK_MONTHS) if clawback.strip() else None
    except NotANumber:
        raise ValidationError(
            "clawback_months", f"a number of months (at most {MAX_CLAWBACK_MONTHS}), or empty for no clawback"
        ) from None
    return check_rule(RewardRule(kind, cents, condition, n, months))


def kind_combo(with_none: bool = False) -> QComboBox:
    combo = QComboBox()
    if with_none:
        combo.addItem("No reward rule (decide each win by hand)", "")
    for value, text in KIND_WORDS.items():
        combo.addItem(text, value)
    return combo


def condition_combo() -> QComboBox:
    combo = QComboBox()
    for value, text in CONDITION_WORDS.items():
        combo.addItem(text, value)
    return combo


def n_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(1, MAX_N)
    return spin


class RewardCreateDialog(FormDialog):
    """``RewardCreateDialog(db, edits, referral_id, company)``: the shop's rule filled in;
    Create saves a pending reward for the won referral (undoable)."""

    def __init__(
        self, db: Database, edits: Edits, referral_id: int, company: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            edits,
            name="reward_create_dialog",
            title=f"Reward for introducing {company}",
            accept="Create reward",
            accept_name="ok",
            min_width=460,
            prefix="reward_",
            parent=parent,
        )
        self._db, self._referral = db, referral_id
        self.ok = self.accept_button
        rule = reward_rule(db) or RewardRule(amount_cents=0)
        profile = shop_profile(db)
        self._currency, self._locale = profile.currency, profile.locale
        self.kind = self.row("Kind", "kind", kind_combo())
        self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
        amount = money_input_text(rule.amount_cents or None, self._locale, self._currency)
        self.amount = self.row("Amount", "amount", QLineEdit(amount))
        self.amount.setPlaceholderText(f"e.g. {money_input_text(25_000, self._locale, self._currency)}")
        self.condition = self.row("Earned when", "condition", condition_combo())
        self.condition.setCurrentIndex(max(0, self.condition.findData(rule.condition)))
        self.n = self.row("N", "condition_n", n_spin())
        self.n.setValue(rule.condition_n)
        clawback = "" if rule.clawback_months is None else str(rule.clawback_months)
        self.clawback = self.row("Clawback window (months)", "clawback_months", QLineEdit(clawback))
        self.clawback.setPlaceholderText("empty = no clawback")
        note = QLabel(
            "The reward starts pending; “Update from the ledger” marks it earned once the condition is met."
        )
        note.setWordWrap(True)
        note.setStyleSheet(theme.label_style("quiet"))
        self.below.addWidget(note)

    def submit(self) -> bool:
        def write() -> Changes:
            rule = parse_rule_fields(
                self.kind.currentData(),
                self.amount.text(),
                self.condition.currentData(),
                self.n.value(),
                self.clawback.text(),
                currency=self._currency,
                locale=self._locale,
            )
            return add_reward(self._db, self._referral, rule)

        return self.commit(write)
