"""Referral engineering: partners, asks, referrals, rewards and the scripts used to ask."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from msp_desk.domain import rules
from msp_desk.domain.base import Record
from msp_desk.domain.enums import (
    AskResult,
    PartnerKind,
    ReferralStage,
    RewardCondition,
    RewardKind,
    RewardStatus,
    ScriptKind,
)
from msp_desk.errors import ValidationError


class Partner(Record, table=True):
    """A strategic referral source: CPA, attorney, vendor, peer MSP."""

    __tablename__ = "partner"

    name: str = Field(max_length=200)
    kind: str = Field(default=PartnerKind.OTHER.value, max_length=20)
    company: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=50)
    last_touch: dt.date | None = None
    notes: str = ""


class ReciprocalReferral(Record, table=True):
    """A company we introduced to a partner: what we give back, so the partnership runs both ways."""

    __tablename__ = "reciprocal_referral"

    partner_id: int = Field(foreign_key="partner.id", index=True)
    sent_on: dt.date
    company: str = Field(max_length=200)
    note: str = ""


class Script(Record, table=True):
    """A template with merge fields {client} {contact} {industry} {pain} {referrer} {shop}."""

    __tablename__ = "script"

    name: str = Field(max_length=100, unique=True)
    kind: str = Field(default=ScriptKind.CUSTOM.value, max_length=20)
    body: str
    builtin: bool = False


class ReferralAsk(Record, table=True):
    """One time we asked a client contact or partner for introductions."""

    __tablename__ = "referral_ask"

    day: dt.date = Field(index=True)
    client_id: int | None = Field(default=None, foreign_key="client.id", index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    script_id: int | None = Field(default=None, foreign_key="script.id")
    target_industry: str = Field(default="", max_length=100)
    target_pain: str = Field(default="", max_length=200)
    result: str = Field(max_length=20)
    names_given: int = 0
    follow_up_on: dt.date | None = None
    notes: str = ""


class Referral(Record, table=True):
    """A company someone introduced to us, tracked from received to won or lost."""

    __tablename__ = "referral"

    company: str = Field(max_length=200)
    contact_name: str = Field(default="", max_length=200)
    contact_email: str = Field(default="", max_length=200)
    contact_phone: str = Field(default="", max_length=50)
    industry: str = Field(default="", max_length=100)
    pain: str = Field(default="", max_length=200)
    referrer_client_id: int | None = Field(default=None, foreign_key="client.id", index=True)
    referrer_contact_id: int | None = Field(default=None, foreign_key="contact.id")
    referrer_partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    ask_id: int | None = Field(default=None, foreign_key="referral_ask.id")
    received_on: dt.date = Field(index=True)
    stage: str = Field(default=ReferralStage.RECEIVED.value, max_length=20, index=True)
    stage_changed_on: dt.date | None = None
    lost_reason: str = ""
    expected_mrr_cents: int = 0
    client_id: int | None = Field(default=None, foreign_key="client.id")  # the client it became
    won_on: dt.date | None = None
    no_reward: bool = False  # an explicit "no reward" decision (so credit is never silently lost)
    no_reward_reason: str = ""


class Reward(Record, table=True):
    """What a referrer gets for a won referral, from pending to earned to applied or paid."""

    __tablename__ = "reward"

    referral_id: int = Field(foreign_key="referral.id", index=True)
    referrer_client_id: int | None = Field(default=None, foreign_key="client.id")
    referrer_partner_id: int | None = Field(default=None, foreign_key="partner.id")
    kind: str = Field(default=RewardKind.SERVICE_CREDIT.value, max_length=20)
    amount_cents: int = 0
    condition: str = Field(default=RewardCondition.PAID_MONTHS.value, max_length=20)
    condition_n: int = 1
    clawback_months: int | None = None
    status: str = Field(default=RewardStatus.PENDING.value, max_length=20, index=True)
    earned_on: dt.date | None = None
    settled_on: dt.date | None = None  # applied as credit or paid
    voided_on: dt.date | None = None
    void_reason: str = ""


def validate_partner(partner: Partner) -> None:
    rules.text_required(partner.name, "name")
    rules.one_line(partner.company, "company")
    rules.one_line(partner.email, "email")
    rules.one_line(partner.phone, "phone", max_len=50)
    rules.note(partner.notes, "notes")
    rules.known(partner.kind, PartnerKind, "kind")


def validate_reciprocal(sent: ReciprocalReferral) -> None:
    rules.text_required(sent.company, "company")
    rules.note(sent.note, "note")


def validate_script(script: Script) -> None:
    rules.text_required(script.name, "name", max_len=100)
    rules.known(script.kind, ScriptKind, "kind")
    rules.text_required(script.body, "body", max_len=20000, lines=True)


def validate_ask(ask: ReferralAsk) -> None:
    if ask.client_id is None and ask.partner_id is None:
        raise ValidationError("asked", "an ask needs a client or a partner")
    rules.known(ask.result, AskResult, "result")
    rules.non_negative(ask.names_given, "names_given")
    rules.one_line(ask.target_industry, "target_industry", max_len=100)
    rules.one_line(ask.target_pain, "target_pain")
    rules.note(ask.notes, "notes")
    rules.date_order(ask.day, ask.follow_up_on, "follow_up_on", "day")


def validate_referral(referral: Referral) -> None:
    rules.text_required(referral.company, "company")
    rules.one_line(referral.contact_name, "contact_name")
    rules.one_line(referral.contact_email, "contact_email")
    rules.one_line(referral.contact_phone, "contact_phone", max_len=50)
    rules.one_line(referral.industry, "industry", max_len=100)
    rules.one_line(referral.pain, "pain")
    rules.note(referral.lost_reason, "lost_reason")
    rules.note(referral.no_reward_reason, "no_reward_reason")
    rules.known(referral.stage, ReferralStage, "stage")
    rules.non_negative_money(referral.expected_mrr_cents, "expected_mrr")
    if referral.stage == ReferralStage.LOST.value and not referral.lost_reason.strip():
        raise ValidationError("lost_reason", "say why the referral was lost")
    rules.date_order(referral.received_on, referral.won_on, "won_on", "received_on")


def validate_reward(reward: Reward) -> None:
    rules.known(reward.kind, RewardKind, "kind")
    rules.non_negative_money(reward.amount_cents, "amount")
    rules.known(reward.condition, RewardCondition, "condition")
    rules.positive(reward.condition_n, "condition_n")
    rules.non_negative(reward.clawback_months, "clawback_months")
    rules.known(reward.status, RewardStatus, "status")
    rules.note(reward.void_reason, "void_reason")
    if reward.status == RewardStatus.VOID.value and not reward.void_reason.strip():
        raise ValidationError("void_reason", "say why the reward is void")
