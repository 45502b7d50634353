"""The asks log: every referral ask, newest first, filtered by result; a "no" is flagged in red
(the relationship needs looking into). "Record ask…" opens the ask dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.enums import AskResult
from msp_desk.services.referrals.asks import RESULT_WORDS, AskRow, list_asks
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.common.tables import EmptyOr, RowsModel, table_view
from msp_desk.ui.context import PageContext
from msp_desk.ui.referrals.ask_dialog import RecordAskDialog
from msp_desk.ui.refresh import ChangeFollower

FLAG = "⚑ "
FILTERS = (("All results", None), *((words.split(":")[0], value) for value, words in RESULT_WORDS.items()))


def result_text(ask: AskRow) -> str:
    return (FLAG if ask.flagged else "") + RESULT_WORDS.get(ask.result, ask.result)


def target_text(ask: AskRow) -> str:
    return " · ".join(part for part in (ask.target_industry, ask.target_pain) if part)


# What the log shows: the asks, who was asked, with which script, their follow-ups.
SHOWS = frozenset({"referral_ask", "client", "partner", "contact", "script", "task", "shop_settings"})


class AsksLog(QWidget):
    """``AsksLog(db, today, edits)``; ``dialog`` is the last ask dialog opened (tests drive it)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("asks_log")
        self._db, self._today, self._edits = ctx.db, ctx.today, ctx.edits
        self.asks: list[AskRow] = []
        self.dialog: RecordAskDialog | None = None

        self.filter = QComboBox()
        self.filter.setObjectName("asks_filter")
        self.filter.setToolTip("Show the asks with one result")
        for label, value in FILTERS:
            self.filter.addItem(label, value)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.record_button = QPushButton("Record ask…")
        self.record_button.setObjectName("asks_record")
        self.record_button.setToolTip("Record an ask to a client or partner (Ctrl+N)")
        self.record_button.clicked.connect(self.record_ask)
        shortcut = QShortcut(QKeySequence.StandardKey.New, self, self.record_ask)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.caption = QLabel()
        self.caption.setObjectName("asks_caption")
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet(theme.label_style("caption"))
        self.model = RowsModel(
            ("Date", "Asked", "Script", "Target", "Result", "Names", "Follow-up"), right=(5,), parent=self
        )
        self.view = table_view("asks_table", self.model)
        self.stack = EmptyOr(self.view, "asks_empty")

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Result"))
        bar.addWidget(self.filter)
        bar.addStretch(1)
        bar.addWidget(self.record_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.caption)
        column.addWidget(self.stack, 1)
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, lambda _changes: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Re-read the asks with the chosen result."""
        locale = shop_profile(self._db).locale
        result = self.filter.currentData()
        self.asks = list_asks(self._db, result)
        self.model.set_rows(
            [
                (
                    fmt.date_text(a.day, locale),
                    a.who,
                    a.script,
                    target_text(a),
                    result_text(a),
                    fmt.count(a.names_given, locale) if a.names_given else "",
                    fmt.date_text(a.follow_up_on, locale),
                )
                for a in self.asks
            ],
            [a.id for a in self.asks],
            [theme.color("error") if a.flagged else None for a in self.asks],
            [
                "\n".join(
                    x for x in ("Said no: look into the relationship" if a.flagged else "", a.notes) if x
                )
                for a in self.asks
            ],
        )
        names = sum(a.names_given for a in self.asks)
        flagged = sum(a.flagged for a in self.asks)
        parts = [f"{fmt.count(len(self.asks), locale)} ask{'s' if len(self.asks) != 1 else ''}"]
        if result in (None, AskResult.NAMES_GIVEN.value):
            parts.append(f"{fmt.plural(names, 'name', locale=locale)} given")
        if flagged:
            parts.append(f"{FLAG}{fmt.count(flagged, locale)} said no: look into those relationships")
        self.caption.setText(" · ".join(parts))
        self.caption.setVisible(bool(self.asks))
        self.stack.show_empty(
            None
            if self.asks
            else (
                "No asks logged yet. Start with the top client on the Ask now list"
                if result is None
                else "No asks with this result"
            )
        )

    def record_ask(self) -> None:
        """Open the ask dialog (who is chosen in it)."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = RecordAskDialog(self._db, self._today, self._edits, parent=self)
        self.dialog.open()
