"""What every QBR packet of a shop shares, read once (a batch of 200 packets reads it once, not
200 times): the masthead, the shop's words and money, every client's referral readiness and the
ask threshold, the ladder's descriptions, the referral scripts and the reward rule."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from msp_desk import formatting as fmt
from msp_desk.domain.benchmarks import merged_benchmarks
from msp_desk.domain.enums import ScriptKind, ShopKind
from msp_desk.reports.document import Masthead
from msp_desk.services.accounts.signals import AccountSignals, account_signals, signal_thresholds
from msp_desk.services.ladder.defaults import SPECIFIC_QUESTIONS, script_specs
from msp_desk.services.ladder.items import ladder_items
from msp_desk.services.referrals.rewards import RewardRule, reward_rule
from msp_desk.services.referrals.scripts import list_scripts
from msp_desk.services.reports.masthead import masthead
from msp_desk.services.shop.settings import get_settings
from msp_desk.store.database import Database

PACKET_TITLE = "Quarterly business review"

# The pain a targeted ask names when the packet has no ask of its own to go by: seed 000's
# ("messy patching and weak backup testing") for an MSP, seed 004's for a VA agency.
PAINS = {
    ShopKind.MSP.value: "messy patching and weak backup testing",
    ShopKind.VA.value: "lead follow-up and appointment setting",
}
# The offer behind the ask when the script's question does not make it (seed 000's walkthrough;
# the VA agency's script already offers seed 004's 15-minute workflow review).
OFFERS = {
    ShopKind.MSP.value: "If so, we can run a 30-minute risk walkthrough for them and show them what we found."
}
REWARD_KINDS = {
    "service_credit": "service credit on your account",
    "cash": "thank-you in cash",
    "gift": "thank-you gift",
    "donation": "donation to a charity you choose",
}
_NUMBERED = re.compile(r"^\s*\d+[.)]\s*(\S.*)$")


@dataclass(frozen=True)
class LadderWords:
    """What each rung and add-on adds, as the ladder describes it, by name."""

    tiers: dict[int, tuple[str, ...]]
    addons: dict[int, tuple[str, ...]]


@dataclass(frozen=True)
class PacketShop:
    """The shop-wide part of every packet on ``day``."""

    day: dt.date
    name: str
    kind: str
    locale: str
    currency: str
    booking_link: str
    paper: str
    head: Masthead
    signals: dict[int, AccountSignals]
    ask_threshold: int
    ladder: LadderWords
    questions: tuple[str, ...]  # seed 003's specific questions, as the shop words them
    targeted_ask: str  # seed 000's targeted ask, merge fields left in
    reward: str  # the reward rule in a sentence, "" without one


def packet_shop(db: Database, day: dt.date) -> PacketShop:
    """Read what every packet of the shop shares on ``day``."""
    shop = get_settings(db)
    rules, _review = signal_thresholds(merged_benchmarks(shop.benchmarks_json))
    scripts = list_scripts(db)
    targeted_spec = script_specs(shop.kind)[2]

    def body(name: str, kind: str, default: str) -> str:
        named = [s.body for s in scripts if s.name.casefold() == name.casefold()]
        of_kind = [s.body for s in scripts if s.kind == kind and s.builtin]
        return (named or of_kind or [default])[0]

    return PacketShop(
        day=day,
        name=shop.name,
        kind=shop.kind,
        locale=shop.locale,
        currency=shop.currency,
        booking_link=shop.booking_link.strip(),
        paper=shop.paper,
        head=masthead(db, PACKET_TITLE),
        signals=account_signals(db, day),
        ask_threshold=rules.ask_min,
        ladder=_ladder_words(db, day),
        questions=numbered_lines(
            body(SPECIFIC_QUESTIONS.name, ScriptKind.QUESTIONS.value, SPECIFIC_QUESTIONS.body)
        )
        or numbered_lines(SPECIFIC_QUESTIONS.body),
        targeted_ask=body(targeted_spec.name, ScriptKind.ASK.value, targeted_spec.body)
        .split("\n\n")[0]
        .strip(),
        reward=reward_text(reward_rule(db), shop.currency, shop.locale),
    )


def _ladder_words(db: Database, day: dt.date) -> LadderWords:
    items = ladder_items(db, day)
    return LadderWords(
        tiers={t.id: tuple(x for x in (t.description.strip(), *t.inclusions[:4]) if x) for t in items.tiers},
        addons={a.id: (a.description.strip(),) if a.description.strip() else () for a in items.addons},
    )


def numbered_lines(body: str) -> tuple[str, ...]:
    """The numbered lines of a script ("1. Do you know anyone moving offices?"), numbers dropped."""
    return tuple(m.group(1).strip() for line in body.splitlines() if (m := _NUMBERED.match(line)))


def reward_text(rule: RewardRule | None, currency: str, locale: str) -> str:
    """The shop's reward rule as the client reads it; "" when the shop has none."""
    if rule is None or rule.amount_cents <= 0:
        return ""
    amount = fmt.money(rule.amount_cents, currency, locale)
    what = REWARD_KINDS.get(rule.kind, "thank-you")
    n = rule.condition_n
    if rule.condition == "weeks_completed":
        when = f"once they have completed {fmt.plural(n, 'week', locale=locale)} with us"
    else:
        when = f"once they have paid {fmt.plural(n, 'full month', locale=locale)}"
    return f"Our thank-you: a {amount} {what} for every business you introduce that joins us, {when}."
