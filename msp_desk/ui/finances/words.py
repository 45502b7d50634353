"""How the Spend & revenue page names the acquisition channels and the kinds of revenue."""

from __future__ import annotations

from msp_desk.domain.enums import Channel, RevenueKind

CHANNEL_WORDS = {
    Channel.MARKETING.value: "Marketing",
    Channel.OUTBOUND.value: "Outbound",
    Channel.REFERRAL.value: "Referral",
    Channel.PARTNER.value: "Partner",
    Channel.OTHER.value: "Other",
}
KIND_WORDS = {RevenueKind.PROJECT.value: "Project", RevenueKind.HARDWARE.value: "Hardware"}
