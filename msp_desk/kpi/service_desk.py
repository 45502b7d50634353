"""Service-desk KPIs: MTTR per priority, SLA compliance, first-contact resolution, tickets/seat."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from msp_desk.kpi.inputs import PRIORITIES, TicketFact, TicketMonthStats

ALL_PRIORITIES = "all"
_MICROSECOND = dt.timedelta(microseconds=1)
_ZERO = dt.timedelta(0)
_MICROSECONDS_PER_HOUR = 3_600_000_000


def month_index(moment: dt.date) -> int:
    """The ``Month.index`` a date or datetime falls in."""
    return moment.year * 12 + moment.month - 1


def tickets_by_resolved_month(tickets: Iterable[TicketFact]) -> dict[int, list[TicketFact]]:
    """Resolved tickets bucketed by the ``Month.index`` of ``resolved_at`` (open ones dropped)."""
    buckets: dict[int, list[TicketFact]] = {}
    for ticket in tickets:
        if ticket.resolved_at is not None:
            key = month_index(ticket.resolved_at)
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [ticket]
            else:
                bucket.append(ticket)
    return buckets


def tickets_opened_by_month(tickets: Iterable[TicketFact]) -> dict[int, int]:
    """How many tickets were opened in each month (``Month.index`` -> count)."""
    counts: dict[int, int] = {}
    for ticket in tickets:
        key = month_index(ticket.opened_at)
        counts[key] = counts.get(key, 0) + 1
    return counts


def mttr_hours_by_priority(resolved: Iterable[TicketFact]) -> dict[str, float | None] | None:
    """Mean time to resolve (resolved_at - opened_at), in hours, per priority and ``"all"``.

    ``resolved`` are the tickets resolved in the period; unresolved ones and ones resolved
    before they were opened (bad data) are skipped. A priority without tickets is None, and the
    whole result is None when no ticket was resolved. Durations are summed exactly (timedelta)
    and divided once at the end.
    """
    totals: dict[str, dt.timedelta] = {}
    counts: dict[str, int] = {}
    for ticket in resolved:
        if ticket.resolved_at is None:
            continue
        duration = ticket.resolved_at - ticket.opened_at
        if duration < _ZERO:
            continue
        key = ticket.priority
        if key in counts:
            totals[key] += duration
            counts[key] += 1
        else:
            totals[key] = duration
            counts[key] = 1
    if not counts:
        return None
    totals[ALL_PRIORITIES] = sum(totals.values(), _ZERO)
    counts[ALL_PRIORITIES] = sum(counts.values())
    return {key: _mean_hours(totals, counts, key) for key in (*PRIORITIES, ALL_PRIORITIES)}


def _mean_hours(totals: dict[str, dt.timedelta], counts: dict[str, int], key: str) -> float | None:
    if key not in counts:
        return None
    return (totals[key] // _MICROSECOND) / (counts[key] * _MICROSECONDS_PER_HOUR)


_TARGETS: dict[int, dt.timedelta] = {}


def _minutes(target: int) -> dt.timedelta:
    """A target in minutes as a timedelta, memoised: it runs once per judged ticket."""
    limit = _TARGETS.get(target)
    if limit is None:
        limit = _TARGETS[target] = dt.timedelta(minutes=target)
    return limit


def _response_met(ticket: TicketFact, target: int) -> bool | None:
    """First response within target. Without a recorded first response, a resolution within
    target proves a response within target; otherwise it cannot be told (None)."""
    limit = ticket.opened_at + _minutes(target)
    if ticket.first_response_at is not None:
        return ticket.first_response_at <= limit
    if ticket.resolved_at is not None and ticket.resolved_at <= limit:
        return True
    return None


def judge_sla(ticket: TicketFact) -> bool | None:
    """Whether a resolved ticket met its SLA; None when it cannot be judged.

    The source's own ``sla_met`` (its last state) wins. Otherwise every given target must be
    met: any miss is a miss, any target that cannot be told leaves it unjudged. Open tickets
    and tickets without targets are not judged.
    """
    if ticket.resolved_at is None:
        return None
    if ticket.sla_met is not None:
        return ticket.sla_met
    verdicts: list[bool | None] = []
    if ticket.response_target_min is not None:
        verdicts.append(_response_met(ticket, ticket.response_target_min))
    if ticket.resolution_target_min is not None:
        limit = ticket.opened_at + _minutes(ticket.resolution_target_min)
        verdicts.append(ticket.resolved_at <= limit)
    return _all_met(verdicts) if verdicts else None


def _all_met(verdicts: list[bool | None]) -> bool | None:
    """Three-valued AND: any miss is a miss; otherwise any unknown leaves it unknown."""
    if False in verdicts:
        return False
    return None if None in verdicts else True


def sla_compliance(resolved: Iterable[TicketFact]) -> float | None:
    """Met / (met + missed) among the tickets resolved in the period that can be judged."""
    met = judged = 0
    for ticket in resolved:
        verdict = ticket.sla_met if ticket.resolved_at is not None else None
        if verdict is None:
            verdict = judge_sla(ticket)
        if verdict is not None:
            judged += 1
            met += verdict
    return met / judged if judged else None


def fcr_rate(resolved: Iterable[TicketFact]) -> float | None:
    """First-contact resolution: resolved on first contact / resolved tickets whose FCR is
    known. Unknown FCR is never guessed; None when no resolved ticket says."""
    first = known = 0
    for ticket in resolved:
        if ticket.resolved_at is not None and ticket.fcr is not None:
            known += 1
            first += ticket.fcr
    return first / known if known else None


def summarize_tickets(tickets: Iterable[TicketFact]) -> tuple[TicketMonthStats, ...]:
    """The resolved tickets' sums per resolved month and priority, sorted by both.

    The same rules as ``mttr_hours_by_priority``, ``sla_compliance`` (``judge_sla``) and
    ``fcr_rate``: open tickets are left out; a ticket resolved before it was opened counts
    as resolved but not in the resolution time. The ``*_from_stats`` functions give back the
    very same KPIs from these sums, which SQL can compute without reading every ticket.
    """
    sums: dict[tuple[int, str], list[int]] = {}
    for ticket in tickets:
        resolved_at = ticket.resolved_at
        if resolved_at is None:
            continue
        key = (month_index(resolved_at), ticket.priority)
        row = sums.get(key)
        if row is None:
            row = sums[key] = [0] * 7
        row[0] += 1
        duration = resolved_at - ticket.opened_at
        if duration >= _ZERO:
            row[1] += 1
            row[2] += duration // _MICROSECOND
        if ticket.fcr is not None:
            row[3] += 1
            row[4] += ticket.fcr
        verdict = judge_sla(ticket)
        if verdict is not None:
            row[5] += 1
            row[6] += verdict
    return tuple(TicketMonthStats(m, p, *row) for (m, p), row in sorted(sums.items()))


def stats_by_month(stats: Iterable[TicketMonthStats]) -> dict[int, list[TicketMonthStats]]:
    """Ticket sums bucketed by ``Month.index`` of their resolved month."""
    buckets: dict[int, list[TicketMonthStats]] = {}
    for row in stats:
        buckets.setdefault(row.month, []).append(row)
    return buckets


def mttr_hours_from_stats(stats: Iterable[TicketMonthStats]) -> dict[str, float | None] | None:
    """``mttr_hours_by_priority`` of the tickets behind ``stats`` (same sums, same division)."""
    totals: dict[str, int] = {}
    counts: dict[str, int] = {}
    for row in stats:
        if row.timed:
            totals[row.priority] = totals.get(row.priority, 0) + row.resolution_us
            counts[row.priority] = counts.get(row.priority, 0) + row.timed
    if not counts:
        return None
    totals[ALL_PRIORITIES] = sum(totals.values())
    counts[ALL_PRIORITIES] = sum(counts.values())
    return {
        key: totals[key] / (counts[key] * _MICROSECONDS_PER_HOUR) if key in counts else None
        for key in (*PRIORITIES, ALL_PRIORITIES)
    }


def sla_compliance_from_stats(stats: Iterable[TicketMonthStats]) -> float | None:
    """``sla_compliance`` of the tickets behind ``stats``."""
    met = judged = 0
    for row in stats:
        met += row.sla_met
        judged += row.sla_judged
    return met / judged if judged else None


def fcr_rate_from_stats(stats: Iterable[TicketMonthStats]) -> float | None:
    """``fcr_rate`` of the tickets behind ``stats``."""
    first = known = 0
    for row in stats:
        first += row.fcr_yes
        known += row.fcr_known
    return first / known if known else None


def tickets_per_seat(tickets_opened: int, seats: int | None) -> float | None:
    """Tickets opened in a month per seat (endpoint/user); None without a positive seat count."""
    if not seats or seats < 0:
        return None
    return tickets_opened / seats
