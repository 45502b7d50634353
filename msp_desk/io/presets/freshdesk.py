"""Freshdesk: its ticket CSV export (times ``YYYY-MM-DD HH:MM:SS``, priorities Urgent/High/
Medium/Low, the company by name); its requesters are its contacts."""

from msp_desk.io.presets import Preset

PRESET = Preset(
    name="freshdesk",
    title="Freshdesk",
    columns={
        "contacts": {
            "client": ("Company Name",),
            "name": ("Full name",),
            "role": ("Title",),
            "email": ("Email",),
            "phone": ("Mobile phone", "Work phone"),
        },
        "tickets": {
            "external_id": ("Ticket ID",),
            "client": ("Company Name",),
            "subject": ("Subject",),
            "priority": ("Priority",),
            "status": ("Status",),
            "opened_at": ("Created time",),
            "resolved_at": ("Resolved time", "Closed time"),
            "sla_met": ("Resolution status",),
            "source": ("Source",),
            "updated_at": ("Last update time",),
        },
    },
)
