"""The Settings page: shop, policies, targets and review thresholds, saved in one undoable write."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from msp_desk.domain.benchmarks import DEFAULT_BENCHMARKS
from msp_desk.errors import ValidationError
from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import Database
from msp_desk.ui.context import PageContext
from msp_desk.ui.settings.fields import field_for, format_target, parse_target
from msp_desk.ui.settings.page import SettingsPage


def page_on(db: Database, qtbot) -> SettingsPage:  # type: ignore[no-untyped-def]
    page = SettingsPage(PageContext.open(db, dt.date.today()))
    qtbot.addWidget(page)
    page.show()
    return page


def type_into(page: SettingsPage, key: str, text: str) -> None:
    edit = page.findChild(QLineEdit, f"setting_{key}")
    edit.setText(text)


def error_at(page: SettingsPage, key: str) -> str:
    label = page.findChild(QLabel, f"error_{key}")
    return label.text() if label.isVisibleTo(page) else ""


@pytest.mark.parametrize("key", list(DEFAULT_BENCHMARKS))
def test_every_default_target_reads_back_exactly(key: str) -> None:
    field = field_for(key)
    assert parse_target(field, format_target(field, DEFAULT_BENCHMARKS[key])) == DEFAULT_BENCHMARKS[key]


def test_targets_are_typed_as_people_write_them() -> None:
    assert parse_target(field_for("gross_margin"), "45 - 65%") == [0.45, 0.65]
    assert parse_target(field_for("arr_per_employee_cents"), "$150,000 to 200,000") == [
        15_000_000,
        20_000_000,
    ]
    assert parse_target(field_for("mttr_p1_hours_max"), "3.5 h") == 3.5
    with pytest.raises(ValidationError, match="low end is above"):
        parse_target(field_for("fcr"), "80%–70%")
    with pytest.raises(ValidationError, match="whole number"):
        parse_target(field_for("review_satisfaction_max"), "4.5")


def test_save_keeps_the_shop_and_its_own_targets_and_undo_restores(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = page_on(db, qtbot)
    assert page.findChild(QLineEdit, "setting_gross_margin").text() == "40%–60%"
    type_into(page, "name", "Harbor Point IT")
    type_into(page, "gross_margin", "45%–65%")
    type_into(page, "review_satisfaction_max", "6")
    type_into(page, "sales_marketing_share_bp", "12.5%")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    shop = get_settings(db)
    assert (shop.name, shop.sales_marketing_share_bp) == ("Harbor Point IT", 1250)
    assert shop.benchmarks()["gross_margin"] == [0.45, 0.65]
    assert shop.benchmarks()["review_satisfaction_max"] == 6
    assert shop.benchmarks()["fcr"] == DEFAULT_BENCHMARKS["fcr"]  # untouched targets stay the defaults
    assert page.status.text() == "Settings saved"

    page._edits.stack.undo()
    assert get_settings(db).name != "Harbor Point IT"
    assert page.findChild(QLineEdit, "setting_name").text() == get_settings(db).name  # the page re-read it


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("currency", "US", "not a 3-letter ISO code"),
        ("locale", "xx_NOWHERE", "not a known locale"),
        ("gross_margin", "60%-40%", "low end is above the high end"),
        ("reactivation_window_days", "three months", "a number of days"),
        ("name", "", "must not be empty"),
    ],
)
def test_a_bad_value_is_explained_beside_its_field_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    db: Database, qtbot, key: str, text: str, message: str
) -> None:
    page = page_on(db, qtbot)
    type_into(page, "phone", "+1 555 0100")  # a good change beside the bad one is not saved either
    type_into(page, key, text)
    page.save()
    assert message in error_at(page, key)
    assert get_settings(db).id is None  # still no settings row: nothing was saved


def test_the_referral_reward_rule_is_saved_with_the_settings(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Seed 004's VA offer: $100 of credit once the referred client completes its first week,
    clawed back if it leaves within 3 months. "No reward rule" saves "" (decide each win by hand)."""
    from PySide6.QtWidgets import QComboBox, QSpinBox

    from msp_desk.services.referrals.rewards import RewardRule, reward_rule

    page = page_on(db, qtbot)
    kind = page.findChild(QComboBox, "setting_reward_kind")
    assert kind.currentData() == ""  # a new shop has no rule
    kind.setCurrentIndex(kind.findData("service_credit"))
    condition = page.findChild(QComboBox, "setting_reward_condition")
    condition.setCurrentIndex(condition.findData("weeks_completed"))
    page.findChild(QSpinBox, "setting_reward_condition_n").setValue(1)
    type_into(page, "reward_clawback_months", "3")
    type_into(page, "reward_amount", "")
    page.save()
    assert "amount greater than zero" in error_at(page, "reward_amount")
    assert get_settings(db).id is None  # nothing saved
    type_into(page, "reward_amount", "1OO")
    page.save()
    assert "not an amount of money" in error_at(page, "reward_amount")
    type_into(page, "reward_amount", "100.00")
    type_into(page, "reward_clawback_months", "three")
    page.save()
    assert "number of months" in error_at(page, "reward_clawback_months")
    type_into(page, "reward_clawback_months", "3")
    page.save()
    assert reward_rule(db) == RewardRule("service_credit", 10_000, "weeks_completed", 1, 3)
    page.load()  # reads back what was saved
    assert page.findChild(QLineEdit, "setting_reward_amount").text() == "100.00"
    assert kind.currentData() == "service_credit" and condition.currentData() == "weeks_completed"

    kind.setCurrentIndex(kind.findData(""))
    page.save()
    assert get_settings(db).reward_rule_json == "" and reward_rule(db) is None
