"""Issue 11's acceptance: a shop whose tickets, marketing spend and one-off revenue all came in
by import (files written here, imported with ``services.imports.files.import_file``, the entry
the command line and the app share) shows MTTR per priority, SLA compliance, CAC, recurring
share and gross margin equal to the figures worked by hand below, read as the dashboard reads
them (``services.kpis.dashboard.dashboard_tiles``).

Definitions: DESIGN §5 and ``reference/kpi-examples.md`` (MTTR: mean of resolved - opened of the
tickets resolved in the month; SLA: met / judged, a ticket's own verdict first, else its tier's
targets; CAC: the month's spend / clients new in the month; recurring share: MRR / all revenue
over the trailing 12 months; gross margin: (revenue - direct costs) / revenue of the month)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import make_ladder

from msp_desk.domain.values import Month
from msp_desk.services.clients.book import create_active_client
from msp_desk.services.imports.files import ImportChoice, import_file
from msp_desk.services.kpis.dashboard import dashboard_tiles
from msp_desk.store.database import Database

MARCH = Month(2026, 3)
TODAY = dt.date(2026, 4, 10)

# The ladder (tests/factories.py): Core $135 a seat, cost $65; Starter $95, cost $50. Each tier's
# P1 targets: first response within 60 // rank minutes (Core 30, Starter 60), resolved within 240;
# P2-P4 have none.
#
# Clients (entered in the app's way, by the service): Harbor Dental, Core x 10 from Jan 1 (MRR
# $1,350, cost $650); Pine Legal, Core x 5 from Mar 1 ($675, $325); Oak Clinic, Starter x 4 from
# Mar 10 ($380, $200). March: MRR $2,405, line costs $1,175; Pine and Oak are new (2 clients).

TICKETS = """external_id,client,subject,priority,opened_at,first_response_at,resolved_at,sla_met
T-1,Harbor Dental,Server down,P1,2026-03-02 09:00,2026-03-02 09:20,2026-03-02 12:00,
T-2,Pine Legal,Email down,P1,2026-03-05 10:00,2026-03-05 10:45,2026-03-05 15:00,
T-3,Oak Clinic,Printer,P2,2026-03-11 08:00,,2026-03-11 10:30,
T-4,Harbor Dental,VPN,P2,2026-03-15 09:00,,2026-03-16 09:00,yes
T-5,Harbor Dental,New hire,P3,2026-03-20 13:00,,,
T-6,Harbor Dental,Licence,P4,2026-02-27 09:00,,2026-03-02 09:00,
"""
# Resolved in March: T-1 3 h (P1), T-2 5 h (P1), T-3 2.5 h (P2), T-4 24 h (P2), T-6 72 h (P4,
# opened in February); T-5 is open.
# MTTR: P1 (3 + 5) / 2 = 4 h; P2 (2.5 + 24) / 2 = 13.25 h; P3 none; P4 72 h;
#       all (3 + 5 + 2.5 + 24 + 72) / 5 = 106.5 / 5 = 21.3 h.
# SLA: T-1 met (answered in 20 of 30 minutes, resolved in 180 of 240); T-2 missed (answered in
#      45 of 30); T-4 met (the file's own verdict); T-3 and T-6 have no target and no verdict:
#      not judged. 2 met of 3 judged.

SPEND = """month,channel,amount,note
2026-02,marketing,999.00,February ads
2026-03,marketing,"1,200.00",Search ads
2026-03,marketing,300.00,Webinar
2026-03,outbound,300.00,Lists
"""
# March spend: marketing 1,200 + 300 (two rows of one month and channel, added up) + outbound
# 300 = $1,800 (February's $999 is not March's). CAC = 1,800 / 2 new clients = $900.

REVENUE = """date,month,client,kind,amount,direct_cost,description
2026-03-12,,Harbor Dental,project,"1,000.00",600.00,Office move
,2026-03,,hardware,595.00,500.00,Laptops for the shop
,2026-01,,project,400.00,100.00,Website
"""
# One-off revenue: March $1,000 + $595 = $1,595 (costs $600 + $500 = $1,100); January $400.
# Gross margin, March: revenue 2,405 + 1,595 = 4,000; costs 1,175 + 1,100 = 2,275;
#   (4,000 - 2,275) / 4,000 = 1,725 / 4,000 = 0.43125.
# Recurring share, the 12 months to March: MRR Jan 1,350 + Feb 1,350 + Mar 2,405 = 5,105;
#   one-off Jan 400 + Mar 1,595 = 1,995; 5,105 / (5,105 + 1,995) = 5,105 / 7,100.


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_imported_shop_shows_the_hand_worked_kpis(db: Database, tmp_path: Path) -> None:
    ids = make_ladder(db)
    for name, tier, seats, start, channel in (
        ("Harbor Dental", "Core", 10, dt.date(2026, 1, 1), "referral"),
        ("Pine Legal", "Core", 5, dt.date(2026, 3, 1), "marketing"),
        ("Oak Clinic", "Starter", 4, dt.date(2026, 3, 10), "marketing"),
    ):
        create_active_client(
            db, name=name, tier_id=ids[tier], seats=seats, start=start, today=TODAY, channel=channel
        )
    for kind, text in (("tickets", TICKETS), ("spend", SPEND), ("revenue", REVENUE)):
        path = write(tmp_path, f"{kind}.csv", text)
        assert import_file(db, path, ImportChoice(kind), dry_run=True).changes is None
        import_file(db, path, ImportChoice(kind))
        again = import_file(db, path, ImportChoice(kind))  # re-importing adds nothing
        assert not again.added and not again.updated, kind

    _profile, march = dashboard_tiles(db, MARCH)

    assert march.mrr == 240_500
    assert march.mttr_hours == {"P1": 4.0, "P2": 13.25, "P3": None, "P4": 72.0, "all": 21.3}
    assert march.sla_compliance == pytest.approx(2 / 3)
    assert march.cac == 90_000
    assert march.gross_margin == pytest.approx(0.43125)
    assert march.recurring_share == pytest.approx(5_105 / 7_100)
