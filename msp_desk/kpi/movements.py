"""MRR movements of a month: new, expansion, contraction, churn and reactivation per client."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress
from operator import ne

from msp_desk.kpi.inputs import Policy

DAYS_PER_MONTH = 30  # the reactivation window is in days; series are month-end snapshots

NEW = "new"
REACTIVATION = "reactivation"
EXPANSION = "expansion"
CONTRACTION = "contraction"
CHURN = "churn"
_KINDS = (NEW, REACTIVATION, EXPANSION, CONTRACTION, CHURN)


@dataclass(frozen=True, slots=True)
class Movements:
    """One month's MRR bridge. Amounts are cents, all >= 0 (contraction and churn are losses).

    Identity: MRR(M) = MRR(M-1) + new + reactivation + expansion - contraction - churn.
    ``new_client_ids`` (sorted) are the clients won in the month, for CAC and referral share.
    """

    new: int = 0
    expansion: int = 0
    contraction: int = 0
    churn: int = 0
    reactivation: int = 0
    new_clients: int = 0
    churned_clients: int = 0
    reactivated_clients: int = 0
    expanded_clients: int = 0
    contracted_clients: int = 0
    new_client_ids: tuple[int, ...] = ()

    @property
    def net_cents(self) -> int:
        """MRR(M) - MRR(M-1), from the movements alone."""
        return self.new + self.reactivation + self.expansion - self.contraction - self.churn


@dataclass(slots=True)
class _Tally:
    """Mutable sums of one month while the series are scanned."""

    cents: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KINDS, 0))
    clients: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KINDS, 0))
    new_ids: list[int] = field(default_factory=list)

    def add(self, kind: str, client_id: int, cents: int) -> None:
        self.cents[kind] += cents
        self.clients[kind] += 1
        if kind == NEW:
            self.new_ids.append(client_id)

    def freeze(self) -> Movements:
        c, n = self.cents, self.clients
        return Movements(
            new=c[NEW],
            expansion=c[EXPANSION],
            contraction=c[CONTRACTION],
            churn=c[CHURN],
            reactivation=c[REACTIVATION],
            new_clients=n[NEW],
            churned_clients=n[CHURN],
            reactivated_clients=n[REACTIVATION],
            expanded_clients=n[EXPANSION],
            contracted_clients=n[CONTRACTION],
            new_client_ids=tuple(sorted(self.new_ids)),
        )


def return_counts_as_reactivation(zero_months: int, window_days: int | None) -> bool:
    """Whether a client back after ``zero_months`` month ends at 0 MRR is a reactivation.

    ``window_days`` None (the default policy) means always. Otherwise each month end at zero
    counts as 30 days, so a 90-day window accepts a return after up to 3 months at zero and a
    longer gap counts as a new client.
    """
    return window_days is None or zero_months * DAYS_PER_MONTH <= window_days


def _classify(p: int, q: int, last_positive: int | None, position: int, policy: Policy) -> str:
    """The kind of movement of a client going from ``p`` to ``q`` (``p != q``) at ``position``.

    ``last_positive`` is the last earlier position with MRR > 0, None if there never was one.
    """
    if p == 0:
        if last_positive is None:
            return NEW
        zero_months = position - last_positive - 1
        window = policy.reactivation_window_days
        return REACTIVATION if return_counts_as_reactivation(zero_months, window) else NEW
    if q == 0:
        return CHURN
    return EXPANSION if q > p else CONTRACTION


def _amount(kind: str, p: int, q: int) -> int:
    """The non-negative size of a movement from ``p`` to ``q``."""
    return p if kind == CHURN else abs(q - p)


def _last_positive(values: list[int], before: int) -> int | None:
    """The last position < ``before`` whose value is > 0."""
    for i in range(before - 1, -1, -1):
        if values[i] > 0:
            return i
    return None


def monthly_movements(series: dict[int, list[int]], offset: int, policy: Policy) -> Movements:
    """Movements of the month at list position ``offset`` of the client MRR ``series``.

    The series start where history starts: ``offset`` 0 has no known previous month, so it is
    refused (ValueError); ``movements_by_month`` gives None there.
    """
    tally = _Tally()
    for move in client_movements(series, offset, policy):
        tally.add(move.kind, move.client_id, move.cents)
    return tally.freeze()


@dataclass(frozen=True, slots=True)
class ClientMovement:
    """One client's movement in a month: its kind (``new``, ``expansion`` ...), its size in
    cents (>= 0) and its MRR at the end of the month before and of the month."""

    client_id: int
    kind: str
    cents: int
    before: int
    after: int


def client_movements(series: dict[int, list[int]], offset: int, policy: Policy) -> list[ClientMovement]:
    """Each client's movement in the month at list position ``offset`` of the client MRR
    ``series`` (the clients whose MRR did not change are left out); ``monthly_movements``
    sums them. Position 0 is refused as there."""
    if offset < 1:
        raise ValueError("the first month of history has no previous month: movements unknown")
    found = []
    for client_id, values in series.items():
        p, q = values[offset - 1], values[offset]
        if p != q:
            last = _last_positive(values, offset) if p == 0 else offset - 1
            kind = _classify(p, q, last, offset, policy)
            found.append(ClientMovement(client_id, kind, _amount(kind, p, q), p, q))
    return found


def movements_by_month(
    series: dict[int, list[int]],
    policy: Policy | None = None,
    months: int | None = None,
    positive_before: dict[int, int] | None = None,
) -> list[Movements | None]:
    """Movements of every month of the series; None at position 0 (history before unknown).

    One scan per client that only visits the months where its MRR changes (found by a
    comparison of neighbouring months done in C, not a Python loop). ``months`` gives the
    length when ``series`` may be empty (a shop without lines still has months).
    ``positive_before`` gives, for series that begin after history did, each client's last
    (negative) position with MRR > 0 before position 0.
    """
    policy = policy or Policy()
    prior = positive_before or {}
    n = len(next(iter(series.values()))) if series else (months or 0)
    tallies = [_Tally() for _ in range(n)]
    positions = range(1, n)
    for client_id, values in series.items():
        p = values[0]
        last_positive = 0 if p > 0 else prior.get(client_id)
        for i in compress(positions, map(ne, values[1:], values)):  # the months where it changes
            q = values[i]
            kind = _classify(p, q, last_positive, i, policy)
            tallies[i].add(kind, client_id, _amount(kind, p, q))
            if q == 0:
                last_positive = i - 1
            elif p == 0:
                last_positive = i  # only "ever had MRR" matters until the next churn
            p = q
    return [None, *(t.freeze() for t in tallies[1:])] if n else []
