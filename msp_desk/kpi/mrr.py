"""Monthly recurring revenue: one line's normalised MRR and per-client month-end series."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from msp_desk.domain.values import FULL_DISCOUNT_BP, PERIOD_MONTHS, Month
from msp_desk.errors import DataProblem
from msp_desk.kpi.inputs import LineFact, LineSpan, SpanRow

_ONE_DAY = dt.timedelta(days=1)

FIND_IT = " (run 'msp-desk check' to find the row)"  # a bad stored row: the check names it


def round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to the nearest integer, halves away from zero.

    Exact integer arithmetic, so money never passes through a float.
    """
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    quotient = (2 * abs(numerator) + denominator) // (2 * denominator)
    return quotient if numerator >= 0 else -quotient


def line_mrr_cents(quantity: int, unit_price_cents: int, period: str, discount_bp: int = 0) -> int:
    """MRR of one contract line: quantity x unit price x (1 - discount), per month.

    ``period`` is how often the price is billed (monthly, quarterly, annual: divided by 1, 3,
    12). Computed exactly and rounded half-up to a cent once, at the end, so an annual $2,000
    line is 16,667 cents whatever the order of the factors.
    """
    months = PERIOD_MONTHS.get(period)
    if months is None:
        known = ", ".join(PERIOD_MONTHS)
        raise DataProblem(
            f"billing period must be one of {known}, not {period!r} (run 'msp-desk check' to find the row)"
        )
    if quantity < 0:
        raise DataProblem(
            f"quantity must not be negative, not {quantity} (run 'msp-desk check' to find the row)"
        )
    if unit_price_cents < 0:
        raise DataProblem(
            f"unit price must not be negative, not {unit_price_cents} (run 'msp-desk check' to find the row)"
        )
    if not 0 <= discount_bp <= FULL_DISCOUNT_BP:
        raise DataProblem(
            f"discount must be 0..10000 basis points, not {discount_bp} (run 'msp-desk check' to find the row)"
        )
    numerator = quantity * unit_price_cents * (FULL_DISCOUNT_BP - discount_bp)
    return round_half_up(numerator, FULL_DISCOUNT_BP * months)


def _is_month_end(day: dt.date) -> bool:
    return day.day >= 28 and (day + _ONE_DAY).day == 1


def _month_span(start: dt.date, end: dt.date | None) -> tuple[int, int | None] | None:
    """Fast core of ``active_month_range`` (no ``Month`` objects: it runs once per line)."""
    first = start.year * 12 + start.month - 1
    if end is None:
        return first, None
    last = last_active_month(end)
    return (first, last) if last >= first else None


def active_month_range(start: dt.date, end: dt.date | None) -> tuple[int, int | None] | None:
    """``Month.index`` range of the months whose last day lies in ``[start, end]``.

    MRR is a month-end view: a line counts in month M when it runs on M's last day. ``end`` is
    inclusive; None means still running (open range, second item None). None when no month end
    is covered, e.g. a line that starts and ends inside one month.
    """
    if end is not None and end < start:
        return None
    return _month_span(start, end)


def last_active_month(end: dt.date) -> int:
    """``Month.index`` of the last month end a line ending (inclusive) on ``end`` covers."""
    return end.year * 12 + end.month - 1 - (0 if _is_month_end(end) else 1)


def line_spans(lines: Iterable[LineFact]) -> list[LineSpan]:
    """Every line as a ``LineSpan`` (empty ones too: they still mark where history begins)."""
    spans = []
    for line in lines:
        end = line.end
        first = line.start.year * 12 + line.start.month - 1
        if end is None:
            last = None
        elif end < line.start:
            last = first - 1  # covers no month end
        else:
            last = last_active_month(end)
        spans.append(LineSpan(line.client_id, first, last, line.mrr_cents, line.cost_cents))
    return spans


def _clipped_spans(
    spans: Iterable[LineSpan], first: Month, last: Month
) -> Iterable[tuple[LineSpan, int, int]]:
    """Each span with the positions (0 = ``first``) of its first and last active month in range."""
    lo, hi = first.index, last.index
    for span in spans:
        a, b = span.first, span.last
        if b is None or b > hi:
            b = hi
        if a < lo:
            a = lo
        if a <= b:
            yield span, a - lo, b - lo


def _month_count(first: Month, last: Month) -> int:
    if last < first:
        raise ValueError(f"last month {last} is before first month {first}")
    return last.index - first.index + 1


def span_mrr_series(spans: Iterable[SpanRow], first: Month, last: Month) -> dict[int, list[int]]:
    """``client_mrr_series`` of spans (see ``span_series``)."""
    return span_series(spans, first, last)[0]


def span_series(
    spans: Iterable[SpanRow], first: Month, last: Month
) -> tuple[dict[int, list[int]], CostSeries]:
    """Per client the MRR at each month end ``first..last``, and the shop's ``CostSeries``, in
    one pass over the spans: difference arrays (per client for MRR, one for the shop's cost),
    then prefix sums. No line x month loop.
    """
    n = _month_count(first, last)
    lo, hi = first.index, last.index
    diffs: dict[int, list[int]] = {}
    known = [0] * (n + 1)
    unknown = [0] * (n + 1)
    for client_id, a, b, amount, cost in spans:
        if b is None or b > hi:
            b = hi
        if a < lo:
            a = lo
        if a > b:
            continue
        a -= lo
        b -= lo - 1  # the position after the last month
        if amount < 0:
            raise DataProblem(f"client {client_id} has a contract line with negative MRR {amount}{FIND_IT}")
        diff = diffs.get(client_id)
        if diff is None:
            diff = diffs[client_id] = [0] * (n + 1)
        diff[a] += amount
        diff[b] -= amount
        if cost is None:
            unknown[a] += 1
            unknown[b] -= 1
        else:
            known[a] += cost
            known[b] -= cost
    series = {client: list(accumulate(diff[:n])) for client, diff in diffs.items()}
    return series, CostSeries(list(accumulate(known[:n])), list(accumulate(unknown[:n])))


def _per_client_sums(
    lines: Iterable[LineFact], first: Month, last: Month, value: Callable[[LineSpan], int | None]
) -> dict[int, list[int]]:
    """Sum ``value(span)`` per client and month with difference arrays, then prefix sums."""
    n = _month_count(first, last)
    diffs: dict[int, list[int]] = {}
    for span, a, b in _clipped_spans(line_spans(lines), first, last):
        diff = diffs.get(span.client_id)
        if diff is None:
            diff = diffs[span.client_id] = [0] * (n + 1)
        amount = value(span) or 0
        diff[a] += amount
        diff[b + 1] -= amount
    return {client: list(accumulate(diff[:n])) for client, diff in diffs.items()}


def client_mrr_series(lines: Iterable[LineFact], first: Month, last: Month) -> dict[int, list[int]]:
    """Per client, MRR cents at each month end ``first..last`` (list index 0 = ``first``).

    Only clients with a line active in the range appear; a month without lines is 0. Lines
    with negative MRR are refused (ValueError): ``line_mrr_cents`` never makes one.
    """
    return span_mrr_series(line_spans(lines), first, last)


def shop_mrr_series(series: dict[int, list[int]]) -> list[int]:
    """The shop's MRR per month: the sum of the client series (column by column)."""
    return [sum(column) for column in zip(*series.values(), strict=True)]


def active_client_counts(series: dict[int, list[int]]) -> list[int]:
    """Clients with MRR > 0 per month (series values are never negative)."""
    return [len(column) - column.count(0) for column in zip(*series.values(), strict=True)]


@dataclass(frozen=True, slots=True)
class CostSeries:
    """Direct cost per month of the lines active at each month end.

    ``cost_cents`` sums the known costs; ``unknown_lines`` counts active lines whose cost is
    unknown (``cost_cents`` None), so a month's cost, and its gross margin, can be None.
    """

    cost_cents: list[int]
    unknown_lines: list[int]

    def cost_at(self, position: int) -> int | None:
        """Direct cost of the month at ``position``; None if any active line's cost is unknown."""
        return None if self.unknown_lines[position] else self.cost_cents[position]


def _known_cost(span: LineSpan) -> int:
    return span.cost_cents or 0


def _unknown_cost(span: LineSpan) -> int:
    return 1 if span.cost_cents is None else 0


def client_cost_series(lines: Iterable[LineFact], first: Month, last: Month) -> dict[int, CostSeries]:
    """Per client, the ``CostSeries`` of months ``first..last`` (index 0 = ``first``)."""
    lines = tuple(lines)
    known = _per_client_sums(lines, first, last, _known_cost)
    unknown = _per_client_sums(lines, first, last, _unknown_cost)
    return {client: CostSeries(known[client], unknown[client]) for client in known}


def shop_cost_series(lines: Iterable[LineFact], first: Month, last: Month) -> CostSeries:
    """The shop's ``CostSeries`` of months ``first..last``: one difference array over all lines."""
    return span_cost_series(line_spans(lines), first, last)


def span_cost_series(spans: Iterable[SpanRow], first: Month, last: Month) -> CostSeries:
    """``shop_cost_series`` of spans (see ``span_series``)."""
    return span_series(spans, first, last)[1]


def earliest_month(lines: Sequence[LineFact]) -> Month | None:
    """The month the earliest line starts in (where MRR history begins); None without lines."""
    if not lines:
        return None
    return Month.of(min(line.start for line in lines))


def earliest_span_month(spans: Sequence[SpanRow]) -> Month | None:
    """``earliest_month`` of spans."""
    if not spans:
        return None
    return Month.from_index(min(map(itemgetter(1), spans)))  # the ``first`` field, read in C
