"""Generate a large synthetic shop into a database file, for the benchmarks.

The schema comes from ``open_database`` (the app's own migrations); the rows are bulk-inserted
with raw SQL ``executemany`` in one transaction. The shop is deterministic for a given size and
seed, and its history ends in a given month (the benchmark uses the last full month):

- a ladder of 4 tiers (per seat) with P1..P4 response targets and 6 add-ons;
- clients starting over time (a book of existing clients in the first month, then growth);
  each month a client may change seats, move up or down a tier, take or drop an add-on, get a
  yearly price rise, churn (and sometimes come back): every change ends lines and starts new ones;
- tickets spread over the clients' active time in proportion to their seats;
- monthly marketing spend per channel, some one-off projects, and the shop settings row.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from msp_desk.domain.clients import name_key
from msp_desk.domain.values import Month
from msp_desk.store import schema
from msp_desk.store.database import open_database
from msp_desk.store.derived import fill_derived

GENERATOR_VERSION = 6  # bump when the generated data changes, so cached files are rebuilt
STAMP = "2026-01-01 00:00:00.000000+00:00"  # created_at / updated_at of every row

# (rank, name, price per seat a month, cost per seat, P1..P4 (first response, resolution) minutes)
TIERS = (
    (1, "Starter", 6_500, 3_600, ((60, 480), (240, 1440), (480, 2880), (1440, 5760))),
    (2, "Core", 9_500, 4_800, ((30, 240), (120, 960), (240, 1920), (960, 4320))),
    (3, "Growth", 14_500, 6_900, ((15, 240), (60, 480), (240, 1440), (480, 2880))),
    (4, "Premium", 19_500, 8_800, ((15, 120), (30, 480), (120, 960), (240, 1920))),
)
# (name, price per seat, cost per seat, growth stage, probability a new client takes it)
ADDONS = (
    ("Backup", 800, 350, "protect", 0.45),
    ("Endpoint security", 600, 250, "protect", 0.40),
    ("MFA", 300, 100, "protect", 0.25),
    ("Email security", 400, 150, "protect", 0.20),
    ("Compliance reporting", 500, 150, "optimize", 0.08),
    ("vCIO sessions", 900, 300, "scale", 0.05),
)
PRIORITIES = (("P1", 3), ("P2", 15), ("P3", 50), ("P4", 32))
CHANNELS = (("referral", 25), ("partner", 10), ("marketing", 35), ("outbound", 20), ("other", 10))
INDUSTRIES = (
    "Dental",
    "Legal",
    "Accounting",
    "Medical",
    "Manufacturing",
    "Nonprofit",
    "Retail",
    "Construction",
    "Real estate",
    "Logistics",
    "Architecture",
    "Insurance",
)
NAME_WORDS = (
    "Acme",
    "Summit",
    "Harbor",
    "Pioneer",
    "Cedar",
    "Bluebird",
    "Granite",
    "Maple",
    "Ōsaka",
    "Zoë",
    "Northwind",
    "Riverside",
    "Keystone",
    "Lakeside",
    "Orchard",
    "Beacon",
)
SUBJECTS = (
    "Password reset",
    "Printer offline",
    "VPN drops",
    "New hire setup",
    "Email bounce",
    "Slow laptop",
    "Shared drive access",
    "Phishing report",
    "Backup alert",
    "Wi-Fi down",
)

# Monthly probabilities of each client event (at most one event a client a month); a yearly
# price rise may come on the anniversary of a month without another event.
EVENTS = (
    ("churn", 0.011),
    ("seats", 0.09),
    ("upgrade", 0.015),
    ("downgrade", 0.003),
    ("addon_on", 0.025),
    ("addon_off", 0.005),
)
P_RETURN, P_PRICE_RISE = 0.15, 0.5


def _event(roll: float) -> str | None:
    for name, probability in EVENTS:
        if roll < probability:
            return name
        roll -= probability
    return None


@dataclass(frozen=True)
class ShopSize:
    """What to generate: the benchmark's size parameters."""

    clients: int = 20_000
    months: int = 60
    tickets: int = 500_000
    seed: int = 2026

    def file_name(self, last: Month) -> str:
        """The cache file's name: everything the generated content depends on."""
        return (
            f"shop-v{GENERATOR_VERSION}-c{self.clients}-m{self.months}-t{self.tickets}"
            f"-s{self.seed}-to{last}-schema{schema.HEAD}-{_migrations_digest()}.sqlite3"
        )


def _migrations_digest() -> str:
    """A short hash of the migration scripts: a cached shop is rebuilt when the schema changes."""
    import hashlib

    from msp_desk.store.migrate import ALEMBIC_DIR

    digest = hashlib.sha256()
    for script in sorted((ALEMBIC_DIR / "versions").glob("*.py")):
        digest.update(script.read_bytes())
    return digest.hexdigest()[:8]


@dataclass
class _Line:
    id: int
    client_id: int
    kind: str
    ref_id: int  # tier id or add-on id
    quantity: int
    price: int
    cost: int
    period: str
    discount_bp: int
    start: dt.date
    end: dt.date | None = None
    change: str = "start"
    replaces: int | None = None

    def row(self) -> tuple:
        tier_id = self.ref_id if self.kind == "tier" else None
        addon_id = self.ref_id if self.kind == "addon" else None
        return (
            self.id,
            STAMP,
            STAMP,
            self.client_id,
            self.kind,
            tier_id,
            addon_id,
            "",
            self.quantity,
            self.price,
            self.cost,
            self.period,
            self.discount_bp,
            self.start.isoformat(),
            None if self.end is None else self.end.isoformat(),
            self.change,
            self.replaces,
        )


def _day_in(month: Month, rng: random.Random) -> dt.date:
    return dt.date(month.year, month.month, rng.randint(1, 28))


class _Account:
    """One client's open lines and terms while the simulation walks its months."""

    def __init__(self, sim: _Simulator, client_id: int, rng: random.Random) -> None:
        self.sim, self.client_id, self.rng = sim, client_id, rng
        self.seats = max(1, min(400, int(rng.lognormvariate(math.log(14), 0.8))))
        self.rank = rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10))[0]
        period = rng.choices(("monthly", "quarterly", "annual"), weights=(85, 5, 10))[0]
        self.factor = {"monthly": 1, "quarterly": 3, "annual": 12}[period]  # prices per period
        self.terms = (period, rng.choice((500, 1000, 1500)) if rng.random() < 0.12 else 0)
        self.rise = 1.0  # cumulative yearly price rises
        self.tier: _Line | None = None
        self.addons: dict[int, _Line] = {}

    def _tier_price(self) -> int:
        return round(TIERS[self.rank - 1][2] * self.rise) * self.factor

    def _addon(self, n: int, day: dt.date, change: str) -> _Line:
        _, price, cost, _, _ = ADDONS[n - 1]
        return self.sim.open_line(
            self.client_id, "addon", n, self.seats, price * self.factor, cost, self.terms, day, change
        )

    def start(self, day: dt.date, change: str) -> None:
        cost = TIERS[self.rank - 1][3]
        self.tier = self.sim.open_line(
            self.client_id, "tier", self.rank, self.seats, self._tier_price(), cost, self.terms, day, change
        )
        self.addons = {
            n: self._addon(n, day, change) for n, a in enumerate(ADDONS, start=1) if self.rng.random() < a[4]
        }

    def cancel(self, day: dt.date) -> dt.date:
        """End every line the day before ``day``; returns that last day."""
        assert self.tier is not None
        last = day - dt.timedelta(days=1)
        for line in (self.tier, *self.addons.values()):
            line.end = last
        self.tier, self.addons = None, {}
        return last

    def change(self, event: str | None, day: dt.date, anniversary: bool) -> None:
        """Apply one month's ``event`` (not churn) effective ``day``."""
        assert self.tier is not None
        replace, rng = self.sim.replace_line, self.rng
        if event == "seats":
            self.seats = max(1, self.seats + rng.randint(-3, 6))
            self.tier = replace(self.tier, day, "seats", qty=self.seats)
            self.addons = {n: replace(a, day, "seats", qty=self.seats) for n, a in self.addons.items()}
        elif event == "upgrade" and self.rank < 4 or event == "downgrade" and self.rank > 1:
            self.rank += 1 if event == "upgrade" else -1
            self.tier = replace(
                self.tier, day, event, ref=self.rank, price=self._tier_price(), cost=TIERS[self.rank - 1][3]
            )
        elif event == "addon_on":
            n = rng.randint(1, len(ADDONS))
            if n not in self.addons:
                self.addons[n] = self._addon(n, day, "addon on")
        elif event == "addon_off" and self.addons:
            self.addons.pop(rng.choice(sorted(self.addons))).end = day - dt.timedelta(days=1)
        elif event is None and anniversary and rng.random() < P_PRICE_RISE:
            self.rise *= 1 + rng.randint(3, 7) / 100
            self.tier = replace(self.tier, day, "price", price=self._tier_price())


class _Simulator:
    """Walks every client month by month and records its contract lines and active spans."""

    def __init__(self, size: ShopSize, first: Month, rng: random.Random) -> None:
        self.size, self.first, self.rng = size, first, rng
        self.lines: list[_Line] = []
        self.clients: list[tuple] = []
        self.spans: list[tuple[int, int, dt.date, dt.date | None]] = []  # client, seats, from, to

    def open_line(
        self,
        client_id: int,
        kind: str,
        ref: int,
        qty: int,
        price: int,
        cost: int,
        terms: tuple[str, int],
        start: dt.date,
        change: str,
        replaces: int | None = None,
    ) -> _Line:
        line = _Line(
            len(self.lines) + 1,
            client_id,
            kind,
            ref,
            qty,
            price,
            cost,
            terms[0],
            terms[1],
            start,
            None,
            change,
            replaces,
        )
        self.lines.append(line)
        return line

    def replace_line(self, old: _Line, day: dt.date, change: str, **new: int) -> _Line:
        """End ``old`` the day before ``day`` and start its successor with ``new`` values."""
        old.end = day - dt.timedelta(days=1)
        values = {"ref": old.ref_id, "qty": old.quantity, "price": old.price, "cost": old.cost} | new
        return self.open_line(
            old.client_id,
            old.kind,
            values["ref"],
            values["qty"],
            values["price"],
            values["cost"],
            (old.period, old.discount_bp),
            day,
            change,
            old.id,
        )

    def client(self, client_id: int) -> None:
        """Simulate one client from its start month to the last month; record its row."""
        rng, months = self.rng, self.size.months
        start_k = 0 if rng.random() < 0.15 else min(months - 1, int(months * math.sqrt(rng.random())))
        start = _day_in(self.first + start_k, rng)
        account = _Account(self, client_id, rng)
        account.start(start, "start")
        span_start, churned_on, back_at = start, None, None
        for k in range(start_k + 1, months):
            day = _day_in(self.first + k, rng)
            if account.tier is None:  # churned: maybe coming back
                if back_at is not None and k >= back_at:
                    account.start(day, "return")
                    span_start, churned_on, back_at = day, None, None
                continue
            event = _event(rng.random())
            if event == "churn":
                churned_on = account.cancel(day)
                self.spans.append((client_id, account.seats, span_start, churned_on))
                back_at = k + rng.randint(2, 9) if rng.random() < P_RETURN else None
            else:
                account.change(event, day, anniversary=(k - start_k) % 12 == 0)
        if account.tier is not None:
            self.spans.append((client_id, account.seats, span_start, None))
        self.clients.append(self._client_row(client_id, start, account, churned_on))

    def _client_row(
        self, client_id: int, start: dt.date, account: _Account, churned_on: dt.date | None
    ) -> tuple:
        rng = self.rng
        name = f"{rng.choice(NAME_WORDS)} {rng.choice(INDUSTRIES)} {client_id:06d}"
        channel = rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]
        term = rng.choice((12, 24, 36))
        renewal = start + dt.timedelta(days=30 * term)
        status = "churned" if account.tier is None else "active"
        return (
            client_id,
            STAMP,
            STAMP,
            name,
            name_key(name),
            rng.choice(INDUSTRIES),
            status,
            account.seats + rng.randint(0, 10),
            account.seats,
            rng.randint(1, 3),
            rng.randint(0, 4),
            start.isoformat(),
            renewal.isoformat(),
            term,
            channel,
            None,
            rng.randint(50_000, 400_000),
            rng.randint(4, 10),
            churned_on.isoformat() if churned_on else None,
            "",
            "",
        )


def _tickets(size: ShopSize, spans: list, last_day: dt.date, rng: random.Random) -> list[tuple]:
    """``size.tickets`` tickets over the clients' active spans, weighted by seats x days."""
    end_ord = last_day.toordinal()
    weights, cum = [], 0
    for _cid, seats, start, end in spans:
        days = (end.toordinal() if end else end_ord) - start.toordinal() + 1
        cum += max(days, 1) * seats
        weights.append(cum)
    picks = rng.choices(spans, cum_weights=weights, k=size.tickets)
    names = [p for p, _ in PRIORITIES]
    prio_weights = [w for _, w in PRIORITIES]
    priorities = rng.choices(names, weights=prio_weights, k=size.tickets)
    rows = []
    for n, ((cid, _seats, start, end), prio) in enumerate(zip(picks, priorities, strict=True), start=1):
        last = end.toordinal() if end else end_ord
        day = rng.randint(start.toordinal(), max(start.toordinal(), last))
        opened = dt.datetime.fromordinal(day) + dt.timedelta(seconds=rng.randint(7 * 3600, 19 * 3600))
        scale = {"P1": 1, "P2": 2, "P3": 4, "P4": 8}[prio]
        first = opened + dt.timedelta(minutes=rng.randint(2, 90 * scale))
        recent = end_ord - day < 10
        resolved = None
        if rng.random() > (0.3 if recent else 0.005):
            resolved = first + dt.timedelta(minutes=int(rng.expovariate(1 / (150 * scale))))
        fcr = None if rng.random() < 0.4 else int(rng.random() < 0.68)
        rows.append(
            (
                n,
                STAMP,
                STAMP,
                cid,
                f"T{n:07d}",
                rng.choice(SUBJECTS),
                prio,
                str(opened),
                str(first),
                None if resolved is None else str(resolved),
                fcr,
                None,
                "bench",
            )
        )
    return rows


def _ladder_rows() -> dict[str, list[tuple]]:
    tiers = [
        (rank, STAMP, STAMP, rank, name, f"{name} plan", "", "per_seat", price, cost, None, 20, 1)
        for rank, name, price, cost, _ in TIERS
    ]
    targets = []
    for rank, *_rest, minutes in TIERS:
        for (prio, _), (first, resolve) in zip(PRIORITIES, minutes, strict=True):
            targets.append((len(targets) + 1, STAMP, STAMP, rank, prio, first, resolve))
    addons = [
        (n, STAMP, STAMP, name, "", "per_seat", price, cost, stage, 1)
        for n, (name, price, cost, stage, _) in enumerate(ADDONS, start=1)
    ]
    return {"tier": tiers, "response_target": targets, "addon": addons}


def _money_rows(size: ShopSize, first: Month, rng: random.Random) -> dict[str, list[tuple]]:
    """Monthly spend per channel (a few dollars a client, so CAC is plausible) and projects."""
    spend, projects = [], []
    for k in range(size.months):
        month = first + k
        for channel, per_client in (("marketing", 8_000), ("outbound", 5_000), ("referral", 2_000)):
            amount = int(per_client * size.clients * rng.uniform(0.6, 1.4))
            spend.append((len(spend) + 1, STAMP, STAMP, str(month), channel, amount, ""))
        for _ in range(max(1, size.clients * rng.randint(3, 6) // 1000)):
            amount = rng.randint(100_000, 2_000_000)
            projects.append(
                (
                    len(projects) + 1,
                    STAMP,
                    STAMP,
                    rng.randint(1, size.clients),
                    _day_in(month, rng).isoformat(),
                    amount,
                    int(amount * rng.uniform(0.4, 0.7)),
                    "Project",
                )
            )
    return {"marketing_spend": spend, "project_revenue": projects}


INSERTS = {
    "tier": "INSERT INTO tier (id, created_at, updated_at, rank, name, description, inclusions,"
    " price_model, price_cents, cost_cents, hours_per_block, tech_minutes_per_seat, active)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "response_target": "INSERT INTO response_target (id, created_at, updated_at, tier_id, priority,"
    " first_response_min, resolution_min) VALUES (?,?,?,?,?,?,?)",
    "addon": "INSERT INTO addon (id, created_at, updated_at, name, description, price_model,"
    " price_cents, cost_cents, growth_stage, active) VALUES (?,?,?,?,?,?,?,?,?,?)",
    "client": "INSERT INTO client (id, created_at, updated_at, name, name_key, industry, status,"
    " employees, seats, locations, servers, start_date, renewal_date, term_months, channel,"
    " referred_by_referral_id, acquisition_cost_cents, satisfaction, churned_on,"
    " churn_reason, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "contract_line": "INSERT INTO contract_line (id, created_at, updated_at, client_id, kind, tier_id,"
    " addon_id, description, quantity, unit_price_cents, unit_cost_cents, period,"
    " discount_bp, start_date, end_date, change, replaces_line_id)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "ticket": "INSERT INTO ticket (id, created_at, updated_at, client_id, external_id, subject,"
    " priority, opened_at, first_response_at, resolved_at, fcr, sla_met, source)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "marketing_spend": "INSERT INTO marketing_spend (id, created_at, updated_at, month, channel,"
    " amount_cents, note) VALUES (?,?,?,?,?,?,?)",
    "project_revenue": "INSERT INTO project_revenue (id, created_at, updated_at, client_id, day,"
    " amount_cents, cost_cents, description) VALUES (?,?,?,?,?,?,?,?)",
    "shop_settings": "INSERT INTO shop_settings (id, created_at, updated_at, kind, name, currency,"
    " locale, address, email, phone, booking_link, employees,"
    " sales_marketing_share_bp, lifetime_cap_months, reactivation_window_days,"
    " paper, benchmarks_json, reward_rule_json)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
}


def generate(path: Path, size: ShopSize, last: Month) -> dict[str, int]:
    """Create ``path`` (must not exist) holding a shop of ``size`` whose history ends in ``last``;
    returns how many rows each table got."""
    rng = random.Random(size.seed)
    first = last - (size.months - 1)
    open_database(path).close()  # the schema, exactly as the app creates it

    sim = _Simulator(size, first, rng)
    for client_id in range(1, size.clients + 1):
        sim.client(client_id)
    rows: dict[str, list[tuple]] = _ladder_rows()
    rows["client"] = sim.clients
    rows["contract_line"] = [line.row() for line in sim.lines]
    rows["ticket"] = _tickets(size, sim.spans, last.last_day(), rng)
    rows |= _money_rows(size, first, rng)
    employees = max(5, size.clients // 250)
    rows["shop_settings"] = [
        (
            1,
            STAMP,
            STAMP,
            "msp",
            "Bench Large MSP",
            "USD",
            "en_US",
            "",
            "",
            "",
            "",
            employees,
            1500,
            120,
            None,
            "letter",
            "",
            "",
        )
    ]

    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("BEGIN")
        for table, sql in INSERTS.items():  # parents before children
            con.executemany(sql, rows[table])
        con.execute("COMMIT")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    db = open_database(path)  # lines and tickets get their derived columns as the app gives them on writing
    try:
        with db.engine.begin() as conn:
            fill_derived(conn)
    finally:
        db.close()
    return {table: len(table_rows) for table, table_rows in rows.items()}
