"""The closed sets of words the domain uses; stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class ShopKind(StrEnum):
    MSP = "msp"  # managed-IT shop: seats/endpoints, tickets
    VA = "va"  # virtual-assistant agency: hours, requests


# A shop without a settings row yet is described by these (``ShopSettings``' defaults).
DEFAULT_SHOP_NAME = "My shop"
DEFAULT_CURRENCY = "USD"
DEFAULT_LOCALE = "en_US"


class ClientStatus(StrEnum):
    PROSPECT = "prospect"
    ONBOARDING = "onboarding"
    ACTIVE = "active"
    PAUSED = "paused"
    CHURNED = "churned"


class Channel(StrEnum):
    REFERRAL = "referral"
    PARTNER = "partner"
    MARKETING = "marketing"
    OUTBOUND = "outbound"
    OTHER = "other"


class RevenueKind(StrEnum):
    """What one-off (non-recurring) revenue was for."""

    PROJECT = "project"  # a project: a migration, an office move, an onboarding fee
    HARDWARE = "hardware"  # hardware or licences resold


class PriceModel(StrEnum):
    FLAT = "flat"  # flat monthly fee
    PER_SEAT = "per_seat"  # per seat / endpoint a month
    PER_HOURS_BLOCK = "per_hours_block"  # per block of hours a month (VA work)


class GrowthStage(StrEnum):
    RUN = "run"
    PROTECT = "protect"
    OPTIMIZE = "optimize"
    SCALE = "scale"


class LineKind(StrEnum):
    TIER = "tier"
    ADDON = "addon"
    CUSTOM = "custom"


class BillingPeriod(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class PartnerKind(StrEnum):
    CPA = "cpa"
    ATTORNEY = "attorney"
    VENDOR = "vendor"
    PEER_MSP = "peer_msp"
    OTHER = "other"


class AskResult(StrEnum):
    NAMES_GIVEN = "names_given"
    DECLINED = "declined"
    NO = "no"  # "no" = investigate the relationship


class ReferralStage(StrEnum):
    RECEIVED = "received"
    CONTACTED = "contacted"
    MEETING = "meeting"
    PROPOSAL = "proposal"
    WON = "won"
    LOST = "lost"


CLOSED_STAGES = (ReferralStage.WON.value, ReferralStage.LOST.value)  # a referral decided


class RewardKind(StrEnum):
    SERVICE_CREDIT = "service_credit"
    CASH = "cash"
    GIFT = "gift"
    DONATION = "donation"


class RewardCondition(StrEnum):
    PAID_MONTHS = "paid_months"  # the referred client has paid N full months
    WEEKS_COMPLETED = "weeks_completed"  # ... has completed N weeks


class RewardStatus(StrEnum):
    PENDING = "pending"
    EARNED = "earned"
    APPLIED = "applied"
    PAID = "paid"
    VOID = "void"
    CLAWED_BACK = "clawed_back"


class QbrOutcome(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class Horizon(StrEnum):
    NOW = "now"
    DAYS_30 = "30_days"
    THIS_QUARTER = "this_quarter"
    NEXT_QUARTER = "next_quarter"
    MONTHS_6_12 = "6_12_months"
    LATER = "later"


class RoadmapStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class TaskKind(StrEnum):
    FOLLOW_UP = "follow_up"
    QBR = "qbr"
    RENEWAL = "renewal"
    ONBOARDING = "onboarding"
    CHECK_IN = "check_in"
    REWARD_PAYOUT = "reward_payout"


class ScriptKind(StrEnum):
    ASK = "ask"
    QUESTIONS = "questions"
    INTRO = "intro"
    CUSTOM = "custom"
