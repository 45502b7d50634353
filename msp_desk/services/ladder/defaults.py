"""The default service ladder (tiers, response targets, add-ons) and built-in scripts of a new shop.

An MSP gets seed 000's ladder: Starter/Core/Growth/Premium per seat, with add-ons in its
compounding sequence run -> protect -> optimize -> scale. A VA agency gets seed 004's ladder:
blocks of hours a month, the same four rungs, and mastermind-style add-ons. Both get the
referral scripts of seeds 000, 003 and 004. Nothing here is demo content: every new shop gets it.
"""

from __future__ import annotations

from dataclasses import dataclass

from msp_desk import formatting as fmt
from msp_desk.domain.enums import GrowthStage, PriceModel, Priority, ScriptKind, ShopKind
from msp_desk.domain.ladder import AddOn, ResponseTarget, Tier, validate_addon, validate_target, validate_tier
from msp_desk.domain.referrals import Script, validate_script
from msp_desk.errors import ValidationError
from msp_desk.services.changes import Changes, recorded
from msp_desk.store.database import Database
from msp_desk.store.queries.ladder import items as queries
from msp_desk.store.queries.referrals.scripts import script_names

Targets = tuple[tuple[int, int], tuple[int, int], tuple[int, int], tuple[int, int]]  # P1..P4


@dataclass(frozen=True)
class TierSpec:
    name: str
    description: str
    inclusions: tuple[str, ...]
    price_cents: int
    cost_cents: int
    tech_minutes_per_seat: int
    targets: Targets  # (first response, resolution) minutes for P1..P4


@dataclass(frozen=True)
class AddOnSpec:
    name: str
    stage: GrowthStage
    price_model: PriceModel
    price_cents: int
    cost_cents: int
    description: str


VA_HOURS_PER_BLOCK = 10
# Days between check-in calls by rung (seed 003: occasional calls with a purpose; the higher the
# rung, the closer the relationship), and between QBRs (quarterly, seed 001) on every rung.
CHECK_IN_DAYS_BY_RANK = (90, 60, 30, 30)
QBR_DAYS = 90


def check_in_days(rank: int) -> int:
    """The default check-in cadence of the tier on rung ``rank`` (1..N)."""
    return CHECK_IN_DAYS_BY_RANK[min(rank, len(CHECK_IN_DAYS_BY_RANK)) - 1]


MSP_TIERS = (
    TierSpec(
        "Starter",
        "Keep things running: monitoring, patching and a helpdesk your staff can call.",
        (
            "24x7 remote monitoring and alerting",
            "Operating system and third-party patching",
            "Remote helpdesk, business hours",
            "Hardware and software inventory",
            "Monthly health report",
        ),
        9_500,
        5_200,
        35,
        ((60, 480), (120, 960), (480, 2880), (960, 7200)),
    ),
    TierSpec(
        "Core",
        "Everything in Starter, plus managed endpoints and cloud productivity support.",
        (
            "Everything in Starter",
            "Endpoint management and antivirus",
            "Microsoft 365 / Google Workspace support",
            "Onsite visits when remote cannot fix it",
            "Vendor management for your line-of-business apps",
        ),
        13_500,
        7_000,
        45,
        ((30, 360), (60, 720), (240, 2160), (480, 5760)),
    ),
    TierSpec(
        "Growth",
        "Protect what matters: tested backups, security training and quarterly reviews.",
        (
            "Everything in Core",
            "Backup monitoring with recovery drills twice a year",
            "Security awareness training and phishing tests",
            "Quarterly business review with a downtime report",
            "Standard onboarding and offboarding of staff",
        ),
        17_500,
        8_800,
        55,
        ((15, 240), (30, 480), (120, 1440), (480, 4320)),
    ),
    TierSpec(
        "Premium",
        "Leadership support: a senior escalation path, tighter targets and a roadmap.",
        (
            "Everything in Growth",
            "Senior escalation path and tighter response targets",
            "Quarterly roadmap sessions tied to business goals",
            "Monthly proactive security testing",
            "Compliance readiness support",
            "After-hours response for critical incidents",
        ),
        22_500,
        10_500,
        60,
        ((10, 180), (30, 360), (60, 960), (240, 2880)),
    ),
)

MSP_ADDONS = (
    AddOnSpec(
        "After-hours support",
        GrowthStage.RUN,
        PriceModel.PER_SEAT,
        1_500,
        700,
        "Evening, weekend and holiday helpdesk coverage for staff who work off-hours.",
    ),
    AddOnSpec(
        "Line-of-business app support",
        GrowthStage.RUN,
        PriceModel.FLAT,
        25_000,
        11_000,
        "We own the relationship with your practice-management, ERP or accounting vendor.",
    ),
    AddOnSpec(
        "Backup & recovery",
        GrowthStage.PROTECT,
        PriceModel.PER_SEAT,
        1_800,
        700,
        "Daily cloud backup of endpoints, servers and Microsoft 365, with a monthly restore test.",
    ),
    AddOnSpec(
        "Endpoint security (EDR)",
        GrowthStage.PROTECT,
        PriceModel.PER_SEAT,
        1_200,
        500,
        "Endpoint detection and response watched by a security operations center, with ransomware rollback.",
    ),
    AddOnSpec(
        "MFA & identity protection",
        GrowthStage.PROTECT,
        PriceModel.PER_SEAT,
        600,
        200,
        "Multi-factor sign-in everywhere, conditional access and risky sign-in alerts.",
    ),
    AddOnSpec(
        "Email security",
        GrowthStage.PROTECT,
        PriceModel.PER_SEAT,
        500,
        200,
        "Advanced phishing and spam filtering, link protection and impersonation alerts.",
    ),
    AddOnSpec(
        "Compliance reporting",
        GrowthStage.OPTIMIZE,
        PriceModel.FLAT,
        45_000,
        18_000,
        "Monthly evidence report for leadership (HIPAA, PCI, cyber-insurance questionnaires).",
    ),
    AddOnSpec(
        "Policy management & device lifecycle",
        GrowthStage.OPTIMIZE,
        PriceModel.PER_SEAT,
        800,
        300,
        "One policy baseline for every device, warranty tracking and a replacement plan.",
    ),
    AddOnSpec(
        "vCIO roadmap sessions",
        GrowthStage.SCALE,
        PriceModel.FLAT,
        60_000,
        25_000,
        "Quarterly roadmap session with a virtual CIO: budget, projects and risk, tied to your goals.",
    ),
    AddOnSpec(
        "Multi-location governance",
        GrowthStage.SCALE,
        PriceModel.FLAT,
        50_000,
        20_000,
        "One standard across sites: network, identity and device policies for every new location.",
    ),
)

VA_TIERS = (
    TierSpec(
        "Starter",
        "Basic support: your inbox, calendar and documents handled every week.",
        (
            "Inbox management",
            "Calendar and appointment scheduling",
            "Document preparation and formatting",
            "Data entry",
        ),
        32_000,
        17_000,
        66,
        ((60, 480), (120, 1440), (480, 2880), (1440, 7200)),
    ),
    TierSpec(
        "Core",
        "Ongoing operations: CRM updates, follow-ups and customer care.",
        (
            "Everything in Starter",
            "CRM updates and tagging",
            "Follow-up tasks and reminders",
            "Customer care by email and chat",
        ),
        38_000,
        19_500,
        66,
        ((30, 360), (60, 960), (240, 2160), (960, 5760)),
    ),
    TierSpec(
        "Growth",
        "Advanced help: research, lead qualification and reporting.",
        (
            "Everything in Core",
            "Market and prospect research",
            "Lead qualification support",
            "Weekly and monthly reporting",
        ),
        45_000,
        23_000,
        66,
        ((30, 240), (60, 720), (120, 1440), (480, 4320)),
    ),
    TierSpec(
        "Premium",
        "Mastermind-level service: process audits, a priority SLA and optimization.",
        (
            "Everything in Growth",
            "Monthly process audits",
            "Priority SLA with faster turnaround",
            "Weekly strategy huddles with a dedicated VA lead",
            "Curated ops roadmap based on your goals",
        ),
        54_000,
        26_500,
        66,
        ((15, 120), (30, 240), (120, 720), (240, 2880)),
    ),
)

VA_ADDONS = (
    AddOnSpec(
        "Priority turnaround",
        GrowthStage.RUN,
        PriceModel.FLAT,
        15_000,
        5_000,
        "Requests jump the queue: same-day turnaround on anything sent before noon.",
    ),
    AddOnSpec(
        "Backup VA coverage",
        GrowthStage.PROTECT,
        PriceModel.FLAT,
        12_000,
        4_000,
        "A trained second assistant who knows your SOPs covers holidays and sick days.",
    ),
    AddOnSpec(
        "Monthly process audit",
        GrowthStage.OPTIMIZE,
        PriceModel.FLAT,
        25_000,
        10_000,
        "Once a month we review your workflows and show what to fix, automate or drop.",
    ),
    AddOnSpec(
        "Weekly strategy huddle",
        GrowthStage.OPTIMIZE,
        PriceModel.FLAT,
        30_000,
        13_000,
        "A 30-minute weekly sync with a dedicated VA lead on priorities and results.",
    ),
    AddOnSpec(
        "Growth Ops Mastermind",
        GrowthStage.SCALE,
        PriceModel.FLAT,
        75_000,
        30_000,
        "Monthly pipeline cleanup, automation checks and lead-response timing improvements, "
        "with a named owner who reviews what is working.",
    ),
)


@dataclass(frozen=True)
class ScriptSpec:
    name: str
    kind: ScriptKind
    body: str


REFERRAL_ASK = ScriptSpec(
    "Referral ask",
    ScriptKind.ASK,
    "{contact}, as you can imagine, {shop} gets a lot of its business from referrals given to us by "
    "satisfied clients. Since you seem pretty happy with the work we've delivered to {client}, I was "
    "wondering if you would be willing to introduce me to other people you know that might be a good "
    "fit for our services?\n\n"
    "If yes:\n"
    '"Great, thank you. {contact}, do you mind if I try a quick exercise to see if we can come up with '
    "any names of people you could put me in touch with? Keep in mind, these don't have to be people you "
    "think or know have an immediate need for our services. I'd just like to meet people that could "
    'potentially find value in them; it always pays to have more contacts out in the marketplace."\n'
    'Then go through the "Specific questions" exercise.\n\n'
    "If no:\n"
    'You have probably uncovered a problem with this client. Log the ask as "no" and dig into the '
    "relationship before anything else.\n\n"
    "When you get names, ask {contact} to make the introduction (an email copying both of you, or a "
    "call while you are together). If that isn't comfortable, don't press: get the name and contact "
    "details, call, and name the referrer.",
)

SPECIFIC_QUESTIONS = ScriptSpec(
    "Specific questions",
    ScriptKind.QUESTIONS,
    "Specific questions get specific results. Go through them one at a time with {contact}:\n\n"
    "1. Do you know anyone starting a new business?\n"
    "2. Do you know anyone moving offices?\n"
    "3. Do you know anyone that recently downsized their business?\n"
    "4. Do you know anyone running a company that is experiencing rapid growth?\n"
    "5. Do you know a good small business attorney?\n"
    "6. Do you know a good small business CPA?\n\n"
    "Write down every name, with how {contact} knows them and whether they will introduce you.",
)

INTRO_CALL = ScriptSpec(
    "Introduction call",
    ScriptKind.INTRO,
    "Hi {contact}, {referrer} asked me to give you a call. I'm with {shop}; we look after "
    "businesses like {client}, and {referrer} thought it would be worth us talking. Do you have a few "
    "minutes now, or is there a better time this week?",
)

MSP_TARGETED_ASK = ScriptSpec(
    "Targeted ask (risk walkthrough)",
    ScriptKind.ASK,
    "Do you know any business owner in {industry} who is struggling with {pain}?\n\n"
    'After a win (a smooth add-on rollout, a quick recovery): "We just closed the gaps on your side. '
    "If you know another {industry} business struggling with {pain}, I can run a 30-minute risk "
    'walkthrough and show them what we found."',
)

VA_TARGETED_ASK = ScriptSpec(
    "Targeted ask (workflow review)",
    ScriptKind.ASK,
    "Do you know another business owner who needs help with {pain}? If yes, I can take care of a quick "
    "15-minute workflow review for them.\n\n"
    "The thank-you: if your referral starts and completes their first week with {shop}, you get $100 "
    "in monthly VA hours credit.",
)


def ladder_specs(kind: str) -> tuple[tuple[TierSpec, ...], tuple[AddOnSpec, ...], PriceModel]:
    """The default tiers, add-ons and tier price model of a shop kind."""
    if kind == ShopKind.MSP.value:
        return MSP_TIERS, MSP_ADDONS, PriceModel.PER_SEAT
    if kind == ShopKind.VA.value:
        return VA_TIERS, VA_ADDONS, PriceModel.PER_HOURS_BLOCK
    raise ValidationError("kind", f"{kind!r} is not one of msp, va")


def script_specs(kind: str) -> tuple[ScriptSpec, ...]:
    targeted = VA_TARGETED_ASK if kind == ShopKind.VA.value else MSP_TARGETED_ASK
    return (REFERRAL_ASK, SPECIFIC_QUESTIONS, targeted, INTRO_CALL)


def install_default_ladder(db: Database, kind: str) -> Changes:
    """Install the default ladder and built-in scripts of a shop of ``kind`` (``msp`` or ``va``).

    Idempotent, by no-op: when any tier exists the ladder (tiers, targets, add-ons) is left
    exactly as it is, since the owner may have edited it; built-in scripts are added only
    where no script of that name exists. A second call therefore changes nothing. One
    transaction; raises ValidationError for an unknown kind.
    """
    tiers, addons, price_model = ladder_specs(kind)
    with db.unit_of_work() as session:
        has_tiers = queries.any_tier(session)
        names = {name for _id, name in script_names(session)}
        added_tiers = added_addons = added_scripts = 0
        if not has_tiers:
            existing_addons = queries.addon_names(session)
            for rank, tier_spec in enumerate(tiers, start=1):
                tier = Tier(
                    rank=rank,
                    name=tier_spec.name,
                    description=tier_spec.description,
                    inclusions="\n".join(tier_spec.inclusions),
                    price_model=price_model.value,
                    price_cents=tier_spec.price_cents,
                    cost_cents=tier_spec.cost_cents,
                    hours_per_block=VA_HOURS_PER_BLOCK if price_model is PriceModel.PER_HOURS_BLOCK else None,
                    tech_minutes_per_seat=tier_spec.tech_minutes_per_seat,
                    check_in_every_days=check_in_days(rank),
                    qbr_every_days=QBR_DAYS,
                )
                validate_tier(tier)
                session.add(tier)
                session.flush()
                for priority, (response, resolution) in zip(Priority, tier_spec.targets, strict=True):
                    target = ResponseTarget(
                        tier_id=tier.saved_id,
                        priority=priority.value,
                        first_response_min=response,
                        resolution_min=resolution,
                    )
                    validate_target(target)
                    session.add(target)
                added_tiers += 1
            for addon_spec in addons:
                if addon_spec.name in existing_addons:
                    continue
                addon = AddOn(
                    name=addon_spec.name,
                    description=addon_spec.description,
                    price_model=addon_spec.price_model.value,
                    price_cents=addon_spec.price_cents,
                    cost_cents=addon_spec.cost_cents,
                    growth_stage=addon_spec.stage.value,
                )
                validate_addon(addon)
                session.add(addon)
                added_addons += 1
        for script_spec in script_specs(kind):
            if script_spec.name in names:
                continue
            script = Script(
                name=script_spec.name, kind=script_spec.kind.value, body=script_spec.body, builtin=True
            )
            validate_script(script)
            session.add(script)
            added_scripts += 1
        if not (added_tiers or added_addons or added_scripts):
            return recorded(
                session, Changes("The ladder and built-in scripts are already installed; nothing changed")
            )
        return recorded(
            session,
            Changes(
                f"Installed {fmt.plural(added_tiers, 'tier')}, {fmt.plural(added_addons, 'add-on')} and "
                f"{fmt.plural(added_scripts, 'script')}",
            ),
        )
