"""The QBR packet's second part: the business changes and the questions to ask (seed 001 §4),
the next 90 days' priorities, the later roadmap by horizon (seed 001 §3), the recommended next
rung with its price and what it adds, the next QBR; and the referral page (seeds 003 and 000)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Spacer

from msp_desk import formatting as fmt
from msp_desk.reports.document import content_size
from msp_desk.reports.qbr_packet_data import QbrPacketData, ReferralAsk, RoadmapEntry, RungStep
from msp_desk.reports.qbr_packet_parts import bullets, grid, para, text
from msp_desk.reports.theme import styles

MAX_QUESTIONS = 8
MAX_NEXT_90 = 10
MAX_LATER = 10


def plan_story(data: QbrPacketData, paper: str) -> list[Flowable]:
    width, _ = content_size(paper)
    return [
        para("Your business", "heading"),
        *_business(data),
        para("Questions for this review", "subheading"),
        _numbered(data.questions[:MAX_QUESTIONS]),
        para("The next 90 days", "heading"),
        *_next_90_days(data, width),
        para("Later on the roadmap", "heading"),
        *_later(data, width),
        KeepTogether([para("Recommended next step", "heading"), *_next_rung(data)]),
        Spacer(1, 2 * mm),
        para(_next_qbr_line(data), "subheading"),
    ]


def _business(data: QbrPacketData) -> list[Flowable]:
    day = partial(fmt.date_text, locale=data.locale)
    if data.last_qbr is None:
        return [
            para("This is our first review together: the questions below help us plan around your business.")
        ]
    said = data.business_changes.strip()
    if not said:
        return [para(f"No business changes were noted at our last review ({day(data.last_qbr)}).")]
    return [para(f"At our last review ({day(data.last_qbr)}) you told us: {said}")]


def _numbered(lines: Sequence[str]) -> ListFlowable:
    body = styles().body
    items: list[Flowable] = [para(line) for line in lines]
    return ListFlowable(
        items,
        bulletType="1",
        bulletFontName=body.fontName,
        bulletFontSize=body.fontSize,
        leftIndent=14,
    )


def _roadmap_rows(entries: Sequence[RoadmapEntry], data: QbrPacketData, *, horizon: bool) -> list[list[str]]:
    money = partial(fmt.money, currency=data.currency, locale=data.locale)
    head = ["Item", "When" if horizon else "Area", "Status", "One-off", "Monthly"]
    rows = [head]
    for entry in entries:
        rows.append(
            [
                entry.title,
                entry.horizon if horizon else (entry.category or "—"),
                entry.status,
                money(entry.one_off_cents) if entry.one_off_cents else "—",
                (("+" if entry.mrr_impact_cents > 0 else "") + money(entry.mrr_impact_cents))
                if entry.mrr_impact_cents
                else "—",
            ]
        )
    return rows


def _table(rows: list[list[str]], width: float) -> Flowable:
    return grid(rows, [0.42 * width, 0.16 * width, 0.14 * width, 0.14 * width, 0.14 * width], right=(3, 4))


def _next_90_days(data: QbrPacketData, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if data.agreed_priorities:
        story.append(para("Agreed at our last review:", "small"))
        story += bullets(data.agreed_priorities, limit=5, style="small")
        story.append(Spacer(1, 2 * mm))
    if data.next_90_days:
        story.append(_table(_roadmap_rows(data.next_90_days[:MAX_NEXT_90], data, horizon=True), width))
        hidden = len(data.next_90_days) - MAX_NEXT_90
        if hidden > 0:
            story.append(para(f"… and {fmt.count(hidden)} more items planned", "quiet"))
    elif not data.agreed_priorities:
        story.append(
            para(
                "Nothing is planned for the next 90 days yet: we will set the priorities together at this review."
            )
        )
    return story


def _later(data: QbrPacketData, width: float) -> list[Flowable]:
    if not data.later:
        return [para("Nothing further on the roadmap yet: ideas from this review go here.", "quiet")]
    story: list[Flowable] = [_table(_roadmap_rows(data.later[:MAX_LATER], data, horizon=True), width)]
    hidden = len(data.later) - MAX_LATER
    if hidden > 0:
        story.append(para(f"… and {fmt.count(hidden)} more items further out", "quiet"))
    return story


def _step(step: RungStep, data: QbrPacketData, lead: str) -> list[Flowable]:
    money = partial(fmt.money, currency=data.currency, locale=data.locale)
    line = (
        f"<b>{text(lead)}{text(step.name)}</b>: {text(money(step.mrr_cents))} a month"
        f" (+{text(money(step.delta_cents))} a month)"
    )
    story: list[Flowable] = [para(line, markup=True)]
    if step.adds:
        story.append(
            para("What it adds: " + "; ".join(a.strip().rstrip(".") for a in step.adds) + ".", "small")
        )
    return story


def _next_rung(data: QbrPacketData) -> list[Flowable]:
    plan = data.next_rung
    story: list[Flowable] = []
    if plan.tier is None and not plan.addons:
        return [para(plan.none_reason or "Nothing to suggest: your service already covers the next rung.")]
    if plan.current:
        story.append(para(f"Today you are on {plan.current}.", "small"))
    if plan.tier is not None:
        story += _step(plan.tier, data, "Move up to ")
    if plan.addons:
        stage = f" ({plan.stage})" if plan.stage else ""
        lead = "Or add" if plan.tier is not None else "Add"
        story += [Spacer(1, 2 * mm), para(f"{lead} what the next stage{stage} brings:", "small")]
        for addon in plan.addons[:4]:
            story += _step(addon, data, "")
    if plan.reasons:
        story.append(para("Why now: " + "; ".join(plan.reasons[:3]) + ".", "quiet"))
    return story


def _next_qbr_line(data: QbrPacketData) -> str:
    if data.next_qbr is None:
        return "Next QBR: to be agreed at this review."
    return f"Next QBR: {fmt.date_text(data.next_qbr, data.locale)}"


# -- the referral page -------------------------------------------------------------------------


def referral_story(data: QbrPacketData, ask: ReferralAsk, paper: str) -> list[Flowable]:
    """A short last page: the ask, the specific questions with room to write names, the reward."""
    width, _ = content_size(paper)
    story: list[Flowable] = [
        para("Who else should we help?", "title"),
        para(
            f"Most of the businesses {data.shop} looks after came to us through introductions from "
            "clients like you. These questions are specific on purpose: a name or two usually comes to mind."
        ),
        Spacer(1, 2 * mm),
    ]
    rows: list[list[str]] = [["Question", "Who comes to mind", "How you know them"]]
    rows += [[question, "", ""] for question in ask.questions]
    table = grid(rows, [0.5 * width, 0.27 * width, 0.23 * width])
    table.setStyle([("BOTTOMPADDING", (0, 1), (-1, -1), 14)])  # room to write a name by hand
    story += [table, Spacer(1, 4 * mm), para(ask.targeted_ask)]
    if ask.reward:
        story.append(para(ask.reward, "subheading"))
    if ask.booking_link:
        story.append(para(f"They can book a time with us at {ask.booking_link}.", "quiet"))
    return story
