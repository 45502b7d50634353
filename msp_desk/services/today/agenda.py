"""The agenda Today shows and ``msp-desk today`` prints: the open tasks due this week (overdue
first within each group) and what is computed (partners due a touch, renewals in the next 60
days, earned rewards to apply or pay, clients ready to ask), grouped in a fixed order.

Tasks are the common currency (QBRs, follow-ups, partner touches, onboarding steps, check-ins,
reward payouts, renewals): a task that stands for a renewal or a reward hides the computed row,
so nothing shows twice; so does a partner's open check-in for the partner due a touch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from msp_desk.domain.enums import TaskKind
from msp_desk.kpi.ladder import add_months
from msp_desk.services.accounts.signals import AccountSignals
from msp_desk.services.referrals.asks import PARTNER_TOUCH_DAYS, ask_now_rows, partners_due
from msp_desk.services.referrals.rewards_ledger import rewards_ledger
from msp_desk.services.today.items import GROUP_ORDER, GROUPS, TASK_GROUPS, AgendaItem
from msp_desk.store.database import Database
from msp_desk.store.queries import today as queries

WEEK_DAYS = 7  # a task shows once it is due within this many days
RENEWAL_DAYS = 60  # a renewal shows this long before it
DEFAULT_TERM_MONTHS = 12  # a renewal date past with no term: the contract renews yearly


def next_renewal(renewal_date: dt.date, term_months: int | None, today: dt.date) -> dt.date:
    """The client's next renewal on or after ``today``: its renewal date, or when that has passed,
    that date rolled on by whole terms (the month's last day when the month is shorter: a
    29 February renewal on a yearly term renews on 28 February three years in four)."""
    term = term_months if term_months and term_months > 0 else DEFAULT_TERM_MONTHS
    renewal, terms = renewal_date, 0
    if renewal < today:  # start a term short of today (a file has thousands of clients)
        months = (today.year - renewal.year) * 12 + today.month - renewal.month
        terms = max(months // term - 1, 0)
        renewal = add_months(renewal_date, terms * term)
    while renewal < today:
        terms += 1
        renewal = add_months(renewal_date, terms * term)  # from the first date: 31st stays 31st
    return renewal


def may_renew_between(renewal_date: dt.date, term_months: int | None, first: dt.date, last: dt.date) -> bool:
    """Whether a renewal month of the contract (its date's month, then every term on) falls in a
    calendar month from ``first``'s to ``last``'s: a cheap test before ``next_renewal``, which a
    book of twenty thousand clients would otherwise run for each."""
    if renewal_date >= first:
        return renewal_date <= last
    term = term_months if term_months and term_months > 0 else DEFAULT_TERM_MONTHS
    start = renewal_date.year * 12 + renewal_date.month
    lo, hi = first.year * 12 + first.month, last.year * 12 + last.month
    return any((month - start) % term == 0 for month in range(lo, hi + 1))


def renewal_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day (both included) a renewal shows on the agenda."""
    return today, today + dt.timedelta(days=RENEWAL_DAYS)


def _task_item(task: queries.OpenTask, today: dt.date) -> AgendaItem:
    kind = TASK_GROUPS.get(task.kind, task.kind)
    if task.kind == TaskKind.CHECK_IN.value and task.partner_id is not None:
        kind = "partner_touch"
    return AgendaItem(
        kind,
        task.due_on,
        task.client,
        task.client_id,
        task.title,
        task.due_on < today,
        task.id,
        task.owner,
        task.first_due_on,
    )


def agenda(
    db: Database, today: dt.date, signals: dict[int, AccountSignals] | None = None
) -> list[AgendaItem]:
    """Everything due or overdue on ``today``, grouped in ``GROUPS`` order, by due date within a
    group: ``due_items`` then ``ask_items`` (the clients ready to ask are the last group)."""
    return due_items(db, today) + ask_items(db, today, signals)


def due_items(db: Database, today: dt.date) -> list[AgendaItem]:
    """The agenda but its last group (the clients ready to ask, the slow part): the tasks due
    this week, partners due a touch, renewals in the window and earned rewards, sorted."""
    first, last = renewal_window(today)
    with db.read() as conn:
        tasks = queries.open_tasks_due(
            conn, today + dt.timedelta(days=WEEK_DAYS), kinds_until={TaskKind.RENEWAL.value: last}
        )
        renewals = queries.renewal_dates(conn)
        paid_by_task = queries.rewards_with_open_payout(conn)
        touch_by_task = queries.partners_with_open_touch(conn)
        leads = queries.account_leads(conn)
    items = [_task_item(task, today) for task in tasks]
    for partner in partners_due(db, today):
        if partner.partner_id in touch_by_task:
            continue
        touched = partner.last_touch
        due = today if touched is None else touched + dt.timedelta(days=PARTNER_TOUCH_DAYS)
        when = "never touched" if touched is None else f"no touch for {partner.days_since(today)} days"
        items.append(
            AgendaItem(
                "partner_touch", due, None, None, f"Touch base with {partner.name} ({when})", due < today
            )
        )
    for client_id, name, renewal_date, term in renewals:
        if not may_renew_between(renewal_date, term, first, last):
            continue
        day = next_renewal(renewal_date, term, today)
        if first <= day <= last:
            items.append(AgendaItem("renewal", day, name, client_id, f"{name} renews", False))
    for reward in rewards_ledger(db, today):
        if reward.status != "earned" or reward.id in paid_by_task:
            continue
        earned = reward.earned_on or today
        how = "Apply" if reward.can_apply else "Pay"
        items.append(
            AgendaItem(
                "reward",
                earned,
                None if reward.referrer_client_id is None else reward.referrer,
                reward.referrer_client_id,
                f"{how} {reward.referrer}'s reward for introducing {reward.referred_company}",
                earned < today,
            )
        )
    return _sorted(_with_leads(items, leads))


def ask_items(
    db: Database, today: dt.date, signals: dict[int, AccountSignals] | None = None
) -> list[AgendaItem]:
    """The agenda's last group: the clients ready to ask for a referral, each with its best
    moment. ``signals`` (``account_signals``, the slow part) is read when not given."""
    items = []
    for row in ask_now_rows(db, today, signals):
        why = f" ({row.moments[0].text})" if row.moments else ""
        items.append(
            AgendaItem("ask", today, row.name, row.client_id, f"Ask {row.name} for a referral{why}", False)
        )
    if not items:
        return []
    with db.read() as conn:
        leads = queries.account_leads(conn)
    return _sorted(_with_leads(items, leads))


def _with_leads(items: list[AgendaItem], leads: dict[int, str]) -> list[AgendaItem]:
    """A row worked out from the data is the client's account lead's to act on."""
    return [
        replace(i, owner=leads.get(i.client_id, "")) if i.task_id is None and i.client_id is not None else i
        for i in items
    ]


def _sorted(items: list[AgendaItem]) -> list[AgendaItem]:
    return sorted(items, key=lambda i: (GROUP_ORDER.get(i.kind, len(GROUPS)), i.due, i.title))
