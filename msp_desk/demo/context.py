"""What every part of the demo builder shares: the plan, the ids written so far, small helpers."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from typing import TYPE_CHECKING

from msp_desk.demo.names import FIRST_NAMES, LAST_NAMES
from msp_desk.demo.plan import Plan, Planner
from msp_desk.demo.profiles import Profile
from msp_desk.domain import ladder, reviews
from msp_desk.domain.enums import TaskKind
from msp_desk.store.database import Database

if TYPE_CHECKING:
    from sqlmodel import Session

    from msp_desk.demo.reviews import RoadmapDraw

UTC = dt.UTC


def ascii_text(text: str) -> str:
    """``text`` without accents or punctuation: letters, digits and spaces only."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == " "))


def slug(text: str) -> str:
    """A lower-case, hyphenated ASCII form of ``text`` for e-mail addresses and domains."""
    return "-".join(ascii_text(text).lower().split()) or "x"


def stamp(day: dt.date, hour: int = 9) -> dt.datetime:
    """A timestamp on ``day`` (UTC), so no row carries the wall clock."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


class BuildContext:
    """The state the demo writers share: one ``random.Random``, the plan and the ids written."""

    plans: list[Plan]
    renewals: dict[int, dt.date]
    tiers: dict[int, ladder.Tier]
    addons: dict[str, int]
    final_mrr: int
    spread: dict[str, float]
    ticket_count: int

    def __init__(self, db: Database, profile: Profile, today: dt.date, seed: int) -> None:
        self.db = db
        self.p = profile
        self.today = today
        self.rng = random.Random(seed)
        self.planner = Planner(profile, today, self.rng)
        self.client_ids: dict[int, int] = {}
        self.deciders: dict[int, tuple[int, str, str]] = {}  # plan index -> contact id, name, email
        self.partner_ids: dict[str, int] = {}
        self.partner_contacts: dict[str, int] = {}
        self.roadmap_draws: dict[int, RoadmapDraw] = {}  # plan index -> its roadmap so far

    def person(self) -> tuple[str, str]:
        """A random person's name and the local part of their e-mail address."""
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        return f"{first} {last}", f"{slug(first)}.{slug(last)}".replace("-", "")

    def phone(self) -> str:
        return f"({self.rng.choice((503, 971, 360, 206))}) 555-01{self.rng.randint(0, 99):02d}"

    def task(
        self,
        session: Session,
        due: dt.date,
        kind: TaskKind,
        title: str,
        *,
        client_id: int | None = None,
        referral_id: int | None = None,
        partner_id: int | None = None,
        reward_id: int | None = None,
        done: bool | None = None,
    ) -> None:
        """A task due on ``due`` (about what the ids given link it to); unless ``done`` says,
        done when it fell due more than two days before today."""
        if done is None:
            done = due < self.today - dt.timedelta(days=2)
        row = reviews.Task(
            due_on=due,
            kind=kind.value,
            title=title,
            done=done,
            done_on=due if done else None,
            created_at=stamp(min(due, self.today) - dt.timedelta(days=7)),
            client_id=client_id,
            referral_id=referral_id,
            partner_id=partner_id,
            reward_id=reward_id,
        )
        reviews.validate_task(row)
        session.add(row)
