"""A reward's terms as form fields (kind, amount, condition, N, clawback months), and the dialog
that gives a won referral without one its reward (the rewards ledger's "Create reward" fix)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msp_desk.domain.enums import RewardCondition, RewardKind
from msp_desk.domain.values import cents_to_decimal_text, parse_money
from msp_desk.errors import ValidationError
from msp_desk.services.referrals.rewards import RewardRule, add_reward, check_rule, reward_rule
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.common.fields import FieldErrors, error_label
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


def parse_rule_fields(kind: str, amount: str, condition: str, n: int, clawback: str) -> RewardRule:
    """The rule typed in the fields (checked); ValidationError names kind, amount, condition,
    condition_n or clawback_months."""
    try:
        cents = int(parse_money(amount)) if amount.strip() else 0
    except ValueError as exc:
        raise ValidationError("amount", str(exc)) from None
    clawback = clawback.strip()
    if clawback and not clawback.isdigit():
        raise ValidationError("clawback_months", "a number of months, or empty for no clawback")
    return check_rule(RewardRule(kind, cents, condition, n, int(clawback) if clawback else None))


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


class RewardCreateDialog(QDialog):
    """``RewardCreateDialog(db, edits, referral_id, company)``: the shop's rule filled in;
    Create saves a pending reward for the won referral (undoable)."""

    def __init__(
        self, db: Database, edits: Edits, referral_id: int, company: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reward_create_dialog")
        self.setWindowTitle(f"Reward for introducing {company}")
        self.setMinimumWidth(460)
        self._db, self._edits, self._referral = db, edits, referral_id
        rule = reward_rule(db) or RewardRule(amount_cents=0)
        self.kind = kind_combo()
        self.kind.setObjectName("reward_kind")
        self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
        self.amount = QLineEdit(cents_to_decimal_text(rule.amount_cents) if rule.amount_cents else "")
        self.amount.setObjectName("reward_amount")
        self.amount.setPlaceholderText("e.g. 250.00")
        self.condition = condition_combo()
        self.condition.setObjectName("reward_condition")
        self.condition.setCurrentIndex(max(0, self.condition.findData(rule.condition)))
        self.n = n_spin()
        self.n.setObjectName("reward_condition_n")
        self.n.setValue(rule.condition_n)
        self.clawback = QLineEdit("" if rule.clawback_months is None else str(rule.clawback_months))
        self.clawback.setObjectName("reward_clawback_months")
        self.clawback.setPlaceholderText("empty = no clawback")
        self.errors = FieldErrors(error_label("form"))
        form = QFormLayout()
        for label, key, widget in (
            ("Kind", "kind", self.kind),
            ("Amount", "amount", self.amount),
            ("Earned when", "condition", self.condition),
            ("N", "condition_n", self.n),
            ("Clawback window (months)", "clawback_months", self.clawback),
        ):
            cell = self.errors.cell(key, widget)
            form.addRow(label, cell)
        note = QLabel(
            "The reward starts pending; “Update from the ledger” marks it earned once the condition is met."
        )
        note.setWordWrap(True)
        note.setStyleSheet(theme.label_style("quiet"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton("Create reward", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("ok")
        self.ok.setDefault(True)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(note)
        column.addWidget(self.errors.form)
        column.addWidget(buttons)

    def create(self) -> None:
        def write() -> object:
            rule = parse_rule_fields(
                self.kind.currentData(),
                self.amount.text(),
                self.condition.currentData(),
                self.n.value(),
                self.clawback.text(),
            )
            return self._edits.apply(lambda: add_reward(self._db, self._referral, rule))

        if self.errors.run(write):
            self.accept()
