"""The referral pipeline board: a column per stage with a card per referral (company, referrer,
expected MRR, days in stage, next follow-up; overdue ones in red). Cards move by drag and drop, by
keyboard (Ctrl+Right / Ctrl+Left a stage; arrows choose a card) or from the Move menu; lost asks
for the reason, won confirms the new client and the referrer's reward."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from msp_desk import formatting as fmt
from msp_desk.errors import MspError
from msp_desk.services.changes import Changes
from msp_desk.services.referrals import pipeline as rp
from msp_desk.services.referrals.pipeline import ReferralCard
from msp_desk.services.shop.settings import shop_profile
from msp_desk.ui import theme
from msp_desk.ui.common.empty_state import EmptyState
from msp_desk.ui.common.layout import scrolled
from msp_desk.ui.common.words import word
from msp_desk.ui.context import PageContext
from msp_desk.ui.referrals.move_dialog import LostDialog, WonDialog
from msp_desk.ui.referrals.new_referral_dialog import NewReferralDialog
from msp_desk.ui.refresh import ChangeFollower

MIME = "application/x-msp-desk-referral"


def _label(text: str, role: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


# What the board shows: the referrals, their referrers and contacts, follow-ups, rewards.
SHOWS = frozenset({"referral", "client", "partner", "contact", "task", "reward", "shop_settings"})


class CardWidget(QFrame):
    """One referral's card: press selects it, dragging carries its id, keys move it."""

    chosen = Signal(int)
    key = Signal(int, object)  # referral id, QKeyEvent
    menu = Signal(int, QPoint)  # referral id, global position

    def __init__(
        self, card: ReferralCard, lines: tuple[str, str, str], late: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName(f"referral_card_{card.id}")
        self.setProperty("role", "card")
        self.setProperty("overdue", card.overdue)
        self.setProperty("selected", False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        column.setSpacing(1)
        column.addWidget(_label(card.company, "company"))
        for text in lines:
            if text:
                column.addWidget(_label(text, "quiet"))
        if late:
            column.addWidget(_label(late, "late" if card.overdue else "quiet", "card_follow_up"))
        self.setToolTip(card.pain or card.industry or card.company)
        self._press: QPoint | None = None

    def set_selected(self, on: bool) -> None:
        theme.restyle(self, selected=on)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        self.chosen.emit(self.card.id)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        data = QMimeData()
        data.setData(MIME, str(self.card.id).encode())
        drag = QDrag(self)
        drag.setMimeData(data)
        drag.setPixmap(self.grab())
        drag.exec(Qt.DropAction.MoveAction)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        self.key.emit(self.card.id, event)
        if not event.isAccepted():
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt name
        self.chosen.emit(self.card.id)
        self.menu.emit(self.card.id, event.globalPos())


class StageColumn(QFrame):
    """A stage's title, count and expected MRR, and its cards; cards dropped here move to it."""

    dropped = Signal(int, str)  # referral id, stage

    def __init__(self, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setObjectName("referral_column")
        self.setAccessibleName(f"column_{stage}")
        self.setAcceptDrops(True)
        self.setMinimumWidth(150)
        self.title = _label(word(stage), "column_title", f"column_title_{stage}")
        self.sum = _label("", "column_sum", f"column_sum_{stage}")
        holder = QWidget()
        holder.setObjectName(f"column_cards_{stage}")
        holder.setStyleSheet("background: transparent;")
        self.cards = QVBoxLayout(holder)
        self.cards.setContentsMargins(0, 0, 0, 0)
        self.cards.setSpacing(6)
        self.cards.addStretch(1)
        scroll = scrolled(holder)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setStyleSheet("QScrollArea { background: transparent; }")
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 8)
        column.addWidget(self.title)
        column.addWidget(self.sum)
        column.addWidget(scroll, 1)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt name
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt name
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt name
        if not event.mimeData().hasFormat(MIME):
            return
        event.acceptProposedAction()
        self.dropped.emit(int(bytes(event.mimeData().data(MIME).data()).decode()), self.stage)


class PipelineBoard(QWidget):
    """``PipelineBoard(db, today, edits)``; ``dialog`` is the last dialog it opened (tests drive it).

    After a win it offers "Start on the ladder…": ``start_ladder(client_id)`` asks the window to
    open the new client with its Start dialog (the ladder flow)."""

    start_ladder = Signal(int)  # the client a won referral became

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipeline_board")
        self._db, self._today, self._edits = ctx.db, ctx.today, ctx.edits
        self.board: dict[str, tuple[ReferralCard, ...]] = {}
        self.widgets: dict[int, CardWidget] = {}
        self.selected_id: int | None = None
        self.dialog: WonDialog | LostDialog | NewReferralDialog | None = None

        self.add_button = QPushButton("Add referral…")
        self.add_button.setObjectName("referral_add")
        self.add_button.setShortcut("Ctrl+N")
        self.add_button.clicked.connect(self.add_referral)
        self.move_menu = QMenu(self)
        self.move_menu.setObjectName("board_menu")
        self.next_action = self.move_menu.addAction("Next stage\tCtrl+Right", lambda: self.step(1))
        self.back_action = self.move_menu.addAction("Back a stage\tCtrl+Left", lambda: self.step(-1))
        self.move_menu.addSeparator()
        self.won_action = self.move_menu.addAction("Mark won…", lambda: self.move_selected("won"))
        self.lost_action = self.move_menu.addAction("Mark lost…", lambda: self.move_selected("lost"))
        self.move_button = QPushButton("Move")
        self.move_button.setObjectName("board_move")
        self.move_button.setMenu(self.move_menu)
        self.status = QLabel()
        self.status.setObjectName("board_status")
        self.status.setWordWrap(True)
        self.status.hide()
        self.error = QLabel()
        self.error.setObjectName("board_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.label_style("error"))
        self.error.hide()
        hint = _label("Drag a card to another stage, or select it and press Ctrl+→ / Ctrl+←.", "quiet")

        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.move_button)
        bar.addWidget(hint, 1)
        self.columns: dict[str, StageColumn] = {}
        self.empty = EmptyState(
            "board_empty",
            "No referrals yet",
            "Every company a client or partner introduces goes here, from received to won or lost. "
            "The referrer's credit is kept from the first day, and a win becomes your client.",
        )
        self.empty.add_action("Add your first referral…", "add_first_referral", self.add_referral)
        self.stages = QWidget()
        row = QHBoxLayout(self.stages)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for stage in rp.STAGES:
            column = StageColumn(stage)
            column.dropped.connect(self.move_to)
            self.columns[stage] = column
            row.addWidget(column, 1)
        self.won_client: int | None = None
        self.start_button = QPushButton("Start on the ladder…")
        self.start_button.setObjectName("start_won_client")
        self.start_button.setToolTip("Open the new client and start it on a tier, with a preview of its MRR")
        self.start_button.clicked.connect(self._start_won_client)
        self.start_button.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(status_row)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addWidget(self.stages, 1)
        self.follower = ChangeFollower(self, ctx.edits, SHOWS, self._changed)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the board and rebuild the cards (the selection stays on its referral)."""
        profile = shop_profile(self._db)
        self.board = rp.pipeline_board(self._db, self._today)
        had_focus = any(w.hasFocus() for w in self.widgets.values())
        for widget in self.widgets.values():
            widget.hide()
            widget.deleteLater()  # not now: a card's own key press may have led here
        self.widgets = {}
        for stage, cards in self.board.items():
            column = self.columns[stage]
            total = sum(c.expected_mrr_cents for c in cards)
            column.title.setText(f"{word(stage)} · {fmt.count(len(cards), profile.locale)}")
            money = fmt.money_whole(total, profile.currency, profile.locale)
            column.sum.setText(f"{money} expected MRR" if cards else "No referrals")
            for n, card in enumerate(cards):
                widget = CardWidget(card, *self._texts(card, profile.currency, profile.locale))
                widget.chosen.connect(self.select)
                widget.key.connect(self._key)
                widget.menu.connect(lambda _rid, pos: self.move_menu.popup(pos))
                column.cards.insertWidget(n, widget)
                self.widgets[card.id] = widget
        if self.selected_id not in self.widgets:
            self.selected_id = None
        nothing = not self.widgets
        self.empty.setVisible(nothing)  # a new shop: say what the board is for, and fill it
        self.stages.setVisible(not nothing)
        self.move_button.setEnabled(not nothing)
        self.select(self.selected_id, focus=had_focus)

    def _texts(self, card: ReferralCard, currency: str, locale: str) -> tuple[tuple[str, str, str], str]:
        days = f"{fmt.count(card.days_in_stage, locale)} {'day' if card.days_in_stage == 1 else 'days'}"
        mrr = f"{fmt.money_whole(card.expected_mrr_cents, currency, locale)}/mo expected"
        if card.stage == "won":
            return (f"from {card.referrer}", mrr, f"won {fmt.date_text(card.stage_since, locale)}"), ""
        if card.stage == "lost":
            return (f"from {card.referrer}", card.lost_reason, fmt.date_text(card.stage_since, locale)), ""
        late = ""
        if card.next_follow_up is not None:
            late = f"Follow up {fmt.date_text(card.next_follow_up, locale)}" + (
                " — overdue" if card.overdue else ""
            )
        return (f"from {card.referrer}", mrr, f"{days} in {card.stage}"), late

    def card(self, referral_id: int) -> ReferralCard | None:
        return next((c for cards in self.board.values() for c in cards if c.id == referral_id), None)

    def card_widget(self, referral_id: int) -> CardWidget:
        return self.widgets[referral_id]

    def stage_of(self, referral_id: int) -> str | None:
        found = self.card(referral_id)
        return found.stage if found else None

    def _changed(self, _changes: Changes) -> None:
        self.refresh()

    # -- choosing and moving ---------------------------------------------------------------------

    def select(self, referral_id: int | None, *, focus: bool = True) -> None:
        self.selected_id = referral_id
        for rid, widget in self.widgets.items():
            widget.set_selected(rid == referral_id)
        card = self.card(referral_id) if referral_id is not None else None
        open_card = card is not None and card.stage in rp.OPEN_STAGES
        for action in (self.next_action, self.won_action, self.lost_action):
            action.setEnabled(open_card)
        self.back_action.setEnabled(open_card and card is not None and card.stage != rp.OPEN_STAGES[0])
        if referral_id in self.widgets and focus:
            widget = self.widgets[referral_id]
            widget.setFocus()
            holder = widget.parentWidget()  # a card sits in its column's holder, in a viewport
            viewport = holder.parentWidget() if holder else None
            scroll = viewport.parentWidget() if viewport else None
            if isinstance(scroll, QScrollArea):
                scroll.ensureWidgetVisible(widget)

    def _start_won_client(self) -> None:
        if self.won_client is not None:
            self.start_ladder.emit(self.won_client)

    def _key(self, referral_id: int, event: QKeyEvent) -> None:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        key = event.key()
        self.select(referral_id)
        if ctrl and key == Qt.Key.Key_Right:
            self.step(1)
        elif ctrl and key == Qt.Key.Key_Left:
            self.step(-1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._browse(referral_id, key)
        else:
            event.ignore()
            return
        event.accept()

    def _browse(self, referral_id: int, key: int) -> None:
        """Arrows choose a card: up and down in its column, left and right the next column's first."""
        stage = self.stage_of(referral_id)
        if stage is None:
            return
        cards = [c.id for c in self.board[stage]]
        at = cards.index(referral_id)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            at = max(0, min(len(cards) - 1, at + (1 if key == Qt.Key.Key_Down else -1)))
            self.select(cards[at])
            return
        step = 1 if key == Qt.Key.Key_Right else -1
        index = rp.STAGES.index(stage) + step
        while 0 <= index < len(rp.STAGES):
            if self.board[rp.STAGES[index]]:
                self.select(self.board[rp.STAGES[index]][0].id)
                return
            index += step

    def step(self, direction: int) -> None:
        """Move the selected card one stage forward (from proposal: won) or back."""
        card = self.card(self.selected_id) if self.selected_id is not None else None
        if card is None:
            return
        if card.stage not in rp.OPEN_STAGES:
            self._show_error(f"{card.company} is {card.stage}: it cannot move any more")
            return
        index = rp.STAGES.index(card.stage) + direction
        if index < 0:
            return
        self.move_to(card.id, rp.STAGES[index])

    def move_selected(self, stage: str) -> None:
        if self.selected_id is not None:
            self.move_to(self.selected_id, stage)

    def move_to(self, referral_id: int, stage: str) -> None:
        """Move a referral (a drop, a key or the menu): won and lost open their dialog first."""
        card = self.card(referral_id)
        if card is None or card.stage == stage:
            return
        self.error.hide()
        self.select(referral_id)
        if stage in ("won", "lost") and card.stage in rp.OPEN_STAGES:
            dialog_type = WonDialog if stage == "won" else LostDialog
            self._open(dialog_type(self._db, self._edits, card, self._today, self))
            return
        db, day = self._db, self._today
        try:
            changes = self._edits.apply(lambda: rp.move_referral(db, referral_id, stage, day))
        except MspError as exc:
            self._show_error(str(exc))
            return
        self._say(changes.message)

    def _open(self, dialog: WonDialog | LostDialog | NewReferralDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._confirmed(dialog))
        dialog.open()

    def _confirmed(self, dialog: WonDialog | LostDialog | NewReferralDialog) -> None:
        if dialog.changes is not None:
            self._say(dialog.changes.message)
        if isinstance(dialog, WonDialog):
            card = self.card(dialog.card.id)
            self.won_client = None if card is None else card.client_id
            self.start_button.setVisible(self.won_client is not None)
        if isinstance(dialog, NewReferralDialog) and dialog.new_id is not None:
            self.select(dialog.new_id)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.start_button.hide()  # until a win says otherwise

    def _show_error(self, text: str) -> None:
        self.error.setText(text[:1].upper() + text[1:])
        self.error.show()

    def add_referral(self) -> None:
        self.error.hide()
        self._open(NewReferralDialog(self._db, self._edits, self._today, self))
