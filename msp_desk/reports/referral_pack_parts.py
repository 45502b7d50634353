"""The referral pack's sections as flowables at one type scale: the headline, the proof numbers,
who we help, the ladder in brief, how fast we help, and the offer with its QR code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from msp_desk import formatting as fmt
from msp_desk.reports.referral_pack_data import PriorityRecord, ReferralPackInput, Rung, ServiceRecord
from msp_desk.reports.referral_pack_qr import QR_SIZE, QrCode, QrSquares
from msp_desk.reports.referral_pack_words import KindWords
from msp_desk.reports.theme import PALETTE, Styles, table_style

SHORTENED_NOTE = "(shortened to fit one page)"
MAX_CARDS = 5  # rungs shown as cards side by side; more as rows


def text(value: str) -> str:
    """User text made safe for a Paragraph's mark-up (``&``, ``<``, ``>``)."""
    return escape(value)


def scaled(style: ParagraphStyle, factor: float, name: str) -> ParagraphStyle:
    """``style`` at ``factor`` times its size (the pack's headline and big figures)."""
    size = style.fontSize * factor
    return ParagraphStyle(name, parent=style, fontSize=size, leading=round(size * 1.2, 1))


# -- the top: headline, who it is for, the proof numbers ------------------------------------------


def headline(data: ReferralPackInput, words: KindWords, st: Styles, shortened: bool) -> list[Flowable]:
    title = scaled(st.title, 1.15, "pack-title")
    line = words.headline.format(industry=text(data.industry)) if data.industry else words.headline_plain
    parts: list[Flowable] = []
    aimed = []
    if data.prospect:
        aimed.append(f"Prepared for <b>{text(data.prospect)}</b>")
    if data.referrer:
        aimed.append(f"{text(data.referrer)} suggested we talk.")
    if aimed:
        parts.append(Paragraph(" · ".join(aimed), st.subheading))
    parts.append(Paragraph(line, title))
    promise = words.pain_line.format(pain=text(data.pain)) if data.pain else words.promise
    parts.append(Paragraph(promise, st.body))
    if shortened:
        parts.append(Paragraph(SHORTENED_NOTE, st.quiet))
    return parts


def proof_strip(data: ReferralPackInput, st: Styles, width: float, scale: float) -> Table | None:
    """The proof numbers as big figures in one band; the ones not known are left out (None when
    none is known: a new shop prints no band rather than zeros)."""
    proof, locale = data.proof, data.locale
    figures = []
    if proof.clients_served:
        figures.append((fmt.count(proof.clients_served, locale), "clients served today"))
    if proof.years_in_business:
        figures.append(
            (
                fmt.count(proof.years_in_business, locale),
                fmt.plural_noun(proof.years_in_business, "year") + " in business",
            )
        )
    if proof.retention_12m is not None:
        figures.append((fmt.percent(proof.retention_12m, locale, 0), "of clients still with us after a year"))
    if proof.nrr_12m is not None:
        figures.append((fmt.percent(proof.nrr_12m, locale, 0), "net revenue retention over 12 months"))
    if not figures:
        return None
    big = scaled(st.figure, 1.45, "pack-figure")
    cells = [[Paragraph(value, big), Paragraph(label, st.figure_label)] for value, label in figures]
    column = width / len(figures)
    table = Table([cells], colWidths=[column] * len(figures))
    pad = 7 * scale
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PALETTE.panel),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad + 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.6, PALETTE.rule),
            ]
        )
    )
    return table


# -- the left column: who we help, outcomes, the ladder --------------------------------------------


def who_we_help(data: ReferralPackInput, words: KindWords, st: Styles) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph("Who we help", st.heading)]
    served = data.proof.clients_served
    if served:
        noun = fmt.plural(served, words.business, locale=data.locale)
        sentence = f"{noun} rely on us today"
        named = [text(name) for name in data.client_industries[:3]]
        if named:
            listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
            sentence += f", in {listed} among others"
        parts.append(Paragraph(sentence + ".", st.body))
    else:
        parts.append(Paragraph(words.help_plain, st.body))
    parts.append(Paragraph("What changes for you", st.subheading))
    bullet = ParagraphStyle(
        "pack-bullet",
        parent=st.body,
        bulletFontName=st.body.fontName,
        bulletFontSize=st.body.fontSize,
        leftIndent=st.body.fontSize * 1.1,
        bulletIndent=0,
    )  # the bullet in the report's font: the default names Helvetica, which is never embedded
    parts += [Paragraph(outcome, bullet, bulletText="•") for outcome in words.outcomes]
    return parts


def _unit(rung: Rung, kind: str) -> str:
    if rung.price_model == "per_seat":
        return "per seat a month" if kind == "msp" else "per person a month"
    if rung.price_model == "per_hours_block":
        hours = rung.hours_per_block
        return f"per {hours} hours a month" if hours else "per block of hours a month"
    return "a month"


def ladder(data: ReferralPackInput, st: Styles, width: float, scale: float) -> list[Flowable]:
    """The ladder in brief: a card per rung side by side (a table of rows past ``MAX_CARDS``)."""
    parts: list[Flowable] = [Paragraph("Start small, grow when it pays", st.heading)]
    if not data.rungs:
        parts.append(Paragraph("Plans are set up with you after the first conversation.", st.body))
        return parts
    if len(data.rungs) > MAX_CARDS:
        parts.append(_ladder_rows(data, st, width, scale))
        return parts
    price_style = scaled(st.subheading, 1.1, "pack-price")
    cards = []
    for rung in data.rungs:
        price = fmt.money_whole(rung.price_cents, data.currency, data.locale)
        cards.append(
            [
                Paragraph(text(rung.name), st.subheading),
                Paragraph(f"from <b>{price}</b>", price_style),
                Paragraph(_unit(rung, data.kind), st.quiet),
                Spacer(1, 3 * scale),
                Paragraph(text(rung.adds), st.small),
            ]
        )
    gap = 6.0
    count = len(cards)
    row: list[object] = []
    widths: list[float] = []
    for index, card in enumerate(cards):
        if index:
            row.append("")  # the gap between two cards
            widths.append(gap)
        row.append(card)
        widths.append((width - gap * (count - 1)) / count)
    table = Table([row], colWidths=widths)
    pad = 6 * scale
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]
    for index in range(0, 2 * count - 1, 2):
        commands += [
            ("BACKGROUND", (index, 0), (index, 0), PALETTE.panel),
            ("LINEABOVE", (index, 0), (index, 0), 2.5, PALETTE.accent),
        ]
    table.setStyle(table_style(commands))
    parts.append(table)
    return parts


def _ladder_rows(data: ReferralPackInput, st: Styles, width: float, scale: float) -> Table:
    rows: list[list[object]] = [
        [
            Paragraph("Plan", st.cell_head),
            Paragraph("What it adds", st.cell_head),
            Paragraph("From", st.cell_head),
        ]
    ]
    for rung in data.rungs:
        price = fmt.money_whole(rung.price_cents, data.currency, data.locale)
        rows.append(
            [
                Paragraph(f"<b>{text(rung.name)}</b>", st.cell),
                Paragraph(text(rung.adds), st.cell),
                Paragraph(f"<b>{price}</b> {_unit(rung, data.kind)}", st.cell_right),
            ]
        )
    table = Table(rows, colWidths=[width * 0.2, width * 0.58, width * 0.22])
    table.setStyle(_grid_style(scale))
    return table


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-right", parent=style, alignment=2)


def _grid_style(scale: float) -> TableStyle:
    pad = 3.2 * scale
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, PALETTE.accent),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, PALETTE.rule),
        ]
    )


# -- the right column: how fast we help, the offer --------------------------------------------------


def duration(minutes: int, locale: str) -> str:
    """A target as people say it: ``30 min``, ``8 h``, ``2 days``."""
    if minutes < 60:
        return f"{fmt.count(minutes, locale)} min"
    if minutes < 48 * 60:
        whole, rest = divmod(minutes, 60)
        return f"{fmt.count(whole, locale)} h" if not rest else fmt.hours(minutes / 60, locale)
    days = minutes / 1440
    return (
        f"{fmt.count(round(days), locale)} days" if days == round(days) else fmt.hours(minutes / 60, locale)
    )


def _span(minutes: tuple[int, int] | None, locale: str) -> str:
    if minutes is None:
        return fmt.NO_DATA
    fastest, slowest = duration(minutes[0], locale), duration(minutes[1], locale)
    if fastest == slowest:
        return fastest
    low, _, unit = fastest.partition(" ")
    if slowest.endswith(f" {unit}") and unit != "min":  # "2 – 5 days", "6 – 16 h"
        return f"{low} – {slowest}"
    return f"{fastest} – {slowest}"


def how_fast(
    data: ReferralPackInput, words: KindWords, st: Styles, width: float, scale: float
) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph("How fast we help", st.heading)]
    service = data.service
    rows: list[list[Flowable]] = [
        [
            Paragraph("Priority", st.cell_head),
            Paragraph("We respond within", st.cell_head),
            Paragraph("We resolve within", st.cell_head),
            Paragraph("Real average", _right(st.cell_head)),
        ]
    ]
    records: Sequence[PriorityRecord] = service.priorities if service else ()
    for index, record in enumerate(records):
        label = words.priorities[index] if index < len(words.priorities) else record.priority
        rows.append(
            [
                Paragraph(f"<b>{text(record.priority)}</b> {label}", st.cell),
                Paragraph(_span(record.respond_minutes, data.locale), st.cell),
                Paragraph(_span(record.resolve_minutes, data.locale), st.cell),
                Paragraph(fmt.hours(record.mttr_hours, data.locale), st.cell_right),
            ]
        )
    if len(rows) > 1:
        shares = (0.25, 0.28, 0.27, 0.2)  # the targets' "30 min – 2 h" wants the most room
        table = Table(rows, colWidths=[width * share for share in shares])
        table.setStyle(_grid_style(scale))
        parts.append(table)
        parts.append(Spacer(1, 3 * scale))
    parts += _record_lines(data, service, words, st)
    return parts


def _record_lines(
    data: ReferralPackInput, service: ServiceRecord | None, words: KindWords, st: Styles
) -> list[Flowable]:
    """What really happened: SLA compliance and MTTR over the period, or why there is none."""
    if service is None:
        return [Paragraph("Response targets are agreed with you in your plan.", st.quiet)]
    period = f"{fmt.date_text(service.first, data.locale)} – {fmt.date_text(service.last, data.locale)}"
    tickets = fmt.plural_noun(2, words.ticket)
    if not service.resolved:
        return [
            Paragraph(
                f"Real averages: no {tickets} resolved in this period ({period}) yet, so none is quoted.",
                st.quiet,
            )
        ]
    resolved = fmt.plural(service.resolved, words.ticket, locale=data.locale)
    lines: list[Flowable] = []
    if service.sla is not None:
        sla = fmt.percent(service.sla, data.locale, 1)
        lines.append(
            Paragraph(f"<b>{sla}</b> of {tickets} met their response and resolution targets.", st.body)
        )
    else:
        lines.append(
            Paragraph(
                f"SLA met: {fmt.NO_DATA} (no {words.ticket} in this period had a target to judge).", st.body
            )
        )
    mttr = fmt.hours(service.mttr_hours, data.locale)
    lines.append(
        Paragraph(f"Real averages: {resolved} resolved {period}, {mttr} on average to resolve.", st.quiet)
    )
    return lines


def offer(
    data: ReferralPackInput, words: KindWords, st: Styles, width: float, scale: float, code: QrSquares | None
) -> Table:
    """The offer in a panel: what it is, how to book, and the QR code to the booking link."""
    lines: list[Flowable] = [
        Paragraph(words.offer_title, scaled(st.subheading, 1.15, "pack-offer")),
        Paragraph(words.offer_text, st.body),
    ]
    if data.booking_link:
        lines.append(Paragraph("Book a time that suits you:", st.small))
        link = ParagraphStyle("pack-link", parent=st.small, textColor=PALETTE.accent)
        lines.append(Paragraph(text(data.booking_link), link))
    reach = " · ".join(text(part) for part in (data.phone, data.email) if part)
    if reach:
        lines.append(
            Paragraph(
                ("Or call or write: " if data.booking_link else "To book, call or write: ") + reach, st.small
            )
        )
    pad = 8 * scale
    if code is not None:
        size = QR_SIZE * max(scale, 0.8)
        scan = [QrCode(code, size), Paragraph("Scan to book", _centred(st.quiet))]
        cells, widths = [[lines, scan]], [width - size - 2 * pad, size + 2 * pad]
    else:
        cells, widths = [[lines]], [width]
    panel = Table(cells, colWidths=widths)
    panel.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PALETTE.panel),
                ("LINEBEFORE", (0, 0), (0, -1), 3, PALETTE.accent),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad / 2),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ]
        )
    )
    return panel


def _centred(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-centred", parent=style, alignment=1)
