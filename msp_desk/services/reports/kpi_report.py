"""The owner's monthly KPI report: its figures fetched (the KPI engine as ``msp-desk kpi``
computes them, judged by ``services.kpis.benchmarks``, with ``services.kpis.reasons`` for every
"—"), the month's movers, the accounts to review and who to ask; rendered to PDF bytes."""

from __future__ import annotations

import datetime as dt

from msp_desk import formatting as fmt
from msp_desk.domain.values import Month
from msp_desk.domain.words import UNIT_WORDS, tickets_word
from msp_desk.errors import ValidationError
from msp_desk.kpi.snapshot import KpiSnapshot
from msp_desk.reports.kpi_report import (
    TITLE,
    AskLine,
    KpiReport,
    MoverLine,
    MrrSeries,
    ReviewLine,
    render_kpi_report,
)
from msp_desk.services.accounts.signals import account_signals, review_list
from msp_desk.services.finances.revenue import revenue_without_cost
from msp_desk.services.kpis.movers import Mover, month_movers
from msp_desk.services.kpis.reasons import kpi_gaps
from msp_desk.services.kpis.snapshots import default_month, kpis_for_range
from msp_desk.services.referrals.asks import AskNowRow, ask_now_rows
from msp_desk.services.reports.kpi_report_lines import Shop, kpi_sections, mover_cause_text
from msp_desk.services.reports.masthead import masthead
from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import Database
from msp_desk.store.queries.referrals.asks import client_names

CHART_MONTHS = 24
TOP_MOVERS = 10
TOP_ACCOUNTS = 12  # accounts to review, clients to ask: the first this many


def kpi_report_pdf(db: Database, month: Month | None = None, today: dt.date | None = None) -> bytes:
    """The report of ``month`` (default: the last full month before ``today``) as PDF bytes."""
    return render_kpi_report(kpi_report(db, month, today))


def kpi_report(db: Database, month: Month | None = None, today: dt.date | None = None) -> KpiReport:
    """What the report of ``month`` prints. A month that has not begun is refused; the review
    flags and readiness are read on the month's last day (today while it runs)."""
    today = today or dt.date.today()
    month = month or default_month(today)
    settings = get_settings(db)
    locale, currency = settings.locale, settings.currency
    if month.first_day() > today:
        raise ValidationError("month", f"{fmt.month_text(month, locale)} has not begun yet")
    shop = Shop(currency, locale, tickets_word(settings.kind), UNIT_WORDS.get(settings.kind, "seats"))
    snaps = kpis_for_range(db, month - (CHART_MONTHS - 1), month)
    s = snaps[-1]
    uncosted = s.gross_margin is None and s.mrr > 0 and revenue_without_cost(db, month)
    gaps = kpi_gaps(s, locale, shop.tickets, uncosted_revenue=uncosted)
    movers = month_movers(db, month)
    as_of = min(month.last_day(), today)
    signals = account_signals(db, as_of)
    with db.read() as conn:
        names = client_names(conn)
    flagged = review_list(signals.values())
    asks = ask_now_rows(db, as_of, signals)
    month_name = fmt.month_text(month, locale)
    return KpiReport(
        head=masthead(db, TITLE, month_name),
        month=month,
        currency=currency,
        locale=locale,
        summary=_summary(snaps, shop),
        sections=kpi_sections(s, settings.benchmarks(), gaps, movers, shop),
        series=_series(snaps, settings.benchmarks()["mrr_growth_12m"]),
        movers=None if movers is None else tuple(_mover_line(m, shop) for m in movers[:TOP_MOVERS]),
        movers_more=max(0, len(movers or ()) - TOP_MOVERS),
        no_movers=sentence(gaps["movements"].reason)
        if "movements" in gaps
        else f"No client's MRR changed in {month_name}.",
        reviews=tuple(
            ReviewLine(
                names.get(a.client_id, ("", ""))[0],
                fmt.money(a.mrr_cents, currency, locale),
                tuple((f.label, f.reason) for f in a.flags),
            )
            for a in flagged[:TOP_ACCOUNTS]
        ),
        reviews_more=max(0, len(flagged) - TOP_ACCOUNTS),
        asks=tuple(_ask_line(row) for row in asks[:TOP_ACCOUNTS]),
        asks_more=max(0, len(asks) - TOP_ACCOUNTS),
        as_of=fmt.date_text(as_of, locale),
    )


def sentence(text: str) -> str:
    """A reason as a sentence of its own: capitalised, with a full stop."""
    return text[:1].upper() + text[1:] + "."


def _summary(snaps: list[KpiSnapshot], shop: Shop) -> str:
    s = snaps[-1]
    month = fmt.month_text(s.month, shop.locale)
    if not s.mrr:
        return (
            f"No recurring revenue at the end of {month}: the figures fill in as clients are "
            "started on the rungs of your ladder."
        )
    text = f"MRR at the end of {month}: <b>{fmt.money(s.mrr, shop.currency, shop.locale)}</b>"
    if s.new is not None and len(snaps) > 1 and snaps[-2].mrr:
        before = snaps[-2].mrr
        change = s.mrr - before
        direction = "up" if change > 0 else "down" if change < 0 else "unchanged"
        if change:
            amount = fmt.money(abs(change), shop.currency, shop.locale)
            text += (
                f", {direction} {amount} ({fmt.percent(change / before, shop.locale)}) on the month before"
            )
        else:
            text += ", unchanged on the month before"
    clients = fmt.plural(s.active_clients, "paying client", locale=shop.locale)
    return f"{text}; {clients}."


def _series(snaps: list[KpiSnapshot], growth: list[float]) -> MrrSeries:
    """The months from the first with MRR (at most ``CHART_MONTHS``) to the report's month."""
    start = next((i for i, s in enumerate(snaps) if s.mrr), len(snaps))
    shown = snaps[start:]

    def gained(s: KpiSnapshot) -> int | None:
        if s.new is None:
            return None
        return s.new + (s.expansion or 0) + (s.reactivation or 0)

    def lost(s: KpiSnapshot) -> int | None:
        return None if s.new is None else (s.contraction or 0) + (s.churn or 0)

    return MrrSeries(
        months=tuple(s.month for s in shown),
        mrr=tuple(s.mrr for s in shown),
        gains=tuple(gained(s) for s in shown),
        losses=tuple(lost(s) for s in shown),
        growth_band=(float(growth[0]), float(growth[1])),
    )


MOVEMENT_WORDS = {
    "new": "New",
    "expansion": "Expansion",
    "reactivation": "Reactivation",
    "contraction": "Contraction",
    "churn": "Churn",
}


def _mover_line(m: Mover, shop: Shop) -> MoverLine:
    sign = "+" if m.gain else "−"
    return MoverLine(
        client=m.client,
        movement=MOVEMENT_WORDS.get(m.kind, m.kind),
        change=f"{sign}{fmt.money(m.cents, shop.currency, shop.locale)}",
        mrr=f"{fmt.money(m.before, shop.currency, shop.locale)} → {fmt.money(m.after, shop.currency, shop.locale)}",
        causes=mover_cause_text(m, shop),
        gain=m.gain,
    )


def _ask_line(row: AskNowRow) -> AskLine:
    """Why now: the client's trigger moments, then the strongest reasons its score is high."""
    reasons = [moment.text for moment in row.moments]
    reasons += [f.reason for f in row.factors if f.met and f.code.value in ("satisfaction", "qbr")]
    return AskLine(row.name, row.contact, row.score, "; ".join(reasons[:3]))
