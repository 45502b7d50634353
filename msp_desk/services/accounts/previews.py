"""What an account change would do to a client's MRR, worked out before anything is saved.

The change is rehearsed: the very ledger service runs inside a transaction that is rolled back
(``Database.rehearsal``), so the preview can never disagree with what saving does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from msp_desk import formatting as fmt
from msp_desk.services.changes import Changes
from msp_desk.services.kpis.mrr import client_mrr_on
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database


@dataclass(frozen=True)
class Preview:
    """A client's MRR on the effective date without and with the change, and what kind of
    movement that is (DESIGN §5: new, reactivation, expansion, contraction, churn; none)."""

    effective: dt.date
    before_cents: int
    after_cents: int
    had_mrr_before: bool  # the client had MRR at some point before (a return is a reactivation)

    @property
    def delta_cents(self) -> int:
        return self.after_cents - self.before_cents

    @property
    def movement(self) -> str:
        p, q = self.before_cents, self.after_cents
        if p == q:
            return "no change"
        if p == 0:
            return "reactivation" if self.had_mrr_before else "new"
        if q == 0:
            return "churn"
        return "expansion" if q > p else "contraction"

    def text(self, currency: str = "USD", locale: str = "en_US") -> str:
        """E.g. "MRR $1,800 → $2,450, +$650 expansion from Mar 1, 2026"."""

        whole = self.before_cents % 100 == 0 and self.after_cents % 100 == 0  # else show the cents

        def money(cents: int) -> str:
            return (fmt.money_whole if whole else fmt.money)(cents, currency, locale)

        when = fmt.date_text(self.effective, locale)
        head = f"MRR {money(self.before_cents)} → {money(self.after_cents)}"
        if self.delta_cents == 0:
            return f"{head}, no change from {when}"
        sign = "+" if self.delta_cents > 0 else "−"
        return f"{head}, {sign}{money(abs(self.delta_cents))} {self.movement} from {when}"


def preview_change(db: Database, client_id: int, effective: dt.date, write: Callable[[], Changes]) -> Preview:
    """Rehearse ``write`` (a ledger call for ``client_id`` effective ``effective``) and return its
    effect on the client's MRR that day. A user error the write raises propagates (nothing was
    saved either way)."""
    before = client_mrr_on(db, client_id, effective)
    had_before = _ever_paid(db, client_id, effective)
    with db.rehearsal():
        write()
        after = client_mrr_on(db, client_id, effective)
    return Preview(effective, before, after, had_before)


def preview_text(db: Database, preview: Preview) -> str:
    """``preview.text`` in the shop's currency and locale."""
    profile = shop_profile(db)
    return preview.text(profile.currency, profile.locale)


def _ever_paid(db: Database, client_id: int, before: dt.date) -> bool:
    """Whether any of the client's lines that started before ``before`` had MRR > 0."""
    from msp_desk.services.kpis.facts import load_lines

    with db.read() as conn:
        return any(line.mrr_cents > 0 and line.start < before for line in load_lines(conn, client_id))
