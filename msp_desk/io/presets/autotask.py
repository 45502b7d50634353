"""Autotask: the organization import template, and the REST ticket fields (its numeric
priorities are 1 High, 2 Medium, 3 Low, 4 Critical)."""

from msp_desk.domain.enums import Priority
from msp_desk.io.presets import Preset

PRESET = Preset(
    name="autotask",
    title="Autotask",
    columns={
        "clients": {"name": ("Name*", "Name", "Organization Name", "companyName")},
        "tickets": {
            "external_id": ("ticketNumber", "Ticket Number", "id"),
            "client": ("Organization", "companyName", "Company", "Account"),
            "subject": ("title", "Title"),
            "priority": ("priority", "Priority"),
            "status": ("status", "Status"),
            "opened_at": ("createDate", "Created"),
            "first_response_at": ("firstResponseDateTime",),
            "resolved_at": ("resolvedDateTime", "completedDate"),
            "sla_met": ("serviceLevelAgreementHasBeenMet",),
            "updated_at": ("lastActivityDate",),
        },
    },
    priority_numbers={1: Priority.P2, 2: Priority.P3, 3: Priority.P4, 4: Priority.P1},
)
