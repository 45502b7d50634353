"""The "Account" button of a client's header: the ladder actions that fit the client now (start,
move tier, seats, add-ons, price, churn, reactivate), each opening its dialog with a preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from msp_desk.services.accounts.actions import ACTIONS, account_state
from msp_desk.ui.context import PageContext


class AccountMenuButton(QPushButton):
    """``AccountMenuButton(db, edits, today)``; ``set_client(id)`` chooses whose actions it offers."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_actions")
        self.setText("Account")
        self.setToolTip("Move this client on the ladder: tier, seats, add-ons, price, churn")
        self._db, self._edits, self._today = ctx.db, ctx.edits, ctx.today
        self.client_id: int | None = None
        self.menu_ = QMenu(self)
        self.menu_.setObjectName("account_menu")
        self.menu_.aboutToShow.connect(self._fill)
        self.setMenu(self.menu_)

    def set_client(self, client_id: int | None) -> None:
        self.client_id = client_id
        self.setEnabled(client_id is not None)

    def available(self) -> tuple[str, ...]:
        """The actions offered for the client now (keys of ``ACTIONS``)."""
        if self.client_id is None:
            return ()
        return account_state(self._db, self.client_id, self._today).available()

    def _fill(self) -> None:
        self.menu_.clear()
        for key in self.available():
            action = self.menu_.addAction(ACTIONS[key])
            action.setObjectName(f"account_{key}")
            action.triggered.connect(lambda _=False, k=key: self.open_action(k))

    def open_action(self, key: str) -> None:
        """Open the dialog of action ``key`` for the client (modal; Apply saves through edits)."""
        from msp_desk.ui.clients.account_dialog import AccountActionDialog

        if self.client_id is None:
            return
        dialog = AccountActionDialog(self._db, self._edits, self.client_id, key, self._today, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog  # the one open (tests drive it)
        dialog.open()
