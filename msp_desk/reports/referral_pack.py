"""The one-page referral-ready pack (seeds 000, 003, 004): who we help and the outcomes, the
ladder in brief, how fast we help against the real record, proof numbers and the offer with a QR
code to the booking link, optionally aimed at an industry, a pain, a referrer and a prospect.

Always exactly one page: long text is first fitted with a smaller type scale, then shortened
visibly (an ellipsis and "(shortened to fit one page)"), never spilled onto a second page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table

from msp_desk import formatting as fmt
from msp_desk.reports.document import content_size, render
from msp_desk.reports.referral_pack_data import (
    PriorityRecord,
    Proof,
    ReferralPackInput,
    Rung,
    ServiceRecord,
)
from msp_desk.reports.referral_pack_parts import (
    headline,
    how_fast,
    ladder,
    offer,
    proof_strip,
    who_we_help,
)
from msp_desk.reports.referral_pack_qr import QrSquares, qr_squares
from msp_desk.reports.referral_pack_words import kind_words
from msp_desk.reports.theme import styles, table_style

__all__ = [
    "FittedPack",
    "PriorityRecord",
    "Proof",
    "ReferralPackInput",
    "Rung",
    "ServiceRecord",
    "fitted",
    "referral_pack",
    "shortened",
]

TITLE = "An introduction"
SCALES = (1.0, 0.94, 0.88, 0.82, 0.76, 0.7)  # type scales tried in turn before any text is cut
LARGER = (1.15, 1.08)  # tried when the base scale leaves more than SPARSE of the page empty
SPARSE = 0.12
KEEP = (300, 160, 90, 50, 28)  # then the characters kept of each free text, in turn
ELLIPSIS = "…"
COLUMN_GAP = 16.0


@dataclass(frozen=True)
class FittedPack:
    """The pack's page as laid out: its flowables, the type scale used and whether text was cut."""

    story: list[Flowable]
    scale: float
    shortened: bool


def referral_pack(data: ReferralPackInput) -> bytes:
    """The pack as PDF bytes: one page on the shop's paper, fonts embedded."""
    return render(fitted(data).story, data.head, numbered=False)


def fitted(data: ReferralPackInput) -> FittedPack:
    """The largest type scale at which the whole pack fits one page; failing that (no scale fits
    the text), the free text cut as little as lets it fit, at the largest scale that then fits."""
    width, height = content_size(data.head.paper)
    code = qr_squares(data.booking_link) if data.booking_link else None
    for candidate, scale in _attempts(data):
        story = _story(candidate, scale, code, cut=candidate != data)
        room = _room(story, width, height)
        if room >= 0:
            if scale == SCALES[0] and room > SPARSE * height:  # a thin pack: set it larger
                for larger in LARGER:
                    bigger = _story(candidate, larger, code, cut=candidate != data)
                    more_room = _room(bigger, width, height)
                    if more_room >= 0:
                        return FittedPack(_pinned(bigger, more_room), larger, candidate != data)
            return FittedPack(_pinned(story, room), scale, candidate != data)
    smallest = SCALES[-1]
    # A ladder of many long rungs can still overflow: the whole page is then drawn smaller.
    short = shortened(data, KEEP[-1])
    page = KeepInFrame(width, height, _story(short, smallest, code, cut=True), mode="shrink")
    return FittedPack([page], smallest, True)


def _attempts(data: ReferralPackInput) -> Iterator[tuple[ReferralPackInput, float]]:
    """The text at every scale, largest first; then, when no scale fits it all, the free text
    cut a little more each time, each cut set as large as it then fits."""
    for scale in SCALES:
        yield data, scale
    for keep in KEEP:
        short = shortened(data, keep)
        for scale in SCALES:
            yield short, scale


def _cut(value: str, keep: int) -> str:
    """``value`` kept to ``keep`` characters at a word's end where one is near, with an ellipsis."""
    value = value.strip()
    if len(value) <= keep:
        return value
    head = value[: keep - 1]
    space = head.rfind(" ")
    if space >= keep * 0.6:
        head = head[:space]
    return head.rstrip(" ,;:-·") + ELLIPSIS


def shortened(data: ReferralPackInput, keep: int) -> ReferralPackInput:
    """The pack's free text (industry, pain, referrer, prospect, the rungs' words, the clients'
    industries) each cut to at most ``keep`` characters."""
    return replace(
        data,
        industry=_cut(data.industry, keep),
        pain=_cut(data.pain, keep),
        referrer=_cut(data.referrer, keep),
        prospect=_cut(data.prospect, keep),
        client_industries=tuple(_cut(name, keep) for name in data.client_industries),
        rungs=tuple(replace(r, name=_cut(r.name, keep), adds=_cut(r.adds, keep * 2)) for r in data.rungs),
    )


def _room(story: list[Flowable], width: float, height: float) -> float:
    """The height left over when ``story`` is laid out in a frame ``width`` by ``height``
    (negative: it does not fit); the frame drops the space before its first flowable, and a
    point is kept to spare against rounding."""
    used = 0.0
    for index, flowable in enumerate(story):
        _, h = flowable.wrap(width, height)
        used += h + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if index else 0)
    return height - 1 - used


def _story(data: ReferralPackInput, scale: float, code: QrSquares | None, *, cut: bool) -> list[Flowable]:
    """The page top to bottom; its last flowable is the offer (pinned to the foot by ``_pinned``)."""
    st = styles(scale)
    words = kind_words(data.kind)
    width, _ = content_size(data.head.paper)
    story: list[Flowable] = list(headline(data, words, st, cut))
    strip = proof_strip(data, st, width, scale)
    if strip is not None:
        story += [Spacer(1, 6 * scale), strip]
        if data.proof.as_of is not None:
            story.append(
                Paragraph(
                    f"From our own records, to {fmt.date_text(data.proof.as_of, data.locale)}.",
                    _right(st.quiet),
                )
            )
    left_width = (width - COLUMN_GAP) * 0.44
    right_width = width - COLUMN_GAP - left_width
    left = who_we_help(data, words, st)
    right = how_fast(data, words, st, right_width, scale)
    columns = Table([[left, right]], colWidths=[left_width + COLUMN_GAP, right_width])
    columns.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), COLUMN_GAP),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [Spacer(1, 4 * scale), columns]
    story += ladder(data, st, width, scale)
    story += [Spacer(1, 12 * scale), offer(data, words, st, width, scale, code)]
    return story


def _pinned(story: list[Flowable], room: float) -> list[Flowable]:
    """``story`` with the ``room`` left over put above the offer, so the offer and its QR code
    sit at the foot of the page whatever the length of the text above."""
    return [*story[:-1], Spacer(1, room), story[-1]]


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-right", parent=style, alignment=TA_RIGHT, spaceBefore=2)
