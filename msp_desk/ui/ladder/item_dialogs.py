"""The forms of a tier and of an add-on (new or edited): every field validated on Save, the
message shown beside the field, nothing saved until every field is right."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from msp_desk.domain.checkins import CADENCE_RANGE
from msp_desk.kpi.inputs import PRIORITIES
from msp_desk.services.changes import Changes
from msp_desk.services.ladder import editing as ladder
from msp_desk.services.ladder.defaults import VA_HOURS_PER_BLOCK
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.common.fields import Collected, money_input_text
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits
from msp_desk.ui.ladder.fields import (
    STAGE_TITLES,
    minutes_text,
    parse_minutes,
    price_model_choices,
    typed_prices,
)

PRICE_NOTE = (
    "A new price here applies to new clients from today. To pick a date, or to reprice existing "
    "clients too, use Change price… on the ladder."
)


class _ItemDialog(FormDialog):
    """What the two forms share: the price rows, the note on prices, a value chosen in a list."""

    def __init__(
        self, db: Database, edits: Edits, today: dt.date, parent: QWidget | None, *, name: str, title: str
    ) -> None:
        super().__init__(
            edits,
            name=name,
            title=title,
            accept="Save",
            accept_name="save",
            min_width=520,
            capitalize=False,
            parent=parent,
        )
        self._db, self._today = db, today
        self.save_button = self.accept_button
        profile = shop_profile(db)
        self._kind, self._locale, self._currency = profile.kind, profile.locale, profile.currency

    def _price_rows(self, prefix: str, models: list[tuple[str, str]]) -> None:
        self.price_model = QComboBox()
        for value, text in models:
            self.price_model.addItem(text, value)
        self.row("Price model", "price_model", self.price_model, name=f"{prefix}_price_model")
        self.price = QLineEdit()
        self.price.setPlaceholderText(f"e.g. {self._typed(13_500)}")
        self.row("Price", "price", self.price, name=f"{prefix}_price")
        self.cost = QLineEdit()
        self.cost.setPlaceholderText(f"what it costs you a unit a month, e.g. {self._typed(6_500)}")
        self.row("Direct cost", "cost", self.cost, name=f"{prefix}_cost")

    def _typed(self, cents: int) -> str:
        return money_input_text(cents, self._locale, self._currency)

    def _prices(self, collected: Collected) -> tuple[int, int]:
        """(price, cost) as typed, in the shop's locale; a field not money is kept in ``collected``."""
        return typed_prices(self.price.text(), self.cost.text(), self._currency, self._locale, collected)

    def _price_note(self, is_new: bool) -> None:
        if not is_new:
            note = QLabel(PRICE_NOTE)
            note.setObjectName("price_note")
            note.setWordWrap(True)
            note.setStyleSheet(theme.label_style("quiet"))
            self.below.addWidget(note)

    def _choose(self, combo: QComboBox, value: str | None) -> None:
        at = combo.findData(value)
        if at < 0 and value is not None:  # a value the form does not offer: shown as it is
            combo.addItem(value, value)
            at = combo.count() - 1
        combo.setCurrentIndex(max(at, 0))


class TierDialog(_ItemDialog):
    """``TierDialog(db, edits, today, tier_id)``: edit a tier, or a new one when ``tier_id`` is None."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        today: dt.date,
        tier_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        form = ladder.tier_form(db, tier_id, today) if tier_id is not None else None
        title = f"Tier — {form.name}" if form else "New tier"
        super().__init__(db, edits, today, parent, name="tier_dialog", title=title)
        self.tier_id = tier_id
        self.name = QLineEdit()
        self.row("Name", "name", self.name, name="tier_name")
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("One sentence: what this rung is for")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(56)
        self.row("Description", "description", self.description, name="tier_description")
        self.inclusions = QPlainTextEdit()
        self.inclusions.setPlaceholderText("One inclusion a line")
        self.inclusions.setTabChangesFocus(True)
        self.inclusions.setFixedHeight(110)
        self.row("Inclusions", "inclusions", self.inclusions, name="tier_inclusions")
        self._price_rows("tier", price_model_choices(self._kind))
        self.hours_per_block = QSpinBox()
        self.hours_per_block.setRange(0, 1000)
        self.hours_per_block.setSuffix(" hours")
        self.row("Hours a block", "hours_per_block", self.hours_per_block, name="tier_hours_per_block")
        self.form.addRow("Response targets", self._targets_grid())
        self.check_in_days = self._days_spin(
            "check_in_every_days", "Check-in call every", "tier_check_in_days"
        )
        self.qbr_days = self._days_spin("qbr_every_days", "QBR every", "tier_qbr_days")
        self.price_model.currentIndexChanged.connect(self._model_chosen)
        self._fill(form)
        self._price_note(form is None)

    def _targets_grid(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        for column, title in enumerate(("", "First response", "Resolution"), start=0):
            header = QLabel(title)
            header.setStyleSheet(theme.label_style("quiet"))
            grid.addWidget(header, 0, column)
        self.targets: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        row = 1
        for priority in PRIORITIES:
            first, resolution = QLineEdit(), QLineEdit()
            first.setObjectName(f"target_{priority}_first_response")
            resolution.setObjectName(f"target_{priority}_resolution")
            for edit in (first, resolution):
                edit.setPlaceholderText("none")
                edit.setToolTip("Minutes (30), hours (4 h) or days (2 d); empty: no target")
            grid.addWidget(QLabel(priority), row, 0)
            grid.addWidget(first, row, 1)
            grid.addWidget(resolution, row, 2)
            error = self.errors.add(
                f"{priority}_target", f"{priority}.first_response_min", f"{priority}.resolution_min"
            )
            grid.addWidget(error, row + 1, 1, 1, 2)
            self.targets[priority] = (first, resolution)
            row += 2
        self.errors.labels["priority"] = self.errors.labels["P1_target"]
        return box

    def _days_spin(self, key: str, label: str, name: str) -> QSpinBox:
        """A cadence in days (its clients' check-in calls, QBRs)."""
        spin = QSpinBox()
        spin.setRange(*CADENCE_RANGE)
        spin.setSuffix(" days")
        spin.setToolTip("Its clients get a task this many days after the last one (Today lists it)")
        return self.row(label, key, spin, name=name)

    def _fill(self, form: ladder.TierForm | None) -> None:
        defaults = form or ladder.TierForm("")
        self.check_in_days.setValue(defaults.check_in_every_days)
        self.qbr_days.setValue(defaults.qbr_every_days)
        if form is None:
            self._choose(self.price_model, "per_hours_block" if self._kind == "va" else "per_seat")
            self.hours_per_block.setValue(VA_HOURS_PER_BLOCK)
            self._model_chosen()
            return
        self.name.setText(form.name)
        self.description.setPlainText(form.description)
        self.inclusions.setPlainText(form.inclusions)
        self._choose(self.price_model, form.price_model)
        self.price.setText(self._typed(form.price_cents))
        self.cost.setText(self._typed(form.cost_cents))
        self.hours_per_block.setValue(form.hours_per_block or VA_HOURS_PER_BLOCK)
        for priority, (first, resolution) in self.targets.items():
            minutes = form.targets.get(priority, (None, None))
            first.setText("" if minutes[0] is None else minutes_text(minutes[0], self._locale))
            resolution.setText("" if minutes[1] is None else minutes_text(minutes[1], self._locale))
        self._model_chosen()

    def _model_chosen(self) -> None:
        self.hours_per_block.setEnabled(self.price_model.currentData() == "per_hours_block")

    def collected(self) -> ladder.TierForm:
        """The form as typed; every malformed amount or time raises at once (ValidationErrors)."""
        collected = Collected()
        targets = {
            priority: (
                collected.read(
                    partial(parse_minutes, first.text(), f"{priority}.first_response_min", self._locale), None
                ),
                collected.read(
                    partial(parse_minutes, resolution.text(), f"{priority}.resolution_min", self._locale),
                    None,
                ),
            )
            for priority, (first, resolution) in self.targets.items()
        }
        blocks = self.price_model.currentData() == "per_hours_block"
        price, cost = self._prices(collected)
        collected.check()
        return ladder.TierForm(
            name=self.name.text(),
            description=self.description.toPlainText(),
            inclusions=self.inclusions.toPlainText(),
            price_model=self.price_model.currentData(),
            price_cents=price,
            cost_cents=cost,
            hours_per_block=self.hours_per_block.value() if blocks else None,
            targets=targets,
            check_in_every_days=self.check_in_days.value(),
            qbr_every_days=self.qbr_days.value(),
        )

    def submit(self) -> bool:
        """Save the tier when every field is right; else each error beside its field."""

        def write() -> Changes:
            form, tier_id = self.collected(), self.tier_id
            if tier_id is None:
                return ladder.add_tier(self._db, form)
            return ladder.update_tier(self._db, tier_id, form, self._today)

        return self.commit(write)


class AddOnDialog(_ItemDialog):
    """``AddOnDialog(db, edits, today, addon_id)``: edit an add-on, or a new one (``addon_id`` None)."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        today: dt.date,
        addon_id: int | None = None,
        parent: QWidget | None = None,
        *,
        stage: str = "protect",
    ) -> None:
        form = ladder.addon_form(db, addon_id, today) if addon_id is not None else None
        title = f"Add-on — {form.name}" if form else "New add-on"
        super().__init__(db, edits, today, parent, name="addon_dialog", title=title)
        self.addon_id = addon_id
        self.name = QLineEdit()
        self.row("Name", "name", self.name, name="addon_name")
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("What the client gets, in a sentence or two")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.row("Description", "description", self.description, name="addon_description")
        self.stage = QComboBox()
        for value, (title, words) in STAGE_TITLES.items():
            self.stage.addItem(f"{title} — {words.lower()}", value)
        self.row("Growth stage", "growth_stage", self.stage, name="addon_stage")
        self._price_rows("addon", price_model_choices(self._kind, addon=True))
        if form is None:
            self._choose(self.stage, stage)
        else:
            self.name.setText(form.name)
            self.description.setPlainText(form.description)
            self._choose(self.stage, form.growth_stage)
            self._choose(self.price_model, form.price_model)
            self.price.setText(self._typed(form.price_cents))
            self.cost.setText(self._typed(form.cost_cents))
        self._price_note(form is None)

    def collected(self) -> ladder.AddOnForm:
        collected = Collected()
        price, cost = self._prices(collected)
        collected.check()
        return ladder.AddOnForm(
            name=self.name.text(),
            description=self.description.toPlainText(),
            price_model=self.price_model.currentData(),
            price_cents=price,
            cost_cents=cost,
            growth_stage=self.stage.currentData(),
        )

    def submit(self) -> bool:
        """Save the add-on when every field is right; else each error beside its field."""

        def write() -> Changes:
            form, addon_id = self.collected(), self.addon_id
            if addon_id is None:
                return ladder.add_addon(self._db, form)
            return ladder.update_addon(self._db, addon_id, form, self._today)

        return self.commit(write)
