"""The client's history tabs: contract lines with the MRR timeline (read-only), and open tasks
(done, snoozed or reassigned in place)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.values import FULL_DISCOUNT_BP
from msp_desk.services.clients.detail import ClientRecord, LineRow, TaskRow
from msp_desk.ui import theme
from msp_desk.ui.common.layout import split
from msp_desk.ui.common.tables import EmptyOr, RowsModel, table_view
from msp_desk.ui.common.words import count_of, word
from msp_desk.ui.context import PageContext
from msp_desk.ui.today.task_actions import ChosenTask, TaskActions

LINE_STATES = (("running", "running"), ("future", "starting later"), ("ended", "ended"))
PERIOD_WORDS = {"monthly": "Monthly", "quarterly": "Quarterly", "annual": "Annual"}


def caption(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(theme.label_style("caption"))
    return label


def _line_row(line: LineRow, currency: str, locale: str) -> tuple[str, ...]:
    discount = fmt.percent(line.discount_bp / FULL_DISCOUNT_BP, locale, 0) if line.discount_bp else ""
    return (
        line.item,
        fmt.count(line.quantity, locale),
        fmt.money(line.unit_price_cents, currency, locale),
        PERIOD_WORDS.get(line.period, word(line.period)),
        discount,
        fmt.money(line.mrr_cents, currency, locale),
        fmt.date_text(line.start_date, locale),
        fmt.date_text(line.end_date, locale) if line.end_date else "running",
        word(line.change),
    )


class ClientLines(QWidget):
    """The contract lines (running first; ended ones in grey) above the MRR timeline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_lines")
        self.model = RowsModel(
            ("Item", "Qty", "Unit price", "Billed", "Discount", "MRR", "From", "Until", "Why"),
            right=(1, 2, 4, 5),
        )
        self.view = table_view("lines_table", self.model)
        self.stack = EmptyOr(self.view, "lines_empty")
        self.caption = caption("lines_caption")
        from msp_desk.ui.clients.mrr_chart import ClientMrrChart

        self.chart = ClientMrrChart()
        chart_box = QWidget()
        chart_column = QVBoxLayout(chart_box)
        chart_column.setContentsMargins(0, 4, 0, 0)
        title = QLabel("MRR by month")
        title.setObjectName("client_chart_title")
        chart_column.addWidget(title)
        chart_column.addWidget(self.chart, 1)
        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        top_column.addWidget(self.caption)
        top_column.addWidget(self.stack, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(split(Qt.Orientation.Vertical, top, chart_box, name="lines_split"))

    def set_record(self, record: ClientRecord, currency: str, locale: str) -> None:
        lines, ended = record.lines, theme.color("faded")
        self.model.set_rows(
            [_line_row(line, currency, locale) for line in lines],
            [line.id for line in lines],
            [None if line.state == "running" else ended for line in lines],
            [
                f"Starts {fmt.date_text(line.start_date, locale)}" if line.state == "future" else ""
                for line in lines
            ],
        )
        states = [line.state for line in lines]
        parts = [
            f"{fmt.count(states.count(state), locale)} {label}"
            for state, label in LINE_STATES
            if state in states
        ]
        parts.append(f"MRR today {fmt.money(record.mrr_cents, currency, locale)}")
        self.caption.setText(" · ".join(parts))
        self.caption.setVisible(bool(lines))
        self.stack.show_empty(
            None
            if lines
            else "No contract lines yet — start the client on a rung of the ladder; its MRR shows here month by month"
        )
        self.chart.set_series(record.months, record.monthly_mrr, currency, locale)


def _task_tip(task: TaskRow, today: dt.date, locale: str) -> str:
    parts = ["Overdue"] if task.due_on < today else []
    if task.first_due_on is not None:
        parts.append(f"Snoozed from {fmt.date_text(task.first_due_on, locale)}")
    return " · ".join(parts)


class ClientTasks(QWidget):
    """Open tasks by due date, the overdue ones in red; Done, Snooze and Reassign act on the one
    selected (the keys as on Today)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_tasks")
        self._tasks: tuple[TaskRow, ...] = ()
        self._client_id: int | None = None
        self.model = RowsModel(("Due", "Task", "Kind", "Owner"))
        self.view = table_view("tasks_table", self.model)
        self.stack = EmptyOr(self.view, "tasks_empty")
        self.caption = caption("tasks_caption")
        self.task_bar = TaskActions(ctx, self.chosen_task, self.view, "client_task_")
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.task_bar.update_buttons())
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(self.caption)
        column.addWidget(self.task_bar)
        column.addWidget(self.stack, 1)

    def chosen_task(self) -> ChosenTask | None:
        row = self.view.currentIndex().row()
        if not 0 <= row < len(self._tasks):
            return None
        task = self._tasks[row]
        return ChosenTask(task.id, task.due_on, task.owner, task.kind, self._client_id)

    def set_record(self, record: ClientRecord, today: dt.date, locale: str) -> None:
        kept = self.view.currentIndex().row()
        tasks, overdue_color = record.open_tasks, theme.color("error")
        self._tasks, self._client_id = tasks, record.id
        self.task_bar.date_locale = locale
        self.model.set_rows(
            [(fmt.date_text(t.due_on, locale), t.title, word(t.kind), t.owner) for t in tasks],
            [t.id for t in tasks],
            [overdue_color if t.due_on < today else None for t in tasks],
            [_task_tip(t, today, locale) for t in tasks],
        )
        if tasks and kept >= 0:  # the next task after one done, for the keyboard
            self.view.setCurrentIndex(self.model.index(min(kept, len(tasks) - 1), 0))
        self.task_bar.update_buttons()
        self.task_bar.setVisible(bool(tasks))
        overdue = sum(t.due_on < today for t in tasks)
        late = f" · {fmt.count(overdue, locale)} overdue" if overdue else ""
        self.caption.setText(f"{count_of(len(tasks), 'open task', locale)}{late}")
        self.caption.setVisible(bool(tasks))
        self.stack.show_empty(
            None
            if tasks
            else "No open tasks. Moving a prospect to onboarding adds its first-90-days checklist"
        )
