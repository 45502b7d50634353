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
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from msp_desk.domain.enums import AskResult, ScriptKind
from msp_desk.services.changes import Changes
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
from msp_desk.ui.common.fields import qt_date_format
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class RecordAskDialog(FormDialog):
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
        super().__init__(
            edits,
            name="record_ask_dialog",
            title="Record a referral ask",
            accept="Apply",
            accept_name="ask_apply",
            min_width=560,
            prefix="ask_",
            aliases={"asked": "who"},
            parent=parent,
        )
        self._db, self._today = db, today
        self.apply_button = self.accept_button
        self._base = MergeValues()
        self._follow_up_edited = False
        date_format = qt_date_format(shop_profile(db).locale)

        self.who = QComboBox()
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
        completer = self.who.completer()  # an editable combo box has one
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.row("Asked", "who", self.who)
        self.contact = QComboBox()
        self.row("Contact", "contact", self.contact)
        self.day = self._date(today, date_format)
        self.row("Date", "day", self.day)

        self.script = QComboBox()
        self._scripts = {s.id: s for s in list_scripts(db)}
        self.script.addItem("(no script)", None)
        for s in self._scripts.values():
            self.script.addItem(s.name, s.id)
        first_ask = next((s.id for s in self._scripts.values() if s.kind == ScriptKind.ASK.value), None)
        self.script.setCurrentIndex(max(self.script.findData(first_ask), 0))
        self.row("Script", "script", self.script)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("ask_script_preview")
        self.preview.setToolTip(
            "The script filled for this ask. A preview to read from: edits here are not saved"
        )
        self.preview.setMinimumHeight(150)
        self.form.addRow("", self.preview)
        preview_note = QLabel("Filled for this ask: a preview to read from, not saved")
        preview_note.setStyleSheet(theme.label_style("caption"))
        self.form.addRow("", preview_note)

        self.industry = self._line("Industry of the people you hope to meet")
        self.row("Target industry", "target_industry", self.industry)
        self.pain = self._line("Their pain: ransomware, slow onboarding…")
        self.row("Target pain", "target_pain", self.pain)
        self.outcome = QComboBox()  # the ask's result (``result()`` is QDialog's own)
        for value, words in RESULT_WORDS.items():
            self.outcome.addItem(words, value)
        self.row("What they said", "result", self.outcome)
        self.names = QSpinBox()
        self.names.setRange(0, 99)
        self.row("Names given", "names_given", self.names)
        self.follow_up = self._date(today, date_format)
        self.row("Follow up on", "follow_up_on", self.follow_up)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.row("Notes", "notes", self.notes)
        self.note = QLabel("Applying also adds the follow-up task; a partner asked counts as touched.")
        self.note.setStyleSheet(theme.label_style("caption"))
        self.note.setWordWrap(True)
        self.below.addStretch(1)
        self.below.addWidget(self.note)

        self.who.currentIndexChanged.connect(self._who_changed)
        self.contact.currentIndexChanged.connect(self._fill_script)
        self.script.currentIndexChanged.connect(self._fill_script)
        self.industry.textChanged.connect(self._fill_script)
        self.pain.textChanged.connect(self._fill_script)
        self.outcome.currentIndexChanged.connect(self._default_follow_up)
        self.day.dateChanged.connect(self._default_follow_up)
        self.follow_up.dateChanged.connect(self._follow_up_changed)
        self._who_changed()
        self._default_follow_up()

    # -- building ----------------------------------------------------------------------------
    def _line(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        return edit

    def _date(self, day: dt.date, display: str) -> QDateEdit:
        edit = QDateEdit(qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(display)
        return edit

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
        self._fill_script()

    def values(self) -> MergeValues:
        """The merge values as the fields say (the chosen contact; the target profile typed)."""
        contact = self.contact.currentText() if self.contact.currentData() is not None else self._base.contact
        return replace(
            self._base,
            contact=contact,
            industry=self.industry.text().strip() or self._base.industry,
            pain=self.pain.text().strip(),
        )

    def _fill_script(self) -> None:
        script = self._scripts.get(self.script.currentData())
        self.preview.setPlainText(fill(script.body, self.values()) if script else "")

    def _default_follow_up(self) -> None:
        if self._follow_up_edited:
            return
        day = follow_up_default(self.outcome.currentData(), pydate(self.day.date()))
        self.follow_up.blockSignals(True)
        self.follow_up.setDate(qdate(day))
        self.follow_up.blockSignals(False)

    def _follow_up_changed(self) -> None:
        self._follow_up_edited = True

    # -- saving ------------------------------------------------------------------------------
    def submit(self) -> bool:
        """Save the ask (and its follow-up task); stays open with the error beside its field."""
        client_id, partner_id = self.asked()
        contact_id: int | None = self.contact.currentData()
        script_id: int | None = self.script.currentData()
        industry, pain, notes = self.industry.text(), self.pain.text(), self.notes.toPlainText()
        result: str = self.outcome.currentData() or AskResult.NAMES_GIVEN.value
        names_given = self.names.value()
        day, follow_up_on = pydate(self.day.date()), pydate(self.follow_up.date())

        def write() -> Changes:
            return record_ask(
                self._db,
                day,
                client_id=client_id,
                partner_id=partner_id,
                contact_id=contact_id,
                script_id=script_id,
                target_industry=industry,
                target_pain=pain,
                result=result,
                names_given=names_given,
                follow_up_on=follow_up_on,
                notes=notes,
            )

        return self.commit(write)

    apply = submit  # the name its callers know
