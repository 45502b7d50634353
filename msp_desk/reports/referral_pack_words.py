"""The referral pack's words by the shop's kind: an MSP's tickets and risk walkthrough (seed 000),
a VA agency's requests and workflow review (seed 004)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindWords:
    ticket: str  # "ticket" or "request"
    business: str  # who a client is
    headline: str  # with "{industry}"
    headline_plain: str  # without an industry
    promise: str  # the line under the headline when no pain is given
    pain_line: str  # with "{pain}"
    help_plain: str  # who we help, without clients to count yet
    outcomes: tuple[str, ...]
    offer_title: str
    offer_text: str
    priorities: tuple[str, str, str, str]  # P1..P4 in plain words


MSP_WORDS = KindWords(
    ticket="ticket",
    business="business",
    headline="IT that keeps {industry} running",
    headline_plain="IT that keeps your business running",
    promise="Stable systems, tested backups and a helpdesk that answers, so your staff stop losing time to IT.",
    pain_line="Struggling with {pain}? We will show you what to fix first.",
    help_plain="Small and growing businesses that want their IT handled properly without hiring an IT department.",
    outcomes=(
        "Fewer interruptions: monitoring and patching catch problems before your staff do.",
        "Protection that is tested: backups with recovery drills, endpoint security and MFA.",
        "Clear monthly reporting for leadership instead of guessing.",
        "A roadmap tied to your business goals, reviewed with you every quarter.",
    ),
    offer_title="A free 30-minute risk walkthrough",
    offer_text=(
        "We look at your patching, backups and endpoint security with you and show you what we "
        "found: the gaps, what they risk, and what to fix first. No obligation."
    ),
    priorities=("Critical", "High", "Normal", "Low"),
)

VA_WORDS = KindWords(
    ticket="request",
    business="business owner",
    headline="More done every week for {industry}",
    headline_plain="More done every week, without hiring in-house",
    promise="Your inbox, calendar, CRM and follow-ups handled by a team that reports back, so no lead is missed.",
    pain_line="Held back by {pain}? We will show you what to hand off first.",
    help_plain="Busy owners who want their admin, scheduling and follow-ups handled without hiring in-house.",
    outcomes=(
        "Inbox, calendar and documents handled every week.",
        "Cleaner CRM data and no missed follow-ups.",
        "Faster lead response and appointment setting.",
        "A named lead who reviews what is working every month.",
    ),
    offer_title="A free 15-minute workflow review",
    offer_text=(
        "We look at how your lead follow-up and appointment setting run today and show you what "
        "to hand off first, and how many hours it frees. No obligation."
    ),
    priorities=("Urgent", "High", "Normal", "Low"),
)


def kind_words(kind: str) -> KindWords:
    return VA_WORDS if kind == "va" else MSP_WORDS
