"""Referral share of new clients: referral + partner over new clients with a known channel."""

from __future__ import annotations

from msp_desk.kpi.inputs import ClientFact
from msp_desk.kpi.referrals import channels_by_client, is_referral_channel, referral_share_new


def test_referral_share_of_new_clients() -> None:
    channels = channels_by_client(
        [
            ClientFact(1, "referral"),
            ClientFact(2, "partner"),
            ClientFact(3, "marketing"),
            ClientFact(4, None),
            ClientFact(5, "outbound"),
        ]
    )
    assert referral_share_new([1, 2, 3, 4, 5], channels) == 0.5  # client 4 unknown: left out
    assert referral_share_new([1, 99], channels) == 1.0  # 99 has no client fact: unknown
    assert referral_share_new([4], channels) is None
    assert referral_share_new([], channels) is None
    assert referral_share_new([3], channels) == 0.0


def test_referral_channels() -> None:
    assert is_referral_channel("Referral ")
    assert is_referral_channel("partner")
    assert not is_referral_channel("marketing")
    assert not is_referral_channel(None)
