"""Writes the demo's tickets (or VA requests), month by month, near the intended service rates."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from msp_desk.demo.context import UTC, BuildContext
from msp_desk.demo.plan import Plan
from msp_desk.domain.values import ONE_DAY
from msp_desk.services.ladder.defaults import Targets, ladder_specs
from msp_desk.store.queries.demo.builder import insert_tickets

if TYPE_CHECKING:
    from sqlmodel import Session


class TicketWriter(BuildContext):
    """Writes every client's tickets from their tier's targets and seats, in one insert."""

    def write_tickets(self, session: Session, plans: Sequence[Plan]) -> int:
        """Tickets (requests) of every client month by month, bulk-inserted in one statement.

        Misses, first-contact resolutions and known FCR are spread by error diffusion rather than
        independent coin flips, so each month lands near the intended rates (SLA ~95%, FCR ~72%)
        instead of wandering with a couple of hundred tickets a month.
        """
        rng, p, planner = self.rng, self.p, self.planner
        specs = ladder_specs(p.kind)[0]
        cutoff = dt.datetime(self.today.year, self.today.month, self.today.day, 8)
        last_open = self.today - ONE_DAY
        self.spread = {name: rng.random() for name in ("miss", "fcr", "known")}
        rows: list[dict[str, object]] = []
        month = planner.first_month
        while month.first_day() <= last_open:
            for plan in plans:
                factor = 3.5 if plan.killer else 1.0
                for start, end, rank, seats in plan.segments:
                    lo = max(start, month.first_day())
                    hi = min(end or last_open, last_open, month.last_day())
                    days = (hi - lo).days + 1
                    if days <= 0:
                        continue
                    lam = p.ticket_rate[rank - 1] * seats * factor * days / month.last_day().day
                    cid, targets = self.client_ids[plan.index], specs[rank - 1].targets
                    for _ in range(poisson(rng, lam)):
                        rows.append(self.ticket(cid, plan.killer, targets, lo, days, cutoff))
            month = month + 1
        rows.sort(key=lambda r: (r["opened_at"], r["client_id"]))
        for n, row in enumerate(rows, start=1):
            row["external_id"] = f"{p.ticket_prefix}-{10_000 + n}"
        insert_tickets(session, rows)
        return len(rows)

    def spread_hit(self, name: str, probability: float) -> bool:
        """Error diffusion: True about ``probability`` of the time, with the error carried over."""
        self.spread[name] += probability
        if self.spread[name] >= 1.0:
            self.spread[name] -= 1.0
            return True
        return False

    def ticket(
        self,
        cid: int,
        killer: bool,
        targets: Targets,
        first: dt.date,
        days: int,
        cutoff: dt.datetime,
    ) -> dict[str, object]:
        rng, p = self.rng, self.p
        priority = rng.choices((0, 1, 2, 3), (5, 16, 54, 25))[0]
        day = first + dt.timedelta(days=rng.randrange(days))
        for _ in range(2):  # fewer tickets at weekends
            if day.weekday() < 5:
                break
            day = first + dt.timedelta(days=rng.randrange(days))
        opened = dt.datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.randrange(60))
        response_target, resolution_target = targets[priority]
        miss = self.spread_hit("miss", 0.10 if killer else 0.035)
        miss_response = miss and rng.random() < 0.5
        fcr = self.spread_hit("fcr", (0.3, 0.64, 0.8, 0.83)[priority] - (0.1 if killer else 0.0))
        response = response_target * (rng.uniform(1.1, 2.2) if miss_response else rng.uniform(0.15, 0.9))
        response = max(2.0, response)
        if miss and not miss_response:
            fcr = False
            resolved = resolution_target * rng.uniform(1.05, 1.25 if priority == 0 else 1.6)
        elif fcr:
            resolved = response + rng.uniform(8, 50)
        else:
            cap = (300, 900, 2880, 7200)[priority]
            low = 0.4 if priority == 0 else 0.35
            resolved = max(response + 15, min(resolution_target, cap) * rng.uniform(low, 0.93))
        first_at = opened + dt.timedelta(minutes=round(response))
        if not fcr and opened >= cutoff - dt.timedelta(days=3) and rng.random() < 0.4:
            # still being worked on when the demo was built
            resolved = resolution_target * 0.9 + (cutoff - opened).total_seconds() / 60
        resolved_at = opened + dt.timedelta(minutes=round(max(resolved, response)))
        known = self.spread_hit("known", 0.88)
        stamp = opened.replace(tzinfo=UTC)
        return {
            "client_id": cid,
            "external_id": "",
            "subject": rng.choice(p.subjects[priority]),
            "priority": f"P{priority + 1}",
            "opened_at": opened,
            "first_response_at": first_at if first_at <= cutoff else None,
            "resolved_at": resolved_at if resolved_at <= cutoff else None,
            "fcr": (fcr if known else None) if resolved_at <= cutoff else None,
            "sla_met": None,
            "source": rng.choice(p.sources),
            "created_at": stamp,
            "updated_at": stamp,
        }


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (normal approximation above 40), from ``rng`` only."""
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, product = math.exp(-lam), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k
