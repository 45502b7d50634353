"""The default ladder and built-in scripts every new shop gets (seeds 000, 003, 004)."""

from __future__ import annotations

import string

import pytest
import sqlalchemy as sa

from msp_desk.domain.enums import GrowthStage, ScriptKind
from msp_desk.errors import ValidationError
from msp_desk.services.ladder.defaults import install_default_ladder
from msp_desk.store.database import Database

MERGE_FIELDS = {"client", "contact", "industry", "pain", "referrer", "shop"}


def rows(db: Database, sql: str) -> list[tuple]:
    with db.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def targets(db: Database) -> dict[tuple[int, str], tuple[int, int]]:
    found = rows(
        db,
        "SELECT t.rank, r.priority, r.first_response_min, r.resolution_min"
        " FROM response_target r JOIN tier t ON t.id = r.tier_id",
    )
    return {(rank, prio): (resp, res) for rank, prio, resp, res in found}


def test_msp_ladder_has_four_per_seat_tiers_with_40_to_60_percent_margin(db: Database) -> None:
    changes = install_default_ladder(db, "msp")
    assert changes.ladder
    tiers = rows(
        db,
        "SELECT rank, name, price_model, price_cents, cost_cents, hours_per_block,"
        " tech_minutes_per_seat, inclusions FROM tier ORDER BY rank",
    )
    assert [t[:2] for t in tiers] == [(1, "Starter"), (2, "Core"), (3, "Growth"), (4, "Premium")]
    assert {t[2] for t in tiers} == {"per_seat"}
    prices = [t[3] for t in tiers]
    assert prices == sorted(prices) and len(set(prices)) == 4
    for _, name, _, price, cost, block, minutes, inclusions in tiers:
        assert 0.40 <= (price - cost) / price <= 0.60, name
        assert block is None and minutes > 0 and inclusions.strip()
    # seed 002: per-user pricing $125-200 a month sits inside the ladder
    assert prices[0] <= 12_500 and prices[-1] >= 20_000


@pytest.mark.parametrize("kind", ["msp", "va"])
def test_response_targets_tighten_up_the_ladder(db: Database, kind: str) -> None:
    install_default_ladder(db, kind)
    found = targets(db)
    assert len(found) == 16
    for prio in ("P1", "P2", "P3", "P4"):
        for rank in (1, 2, 3):
            lower, higher = found[(rank, prio)], found[(rank + 1, prio)]
            assert higher[0] <= lower[0] and higher[1] <= lower[1], (rank, prio)
        assert found[(1, prio)] != found[(4, prio)]
    for rank in (1, 2, 3, 4):
        by_priority = [found[(rank, p)] for p in ("P1", "P2", "P3", "P4")]
        assert by_priority == sorted(by_priority), rank
        assert found[(rank, "P1")][1] <= 8 * 60  # critical resolved within a working day on every tier


def test_msp_add_ons_follow_the_run_protect_optimize_scale_sequence(db: Database) -> None:
    install_default_ladder(db, "msp")
    addons = rows(
        db, "SELECT name, growth_stage, price_model, price_cents, cost_cents, description FROM addon"
    )
    stages = {stage for _, stage, *_ in addons}
    assert stages == {s.value for s in GrowthStage}
    names = {a[0] for a in addons}
    for expected in (
        "Backup & recovery",
        "Endpoint security (EDR)",
        "MFA & identity protection",
        "Email security",
        "Compliance reporting",
        "vCIO roadmap sessions",
        "Multi-location governance",
    ):
        assert expected in names
    for name, _, model, price, cost, description in addons:
        assert model in ("per_seat", "flat") and 0 < cost < price and description, name


def test_va_ladder_sells_blocks_of_hours(db: Database) -> None:
    install_default_ladder(db, "va")
    tiers = rows(db, "SELECT rank, name, price_model, hours_per_block, inclusions FROM tier ORDER BY rank")
    assert [t[1] for t in tiers] == ["Starter", "Core", "Growth", "Premium"]
    assert {t[2] for t in tiers} == {"per_hours_block"}
    assert {t[3] for t in tiers} == {10}
    assert "Inbox" in tiers[0][4] and "CRM" in tiers[1][4] and "research" in tiers[2][4].lower()
    assert "process audits" in tiers[3][4].lower() and "priority sla" in tiers[3][4].lower()
    addons = {name for (name,) in rows(db, "SELECT name FROM addon")}
    assert "Growth Ops Mastermind" in addons and "Priority turnaround" in addons
    assert len(targets(db)) == 16


@pytest.mark.parametrize("kind", ["msp", "va"])
def test_builtin_scripts_use_only_known_merge_fields(db: Database, kind: str) -> None:
    install_default_ladder(db, kind)
    scripts = rows(db, "SELECT name, kind, body, builtin FROM script ORDER BY name")
    assert {s[1] for s in scripts} >= {ScriptKind.ASK.value, ScriptKind.QUESTIONS.value}
    for name, _, body, builtin in scripts:
        assert builtin
        fields = {f for _, f, _, _ in string.Formatter().parse(body) if f}
        assert fields <= MERGE_FIELDS, name
    bodies = {name: body for name, _, body, _ in scripts}
    ask = bodies["Referral ask"]
    assert "{contact}" in ask and "{shop}" in ask and "introduce me" in ask
    questions = bodies["Specific questions"]
    topics = ("starting a new business", "moving offices", "downsized", "rapid growth", "attorney", "CPA")
    for topic in topics:
        assert topic in questions
    targeted = next(body for name, body in bodies.items() if name.startswith("Targeted ask"))
    if kind == "msp":
        assert "Do you know any business owner in {industry} who is struggling with {pain}?" in targeted
    else:
        assert "15-minute workflow review" in targeted and "$100" in targeted


def test_second_install_changes_nothing_and_keeps_owner_edits(db: Database) -> None:
    install_default_ladder(db, "msp")
    with db.unit_of_work() as session:
        session.execute(sa.text("UPDATE tier SET name = 'Essentials', price_cents = 9900 WHERE rank = 1"))
        session.execute(sa.text("DELETE FROM script WHERE name = 'Specific questions'"))
    before = rows(db, "SELECT id, rank, name, price_cents FROM tier ORDER BY id")
    addons_before = rows(db, "SELECT id, name FROM addon ORDER BY id")
    changes = install_default_ladder(db, "msp")
    assert not changes.ladder
    assert rows(db, "SELECT id, rank, name, price_cents FROM tier ORDER BY id") == before
    assert rows(db, "SELECT id, name FROM addon ORDER BY id") == addons_before
    assert rows(db, "SELECT count(*) FROM script WHERE name = 'Specific questions'") == [(1,)]
    again = install_default_ladder(db, "msp")
    assert "nothing changed" in again.message
    assert rows(db, "SELECT count(*) FROM script") == [(4,)]


def test_unknown_kind_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError):
        install_default_ladder(db, "bakery")
    assert rows(db, "SELECT count(*) FROM tier") == [(0,)]
