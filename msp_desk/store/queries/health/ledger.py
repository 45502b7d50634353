"""The rules rows must keep together, as the health check reads them: contract lines that end
before they start or overlap, rows that belong to nothing they should, names whose key is stale,
won referrals without a reward decision, and the shop's currency and locale as stored. Dates are compared only where both are valid
(``values.valid_date``): a bad one is reported by the value check, not misread here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement

from msp_desk.domain.clients import name_key
from msp_desk.domain.enums import LineKind, ReferralStage
from msp_desk.store.queries.common import FAR_FUTURE, raw_rows
from msp_desk.store.queries.health.values import valid_date
from msp_desk.store.tables import (
    CLIENT,
    CONTACT,
    CONTRACT_LINE,
    PRICE_CHANGE,
    REFERRAL,
    REFERRAL_ASK,
    REWARD,
    SHOP_SETTINGS,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection


def _date(column: ColumnElement[Any]) -> ColumnElement[str]:
    return sa.cast(column, sa.String)


def lines_ending_before_start(conn: Connection) -> list[tuple[int, str, str]]:
    """(line id, start, end) of the contract lines whose valid end date is before their start."""
    c = CONTRACT_LINE.c
    query = (
        sa.select(c.id, _date(c.start_date), _date(c.end_date))
        .where(
            valid_date(c.start_date, conn.dialect),
            valid_date(c.end_date, conn.dialect),
            _date(c.end_date) < _date(c.start_date),
        )
        .order_by(c.id)
    )
    return [(row_id, start, end) for row_id, start, end in raw_rows(conn, query)]


def overlapping_lines(conn: Connection) -> list[tuple[int, int, str]]:
    """(line id, id of a later line, description) of each two lines of one client for the same
    item (same kind, tier or add-on, and description) that run on a common day."""
    a, b = CONTRACT_LINE.alias("a"), CONTRACT_LINE.alias("b")
    same_item = sa.and_(
        a.c.client_id == b.c.client_id,
        a.c.id < b.c.id,
        a.c.kind == b.c.kind,
        sa.func.coalesce(a.c.tier_id, -1) == sa.func.coalesce(b.c.tier_id, -1),
        sa.func.coalesce(a.c.addon_id, -1) == sa.func.coalesce(b.c.addon_id, -1),
        a.c.description == b.c.description,
    )
    far = sa.literal(FAR_FUTURE, sa.Date)
    overlap = sa.and_(  # the raw columns, so the index on (client, start, end) serves
        a.c.start_date <= sa.func.coalesce(b.c.end_date, far),
        b.c.start_date <= sa.func.coalesce(a.c.end_date, far),
    )
    valid = sa.and_(  # checked last, on the few pairs that overlap: a bad date is not compared
        *(valid_date(line.c.start_date, conn.dialect) for line in (a, b)),
        *(sa.or_(line.c.end_date.is_(None), valid_date(line.c.end_date, conn.dialect)) for line in (a, b)),
    )
    query = (
        sa.select(a.c.id, b.c.id, sa.type_coerce(a.c.description, sa.types.NullType()))
        .select_from(a.join(b, sa.and_(same_item, overlap, valid)))
        .order_by(a.c.id, b.c.id)
    )
    return [(first, second, description) for first, second, description in raw_rows(conn, query)]


def lines_without_their_item(conn: Connection) -> list[tuple[int, str]]:
    """(line id, what is missing) of the tier lines without a tier, add-on lines without an
    add-on and custom lines without a description (``validate_line``)."""
    c = CONTRACT_LINE.c
    missing = sa.case(
        (sa.and_(c.kind == LineKind.TIER.value, c.tier_id.is_(None)), "a tier line names no tier"),
        (sa.and_(c.kind == LineKind.ADDON.value, c.addon_id.is_(None)), "an add-on line names no add-on"),
        (
            sa.and_(c.kind == LineKind.CUSTOM.value, sa.func.trim(sa.cast(c.description, sa.String)) == ""),
            "a custom line has no description",
        ),
        else_=sa.null(),
    )
    query = sa.select(c.id, missing).where(missing.is_not(None)).order_by(c.id)
    return [(row_id, what) for row_id, what in raw_rows(conn, query)]


def rows_belonging_wrongly(conn: Connection) -> list[tuple[str, int, str]]:
    """(table, id, what is wrong) of the rows that must belong to exactly one of two owners and
    do not: a contact (client or partner), a price change (tier or add-on), an ask (a client or
    a partner, or both)."""
    contact, change, ask = CONTACT.c, PRICE_CHANGE.c, REFERRAL_ASK.c
    checks = (
        (CONTACT, (contact.client_id.is_(None)) == (contact.partner_id.is_(None)), "belongs to no client or partner, or to both"),
        (PRICE_CHANGE, (change.tier_id.is_(None)) == (change.addon_id.is_(None)), "is of no tier or add-on, or of both"),
        (REFERRAL_ASK, sa.and_(ask.client_id.is_(None), ask.partner_id.is_(None)), "asked neither a client nor a partner"),
    )  # fmt: skip
    found = []
    for table, wrong, what in checks:
        ids = conn.execute(sa.select(table.c.id).where(wrong).order_by(table.c.id)).scalars()
        found += [(table.name, row_id, what) for row_id in ids]
    return found


def name_key_mismatches(conn: Connection) -> list[tuple[int, object, object]]:
    """(client id, name, stored key) of the clients whose ``name_key`` is not their name's
    (a name changed around the app): finding a client by name would miss it."""
    raw = sa.types.NullType()
    query = sa.select(CLIENT.c.id, sa.type_coerce(CLIENT.c.name, raw), sa.type_coerce(CLIENT.c.name_key, raw))
    return [
        (row_id, name, key)
        for row_id, name, key in raw_rows(conn, query)
        if not isinstance(name, str) or key != name_key(name)
    ]


def client_name_keys(conn: Connection) -> dict[int, object]:
    """Every client's stored name key, by id."""
    query = sa.select(CLIENT.c.id, sa.type_coerce(CLIENT.c.name_key, sa.types.NullType()))
    return dict(raw_rows(conn, query))


def undecided_wins(conn: Connection) -> list[int]:
    """Ids of the won referrals with neither a reward row nor an explicit "no reward"."""
    r = REFERRAL.c
    rewarded = sa.exists().where(REWARD.c.referral_id == r.id)
    query = (
        sa.select(r.id)
        .where(r.stage == ReferralStage.WON.value, sa.not_(r.no_reward), sa.not_(rewarded))
        .order_by(r.id)
    )
    return list(conn.execute(query).scalars())


def shop_words(conn: Connection) -> list[tuple[int, object, object]]:
    """(id, currency, locale) of the shop settings rows, as stored: every amount is formatted
    with them."""
    raw = sa.types.NullType()
    s = SHOP_SETTINGS.c
    return list(
        raw_rows(conn, sa.select(s.id, sa.type_coerce(s.currency, raw), sa.type_coerce(s.locale, raw)))
    )
