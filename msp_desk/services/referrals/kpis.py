"""Referral KPIs over the last 12 full months: referrals received a month, conversion, days to
win, the referral share of new clients against its benchmark, and referral CAC vs the others."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from msp_desk.domain.enums import Channel, ReferralStage
from msp_desk.domain.values import Month, last_full_month
from msp_desk.kpi import mrr as kpi_mrr
from msp_desk.kpi.movements import movements_by_month
from msp_desk.kpi.referrals import referral_share_new
from msp_desk.kpi.value import ALL_CHANNELS, cac_by_channel
from msp_desk.services.kpis.facts import load_lines, load_policy, load_spend
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.store.queries.kpis import client_channel_rows
from msp_desk.store.queries.referrals.kpis import referral_stage_days

WINDOW_MONTHS = 12


@dataclass(frozen=True, slots=True)
class ReferralKpis:
    """The referral KPIs of the months ``first``..``last``; None = no data, never 0.

    ``conversion`` = won / (won + lost) of the referrals decided in the window (won on
    ``won_on``, lost on the day their stage last changed); ``median_days_to_win`` over the
    referrals won in it. ``share`` = new clients won through a referral or a partner / new
    clients whose channel is known (``kpi.referrals``), against ``benchmark`` (low, high).
    ``cac`` maps each channel (and "all") to its CAC in cents (``kpi.value.cac_by_channel``:
    spend, rewards settled included, / new clients of the channel).
    """

    first: Month
    last: Month
    received: tuple[tuple[Month, int], ...]
    won: int
    lost: int
    conversion: float | None
    median_days_to_win: float | None
    new_clients: int
    referred_new_clients: int  # referral + partner channels
    share: float | None
    benchmark: tuple[float, float]
    cac: dict[str, int | None]

    @property
    def received_total(self) -> int:
        return sum(n for _, n in self.received)

    @property
    def referral_cac(self) -> int | None:
        """CAC of the referral channel (a client's introductions)."""
        return self.cac.get(Channel.REFERRAL.value)

    @property
    def other_cac(self) -> dict[str, int | None]:
        """CAC of every channel that is not referral engineering's (partner and referral left out)."""
        skip = {Channel.REFERRAL.value, Channel.PARTNER.value, ALL_CHANNELS}
        return {channel: cac for channel, cac in self.cac.items() if channel not in skip}


def conversion_rate(won: int, lost: int) -> float | None:
    """won / (won + lost); None when nothing was decided."""
    return won / (won + lost) if won + lost else None


def median_days(spans: list[int]) -> float | None:
    return float(statistics.median(spans)) if spans else None


def _new_clients(db: Database, first: Month, last: Month) -> dict[int, str | None]:
    """Each client new (first MRR ever, by the shop's policy) in ``first``..``last``: its channel."""
    with db.read() as conn:
        lines = load_lines(conn)
        policy = load_policy(conn)
        channels: dict[int, str | None] = dict(client_channel_rows(conn))
    start = kpi_mrr.earliest_month(lines)
    if start is None or start > last:
        return {}
    series = kpi_mrr.client_mrr_series(lines, start, last)
    moves = movements_by_month(series, policy, months=last.index - start.index + 1)
    new: dict[int, str | None] = {}
    for position, month_moves in enumerate(moves):
        if month_moves is not None and start.index + position >= first.index:
            new |= {cid: channels.get(cid) for cid in month_moves.new_client_ids}
    return new


def referral_kpis(db: Database, today: dt.date) -> ReferralKpis:
    """The referral KPIs of the 12 full months before ``today``'s month."""
    last = last_full_month(today)
    first = last - (WINDOW_MONTHS - 1)
    lo, hi = first.first_day(), last.last_day()
    with db.read() as conn:
        rows = referral_stage_days(conn)
        spend = load_spend(conn)
    received = dict.fromkeys((first + i for i in range(WINDOW_MONTHS)), 0)
    won = lost = 0
    days: list[int] = []
    for got, stage, won_on, changed in rows:
        if got is not None and lo <= got <= hi:
            received[Month.of(got)] += 1
        if stage == ReferralStage.WON.value and won_on is not None and lo <= won_on <= hi:
            won += 1
            if got is not None:
                days.append((won_on - got).days)
        decided = changed or got
        if stage == ReferralStage.LOST.value and decided is not None and lo <= decided <= hi:
            lost += 1
    new = _new_clients(db, first, last)
    band = shop_profile(db).benchmarks()["referral_share_new"]
    referred = sum(
        1 for channel in new.values() if channel in (Channel.REFERRAL.value, Channel.PARTNER.value)
    )
    return ReferralKpis(
        first=first,
        last=last,
        received=tuple(received.items()),
        won=won,
        lost=lost,
        conversion=conversion_rate(won, lost),
        median_days_to_win=median_days(days),
        new_clients=len(new),
        referred_new_clients=referred,
        share=referral_share_new(new, new),
        benchmark=(float(band[0]), float(band[1])),
        cac=cac_by_channel(spend, new, first.index, last.index),
    )
