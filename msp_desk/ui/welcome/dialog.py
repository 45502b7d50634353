"""The welcome of the first run (no shop file yet): try a demo shop, or start the owner's own shop
(kind, name, locale, currency, employees), made by ``services.shop.opening.create_shop``.

Nothing is written before Create: a demo opens its own file, and Quit leaves no file behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from msp_desk.errors import MspError, ValidationError
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.common.empty_state import card_style
from msp_desk.ui.common.fields import FieldErrors
from msp_desk.ui.theme import palette
from msp_desk.ui.welcome.locales import currency_choices, currency_of, locale_choices, system_locale

KINDS = (
    ("msp", "Managed-IT shop (seats, tickets)"),
    ("va", "Virtual-assistant agency (hours, requests)"),
)
DEMOS = (
    ("msp", "Try the MSP demo", "Northwind Shield IT: 3 years of clients, tickets and referrals"),
    ("va", "Try the VA agency demo", "BrightDesk: a virtual-assistant agency on blocks of hours"),
)
MAX_EMPLOYEES = 100_000


def _combo(name: str, choices: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for code, label in choices:
        combo.addItem(label, code)
    return combo


def _select(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    if index >= 0:
        combo.setCurrentIndex(index)


class WelcomeDialog(QDialog):
    """``WelcomeDialog(path, today)``: accepted with ``db`` open on the new shop (``demo`` None) or
    on a demo shop (``demo`` its kind); rejected (Quit, Esc, closed) with nothing made."""

    def __init__(self, path: Path, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setWindowTitle("Welcome to MSP Desk")
        self.setMinimumWidth(560)
        self.path, self.today = path, today
        self.db: Database | None = None
        self.demo: str | None = None
        self.steps = QStackedWidget()
        self.steps.setObjectName("welcome_steps")
        self.choice = self._choice_step()
        self.start = self._start_step()
        self.steps.addWidget(self.choice)
        self.steps.addWidget(self.start)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.addWidget(self.steps)

    # -- the first step: a demo or my shop ---------------------------------------------------
    def _choice_step(self) -> QWidget:
        step = QWidget()
        step.setObjectName("welcome_choice")
        title = QLabel("Welcome to MSP Desk")
        title.setObjectName("welcome_title")
        title.setStyleSheet(theme.text_style("text", palette.FONT_TITLE, bold=True))
        intro = QLabel(
            "Grow the value of every client account: your roster, your service ladder and the KPIs "
            f"that matter, offline on this computer.\n\nThere is no shop at {self.path} yet. Look "
            "around a demo shop first (your own file is not made), or start your own."
        )
        intro.setObjectName("welcome_intro")
        intro.setWordWrap(True)
        intro.setStyleSheet(theme.text_style("caption", palette.FONT_BODY))
        self.choice_error = QLabel()
        self.choice_error.setObjectName("welcome_error")
        self.choice_error.setWordWrap(True)
        self.choice_error.setStyleSheet(theme.label_style("error"))
        self.choice_error.hide()
        column = QVBoxLayout(step)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(intro)
        self.start_button = self._option(
            column,
            "welcome_start",
            "Start my shop",
            "Your kind of business, name, money and date format; the default ladder to edit.",
            self.show_start,
        )
        self.start_button.setDefault(True)
        self.demo_buttons: dict[str, QPushButton] = {}
        for kind, text, words in DEMOS:
            self.demo_buttons[kind] = self._option(
                column, f"welcome_demo_{kind}", text, words, partial(self.open_demo, kind)
            )
        column.addWidget(self.choice_error)
        column.addStretch(1)
        self.quit_button = QPushButton("Quit")
        self.quit_button.setObjectName("welcome_quit")
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.quit_button)
        column.addLayout(row)
        return step

    @staticmethod
    def _option(
        column: QVBoxLayout, name: str, text: str, words: str, slot: Callable[[], object]
    ) -> QPushButton:
        """A card holding a button and the sentence saying what it does."""
        card = QFrame()
        card.setObjectName(f"{name}_card")
        card.setStyleSheet(card_style(f"{name}_card"))
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumWidth(190)
        button.clicked.connect(lambda _checked=False: slot())
        label = QLabel(words)
        label.setWordWrap(True)
        label.setStyleSheet(theme.text_style("caption", palette.FONT_CAPTION))
        row = QHBoxLayout(card)
        row.setContentsMargins(12, 10, 12, 10)
        row.setSpacing(14)
        row.addWidget(button)
        row.addWidget(label, 1)
        column.addWidget(card)
        return button

    def open_demo(self, kind: str) -> None:
        """Open the demo shop of ``kind`` (its own file; built the first time, which takes a moment)."""
        from msp_desk.demo.shops import open_demo

        self.choice_error.hide()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.db = open_demo(kind, self.today)
        except MspError as exc:
            self.choice_error.setText(str(exc))
            self.choice_error.show()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.demo = kind
        self.accept()

    # -- the second step: my shop ------------------------------------------------------------
    def _start_step(self) -> QWidget:
        step = QWidget()
        step.setObjectName("welcome_start_step")
        title = QLabel("Start my shop")
        title.setStyleSheet(theme.text_style("text", palette.FONT_FIGURE, bold=True))
        intro = QLabel(
            f"A new shop file at {self.path}, with the default ladder, add-ons and referral "
            "scripts of its kind. All of it can be changed later in Settings and on the Ladder page."
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(theme.text_style("caption", palette.FONT_BODY))
        self.errors = FieldErrors()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_field = _combo("start_kind", KINDS)
        self.name_field = QLineEdit()
        self.name_field.setObjectName("start_name")
        self.name_field.setPlaceholderText("e.g. Harbor Point IT")
        locale = system_locale()
        self.locale_field = _combo("start_locale", locale_choices(locale))
        _select(self.locale_field, locale)
        currency = currency_of(locale, self.today)
        self.currency_field = _combo("start_currency", currency_choices(currency))
        _select(self.currency_field, currency)
        self.locale_field.currentIndexChanged.connect(self._locale_changed)
        self.employees_field = QSpinBox()
        self.employees_field.setObjectName("start_employees")
        self.employees_field.setRange(0, MAX_EMPLOYEES)
        self.employees_field.setSpecialValueText("Not counted yet")
        self.employees_field.setToolTip(
            "People on the payroll, you included: the dashboard's ARR per employee"
        )
        for label, key, field in (
            ("Kind of business", "kind", self.kind_field),
            ("Shop name", "name", self.name_field),
            ("Number and date format", "locale", self.locale_field),
            ("Currency", "currency", self.currency_field),
            ("Employees", "employees", self.employees_field),
        ):
            caption = QLabel(label)
            caption.setBuddy(field)
            form.addRow(caption, self.errors.cell(key, field))
        self.back_button = QPushButton("Back")
        self.back_button.setObjectName("start_back")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.show_choice)
        self.create_button = QPushButton("Create my shop")
        self.create_button.setObjectName("start_create")
        self.create_button.clicked.connect(self.make_shop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        column = QVBoxLayout(step)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.errors.form)
        column.addStretch(1)
        column.addLayout(buttons)
        return step

    def show_start(self) -> None:
        self.steps.setCurrentWidget(self.start)
        self.create_button.setDefault(True)
        self.name_field.setFocus()

    def show_choice(self) -> None:
        self.steps.setCurrentWidget(self.choice)
        self.start_button.setDefault(True)
        self.start_button.setFocus()

    def _locale_changed(self, _index: int) -> None:
        """A new format suggests its country's currency (the owner may still pick another)."""
        _select(self.currency_field, currency_of(str(self.locale_field.currentData()), self.today))

    def make_shop(self) -> bool:
        """Make the shop as the form says; a refusal is shown beside its field and nothing is made."""
        from msp_desk.services.shop.opening import create_shop

        def make() -> None:
            if not self.name_field.text().strip():
                raise ValidationError("name", "a name for your shop is needed")
            self.db = create_shop(
                self.path,
                kind=str(self.kind_field.currentData()),
                name=self.name_field.text().strip(),
                locale=str(self.locale_field.currentData()),
                currency=str(self.currency_field.currentData()),
                employees=self.employees_field.value() or None,
            )

        if not self.errors.run(make):
            return False
        self.accept()
        return True


def welcome(path: Path, today: dt.date, parent: QWidget | None = None) -> WelcomeDialog:
    """Show the welcome for the missing shop file ``path`` and wait for the owner's choice."""
    dialog = WelcomeDialog(path, today, parent)
    dialog.exec()
    return dialog
