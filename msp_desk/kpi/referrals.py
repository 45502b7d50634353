"""Referral KPIs over new clients: the share of them won through referrals and partners."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from msp_desk.kpi.inputs import REFERRAL_CHANNELS, ClientFact


def channels_by_client(clients: Iterable[ClientFact]) -> dict[int, str | None]:
    """Each client's acquisition channel (None when unknown), by client id."""
    return {client.client_id: client.channel for client in clients}


def is_referral_channel(channel: str | None) -> bool:
    """Whether a channel is referral engineering's: a client's referral or a partner's intro."""
    return channel is not None and channel.strip().lower() in REFERRAL_CHANNELS


def referral_share_new(new_client_ids: Iterable[int], channels: Mapping[int, str | None]) -> float | None:
    """New clients won through referral or partner / new clients whose channel is known.

    ``channels`` is ``channels_by_client(...)``; a client missing from it has an unknown
    channel and is left out of both counts. None when no new client's channel is known.
    """
    known = referred = 0
    for client_id in new_client_ids:
        channel = channels.get(client_id)
        if channel is not None:
            known += 1
            referred += is_referral_channel(channel)
    return referred / known if known else None
