"""Every table as SQLAlchemy Core sees it, for the queries in ``store.queries``.

Each table is described once, by its SQLModel class in ``domain``; these are those classes'
``Table`` objects under short names, so a query reads ``CLIENT.c.status`` and nothing re-declares
a table or its columns.
"""

from __future__ import annotations

from typing import cast

import sqlalchemy as sa
from sqlmodel import SQLModel

from msp_desk.domain.cache import DataRevision, DerivedCache
from msp_desk.domain.checkins import CheckIn, OnboardingStep
from msp_desk.domain.clients import Client, ClientNote, ClientTag, Contact, Tag
from msp_desk.domain.contracts import ContractLine, MarketingSpend, ProjectRevenue
from msp_desk.domain.ladder import AddOn, PriceChange, ResponseTarget, Tier
from msp_desk.domain.referrals import Partner, ReciprocalReferral, Referral, ReferralAsk, Reward, Script
from msp_desk.domain.reviews import QbrMeeting, RoadmapItem, Task
from msp_desk.domain.shop import ShopSettings
from msp_desk.domain.tickets import Ticket


def table_of(model: type[SQLModel]) -> sa.Table:
    """The Core ``Table`` of a SQLModel table class."""
    return cast(sa.Table, model.__table__)  # type: ignore[attr-defined]  # set by SQLModel's metaclass


metadata = SQLModel.metadata  # every table above is registered in it (Alembic, tests, undo)

CLIENT = table_of(Client)
CONTACT = table_of(Contact)
CLIENT_NOTE = table_of(ClientNote)
TAG = table_of(Tag)
CLIENT_TAG = table_of(ClientTag)
CONTRACT_LINE = table_of(ContractLine)
PROJECT_REVENUE = table_of(ProjectRevenue)
MARKETING_SPEND = table_of(MarketingSpend)
TIER = table_of(Tier)
RESPONSE_TARGET = table_of(ResponseTarget)
ADDON = table_of(AddOn)
PRICE_CHANGE = table_of(PriceChange)
PARTNER = table_of(Partner)
RECIPROCAL_REFERRAL = table_of(ReciprocalReferral)
SCRIPT = table_of(Script)
REFERRAL_ASK = table_of(ReferralAsk)
REFERRAL = table_of(Referral)
REWARD = table_of(Reward)
QBR_MEETING = table_of(QbrMeeting)
ROADMAP_ITEM = table_of(RoadmapItem)
TASK = table_of(Task)
CHECK_IN = table_of(CheckIn)
ONBOARDING_STEP = table_of(OnboardingStep)
SHOP_SETTINGS = table_of(ShopSettings)
TICKET = table_of(Ticket)
DERIVED_CACHE = table_of(DerivedCache)
DATA_REVISION = table_of(DataRevision)

MODELS: dict[str, type[SQLModel]] = {
    str(model.__tablename__): model
    for model in (
        Client,
        Contact,
        ClientNote,
        Tag,
        ClientTag,
        ContractLine,
        ProjectRevenue,
        MarketingSpend,
        Tier,
        ResponseTarget,
        AddOn,
        PriceChange,
        Partner,
        ReciprocalReferral,
        Script,
        ReferralAsk,
        Referral,
        Reward,
        QbrMeeting,
        RoadmapItem,
        Task,
        CheckIn,
        OnboardingStep,
        ShopSettings,
        Ticket,
        DerivedCache,
        DataRevision,
    )
}
"""Each table's ORM class, by table name (what undo puts rows back with)."""
