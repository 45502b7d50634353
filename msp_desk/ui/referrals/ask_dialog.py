"""Record one referral ask: who was asked, when, with which script (shown filled, as a preview),
the target profile, what they said, names given and the follow-up date (defaulted by the result);
each error beside its field, Apply saves the ask and its follow-up task through ``Edits``."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from msp_desk.domain.enums import AskResult, ScriptKind
from msp_desk.services.referrals.asks import (
    RESULT_WORDS,
    ask_targets,
    contacts_of,
    follow_up_default,
    record_ask,
)
from msp_desk.services.referrals.scripts import MergeValues, fill, list_scripts, merge_values
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui import theme
from msp_desk.ui.common.fields import FieldErrors, error_label, qt_date_format
from msp_desk.ui.edits import Edits


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class RecordAskDialog(QDialog):
    """``RecordAskDialog(db, today, edits, client_id=None, partner_id=None)``: an ask to that
    client or partner (or to whoever is chosen in the dialog)."""

    def __init__(
        self,
        db: Database,
        today: dt.date,
        edits: Edits,
        client_id: int | None = None,
        partner_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("record_ask_dialog")
        self.setWindowTitle("Record a referral ask")
        self.setMinimumWidth(560)
        self._db, self._today, self._edits = db, today, edits
        self._base = MergeValues()
        self._follow_up_edited = False
        date_format = qt_date_format(shop_profile(db).locale)
        self.errors = FieldErrors(error_label("form"), {"asked": "who"})
        form = QFormLayout()
        self._form = form

        self.who = self._combo("who")
        clients, partners = ask_targets(db)
        if client_id is not None and client_id not in {c.id for c in clients}:
            self.who.addItem(f"Client #{client_id}", f"client:{client_id}")
        for c in clients:
            self.who.addItem(c.name, f"client:{c.id}")
        for p in partners:
            self.who.addItem(f"Partner: {p.name}", f"partner:{p.id}")
        wanted = f"client:{client_id}" if client_id is not None else f"partner:{partner_id}"
        found = self.who.findData(wanted)
        self.who.setCurrentIndex(max(found, 0))
        # Thousands of clients: typing part of a name finds them (no scrolling a long list).
        self.who.setEditable(True)
        self.who.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.who.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.who.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._row(form, "Asked", "who", self.who)
        self.contact = self._combo("contact")
        self._row(form, "Contact", "contact", self.contact)
        self.day = self._date("day", today, date_format)
        self._row(form, "Date", "day", self.day)

        self.script = self._combo("script")
        self._scripts = {s.id: s for s in list_scripts(db)}
        self.script.addItem("(no script)", None)
        for s in self._scripts.values():
            self.script.addItem(s.name, s.id)
        first_ask = next((s.id for s in self._scripts.values() if s.kind == ScriptKind.ASK.value), None)
        self.script.setCurrentIndex(max(self.script.findData(first_ask), 0))
        self._row(form, "Script", "script", self.script)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("ask_script_preview")
        self.preview.setToolTip(
            "The script filled for this ask. A preview to read from: edits here are not saved"
        )
        self.preview.setMinimumHeight(150)
        form.addRow("", self.preview)
        preview_note = QLabel("Filled for this ask: a preview to read from, not saved")
        preview_note.setStyleSheet(theme.label_style("caption"))
        form.addRow("", preview_note)

        self.industry = self._line("target_industry", "Industry of the people you hope to meet")
        self._row(form, "Target industry", "target_industry", self.industry)
        self.pain = self._line("target_pain", "Their pain: ransomware, slow onboarding…")
        self._row(form, "Target pain", "target_pain", self.pain)
        self.result = self._combo("result")
        for value, words in RESULT_WORDS.items():
            self.result.addItem(words, value)
        self._row(form, "What they said", "result", self.result)
        self.names = QSpinBox()
        self.names.setObjectName("ask_names_given")
        self.names.setRange(0, 99)
        self._row(form, "Names given", "names_given", self.names)
        self.follow_up = self._date("follow_up_on", today, date_format)
        self._row(form, "Follow up on", "follow_up_on", self.follow_up)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("ask_notes")
        self.notes.setMaximumHeight(60)
        self._row(form, "Notes", "notes", self.notes)
        self.note = QLabel("Applying also adds the follow-up task; a partner asked counts as touched.")
        self.note.setStyleSheet(theme.label_style("caption"))
        self.note.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("ask_apply")
        self.apply_button.setDefault(True)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addStretch(1)
        column.addWidget(self.note)
        column.addWidget(self.errors.form)
        column.addWidget(buttons)

        self.who.currentIndexChanged.connect(self._who_changed)
        self.contact.currentIndexChanged.connect(self.update_preview)
        self.script.currentIndexChanged.connect(self.update_preview)
        self.industry.textChanged.connect(self.update_preview)
        self.pain.textChanged.connect(self.update_preview)
        self.result.currentIndexChanged.connect(self._default_follow_up)
        self.day.dateChanged.connect(self._default_follow_up)
        self.follow_up.dateChanged.connect(self._follow_up_changed)
        self._who_changed()
        self._default_follow_up()

    # -- building ----------------------------------------------------------------------------
    def _combo(self, key: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"ask_{key}")
        return combo

    def _line(self, key: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"ask_{key}")
        edit.setPlaceholderText(placeholder)
        return edit

    def _date(self, key: str, day: dt.date, display: str) -> QDateEdit:
        edit = QDateEdit(qdate(day))
        edit.setObjectName(f"ask_{key}")
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(display)
        return edit

    def _row(self, form: QFormLayout, label: str, key: str, widget: QWidget) -> None:
        holder = self.errors.cell(key, widget)
        form.addRow(label, holder)

    # -- reacting ----------------------------------------------------------------------------
    def asked(self) -> tuple[int | None, int | None]:
        """(client id, partner id) of who is chosen."""
        kind, _, key = (self.who.currentData() or ":").partition(":")
        if not key:
            return None, None
        return (int(key), None) if kind == "client" else (None, int(key))

    def _who_changed(self) -> None:
        client_id, partner_id = self.asked()
        self.contact.blockSignals(True)
        self.contact.clear()
        self.contact.addItem("(not recorded)", None)
        if client_id is not None or partner_id is not None:
            for c in contacts_of(self._db, client_id=client_id, partner_id=partner_id):
                self.contact.addItem(c.name, c.id)
            self.contact.setCurrentIndex(1 if self.contact.count() > 1 else 0)  # the decision maker
            self._base = merge_values(self._db, client_id=client_id, partner_id=partner_id)
        self.contact.blockSignals(False)
        self.update_preview()

    def values(self) -> MergeValues:
        """The merge values as the fields say (the chosen contact; the target profile typed)."""
        contact = self.contact.currentText() if self.contact.currentData() is not None else self._base.contact
        return replace(
            self._base,
            contact=contact,
            industry=self.industry.text().strip() or self._base.industry,
            pain=self.pain.text().strip(),
        )

    def update_preview(self) -> None:
        script = self._scripts.get(self.script.currentData())
        self.preview.setPlainText(fill(script.body, self.values()) if script else "")

    def _default_follow_up(self) -> None:
        if self._follow_up_edited:
            return
        day = follow_up_default(self.result.currentData(), pydate(self.day.date()))
        self.follow_up.blockSignals(True)
        self.follow_up.setDate(qdate(day))
        self.follow_up.blockSignals(False)

    def _follow_up_changed(self) -> None:
        self._follow_up_edited = True

    # -- saving ------------------------------------------------------------------------------
    def apply(self) -> bool:
        """Save the ask (and its follow-up task); stays open with the error beside its field."""
        client_id, partner_id = self.asked()
        given = dict(
            client_id=client_id,
            partner_id=partner_id,
            contact_id=self.contact.currentData(),
            script_id=self.script.currentData(),
            target_industry=self.industry.text(),
            target_pain=self.pain.text(),
            result=self.result.currentData() or AskResult.NAMES_GIVEN.value,
            names_given=self.names.value(),
            follow_up_on=pydate(self.follow_up.date()),
            notes=self.notes.toPlainText(),
        )
        day = pydate(self.day.date())
        if not self.errors.run(lambda: self._edits.apply(lambda: record_ask(self._db, day, **given))):
            return False
        self.accept()
        return True
