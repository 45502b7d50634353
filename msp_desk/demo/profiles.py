"""What a demo shop is made of: the ``Profile`` that ``demo_msp`` and ``demo_va`` fill in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """Everything that differs between the MSP demo and the VA demo."""

    kind: str
    shop_name: str
    domain: str
    address: str
    phone: str
    staff: tuple[str, ...]  # who attends QBRs for the shop
    months: int  # months of history, ending at the last full month
    founding: int  # clients already on the books in the first three months
    churn_rate: float  # clients leaving a month, as a share of the clients at the month's start
    growth_band: tuple[float, float]  # MRR growth over the last twelve months a story must show
    lifetime_band: tuple[float, float]  # expected lifetime (months) it must show
    clients: tuple[tuple[str, str], ...]  # (name, industry); founding + newcomers
    upcoming: tuple[str, str]  # a referral won this month that starts next month
    killers: tuple[str, ...]  # problem accounts among ``clients``
    keepers: tuple[str, ...]  # clients the demo shows off: they never leave
    seats_median: int
    seats_range: tuple[int, int]
    seat_step: int  # 1 seat, or 10 hours
    rank_weights: tuple[int, int, int, int]
    founding_channels: tuple[tuple[str, int], ...]
    newcomer_channels: tuple[tuple[str, int], ...]
    initial_addons: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    addon_sequence: tuple[str, ...]
    premium_includes: tuple[str, ...]  # add-ons the top tier already includes
    ticket_rate: tuple[float, float, float, float]  # tickets per unit a month, by tier rank
    ticket_prefix: str
    sources: tuple[str, ...]
    subjects: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # P1..P4
    spend: tuple[tuple[str, int, str], ...]  # channel, base cents a month, note
    reward: tuple[str, int, str, int, int | None]  # kind, cents, condition, n, clawback months
    partners: tuple[tuple[str, str, str], ...]  # key (= kind), person, company
    pains: tuple[str, ...]
    churn_reasons: tuple[tuple[str, tuple[str, ...]], ...]  # reason, industries it fits (() = any)
    comeback_reason: str  # why the client who came back had left
    lost_reasons: tuple[str, ...]
    prospects: tuple[tuple[str, str], ...]  # companies in the open referral pipeline
    projects: tuple[tuple[str, int, int], ...]  # description, min and max dollars
    project_share: tuple[float, float]  # one-off revenue as a share of the month's MRR
    accomplishments: tuple[str, ...]
    business_changes: tuple[str, ...]
    roadmap: tuple[tuple[str, str, int, int], ...]  # title, category, one-off $, MRR impact $
    killer_roadmap: tuple[tuple[str, str, int, int], ...]
    roadmap_ahead: tuple[tuple[str, str, int, int], ...]  # what a plan puts beyond the next 90 days
    onboarding_steps: tuple[str, ...]
