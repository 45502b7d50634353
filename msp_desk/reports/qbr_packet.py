"""The QBR packet (seed 001 §4), 2-4 pages: the last 90 days against the 90 before (what was
done, the service desk's figures with charts, service changes), then the business, the questions,
the next 90 days, the later roadmap and the next rung (``qbr_packet_plan``), and when the client
is ready to be asked, "Who else should we help?". Plain data in (``qbr_packet_data``), PDF out."""

from __future__ import annotations

from functools import partial

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from msp_desk import formatting as fmt
from msp_desk.reports.document import Masthead, content_size, render
from msp_desk.reports.figures import comparison_bars
from msp_desk.reports.qbr_packet_data import QbrPacketData, TicketFigures
from msp_desk.reports.qbr_packet_parts import (
    bullets,
    grid,
    lines_or_paragraphs,
    panel,
    para,
    text,
    ticket_words,
)
from msp_desk.reports.qbr_packet_plan import plan_story, referral_story
from msp_desk.reports.theme import table_style

TITLE = "Quarterly business review"
MAX_ACCOMPLISHMENTS = 8
MAX_SERVICE_CHANGES = 8


def rate(value: float | None, locale: str) -> str:
    """SLA and FCR as the packet prints them (whole percent, "—" for no data)."""
    return fmt.percent(value, locale, 0)


def render_qbr_packet(data: QbrPacketData, head: Masthead) -> bytes:
    """The packet's PDF bytes: the quarter, the plan, and the referral page when it is in."""
    story: list[Flowable] = [*quarter_story(data, head.paper), PageBreak(), *plan_story(data, head.paper)]
    if data.referral is not None:
        story += [PageBreak(), *referral_story(data, data.referral, head.paper)]
    return render(story, head)


# -- page 1: the last 90 days --------------------------------------------------------------------


def quarter_story(data: QbrPacketData, paper: str) -> list[Flowable]:
    width, _ = content_size(paper)
    day = partial(fmt.date_text, locale=data.locale)
    now = data.tickets
    story: list[Flowable] = [
        para(TITLE, "title"),
        para(f"<b>{text(data.client)}</b>", "subheading", markup=True),
        para(
            f"The last 90 days: {day(now.first)} – {day(now.last)} · prepared by {data.shop}"
            + (f" for {', '.join(data.attendees[:4])}" if data.attendees else "")
            + (f" · next QBR: {day(data.next_qbr)}" if data.next_qbr else ""),
            "quiet",
        ),
        Spacer(1, 3 * mm),
        para("What we did together", "heading"),
        *_accomplishments(data),
        para("How fast we helped", "heading"),
        *_ticket_section(data, width),
        para("Service changes", "heading"),
        *_service_changes(data, width),
    ]
    extra = _relationship_lines(data)
    if extra:
        story += [para("The relationship", "heading"), *bullets(extra, limit=4)]
    return story


def _accomplishments(data: QbrPacketData) -> list[Flowable]:
    day = partial(fmt.date_text, locale=data.locale)
    lines = [f"{day(when)}: {what}" if when else what for when, what in data.accomplishments]
    if not lines:
        return [
            para(
                "No roadmap item was completed and no accomplishment recorded in these 90 days: "
                "the plan for the next 90 days follows on the next page.",
                "quiet",
            )
        ]
    return bullets(lines, limit=MAX_ACCOMPLISHMENTS, more="more (see the roadmap)")


PANEL_PADDING = 7 + 6  # the panel's left padding and a table's default right padding


def _figure_cell(value: str, label: str, before: str, width: float) -> list[Flowable]:
    lines = [(value, "figure"), (label, "figure_label"), (f"Previous quarter: {before}", "quiet")]
    return lines_or_paragraphs(lines, width - PANEL_PADDING)


def _ticket_section(data: QbrPacketData, width: float) -> list[Flowable]:
    one, many = ticket_words(data.kind)
    now, before, locale = data.tickets, data.previous, data.locale
    cells = [
        _figure_cell(
            fmt.count(now.resolved, locale),
            f"{many.capitalize()} resolved",
            fmt.count(before.resolved, locale),
            width / 4,
        ),
        _figure_cell(
            fmt.hours(now.mttr_hours, locale),
            "Mean time to resolve (MTTR)",
            fmt.hours(before.mttr_hours, locale),
            width / 4,
        ),
        _figure_cell(rate(now.sla, locale), "Resolved within the SLA", rate(before.sla, locale), width / 4),
        _figure_cell(
            rate(now.fcr, locale), "Resolved on first contact (FCR)", rate(before.fcr, locale), width / 4
        ),
    ]
    story: list[Flowable] = [panel(cells, [width / 4] * 4), Spacer(1, 3 * mm)]
    if now.resolved == 0 and before.resolved == 0:
        story.append(
            para(
                f"No {many} were resolved in these 90 days or the 90 before, so there is nothing to chart: "
                "MTTR, SLA and FCR print as “—” (no data), not as zero.",
            )
        )
        return story
    story.append(_charts(data, width))
    story += [para(note, "quiet") for note in _no_data_notes(now, before, one, many, data)]
    return story


def _charts(data: QbrPacketData, width: float) -> Table:
    """Three small charts side by side: resolved, MTTR, and SLA with FCR, each previous vs now."""
    one, many = ticket_words(data.kind)
    now, before, locale = data.tickets, data.previous, data.locale
    gap = 6 * mm
    each = (width - 2 * gap) / 3
    height = 120

    def pct(value: float | None) -> float | None:
        return None if value is None else value * 100

    drawings: list[Drawing | Flowable] = [
        comparison_bars(
            [many.capitalize()],
            [before.resolved],
            [now.resolved],
            fmt=lambda v: fmt.count(None if v is None else round(v), locale),
            width=each,
            height=height,
            title=f"{many.capitalize()} resolved",
        ),
        _or_words(
            comparison_bars(
                ["All priorities"],
                [before.mttr_hours],
                [now.mttr_hours],
                fmt=lambda v: fmt.hours(v, locale),
                width=each,
                height=height,
                title="MTTR (hours)",
            ),
            (before.mttr_hours, now.mttr_hours),
            f"MTTR: no {one} resolved in either period.",
        ),
        _or_words(
            comparison_bars(
                ["SLA met", "First contact"],
                [pct(before.sla), pct(before.fcr)],
                [pct(now.sla), pct(now.fcr)],
                fmt=lambda v: fmt.percent(None if v is None else v / 100, locale, 0),
                width=each,
                height=height,
                title="SLA and FCR",
            ),
            (before.sla, now.sla, before.fcr, now.fcr),
            f"SLA and FCR: no {one} in either period could be judged.",
        ),
    ]
    table = Table([drawings], colWidths=[each + gap, each + gap, each], hAlign="LEFT")
    table.setStyle(table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _or_words(chart: Drawing, values: tuple[float | None, ...], words: str) -> Drawing | Flowable:
    """The chart, or a sentence in its place when it would have no bar at all."""
    return chart if any(v is not None for v in values) else para(words, "quiet")


def _no_data_notes(
    now: TicketFigures, before: TicketFigures, one: str, many: str, data: QbrPacketData
) -> list[str]:
    """Why a figure prints "—": one sentence per period that has no data for it."""
    notes = []
    for label, figures in (("these 90 days", now), ("the previous quarter", before)):
        if figures.resolved == 0:
            notes.append(f"No {many} resolved in {label}: its MTTR, SLA and FCR are “—” (no data).")
            continue
        if figures.sla is None:
            notes.append(f"SLA in {label}: “—”, no resolved {one} had a response target to judge it by.")
        if figures.fcr is None:
            notes.append(
                f"FCR in {label}: “—”, no resolved {one} recorded whether it was fixed on first contact."
            )
    return notes


def _service_changes(data: QbrPacketData, width: float) -> list[Flowable]:
    if not data.service_changes:
        return [para("No service started or ended in these 90 days.", "quiet")]
    day = partial(fmt.date_text, locale=data.locale)
    rows: list[list[str]] = [["Date", "Service", "Change", "Monthly"]]
    for change in data.service_changes[:MAX_SERVICE_CHANGES]:
        said = change.change if change.change and change.change != "start" else ""  # "Started (start)"
        reason = change.event.capitalize() + (f" ({said})" if said else "")
        mrr = "" if change.mrr_cents is None else fmt.money(change.mrr_cents, data.currency, data.locale)
        rows.append([day(change.day), change.service, reason, mrr])
    story: list[Flowable] = [grid(rows, [0.18 * width, 0.42 * width, 0.22 * width, 0.18 * width], right=(3,))]
    hidden = len(data.service_changes) - MAX_SERVICE_CHANGES
    if hidden > 0:
        story.append(para(f"… and {fmt.count(hidden)} more changes", "quiet"))
    return story


def _relationship_lines(data: QbrPacketData) -> list[str]:
    day = partial(fmt.date_text, locale=data.locale)
    lines = []
    if data.referrals_given:
        names = ", ".join(f"{company} ({day(when)})" for when, company in data.referrals_given[:3])
        more = len(data.referrals_given) - 3
        lines.append(
            f"Introductions you made: {names}" + (f" and {more} more" if more > 0 else "") + ". Thank you."
        )
    if data.satisfaction:
        trend = " → ".join(f"{score}/10" for score in data.satisfaction[-4:])
        lines.append(f"Satisfaction you gave at our reviews: {trend}.")
    return lines
