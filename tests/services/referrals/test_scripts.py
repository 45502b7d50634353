"""The scripts library: seed 003's scripts are built in, merge fields fill for a client (unknown
ones stay visible as "[pain]"), email drafts are percent-encoded mailto: URLs, and only the
shop's own scripts that no ask names can be deleted."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from factories import make_client

from msp_desk.errors import Conflict, ValidationError
from msp_desk.services.clients import editing as clients
from msp_desk.services.ladder.defaults import install_default_ladder
from msp_desk.services.referrals.asks import record_ask
from msp_desk.services.referrals.scripts import (
    MergeValues,
    ScriptRow,
    add_script,
    delete_script,
    email_draft,
    fill,
    list_scripts,
    mailto_url,
    merge_values,
    update_script,
)
from msp_desk.services.shop.settings import save_settings
from msp_desk.services.undo import revert
from msp_desk.store.database import Database

TODAY = dt.date(2026, 11, 23)


def names(db: Database) -> list[str]:
    return [s.name for s in list_scripts(db)]


def test_seed_003s_ask_script_and_specific_questions_are_built_in(db: Database) -> None:
    install_default_ladder(db, "msp")
    scripts = {s.name: s for s in list_scripts(db)}
    assert list(scripts) == [
        "Referral ask",
        "Specific questions",
        "Targeted ask (risk walkthrough)",
        "Introduction call",
    ]
    assert all(s.builtin for s in scripts.values())
    ask = scripts["Referral ask"].body
    assert "I get a lot of" not in ask and "gets a lot of its business from referrals" in ask
    questions = scripts["Specific questions"].body
    for question in (
        "starting a new business",
        "moving offices",
        "recently downsized",
        "rapid growth",
        "a good small business attorney",
        "a good small business CPA",
    ):
        assert question in questions


def test_fill_leaves_unknown_fields_visible_and_other_braces_alone() -> None:
    body = "{contact}, do you know anyone in {industry} struggling with {pain}? {shop} {unknown}"
    values = MergeValues(client="Ōsaka Dental", contact="Zoë Müller", industry="dental", shop="Northwind IT")
    assert fill(body, values) == (
        "Zoë Müller, do you know anyone in dental struggling with [pain]? Northwind IT {unknown}"
    )


def test_merge_values_take_the_decision_maker_and_fall_back_to_the_clients_industry(db: Database) -> None:
    save_settings(db, name="Northwind IT")
    client = make_client(db, "Ōsaka Dental", industry="Dental", status="active")
    clients.add_contact(db, client, "Ann Office", email="ann@osaka.example")
    clients.add_contact(db, client, "Zoë Müller", email="zoe@osaka.example", decision_maker=True)
    values = merge_values(db, client_id=client, pain="ransomware")
    assert values == MergeValues(
        client="Ōsaka Dental",
        contact="Zoë Müller",
        industry="Dental",
        pain="ransomware",
        referrer="",
        shop="Northwind IT",
        email="zoe@osaka.example",
    )
    assert merge_values(db, client_id=client, industry="Law firms").industry == "Law firms"


def test_mailto_url_percent_encodes_subject_and_body_with_crlf_breaks() -> None:
    """Space -> %20, "&" -> %26, "?" -> %3F, "ü" (UTF-8 C3 BC) -> %C3%BC, a line break -> %0D%0A."""
    url = mailto_url("zoe@osaka.example", "Q&A?", "Hi Zoë,\nthanks")
    assert url == "mailto:zoe@osaka.example?subject=Q%26A%3F&body=Hi%20Zo%C3%AB%2C%0D%0Athanks"


def test_email_draft_fills_subject_and_body() -> None:
    script = ScriptRow(1, "Referral ask", "ask", "{contact}, {shop} asks", True)
    values = MergeValues(contact="Bob", shop="Acme IT", email="bob@x.example")
    assert email_draft(script, values) == (
        "mailto:bob@x.example?subject=A%20quick%20favour%20from%20Acme%20IT&body=Bob%2C%20Acme%20IT%20asks"
    )


def test_own_scripts_are_added_edited_and_deleted_built_ins_are_not_deleted(db: Database) -> None:
    install_default_ladder(db, "msp")
    added = add_script(db, "  After the   QBR ", "Glad the review went well, {contact}.")
    assert names(db)[-1] == "After the QBR"
    own = list_scripts(db)[-1]
    assert not own.builtin and own.kind == "custom"
    with pytest.raises(ValidationError) as taken:
        add_script(db, "referral ASK", "x")
    assert taken.value.field == "name"
    with pytest.raises(ValidationError) as empty:
        update_script(db, own.id, body="  ")
    assert empty.value.field == "body"
    builtin = list_scripts(db)[0]
    update_script(db, builtin.id, body="Reworded {contact}")
    assert list_scripts(db)[0].body == "Reworded {contact}"
    with pytest.raises(Conflict, match="built in"):
        delete_script(db, builtin.id)
    deleted = delete_script(db, own.id)
    assert "After the QBR" not in names(db)
    revert(db, deleted.journal, "Undone")  # type: ignore[arg-type]
    assert "After the QBR" in names(db)
    revert(db, added.journal, "Undone")  # type: ignore[arg-type]


def test_a_script_the_asks_log_names_is_not_deleted(db: Database) -> None:
    add_script(db, "Mine", "Hello {contact}")
    script = list_scripts(db)[0]
    client = make_client(db, "Fir Dental", status="active")
    record_ask(db, TODAY, client_id=client, script_id=script.id, result="declined")
    with pytest.raises(Conflict, match="named by 1 ask"):
        delete_script(db, script.id)
    with db.read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM script")).scalar() == 1


def test_renaming_a_script_to_a_name_taken_is_refused_beside_the_name(db: Database) -> None:
    install_default_ladder(db, "msp")
    own = add_script(db, "After the QBR", "Glad the review went well, {contact}.")
    script_id = own.inserted("script")[0]
    for taken in ("Referral ask", "  referral   ASK "):  # exactly, and as typed carelessly
        with pytest.raises(ValidationError) as refused:
            update_script(db, script_id, name=taken)
        assert refused.value.field == "name"
    assert "After the QBR" in names(db)  # nothing changed
