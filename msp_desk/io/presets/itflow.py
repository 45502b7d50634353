"""ITFlow: its client import template (read by position, as ITFlow itself reads it) and its
ticket export (by name; the database's first-response and SLA columns where a report adds them)."""

from msp_desk.io.presets import Preset

CLIENT_TEMPLATE = (
    "Client Name", "Industry", "Referral", "Website", "Primary Location Name", "Location Phone",
    "Location Address", "City", "State", "Postal Code", "Country", "Primary Contact Name", "Title",
    "Contact Phone", "Extension", "Contact Mobile", "Contact Email", "Hourly Rate", "Currency",
    "Payment Terms", "Tax ID", "Abbreviation",
)  # fmt: skip

PRESET = Preset(
    name="itflow",
    title="ITFlow",
    columns={
        "tickets": {
            "external_id": ("Ticket Number", "ticket_number"),
            "client": ("Client", "client_name"),
            "subject": ("Subject", "ticket_subject"),
            "priority": ("Priority", "ticket_priority"),
            "status": ("Status", "ticket_status"),
            "opened_at": ("Date Opened", "ticket_created_at"),
            "first_response_at": ("ticket_first_response_at",),
            "resolved_at": ("Date Resolved", "ticket_resolved_at", "Date Closed", "ticket_closed_at"),
            "sla_met": ("ticket_resolution_sla_met",),
        },
    },
    positions={"clients": CLIENT_TEMPLATE, "contacts": CLIENT_TEMPLATE},
    position_fields={
        "clients": {"name": 0, "industry": 1},
        "contacts": {"client": 0, "name": 11, "role": 12, "phone": 13, "email": 16},
    },
)
