"""The rewards ledger: every referral reward with its status, the buttons that move one along
(Apply credit, Mark paid, Void…), "Update from the ledger", a warning strip for won referrals
whose referrer's credit would be lost, and the selected referrer's statement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.changes import Changes
from msp_desk.services.referrals import rewards
from msp_desk.services.referrals import rewards_ledger as reward_ledger
from msp_desk.services.referrals.rewards_ledger import RewardRow, UnrewardedWin
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.common.fields import FieldErrors, error_label
from msp_desk.ui.common.layout import split
from msp_desk.ui.common.tables import AnyIndex, EmptyOr, RowsModel, table_view
from msp_desk.ui.common.words import word
from msp_desk.ui.context import PageContext
from msp_desk.ui.referrals.reason_dialog import RewardReasonDialog
from msp_desk.ui.referrals.reward_rule import KIND_WORDS, RewardCreateDialog
from msp_desk.ui.refresh import ChangeFollower

TITLES = (
    "Referrer",
    "Introduced",
    "Kind",
    "Amount",
    "Earned when",
    "Status",
    "Earned on",
    "Settled",
    "Days pending",
)
STATEMENT_TITLES = ("Introduced", "Received", "Stage", "Reward", "Status")
FILTERS = (
    ("", "All rewards"),
    ("open", "Open (pending or earned)"),
    ("pending", "Pending"),
    ("earned", "Earned: to settle"),
    ("applied", "Applied"),
    ("paid", "Paid"),
    ("void", "Void"),
    ("clawed_back", "Clawed back"),
)
# A status's colour in the table: to settle, settled, gone, taken back.
STATUS_ROLES: dict[str, theme.ColorRole] = {
    "earned": "warning",
    "applied": "good",
    "paid": "good",
    "void": "faded",
    "clawed_back": "error",
}
NO_REWARDS = "No rewards yet — they appear here when a referral is won (set the reward rule in Settings)"


STATUS_COLUMN = TITLES.index("Status")


# What the ledger shows: rewards, the referrals they are for, referrers, the referred clients'
# lines (a reward's condition) and the reward rule.
SHOWS = frozenset({"reward", "referral", "client", "partner", "contract_line", "task", "shop_settings"})


class _LedgerModel(RowsModel):
    """The rewards table: only the status cell takes the status colour."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and index.column() != STATUS_COLUMN:
            return None
        return super().data(index, role)


class RewardsLedger(QWidget):
    """``RewardsLedger(db, today, edits)``; ``dialog`` is the last dialog it opened (tests drive it)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rewards_ledger")
        self._db, self._today, self._edits = ctx.db, ctx.today, ctx.edits
        profile = shop_profile(ctx.db)
        self._currency, self._locale = profile.currency, profile.locale
        self.rows: list[RewardRow] = []
        self.shown: list[RewardRow] = []
        self.wins: list[UnrewardedWin] = []
        self.dialog: RewardReasonDialog | RewardCreateDialog | None = None

        self.strip = QFrame()
        self.strip.setObjectName("unrewarded_strip")
        self.strip_text = QLabel()
        self.strip_text.setObjectName("unrewarded_text")
        self.strip_text.setWordWrap(True)
        self.win_list = QListWidget()
        self.win_list.setObjectName("unrewarded_list")
        self.create_button = self._button("&Create reward…", "create_reward", self.create_reward)
        self.no_reward_button = self._button("&No reward…", "no_reward", self.no_reward)
        fixes = QVBoxLayout()
        fixes.addWidget(self.create_button)
        fixes.addWidget(self.no_reward_button)
        fixes.addStretch(1)
        strip_row = QHBoxLayout()
        strip_row.addWidget(self.win_list, 1)
        strip_row.addLayout(fixes)
        strip_column = QVBoxLayout(self.strip)
        strip_column.addWidget(self.strip_text)
        strip_column.addLayout(strip_row)

        self.filter = QComboBox()
        self.filter.setObjectName("reward_filter")
        for key, text in FILTERS:
            self.filter.addItem(text, key)
        self.filter.currentIndexChanged.connect(lambda _i: self._fill())
        self.update_button = self._button(
            "&Update from the ledger", "update_rewards", self.update_from_ledger
        )
        self.update_button.setToolTip(
            "Mark rewards earned, void or clawed back by what the referred clients paid"
        )
        self.apply_button = self._button("&Apply credit", "apply_credit", self.apply_credit)
        self.apply_button.setToolTip("Put the earned service credit on the referrer's account today")
        self.pay_button = self._button("Mark &paid", "mark_paid", self.mark_paid)
        self.pay_button.setToolTip(
            "The reward was paid out today (cash, gift, donation, or a credit paid instead)"
        )
        self.void_button = self._button("&Void…", "void_reward", self.void)
        tools = QHBoxLayout()
        tools.addWidget(self.filter)
        tools.addWidget(self.update_button)
        tools.addStretch(1)
        for button in (self.apply_button, self.pay_button, self.void_button):
            tools.addWidget(button)
        self.errors = FieldErrors(error_label("form"))
        self.status = QLabel()
        self.status.setObjectName("rewards_status")
        self.status.setStyleSheet(theme.text_style("heading"))

        self.model = _LedgerModel(TITLES, right=(3, 8), parent=self)
        self.view = table_view("rewards_table", self.model)
        self.stack = EmptyOr(self.view, "rewards_empty")
        self.statement_title = QLabel()
        self.statement_title.setObjectName("statement_title")
        self.statement_title.setTextFormat(Qt.TextFormat.RichText)
        self.statement_model = RowsModel(STATEMENT_TITLES, parent=self)
        self.statement_view = table_view("statement_table", self.statement_model)
        statement = QWidget()
        statement_column = QVBoxLayout(statement)
        statement_column.setContentsMargins(0, 6, 0, 0)
        statement_column.addWidget(self.statement_title)
        statement_column.addWidget(self.statement_view, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(self.strip)
        column.addLayout(tools)
        column.addWidget(self.errors.form)
        column.addWidget(self.status)
        column.addWidget(split(Qt.Orientation.Vertical, self.stack, statement, name="rewards_split"), 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selected_changed())
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, self._changed)
        self.refresh()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _money(self, cents: int) -> str:
        return fmt.money(cents, self._currency, self._locale)

    def _date(self, day: dt.date | None) -> str:
        return fmt.date_text(day, self._locale)

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the ledger and the unrewarded wins; keeps the selected reward selected."""
        self.rows = reward_ledger.rewards_ledger(self._db, self._today)
        self.wins = reward_ledger.unrewarded_wins(self._db)
        self.win_list.clear()
        for win in self.wins:
            when = f", won {self._date(win.won_on)}" if win.won_on else ""
            item = QListWidgetItem(f"{win.company} — introduced by {win.referrer}{when}")
            item.setData(Qt.ItemDataRole.UserRole, win.referral_id)
            self.win_list.addItem(item)
        if self.wins:
            self.win_list.setCurrentRow(0)
            shown = min(len(self.wins), 4)  # room for up to four; more scroll
            self.win_list.setFixedHeight(
                shown * self.win_list.sizeHintForRow(0) + 2 * self.win_list.frameWidth() + 4
            )
            n = len(self.wins)
            self.strip_text.setText(
                f"<b>{n} won referral{'s have' if n > 1 else ' has'} no reward and no “no reward” decision.</b> "
                "Give each a reward or say why not, so no referrer's credit is lost."
            )
        self.strip.setVisible(bool(self.wins))
        self._fill()

    def _fill(self) -> None:
        chosen = self.filter.currentData()
        selected = self.selected()
        keep = selected.id if selected else None
        if chosen == "open":
            self.shown = [r for r in self.rows if r.status in ("pending", "earned")]
        else:
            self.shown = [r for r in self.rows if not chosen or r.status == chosen]
        status_colors = {status: theme.color(role) for status, role in STATUS_ROLES.items()}
        self.model.set_rows(
            [self._cells(r) for r in self.shown],
            [r.id for r in self.shown],
            [status_colors.get(r.status) for r in self.shown],
            [self._tip(r) for r in self.shown],
        )
        if not self.rows:
            self.stack.show_empty(NO_REWARDS)
        elif not self.shown:
            self.stack.show_empty("No reward has that status")
        else:
            self.stack.show_empty(None)
        ids = [r.id for r in self.shown]
        self.view.selectRow(ids.index(keep) if keep in ids else 0)
        self._selected_changed()

    def _cells(self, r: RewardRow) -> tuple[str, ...]:
        introduced = r.referred_company
        if r.referred_client and r.referred_client != r.referred_company:
            introduced = f"{r.referred_company} ({r.referred_client})"
        days = fmt.count(r.days_pending, self._locale) if r.days_pending is not None else ""
        return (
            r.referrer,
            introduced,
            KIND_WORDS.get(r.kind, word(r.kind)),
            self._money(r.amount_cents),
            r.condition,
            word(r.status),
            self._date(r.earned_on),
            self._date(r.settled_on),
            days,
        )

    def _tip(self, r: RewardRow) -> str:
        parts = [f"Earned {r.condition}" + (f"; {r.clawback}" if r.clawback else "")]
        if r.void_reason:
            parts.append(f"{word(r.status)} {self._date(r.voided_on)}: {r.void_reason}")
        return "\n".join(parts)

    def selected(self) -> RewardRow | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows or rows[0].row() >= len(self.shown):
            return None
        return self.shown[rows[0].row()]

    def _selected_changed(self) -> None:
        r = self.selected()
        status = r.status if r else ""
        self.apply_button.setEnabled(status == "earned" and r is not None and r.kind == "service_credit")
        self.pay_button.setEnabled(status == "earned")
        self.void_button.setEnabled(status in ("pending", "earned"))
        if r is not None and status == "earned" and r.kind == "service_credit" and not r.can_apply:
            self.apply_button.setToolTip(
                "The referrer has no account to credit: mark the reward paid instead"
            )
        else:
            self.apply_button.setToolTip("Put the earned service credit on the referrer's account today")
        self._show_statement(r)

    def _show_statement(self, r: RewardRow | None) -> None:
        if r is None:
            self.statement_title.setText("")
            self.statement_model.set_rows([])
            return
        s = reward_ledger.referrer_statement(
            self._db, client_id=r.referrer_client_id, partner_id=r.referrer_partner_id, today=self._today
        )
        totals = [
            f"settled {self._money(s.settled_cents)}",
            f"earned to settle {self._money(s.earned_cents)}",
            f"pending {self._money(s.pending_cents)}",
        ]
        if s.clawed_back_cents:
            totals.append(f"clawed back {self._money(s.clawed_back_cents)}")
        self.statement_title.setText(
            f"<b>Statement — {escape(s.referrer)}</b> &nbsp; "
            + theme.span(escape(" · ".join(totals)), "caption")
        )
        lines = []
        for line in s.lines:
            reward = line.reward
            if reward is not None:
                what = f"{KIND_WORDS.get(reward.kind, word(reward.kind))} {self._money(reward.amount_cents)}"
                state = word(reward.status)
            elif line.no_reward_reason:
                what, state = "No reward", line.no_reward_reason
            else:
                what, state = ("Missing!", "Decide a reward") if line.stage == "won" else ("", "")
            lines.append((line.company, self._date(line.received_on), word(line.stage), what, state))
        self.statement_model.set_rows(lines)

    def _changed(self, _changes: Changes) -> None:
        self.refresh()

    # -- writing -------------------------------------------------------------------------------
    def _run(self, write: Callable[[], Changes]) -> None:
        self.status.clear()
        try:
            changes = self._edits.apply(write)
        except MspError as exc:
            self.errors.show(exc)
            return
        self.errors.clear()
        self.status.setText(changes.message)

    def update_from_ledger(self) -> None:
        self._run(lambda: rewards.update_rewards(self._db, self._today))

    def apply_credit(self) -> None:
        r = self.selected()
        if r is not None:
            self._run(lambda: rewards.apply_reward(self._db, r.id, self._today))

    def mark_paid(self) -> None:
        r = self.selected()
        if r is not None:
            self._run(lambda: rewards.pay_reward(self._db, r.id, self._today))

    def void(self) -> None:
        r = self.selected()
        if r is None:
            return
        db, today, reward_id = self._db, self._today, r.id
        self._open(
            RewardReasonDialog(
                self._edits,
                "Void reward",
                f"Void {r.referrer}'s {self._money(r.amount_cents)} reward for introducing {r.referred_company}?",
                lambda reason: rewards.void_reward(db, reward_id, today, reason),
                placeholder="Why will it not be given? (required)",
                action="Void reward",
                parent=self,
            )
        )

    def _win(self) -> UnrewardedWin | None:
        item = self.win_list.currentItem()
        referral_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((w for w in self.wins if w.referral_id == referral_id), None)

    def create_reward(self) -> None:
        win = self._win()
        if win is not None:
            self._open(RewardCreateDialog(self._db, self._edits, win.referral_id, win.company, self))

    def no_reward(self) -> None:
        win = self._win()
        if win is None:
            return
        db, referral_id = self._db, win.referral_id
        self._open(
            RewardReasonDialog(
                self._edits,
                "No reward",
                f"Why does {win.referrer} get no reward for introducing {win.company}?",
                lambda reason: rewards.set_no_reward(db, referral_id, reason),
                placeholder="e.g. Reciprocal partner: we send each other clients, no fees",
                action="Save",
                parent=self,
            )
        )

    def _open(self, dialog: RewardReasonDialog | RewardCreateDialog) -> None:
        self.dialog = dialog
        dialog.open()
