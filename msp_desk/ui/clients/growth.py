"""A client's Growth tab: the next rung up the ladder (tier and next-stage add-ons, with the MRR
each adds and the signals behind them, each one click from the roadmap), the account review
flags with their actions (seed 003's "killer customers"), and the referral readiness score
with every factor shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.kpi.review_flags import ACTION_LABELS, Action
from msp_desk.services.accounts import review_actions as account_reviews
from msp_desk.services.accounts.signals import AccountSignals
from msp_desk.services.changes import Changes
from msp_desk.services.ladder.growth import next_rung
from msp_desk.ui import theme
from msp_desk.ui.common.layout import scrolled
from msp_desk.ui.context import PageContext

MET = {True: "✓", False: "✗", None: "?"}
SHORT = {  # the buttons' words; the tooltips say the whole advice (ACTION_LABELS)
    Action.REPRICE: "Reprice…",
    Action.MOVE_TIER: "Move tier…",
    Action.REVIEW_CALL: "Review call",
    Action.PLAN_EXIT: "Plan exit",
}
# A flag's action -> the account action dialog it opens (None: handled here).
ACTION_DIALOGS = {Action.REPRICE: "price", Action.MOVE_TIER: "tier"}


class ClientGrowth(QWidget):
    """``ClientGrowth(db, today, edits, open_action)``; ``show(client_id, name, signals)`` fills it.

    ``open_action(key)`` opens an account action dialog (``services.accounts.actions.ACTIONS``)
    for the client shown, e.g. "price" for a reprice, "tier" to move it up or down."""

    def __init__(self, ctx: PageContext, open_action: Callable[[str], None]) -> None:
        super().__init__()
        self.setObjectName("client_growth")
        self._db, self._today, self._edits, self._open_action = ctx.db, ctx.today, ctx.edits, open_action
        self.client_id: int | None = None
        self._name = ""
        self._currency, self._locale = "USD", "en_US"
        self.message = QLabel()
        self.message.setObjectName("growth_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(4, 4, 4, 4)
        self.column.setSpacing(6)
        scroll = scrolled(self.body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps instead
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        outer.addWidget(self.message)
        outer.addWidget(scroll)

    # -- filling -----------------------------------------------------------------------------
    def show_client(
        self, client_id: int, name: str, signals: AccountSignals | None, currency: str, locale: str
    ) -> None:
        """Show ``client_id``; ``signals`` None while the shop's signals are still being read."""
        if client_id != self.client_id:
            self.message.hide()
        self.client_id, self._name = client_id, name
        self._currency, self._locale = currency, locale
        self._clear()
        self._next_rung(client_id)
        if signals is None:
            self._label(
                "Review flags and referral readiness are being worked out…", "muted", "signals_pending"
            )
        else:
            self._flags(signals)
            self._readiness(signals)
        self.column.addStretch(1)

    def _next_rung(self, client_id: int) -> None:
        rung = next_rung(self._db, client_id, self._today)
        self._label("Next rung", "section")
        if rung.current is None:
            self._label(
                "Not on a tier of the ladder now: Account › Start on a tier (Reactivate, for a client who left).",
                "muted",
                "not_on_ladder",
            )
        elif rung.next_tier is None and not rung.addons:
            self._label("On the top rung with every add-on of its next stage: nothing to suggest.", "muted")
        if rung.next_tier is not None:
            step = rung.next_tier
            text = f"{step.name}: {self._delta(step.mrr_delta_cents)} ({self._money(step.mrr_cents)} a month)"
            self._suggestion(
                f"tier_{step.tier_id}", text, f"Move up to {step.name}", step.mrr_delta_cents, upgrade=True
            )
        if rung.addons:
            stage = (rung.stage or "").capitalize()
            self._label(f"Add-ons of the {stage} stage it lacks", "muted")
            for addon in rung.addons:
                text = f"{addon.name}: {self._delta(addon.mrr_delta_cents)}"
                self._suggestion(f"addon_{addon.addon_id}", text, f"Add {addon.name}", addon.mrr_delta_cents)
        for signal in rung.signals:
            self._label(f"• {signal.reason}", "muted", f"signal_{signal.code}")

    def _flags(self, signals: AccountSignals) -> None:
        self._label("Account review", "section")
        if not signals.flags:
            self._label(
                "No review flags: margin, ticket load, advice taken and satisfaction look fine.", "muted"
            )
        for flag in signals.flags:
            self._label(f"⚠ {flag.label}: {flag.reason}", "flag", f"flag_{flag.code}")
            row = QHBoxLayout()
            for action in flag.actions:
                button = QPushButton(SHORT[action])
                button.setObjectName(f"flag_{flag.code}_{action}")
                button.setToolTip(ACTION_LABELS[action])
                button.clicked.connect(lambda _=False, a=action, f=flag.reason: self._act(a, f))
                row.addWidget(button)
            row.addStretch(1)
            self.column.addLayout(row)

    def _readiness(self, signals: AccountSignals) -> None:
        readiness = signals.readiness
        self._label("Referral readiness", "section")
        verdict = "ask now" if readiness.ask_now else "not yet"
        self._label(f"{readiness.score} / 100 · {verdict}", "score", "readiness_score")
        for factor in readiness.factors:
            text = f"{MET[factor.met]} {factor.name} ({factor.points}/{factor.weight}): {factor.reason}"
            self._label(text, "muted", f"factor_{factor.code}")

    # -- acting ------------------------------------------------------------------------------
    def _act(self, action: Action, reason: str) -> None:
        if action in ACTION_DIALOGS:
            self._open_action(ACTION_DIALOGS[action])
            return
        client = self.client_id
        if client is None:  # no client shown: nothing to act on
            return
        if action == Action.PLAN_EXIT:
            self._apply(lambda: account_reviews.plan_exit(self._db, client, self._today, reason))
        else:  # a review call: on the roadmap as the next conversation to have
            title = f"Account review call: {reason}"[:200]
            self._apply(
                lambda: account_reviews.propose(self._db, client, title, 0, self._today, category="review")
            )

    def propose(self, key: str, title: str, mrr_delta_cents: int) -> None:
        """Put suggestion ``key`` on the client's roadmap as a proposed item."""
        client = self.client_id
        if client is None:  # no client shown: nothing to propose it to
            return
        self._apply(lambda: account_reviews.propose(self._db, client, title, mrr_delta_cents, self._today))

    def _apply(self, write: Callable[[], Changes]) -> None:
        try:
            changes = self._edits.apply(write)
        except MspError as exc:
            self.message.setStyleSheet(theme.text_style("error"))
            self.message.setText(str(exc))
        else:
            self.message.setStyleSheet(theme.text_style("good"))
            self.message.setText(changes.message)
        self.message.show()

    # -- pieces ------------------------------------------------------------------------------
    def _suggestion(self, key: str, text: str, title: str, delta: int, *, upgrade: bool = False) -> None:
        row = QHBoxLayout()
        label = QLabel(text)
        label.setObjectName(f"suggest_{key}")
        label.setWordWrap(True)
        row.addWidget(label, 1)
        propose = QPushButton("Propose")
        propose.setObjectName(f"propose_{key}")
        propose.setToolTip("Put it on the client's roadmap, to discuss at the next QBR")
        propose.clicked.connect(lambda: self.propose(key, title, delta))
        row.addWidget(propose)
        if upgrade:
            now = QPushButton("Upgrade…")
            now.setObjectName(f"upgrade_{key}")
            now.setToolTip("Move the client up now, with a preview of the MRR effect")
            now.clicked.connect(lambda: self._open_action("tier"))
            row.addWidget(now)
        self.column.addLayout(row)

    def _label(self, text: str, role: str, name: str = "") -> QLabel:
        label = QLabel(text)
        label.setProperty("role", role)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if name:
            label.setObjectName(name)
        self.column.addWidget(label)
        return label

    def _clear(self) -> None:
        def empty(layout: QLayout) -> None:
            while (item := layout.takeAt(0)) is not None:  # None once it is empty
                widget, inner = item.widget(), item.layout()
                if widget is not None:
                    widget.setParent(None)  # gone at once (findChild no longer sees it)
                    widget.deleteLater()
                elif inner is not None:
                    empty(inner)

        empty(self.column)

    def _money(self, cents: int) -> str:
        return fmt.money(cents, self._currency, self._locale)

    def _delta(self, cents: int) -> str:
        sign = "+" if cents >= 0 else "−"
        return f"{sign}{self._money(abs(cents))} MRR"
