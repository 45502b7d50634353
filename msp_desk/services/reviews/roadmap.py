"""The vCIO roadmap of a client (seed 001 §3): add, edit, delete an item, set its status, reorder
it within its horizon or move it to another, and plan the next 90 days at a QBR. Each write is
one unit of work returning ``Changes`` for the client (undoable; readiness's "recent win" and the
"advice declined" review flag follow at once)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msp_desk.domain import horizons as rules
from msp_desk.domain.clients import Client
from msp_desk.domain.enums import Horizon, RoadmapStatus
from msp_desk.domain.reviews import RoadmapItem, validate_roadmap_item
from msp_desk.errors import NotFound, ValidationError
from msp_desk.services.accounts.actions import account_state
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database
from msp_desk.store.queries import roadmap as queries

if TYPE_CHECKING:
    from sqlmodel import Session

ITEM_FIELDS = frozenset(
    {"title", "category", "horizon", "status", "est_one_off_cents", "mrr_impact_cents", "addon_id", "tier_id"}
)


@dataclass(frozen=True)
class RoadmapRow:
    """One roadmap item as the Roadmap tab and its dialog show it."""

    id: int
    client_id: int
    title: str
    category: str
    horizon: str
    status: str
    proposed_on: dt.date | None
    est_one_off_cents: int
    mrr_impact_cents: int
    done_on: dt.date | None
    position: int
    addon_id: int | None
    tier_id: int | None
    addon_name: str
    tier_name: str

    @property
    def link(self) -> str:
        """The ladder change it stands for, in words ("" when none)."""
        if self.addon_id is not None:
            return f"Add {self.addon_name}"
        if self.tier_id is not None:
            return f"Move to {self.tier_name}"
        return ""


def _horizon_rank(row: RoadmapRow) -> tuple[int, int, int]:
    return rules.HORIZONS.index(Horizon(row.horizon)), row.position, row.id


def roadmap(db: Database, client_id: int) -> list[RoadmapRow]:
    """The client's items, nearest horizon first, each horizon in its order."""
    with db.read() as conn:
        rows = [RoadmapRow(**found) for found in queries.roadmap_rows(conn, client_id)]
    return sorted(rows, key=_horizon_rank)


def next_90_days(db: Database, client_id: int) -> list[RoadmapRow]:
    """The client's open items planned for the next 90 days (now, 30 days, this quarter), in order."""
    return [r for r in roadmap(db, client_id) if rules.in_next_90_days(r.horizon) and rules.is_open(r.status)]


def roadmap_item(db: Database, item_id: int) -> RoadmapRow:
    with db.read() as conn:
        found = queries.roadmap_rows(conn, item_id=item_id)
    if not found:
        raise NotFound(f"no roadmap item with id {item_id}")
    return RoadmapRow(**found[0])


def ladder_links(db: Database) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The active add-ons and the tiers (id, name) an item may stand for."""
    with db.read() as conn:
        return queries.ladder_link_choices(conn)


@dataclass(frozen=True)
class LadderStep:
    """The account action an accepted item opens: ``action`` (a key of ``accounts.actions.ACTIONS``)
    with the add-on or tier to pre-fill."""

    action: str
    addon_id: int | None = None
    tier_id: int | None = None


def ladder_step(db: Database, item_id: int, day: dt.date) -> LadderStep | None:
    """The account action that carries out the ladder change ``item_id`` stands for, as the client
    is on ``day``: add the add-on (or start the client with it), move to the tier (or start on it);
    None when the item links nothing or the client already has it (or has churned)."""
    item = roadmap_item(db, item_id)
    if item.addon_id is None and item.tier_id is None:
        return None
    state = account_state(db, item.client_id, day)
    available = state.available()
    if "start" in available:
        return LadderStep("start", item.addon_id, item.tier_id)
    if item.addon_id is not None and "add_addon" in available and item.addon_id not in state.addon_ids:
        return LadderStep("add_addon", addon_id=item.addon_id)
    if item.tier_id is not None and "tier" in available and item.tier_id != state.tier_id:
        return LadderStep("tier", tier_id=item.tier_id)
    return None


# -- writes -------------------------------------------------------------------------------------


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - ITEM_FIELDS
    if unknown:
        raise TypeError(f"not roadmap item fields: {', '.join(sorted(unknown))}")
    values = dict(fields)
    if "title" in values:
        values["title"] = " ".join((values["title"] or "").split())
    if "category" in values:
        values["category"] = " ".join((values["category"] or "").split())
    return values


def _item(session: Session, item_id: int) -> RoadmapItem:
    found = session.get(RoadmapItem, item_id)
    if found is None:
        raise NotFound(f"no roadmap item with id {item_id}")
    return found


def _end_of(session: Session, client_id: int, horizon: str, other_than: int | None = None) -> int:
    """The position after the last item of the horizon."""
    positions = [
        i.position for i in queries.items_in_horizon(session, client_id, horizon) if i.id != other_than
    ]
    return max(positions, default=-1) + 1


def _follow_status(item: RoadmapItem, day: dt.date) -> None:
    """A done item carries the day it was done; one no longer done, none."""
    if item.status == RoadmapStatus.DONE.value:
        if item.done_on is None:
            item.done_on = day
    else:
        item.done_on = None


def _horizon(value: str) -> Horizon:
    try:
        return Horizon(value)
    except ValueError:
        raise ValidationError("horizon", f"{value!r} is not a horizon") from None


def add_item(db: Database, client_id: int, day: dt.date, **fields: Any) -> Changes:
    """A roadmap item for ``client_id`` proposed on ``day``; ``fields`` among ``ITEM_FIELDS`` (a
    title at least). It goes last in its horizon ("this quarter" unless given)."""
    values = _values(fields)
    with db.unit_of_work() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        item = RoadmapItem(client_id=client_id, proposed_on=day, **values)
        _follow_status(item, day)
        validate_roadmap_item(item)
        item.position = _end_of(session, client_id, item.horizon)
        session.add(item)
        session.flush()
        return recorded(
            session, Changes(f"Added {item.title} to {client.name}'s roadmap", frozenset({client_id}))
        )


def update_item(db: Database, item_id: int, day: dt.date, **fields: Any) -> Changes:
    """Save ``fields`` (among ``ITEM_FIELDS``) of one item; a new horizon puts it last there."""
    values = _values(fields)
    with db.unit_of_work() as session:
        item = _item(session, item_id)
        horizon = item.horizon
        for key, value in values.items():
            setattr(item, key, value)
        _follow_status(item, day)
        validate_roadmap_item(item)
        if item.horizon != horizon:
            item.position = _end_of(session, item.client_id, item.horizon, other_than=item.id)
        message = f"Saved {item.title}" if session.is_modified(item) else "No changes to save"
        return recorded(session, Changes(message, frozenset({item.client_id})))


def delete_item(db: Database, item_id: int) -> Changes:
    with db.unit_of_work() as session:
        item = _item(session, item_id)
        client_id, title = item.client_id, item.title
        session.delete(item)
        session.flush()
        return recorded(session, Changes(f"Deleted {title} from the roadmap", frozenset({client_id})))


def set_status(db: Database, item_id: int, status: str, day: dt.date) -> Changes:
    """Set an item's status; done records ``day`` as the day it was done."""
    with db.unit_of_work() as session:
        item = _item(session, item_id)
        item.status = status
        _follow_status(item, day)
        validate_roadmap_item(item)
        word = rules.STATUS_WORDS[RoadmapStatus(status)].lower()
        return recorded(session, Changes(f"{item.title}: {word}", frozenset({item.client_id})))


def _number(items: Iterable[RoadmapItem], order: Iterable[int]) -> None:
    """Give ``items`` the positions 0, 1, 2... in ``order`` (their ids); only the ones that change
    are written."""
    by_id = {i.saved_id: i for i in items}
    for position, item_id in enumerate(order):
        if by_id[item_id].position != position:
            by_id[item_id].position = position


def move_item(db: Database, item_id: int, step: int) -> Changes:
    """Move an item ``step`` places within its horizon (negative: up, towards the first)."""
    with db.unit_of_work() as session:
        item = _item(session, item_id)
        peers = queries.items_in_horizon(session, item.client_id, item.horizon)
        _number(peers, rules.moved([p.saved_id for p in peers], item_id, step))
        where = "up" if step < 0 else "down"
        return recorded(session, Changes(f"Moved {item.title} {where}", frozenset({item.client_id})))


def move_to_horizon(db: Database, item_id: int, horizon: str) -> Changes:
    """Move an item to ``horizon``, last there."""
    with db.unit_of_work() as session:
        item = _item(session, item_id)
        target = _horizon(horizon)
        if target.value != item.horizon:
            item.horizon = target.value
            item.position = _end_of(session, item.client_id, item.horizon, other_than=item.id)
        words = rules.HORIZON_WORDS[target]
        return recorded(session, Changes(f"Moved {item.title} to {words}", frozenset({item.client_id})))


def move_to(db: Database, item_id: int, horizon: str, position: int) -> Changes:
    """Put an item at ``position`` (0: first; past the end: last) among the items of ``horizon``,
    its own or another (a drop on the Roadmap tab). One write: the horizon it leaves and the one
    it joins are numbered 0, 1, 2... again."""
    with db.unit_of_work() as session:
        item = _item(session, item_id)
        target = _horizon(horizon)
        left = item.horizon
        joined = [
            i for i in queries.items_in_horizon(session, item.client_id, target.value) if i.id != item.id
        ]
        if left != target.value:
            stay = [i for i in queries.items_in_horizon(session, item.client_id, left) if i.id != item.id]
            _number(stay, [i.saved_id for i in stay])
            item.horizon = target.value
        _number([*joined, item], rules.placed([i.saved_id for i in joined], item.saved_id, position))
        words = rules.HORIZON_WORDS[target].lower()
        message = f"Moved {item.title} to {words}" if left != target.value else f"Reordered {item.title}"
        return recorded(session, Changes(message, frozenset({item.client_id})))


def plan_next_90_days(db: Database, client_id: int, chosen_ids: Iterable[int], day: dt.date) -> Changes:
    """The plan of a QBR (seed 001 §4): the chosen items are planned for the next 90 days (one
    already there keeps its horizon, a later one comes to "this quarter"); every other open item
    of the next 90 days is pushed back one horizon (now -> 30 days -> this quarter -> next quarter).
    Items further out, declined or done stay where they are. ``day``: when the plan is made."""
    chosen = set(chosen_ids)
    with db.unit_of_work() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"no client with id {client_id}")
        items = sorted(queries.client_items(session, client_id), key=lambda i: (i.position, i.id or 0))
        unknown = chosen - {i.id for i in items}
        if unknown:
            raise ValidationError("chosen", f"not roadmap items of {client.name}: {sorted(unknown)}")
        ends: dict[str, int] = {}
        for item in items:
            if item.id in chosen:
                target = rules.chosen_horizon(item.horizon)
            elif rules.is_open(item.status) and rules.in_next_90_days(item.horizon):
                target = rules.pushed_back(item.horizon)
            else:
                continue
            if target.value != item.horizon:
                if target.value not in ends:
                    ends[target.value] = _end_of(session, client_id, target.value)
                item.horizon, item.position = target.value, ends[target.value]
                ends[target.value] += 1
        count = len(chosen)
        planned = f"{count} item{'s' if count != 1 else ''}"
        return recorded(
            session, Changes(f"Planned the next 90 days for {client.name}: {planned}", frozenset({client_id}))
        )


def new_item_id(changes: Changes) -> int:
    """The id of the item an ``add_item`` call added."""
    return changes.inserted("roadmap_item")[0]
