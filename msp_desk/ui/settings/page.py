"""The Settings page: who the shop is, the KPI policies, the targets and review thresholds, and
where the backups are.

Everything is saved in the shop's database (one undoable write); a bad value is explained
beside its field and nothing is saved.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msp_desk.domain.benchmarks import DEFAULT_BENCHMARKS
from msp_desk.domain.money import NotANumber, parse_whole
from msp_desk.errors import MspError, ValidationError
from msp_desk.services.changes import SETTINGS_TABLES
from msp_desk.services.referrals.rewards import parse_rule
from msp_desk.services.shop.settings import get_settings, save_settings
from msp_desk.ui import theme
from msp_desk.ui.common.fields import Collected, FieldErrors, money_input_text
from msp_desk.ui.common.layout import fill_with
from msp_desk.ui.common.unsaved import UnsavedEdits, saved_mark
from msp_desk.ui.context import PageContext
from msp_desk.ui.referrals.reward_rule import condition_combo, kind_combo, n_spin, parse_rule_fields
from msp_desk.ui.refresh import ChangeFollower
from msp_desk.ui.settings.backups import BackupsBox
from msp_desk.ui.settings.fields import TargetField, field_for, format_target, parse_target
from msp_desk.ui.settings.logo import LogoField
from msp_desk.ui.settings.onboarding import OnboardingTemplateBox
from msp_desk.ui.settings.reviews import ReviewsBox

LABEL_WIDTH, INPUT_WIDTH = 300, 440  # px
KINDS = (("msp", "Managed-IT shop (seats, tickets)"), ("va", "Virtual-assistant agency (hours, requests)"))
PAPERS = (("letter", "US Letter"), ("a4", "A4"))
# A service's ValidationError field -> the field it is shown beside (when they differ).
FIELD_OF_ERROR = {"sales_marketing_share": "sales_marketing_share_bp"}
SHARE_FIELD = TargetField("sales_marketing_share_bp", "Sales & marketing share of revenue", "percent")


class SettingsPage(QWidget):
    """``SettingsPage(ctx)``: edit the shop's settings; Save (Ctrl+S) applies them.

    Edits not saved yet mark the Save button ("Save *") and ``unsaved_changed`` tells the
    window (its title gets the "*"); leaving the page asks first (``has_unsaved``)."""

    unsaved_changed = Signal(bool)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_page")
        self._db, self._edits = ctx.db, ctx.edits
        # Amounts and numbers are shown and read in the locale and currency saved (set by load).
        self._locale, self._currency = "en_US", "USD"
        self.errors = FieldErrors(aliases=FIELD_OF_ERROR, capitalize=False)
        self.inputs: dict[str, QWidget] = {}

        title = QLabel("Settings")
        title.setObjectName("page_title")
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("save_settings")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.reset_button = QPushButton("Reset targets to the benchmarks")
        self.reset_button.setObjectName("reset_targets")
        self.reset_button.setToolTip("Industry benchmarks (seed 002) and the default review thresholds")
        self.reset_button.clicked.connect(self._reset_targets)
        self.status = QLabel()
        self.status.setObjectName("settings_status")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.errors.form)
        header.addWidget(self.status)
        header.addWidget(self.reset_button)
        header.addWidget(self.save_button)

        shop = self._group("Your shop")
        self._line(shop, "name", "Name")
        self.logo = LogoField(ctx)  # saved at once when chosen, not with the page's Save
        self.logo.setMaximumWidth(INPUT_WIDTH)
        self._place(shop, "Logo (printed on every report)", self.logo)
        self._combo(shop, "kind", "Kind of business", KINDS)
        self._line(shop, "currency", "Currency (ISO code)", "e.g. USD, EUR, GBP")
        self._line(shop, "locale", "Number and date format", "e.g. en_US, en_GB, de_DE")
        self._spin(shop, "employees", "Employees (for ARR per employee)", 0, 100_000)
        self._address(shop)
        self._line(shop, "email", "Email")
        self._line(shop, "phone", "Phone")
        self._line(shop, "booking_link", "Booking link (QR code on the referral pack)")
        self._combo(shop, "paper", "Paper size", PAPERS)

        policies = self._group("KPI policies")
        self._line(policies, "sales_marketing_share_bp", "Sales and marketing share of revenue", "e.g. 15%")
        self._spin(policies, "lifetime_cap_months", "Expected lifetime cap (months)", 1, 1200)
        self._line(
            policies,
            "reactivation_window_days",
            "Reactivation window (days)",
            "empty = a return always counts",
        )

        reward = self._group("Referral reward (given for each won referral)")
        self._row(reward, "reward_kind", "Reward", kind_combo(with_none=True))
        self._line(reward, "reward_amount", "Amount", "e.g. 250.00")
        self._row(reward, "reward_condition", "Earned when", condition_combo())
        self._row(reward, "reward_condition_n", "N (months or weeks)", n_spin())
        self._line(reward, "reward_clawback_months", "Clawback window (months)", "empty = no clawback")
        reward_kind = self.inputs["reward_kind"]
        assert isinstance(reward_kind, QComboBox)
        reward_kind.currentIndexChanged.connect(
            lambda _i: self._reward_fields_enabled(bool(reward_kind.currentData()))
        )

        targets = self._group("Targets (industry benchmarks)")
        reviews = self._group("Accounts to review and referral readiness")
        for key in DEFAULT_BENCHMARKS:
            field = field_for(key)
            self._line(reviews if field.group == "reviews" else targets, key, field.label, field.hint)

        content = QWidget()
        content.setObjectName("settings_content")
        column = QVBoxLayout(content)
        column.setContentsMargins(*theme.PAGE_MARGINS)
        column.setSpacing(14)
        column.addLayout(header)
        self.backups = BackupsBox(ctx, LABEL_WIDTH)
        self.onboarding = OnboardingTemplateBox(ctx)
        self.reviews = ReviewsBox(ctx)
        for group in (shop, policies, reward, targets, reviews, self.reviews, self.onboarding, self.backups):
            column.addWidget(group)
        column.addStretch(1)
        fill_with(self, content, "settings_scroll")
        self.unsaved = UnsavedEdits(self, self.inputs.values())
        self.unsaved.changed.connect(self._show_unsaved)
        self._saving = False
        self.follower = ChangeFollower(self, ctx.edits, SETTINGS_TABLES, lambda _changes: self._follow())
        self.load()

    # -- building --------------------------------------------------------------------------
    def _group(self, title: str) -> QGroupBox:
        box = QGroupBox(title)
        box.setLayout(QFormLayout())
        return box

    def _row(self, box: QGroupBox, key: str, label: str, widget: QWidget) -> None:
        widget.setObjectName(f"setting_{key}")
        widget.setMaximumWidth(INPUT_WIDTH)
        self._place(box, label, self.errors.cell(key, widget))
        self.inputs[key] = widget

    def _place(self, box: QGroupBox, label: str, widget: QWidget) -> None:
        """``widget`` on a row of ``box`` beside its caption (a field Save reads, or the logo's
        own row, which saves itself)."""
        layout = box.layout()
        assert isinstance(layout, QFormLayout)
        caption = QLabel(label)
        caption.setMinimumWidth(LABEL_WIDTH)  # every group's fields line up
        layout.addRow(caption, widget)

    def _line(self, box: QGroupBox, key: str, label: str, hint: str = "") -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(hint)
        self._row(box, key, label, edit)

    def _address(self, box: QGroupBox) -> None:
        edit = QPlainTextEdit()
        edit.setPlaceholderText("Street, city, postcode (printed on reports)")
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(64)
        self._row(box, "address", "Address", edit)

    def _spin(self, box: QGroupBox, key: str, label: str, low: int, high: int) -> None:
        spin = QSpinBox()
        spin.setRange(low, high)
        self._row(box, key, label, spin)

    def _combo(self, box: QGroupBox, key: str, label: str, choices: tuple[tuple[str, str], ...]) -> None:
        combo = QComboBox()
        for value, text in choices:
            combo.addItem(text, value)
        self._row(box, key, label, combo)

    # -- reading and writing ---------------------------------------------------------------
    def load(self) -> None:
        """Show what the database holds."""
        shop = get_settings(self._db)
        self._locale, self._currency = shop.locale, shop.currency
        for key in ("name", "currency", "locale", "address", "email", "phone", "booking_link"):
            self._set(key, getattr(shop, key))  # the address keeps its line breaks
        self._set("kind", shop.kind)
        self._set("paper", shop.paper)
        self._set("employees", shop.employees or 0)
        self._set(
            "sales_marketing_share_bp", self._target(SHARE_FIELD, shop.sales_marketing_share_bp / 10_000)
        )
        self._set("lifetime_cap_months", shop.lifetime_cap_months)
        window = shop.reactivation_window_days
        self._set("reactivation_window_days", "" if window is None else str(window))
        for key, value in shop.benchmarks().items():
            self._set(key, self._target(field_for(key), value))
        rule = parse_rule(shop.reward_rule_json)
        self._set("reward_kind", rule.kind if rule else "")
        self._reward_fields_enabled(rule is not None)
        amount = rule.amount_cents if rule and rule.amount_cents else None
        self._set("reward_amount", money_input_text(amount, self._locale, self._currency))
        self._set("reward_condition", rule.condition if rule else "paid_months")
        self._set("reward_condition_n", rule.condition_n if rule else 1)
        clawback = rule.clawback_months if rule else None
        self._set("reward_clawback_months", "" if clawback is None else clawback)
        self._clear_errors()
        if hasattr(self, "unsaved"):  # not while the page is being built
            self.unsaved.mark_saved()

    def _target(self, field: TargetField, value: Any) -> str:
        return format_target(field, value, self._locale, self._currency)

    def _parsed(self, field: TargetField) -> Any:
        return parse_target(field, self._text(field.key), self._locale, self._currency)

    def _parsed_key(self, key: str) -> Any:
        return self._parsed(field_for(key))

    def _set(self, key: str, value: Any) -> None:
        widget = self.inputs[key]
        if isinstance(widget, QLineEdit):
            widget.setText(str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))

    def _text(self, key: str) -> str:
        widget = self.inputs[key]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def values(self) -> dict[str, Any]:
        """The settings as typed, parsed; raises the ValidationError of every bad field at once
        (``ValidationErrors`` when there are several)."""
        found: dict[str, Any] = {k: self._text(k) for k in ("name", "currency", "locale", "address")}
        found |= {k: self._text(k) for k in ("email", "phone", "booking_link")}
        found["currency"] = found["currency"].upper()
        for key in ("kind", "paper"):
            combo = self.inputs[key]
            assert isinstance(combo, QComboBox)
            found[key] = combo.currentData()
        for key in ("employees", "lifetime_cap_months"):
            spin = self.inputs[key]
            assert isinstance(spin, QSpinBox)
            found[key] = spin.value()
        found["employees"] = found["employees"] or None
        collected = Collected()
        share = collected.read(lambda: self._parsed(SHARE_FIELD), 0)
        found["sales_marketing_share_bp"] = round(share * 10_000)
        found["reactivation_window_days"] = collected.read(self._reactivation_window, None)
        overrides = {}
        for key, default in DEFAULT_BENCHMARKS.items():
            value = collected.read(partial(self._parsed_key, key), default)
            if value != default:
                overrides[key] = value
        found["benchmarks_json"] = json.dumps(overrides, sort_keys=True) if overrides else ""
        found["reward_rule_json"] = collected.read(self._reward_rule_json, "")
        collected.check()
        return found

    def _reactivation_window(self) -> int | None:
        window = self._text("reactivation_window_days")
        try:
            return parse_whole(window, self._locale) if window else None
        except NotANumber:
            raise ValidationError(
                "reactivation_window_days", "a number of days, or empty for no limit"
            ) from None

    def _reward_fields_enabled(self, enabled: bool) -> None:
        for key in ("reward_amount", "reward_condition", "reward_condition_n", "reward_clawback_months"):
            self.inputs[key].setEnabled(enabled)

    def _reward_rule_json(self) -> str:
        """The reward rule typed ("" when "No reward rule" is chosen); errors name reward_* fields."""
        kind, condition, n = (
            self.inputs[k] for k in ("reward_kind", "reward_condition", "reward_condition_n")
        )
        assert isinstance(kind, QComboBox) and isinstance(condition, QComboBox) and isinstance(n, QSpinBox)
        if not kind.currentData():
            return ""
        try:
            rule = parse_rule_fields(
                kind.currentData(),
                self._text("reward_amount"),
                condition.currentData(),
                n.value(),
                self._text("reward_clawback_months"),
                currency=self._currency,
                locale=self._locale,
            )
        except ValidationError as exc:
            raise ValidationError(f"reward_{exc.field}", exc.reason) from None
        return rule.to_json()

    def _follow(self) -> None:
        """Show a settings write (a save, an undo, the Reviews box's questions) unless the owner
        is typing here: edits not saved yet are never wiped by another part's write."""
        if self._saving or not self.unsaved.dirty:
            self.load()

    def save(self) -> bool:
        """Save every field in one undoable write; a bad value is shown beside its field (False)."""
        self._clear_errors()
        try:
            values = self.values()
            self._saving = True
            changes = self._edits.apply(lambda: save_settings(self._db, **values))
        except MspError as exc:
            self._show_error(exc)
            return False
        finally:
            self._saving = False
        self.unsaved.mark_saved()
        self.status.setText(changes.message)
        return True

    # -- unsaved edits -----------------------------------------------------------------------
    unsaved_what = "the settings"
    save_unsaved = save

    def has_unsaved(self) -> bool:
        return self.unsaved.dirty

    def discard_unsaved(self) -> None:
        """Put every field back as saved."""
        self.load()
        self.status.clear()

    def _show_unsaved(self, dirty: bool) -> None:
        self.save_button.setText(saved_mark("Save", dirty))
        self.save_button.setToolTip("Unsaved changes: Save (Ctrl+S) keeps them" if dirty else "Save (Ctrl+S)")
        self.unsaved_changed.emit(dirty)

    def refresh(self) -> None:
        """Re-read the settings from the database (F5): the fields show what is saved."""
        self.load()
        self.logo.load()
        self.reviews.load()
        self.onboarding.load()
        self.backups.refresh()

    def _reset_targets(self) -> None:
        for key, value in DEFAULT_BENCHMARKS.items():
            self._set(key, self._target(field_for(key), value))
        self.status.setText("Targets reset — Save to keep them")

    def _clear_errors(self) -> None:
        self.errors.clear()

    def _show_error(self, exc: MspError) -> None:
        key = self.errors.show(exc)  # beside its field; else on the form's own line
        if key:
            self.inputs[key].setFocus()
