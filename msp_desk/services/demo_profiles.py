"""What the two demo shops are made of: names, industries, ladders' stories, reasons and scripts.

Plain data for ``services.demo``: an MSP ("Northwind Shield IT") and a VA agency ("BrightDesk").
"""

from __future__ import annotations

from dataclasses import dataclass

from msp_desk.domain.enums import RewardCondition, RewardKind, ShopKind
from msp_desk.services.ladder_defaults import VA_HOURS_PER_BLOCK

FIRST_NAMES = (
    "Alex",
    "Maria",
    "James",
    "Priya",
    "Zoë",
    "Jürgen",
    "Siobhán",
    "José",
    "François",
    "Björn",
    "Ngozi",
    "Hiroshi",
    "Emily",
    "Daniel",
    "Sofia",
    "Michael",
    "Aisha",
    "Liam",
    "Chen",
    "Olivia",
    "Mateo",
    "Hannah",
    "Rahul",
    "Grace",
    "Łukasz",
    "Amélie",
    "Kwame",
    "Ingrid",
    "Diego",
    "Fatima",
    "Noah",
    "Mei",
    "Samuel",
    "Chloé",
    "Omar",
    "Ruth",
    "Tomás",
    "Yuki",
    "Brian",
    "Elena",
)
LAST_NAMES = (
    "Müller",
    "García",
    "O'Brien",
    "Nakamura",
    "Patel",
    "Johansson",
    "Okafor",
    "Smith",
    "Nguyễn",
    "Kowalski",
    "Rossi",
    "Dubois",
    "Lee",
    "Fernández",
    "Schmidt",
    "Walker",
    "Haddad",
    "Kim",
    "Andersson",
    "Brown",
    "Ivanova",
    "Mensah",
    "Carter",
    "Silva",
    "Novak",
    "Hughes",
    "Yamamoto",
    "Reyes",
    "Byrne",
    "Fischer",
)
DECIDER_ROLES = ("Owner", "CEO", "Managing partner", "Executive director", "COO", "Founder")
OTHER_ROLES = ("Office manager", "Operations manager", "Practice administrator", "Controller", "Assistant")


@dataclass(frozen=True)
class Profile:
    """Everything that differs between the MSP demo and the VA demo."""

    kind: str
    shop_name: str
    domain: str
    address: str
    phone: str
    staff: tuple[str, ...]  # who attends QBRs for the shop
    months: int  # months of history, ending at the last full month
    founding: int  # clients already on the books in the first three months
    churns: int  # churned clients (one of them returns)
    recent_churns: int  # ... of which in the trailing 12 months
    clients: tuple[tuple[str, str], ...]  # (name, industry); founding + newcomers
    upcoming: tuple[str, str]  # a referral won this month that starts next month
    killers: tuple[str, ...]  # problem accounts among ``clients``
    seats_median: int
    seats_range: tuple[int, int]
    seat_step: int  # 1 seat, or 10 hours
    rank_weights: tuple[int, int, int, int]
    founding_channels: tuple[tuple[str, int], ...]
    newcomer_channels: tuple[tuple[str, int], ...]
    initial_addons: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    addon_sequence: tuple[str, ...]
    premium_includes: tuple[str, ...]  # add-ons the top tier already includes
    ticket_rate: tuple[float, float, float, float]  # tickets per unit a month, by tier rank
    ticket_prefix: str
    sources: tuple[str, ...]
    subjects: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # P1..P4
    spend: tuple[tuple[str, int, str], ...]  # channel, base cents a month, note
    reward: tuple[str, int, str, int, int | None]  # kind, cents, condition, n, clawback months
    partners: tuple[tuple[str, str, str], ...]  # key (= kind), person, company
    pains: tuple[str, ...]
    churn_reasons: tuple[str, ...]
    lost_reasons: tuple[str, ...]
    prospects: tuple[tuple[str, str], ...]  # companies in the open referral pipeline
    projects: tuple[tuple[str, int, int], ...]  # description, min and max dollars
    project_share: tuple[float, float]  # one-off revenue as a share of the month's MRR
    accomplishments: tuple[str, ...]
    business_changes: tuple[str, ...]
    roadmap: tuple[tuple[str, str, int, int], ...]  # title, category, one-off $, MRR impact $
    killer_roadmap: tuple[tuple[str, str, int, int], ...]
    onboarding_steps: tuple[str, ...]


MSP = Profile(
    kind=ShopKind.MSP.value,
    shop_name="Northwind Shield IT",
    domain="northwindshield.example",
    address="1450 Harbor Blvd, Suite 300\nPortland, OR 97201",
    phone="(503) 555-0100",
    staff=("Jordan Blake (account manager)", "Sam Okafor (vCIO)"),
    months=36,
    founding=22,
    churns=7,
    recent_churns=3,
    clients=(
        ("Ōsaka Dental", "dental"),
        ("Zoë Müller Design", "architecture & design"),
        ("Harbor View Dental", "dental"),
        ("Hollis & Marsh Law", "legal"),
        ("Castellano Legal Group", "legal"),
        ("Pemberton Tax & Accounting", "accounting"),
        ("Ledgerline Bookkeeping", "accounting"),
        ("Keystone Precision Machining", "manufacturing"),
        ("Brennan Fabrication", "manufacturing"),
        ("Northbay Plastics", "manufacturing"),
        ("Riverbend Food Bank", "nonprofit"),
        ("Open Door Community Center", "nonprofit"),
        ("Summit Ridge Realty", "real estate"),
        ("Cornerstone Property Management", "real estate"),
        ("Lakeside Physical Therapy", "healthcare"),
        ("Willow Creek Pediatrics", "healthcare"),
        ("Atelier Lefèvre Architects", "architecture & design"),
        ("Sørensen Engineering", "engineering"),
        ("Halvorsen Builders", "construction"),
        ("Blue Heron Logistics", "logistics"),
        ("Café Olé Roasters", "hospitality"),
        ("Marquez Insurance Agency", "insurance"),
        ("Maple Grove Veterinary", "veterinary"),
        ("Pixel & Pine Creative", "marketing agency"),
        ("Crestline Wealth Partners", "financial services"),
        ("Little Acorns Montessori", "education"),
        ("Grace Fellowship Church", "nonprofit"),
        ("Duarte Auto Group", "automotive"),
        ("Fairway Orthodontics", "dental"),
        ("Kessler & Roth CPAs", "accounting"),
        ("Ironwood Title & Escrow", "real estate"),
        ("Bluebonnet Home Health", "healthcare"),
        ("Tanaka Architects", "architecture & design"),
        ("Greystone Capital Advisors", "financial services"),
        ("Redwood Valley Winery", "hospitality"),
        ("Mercer Family Law", "legal"),
        ("Apex Mechanical Contractors", "construction"),
        ("Seaside Chiropractic", "healthcare"),
        ("Novak Precision Tooling", "manufacturing"),
        ("Hearthstone Senior Living", "healthcare"),
        ("Quarry Lane Dental", "dental"),
        ("Wexford Real Estate Group", "real estate"),
        ("Élan Dance Academy", "education"),
        ("Birchwood Animal Hospital", "veterinary"),
        ("Copperline Electric", "construction"),
        ("Østergaard Shipping Agency", "logistics"),
    ),
    upcoming=("Pinecrest Family Dental", "dental"),
    killers=("Brennan Fabrication", "Summit Ridge Realty", "Duarte Auto Group"),
    seats_median=18,
    seats_range=(6, 70),
    seat_step=1,
    rank_weights=(30, 38, 22, 10),
    founding_channels=(("marketing", 5), ("outbound", 4), ("partner", 3), ("other", 4)),
    newcomer_channels=(("referral", 8), ("partner", 4), ("marketing", 10), ("outbound", 6), ("other", 2)),
    initial_addons=(
        ("Backup & recovery",),
        ("Backup & recovery", "Endpoint security (EDR)"),
        ("Backup & recovery", "Endpoint security (EDR)", "MFA & identity protection", "Email security"),
        (
            "Backup & recovery",
            "Endpoint security (EDR)",
            "MFA & identity protection",
            "Email security",
            "vCIO roadmap sessions",
        ),
    ),
    addon_sequence=(
        "Backup & recovery",
        "Endpoint security (EDR)",
        "MFA & identity protection",
        "Email security",
        "Line-of-business app support",
        "After-hours support",
        "Compliance reporting",
        "Policy management & device lifecycle",
        "vCIO roadmap sessions",
        "Multi-location governance",
    ),
    premium_includes=(),
    ticket_rate=(0.26, 0.22, 0.18, 0.15),
    ticket_prefix="T",
    sources=("portal", "email", "phone", "phone", "email", "monitoring"),
    subjects=(
        (
            "Internet outage at main office",
            "Server down: practice software unavailable",
            "Ransomware alert on a workstation",
            "Email not sending for all staff",
            "Firewall failure",
        ),
        (
            "VPN not connecting for remote staff",
            "Shared drive unavailable for accounting",
            "Phishing email clicked by a user",
            "Line-of-business app crashing on start",
            "Backup job failed twice",
        ),
        (
            "Outlook keeps asking for the password",
            "Printer offline on second floor",
            "Laptop running slow",
            "Reset MFA for a user",
            "Wi-Fi drops in the conference room",
            "QuickBooks won't open company file",
            "Teams audio not working",
            "Access request for the shared drive",
        ),
        (
            "New hire setup: laptop and accounts",
            "Install Adobe Acrobat",
            "Update email signature",
            "Offboard departing employee",
            "Order replacement monitor",
            "Add user to distribution list",
        ),
    ),
    spend=(
        ("marketing", 210_000, "Search ads, website and a webinar"),
        ("outbound", 120_000, "Sales development tools and calling lists"),
        ("referral", 30_000, "Client appreciation lunches and thank-you gifts"),
        ("partner", 25_000, "Lunch-and-learn with CPA and attorney partners"),
    ),
    reward=(RewardKind.SERVICE_CREDIT.value, 25_000, RewardCondition.PAID_MONTHS.value, 1, 6),
    partners=(
        ("cpa", "Dana Whitfield", "Whitfield & Ortiz CPAs"),
        ("attorney", "Marcus Greene", "Greene Law Group"),
        ("vendor", "Aiko Tanaka", "Ridgeline Telecom"),
    ),
    pains=(
        "antivirus fatigue",
        "patching delays",
        "weak backup testing",
        "phishing emails",
        "cyber-insurance questionnaires",
        "slow onboarding of new hires",
        "no IT documentation",
    ),
    churn_reasons=(
        "Closed the business",
        "Acquired by a larger firm with in-house IT",
        "Hired an in-house IT manager",
        "Merged with another practice on a different provider",
        "Unhappy with response times after an outage",
        "Owner retired and sold the practice",
        "Moved to a cheaper provider",
    ),
    lost_reasons=(
        "Chose a cheaper break-fix provider",
        "Budget freeze until next fiscal year",
        "Went with a relative who 'does computers'",
        "Needs 24x7 on-site support we don't offer",
        "No response after three follow-ups",
    ),
    prospects=(
        ("Fernhill Optometry", "healthcare"),
        ("Ramírez & Co. CPAs", "accounting"),
        ("Stonebridge Insurance", "insurance"),
        ("Juniper Street Bakery", "hospitality"),
        ("Cascade Physical Therapy", "healthcare"),
        ("Holloway Machine Works", "manufacturing"),
        ("Meadowlark Preschool", "education"),
        ("Bishop & Lowe Attorneys", "legal"),
        ("Kraków Deli & Market", "retail"),
        ("Silverline Staffing", "staffing"),
        ("Oakmont Veterinary", "veterinary"),
        ("Parkside Dental Arts", "dental"),
    ),
    projects=(
        ("Laptop refresh", 4_000, 16_000),
        ("Microsoft 365 migration", 3_500, 12_000),
        ("Firewall replacement", 2_500, 6_000),
        ("New office network build-out", 8_000, 24_000),
        ("Server replacement", 9_000, 22_000),
        ("Wi-Fi survey and upgrade", 2_000, 7_000),
        ("File server move to SharePoint", 3_000, 9_000),
        ("ERP rollout support", 6_000, 18_000),
        ("Security assessment and remediation", 3_000, 8_000),
        ("Phone system move to Teams", 2_500, 9_000),
    ),
    project_share=(0.12, 0.22),
    accomplishments=(
        "Closed all critical patches within 7 days",
        "Restored a deleted shared folder in 20 minutes",
        "Blocked 37 phishing emails aimed at the owner",
        "Onboarded 4 new hires with laptops ready on day one",
        "Replaced the failing office firewall",
        "Passed the cyber-insurance questionnaire",
        "Moved email to Microsoft 365 with no downtime",
        "Backup recovery drill: full restore in 2 hours",
        "Cut average ticket resolution time by a third",
        "Rolled out MFA to every account",
    ),
    business_changes=(
        "Hired 5 staff; 3 more planned next quarter",
        "Opening a second location in the spring",
        "Acquired a smaller competitor",
        "Insurer now requires MFA and EDR",
        "Owner plans to retire in two years",
        "Moving offices in six months",
        "Lost a major contract; cutting costs",
        "Rolling out new practice-management software",
    ),
    roadmap=(
        ("Replace end-of-life Windows 10 PCs", "lifecycle", 12_000, 0),
        ("Add endpoint detection and response", "security", 600, 300),
        ("Backup recovery drill twice a year", "continuity", 0, 0),
        ("Move the file server to SharePoint", "cloud", 6_500, 0),
        ("Wi-Fi upgrade for the warehouse", "infrastructure", 5_200, 0),
        ("Compliance evidence reporting for the board", "compliance", 1_200, 450),
        ("Standardize the second site on our baseline", "governance", 3_800, 500),
        ("Firewall replacement", "infrastructure", 4_200, 0),
        ("Security awareness training for all staff", "security", 0, 150),
        ("Server virtualization and refresh", "infrastructure", 18_000, 0),
        ("Move up to Premium for tighter response targets", "service", 0, 900),
    ),
    killer_roadmap=(
        ("Replace 9 end-of-life PCs", "lifecycle", 11_000, 0),
        ("Turn on MFA for all staff", "security", 800, 120),
        ("Move up to Growth for tested backups", "service", 0, 800),
    ),
    onboarding_steps=(
        "Kick-off call and access checklist",
        "Deploy monitoring agents on every device",
        "Document network, accounts and vendors",
        "30-day check-in call",
        "First 90-day review",
    ),
)

VA = Profile(
    kind=ShopKind.VA.value,
    shop_name="BrightDesk Virtual Assistants",
    domain="brightdesk.example",
    address="88 Market Street, Floor 4\nAsheville, NC 28801",
    phone="(828) 555-0142",
    staff=("Renée Castro (client success lead)",),
    months=30,
    founding=18,
    churns=5,
    recent_churns=2,
    clients=(
        ("Lumen Coaching Co.", "coaching"),
        ("Harper & Vale Realty", "real estate"),
        ("Kōhaku Tea Imports", "e-commerce"),
        ("Zoë Müller Design", "design studio"),
        ("Nguyễn Family Dentistry", "dental"),
        ("Peak Form Physio", "healthcare"),
        ("Saltmarsh Podcast Studio", "media"),
        ("Okonkwo Consulting", "consulting"),
        ("Fairleigh Mortgage Advisors", "mortgage"),
        ("Bramble & Birch Home Goods", "e-commerce"),
        ("Castillo Immigration Law", "legal"),
        ("Northstar Recruiting", "recruiting"),
        ("Evergreen Wellness Clinic", "healthcare"),
        ("Tidewater Charters", "hospitality"),
        ("Rivera Insurance Group", "insurance"),
        ("Mossgiel Wedding Films", "events"),
        ("Clearpath Financial Planning", "financial advisory"),
        ("Ashford Property Partners", "real estate"),
        ("Little Lantern Books", "publishing"),
        ("Sundial Solar Installers", "construction"),
        ("Björk Interiors", "design studio"),
        ("Greenleaf Landscaping", "home services"),
        ("Summit Speaker Bureau", "events"),
        ("Marlowe Executive Coaching", "coaching"),
        ("Paws & Whiskers Pet Care", "pet services"),
        ("Quill & Ledger Bookkeeping", "accounting"),
        ("Delgado Roofing", "home services"),
        ("Brightwater Yoga", "fitness"),
        ("Aurelia Skincare", "e-commerce"),
        ("Hartwell Family Law", "legal"),
    ),
    upcoming=("Cobalt Moving Co.", "logistics"),
    killers=("Tidewater Charters", "Delgado Roofing"),
    seats_median=40,
    seats_range=(20, 100),
    seat_step=VA_HOURS_PER_BLOCK,
    rank_weights=(35, 35, 20, 10),
    founding_channels=(("marketing", 4), ("outbound", 2), ("partner", 2), ("other", 3)),
    newcomer_channels=(("referral", 6), ("partner", 2), ("marketing", 9), ("outbound", 4), ("other", 2)),
    initial_addons=((), (), ("Backup VA coverage",), ("Growth Ops Mastermind", "Backup VA coverage")),
    addon_sequence=(
        "Backup VA coverage",
        "Priority turnaround",
        "Growth Ops Mastermind",
        "Weekly strategy huddle",
        "Monthly process audit",
    ),
    premium_includes=("Priority turnaround", "Weekly strategy huddle", "Monthly process audit"),
    ticket_rate=(0.15, 0.14, 0.13, 0.12),
    ticket_prefix="R",
    sources=("email", "slack", "portal", "email"),
    subjects=(
        (
            "Urgent: reschedule tomorrow's client meetings",
            "Same day: proposal must go out by 5pm",
            "Urgent: event venue cancelled, find a replacement",
        ),
        (
            "Follow up with 12 warm leads from the webinar",
            "Prepare the board meeting pack",
            "Chase three overdue invoices",
            "Confirm speakers for next week's event",
        ),
        (
            "Update CRM with last week's calls",
            "Book travel for the conference",
            "Format the SOP document",
            "Research 20 prospects in fintech",
            "Draft replies to customer emails",
            "Schedule social posts",
        ),
        (
            "Clean up shared drive folders",
            "Draft the monthly newsletter",
            "Update the vendor contact list",
            "Tidy the CRM tags",
        ),
    ),
    spend=(
        ("marketing", 95_000, "LinkedIn ads and the agency website"),
        ("outbound", 45_000, "Cold email tool and prospect lists"),
        ("referral", 15_000, "Thank-you cards and coffee gift cards"),
        ("partner", 12_000, "Co-hosted workshop with partners"),
    ),
    reward=(RewardKind.SERVICE_CREDIT.value, 10_000, RewardCondition.WEEKS_COMPLETED.value, 1, 3),
    partners=(
        ("cpa", "Priya Raman", "Raman Bookkeeping & Tax"),
        ("attorney", "Tomás Herrera", "Herrera Small Business Law"),
        ("vendor", "Chloé Martin", "Flowstack CRM Consulting"),
    ),
    pains=("lead follow-up", "appointment setting", "inbox overload", "CRM cleanup", "customer care backlog"),
    churn_reasons=(
        "Business closed",
        "Hired a full-time in-house assistant",
        "Project finished; no ongoing need",
        "Budget cuts after a slow season",
        "Moved to a cheaper offshore agency",
    ),
    lost_reasons=(
        "Hired a part-time local assistant",
        "Not ready to delegate yet",
        "Price too high for now",
        "Went with a freelancer from a marketplace",
        "No response after three follow-ups",
    ),
    prospects=(
        ("Willowbrook Doulas", "healthcare"),
        ("Carver Street Coffee", "hospitality"),
        ("Ingrid Solberg Photography", "creative"),
        ("Meridian Tax Pros", "accounting"),
        ("Redline Fitness Studio", "fitness"),
        ("Oakhurst Realty", "real estate"),
        ("Pemberly Event Co.", "events"),
        ("Søndergaard Ceramics", "e-commerce"),
        ("Bayview Orthodontics", "dental"),
        ("Crescent Career Coaching", "coaching"),
        ("Holt & Pryce Legal", "legal"),
        ("Tallgrass Outfitters", "e-commerce"),
    ),
    projects=(
        ("CRM migration and cleanup", 1_200, 4_000),
        ("Website content refresh", 800, 2_500),
        ("Course launch support", 1_500, 5_000),
        ("Event planning and logistics", 1_000, 4_000),
        ("Bookkeeping catch-up", 900, 3_000),
        ("SOP library build-out", 700, 2_400),
        ("Prospect research: 500 companies", 800, 2_000),
    ),
    project_share=(0.10, 0.18),
    accomplishments=(
        "Cleared a 600-email backlog in the first week",
        "Booked 42 discovery calls from webinar leads",
        "Cleaned 1,800 duplicate CRM contacts",
        "Cut lead response time from 2 days to 3 hours",
        "Launched the monthly client newsletter",
        "Built SOPs for onboarding new customers",
        "Handled 310 customer care emails rated 4.8/5",
        "Prepared the quarterly board pack two days early",
    ),
    business_changes=(
        "Launching a new online course in the fall",
        "Hired a second sales rep",
        "Expanding to a second city",
        "Owner on parental leave for three months",
        "Switching CRM to HubSpot",
        "Raising prices for the first time in three years",
    ),
    roadmap=(
        ("Automate the webinar lead follow-up sequence", "automation", 900, 0),
        ("Weekly pipeline cleanup", "CRM", 0, 380),
        ("Lead response within one hour", "sales ops", 0, 450),
        ("Document customer care SOPs", "process", 600, 0),
        ("Monthly process audit", "process", 0, 250),
        ("Move up to Growth for research and reporting", "service", 0, 700),
        ("Migrate contacts to the new CRM", "CRM", 1_500, 0),
    ),
    killer_roadmap=(
        ("Send requests through the portal, not texts at night", "process", 0, 0),
        ("Shared inbox with labels instead of forwarding", "process", 300, 0),
        ("Move up to Core for CRM follow-ups", "service", 0, 400),
    ),
    onboarding_steps=(
        "Kick-off call and tool access",
        "Write the first SOPs together",
        "Week-one review",
        "30-day check-in call",
        "First 90-day review",
    ),
)

PROFILES = {MSP.kind: MSP, VA.kind: VA}
