"""HaloPSA: the ticket ("Faults") fields of its API and SQL reports; ``slastate`` is I (in) or
O (out). It has no client export to read."""

from msp_desk.io.presets import Preset

PRESET = Preset(
    name="halopsa",
    title="HaloPSA",
    columns={
        "tickets": {
            "external_id": ("id", "faultid"),
            "client": ("client_name", "clientname", "areaint"),
            "subject": ("summary", "symptom"),
            "priority": ("priority_id", "priority", "seriousness"),
            "status": ("status_id", "status"),
            "opened_at": ("dateoccurred",),
            "first_response_at": ("responsedate", "first_responsedate"),
            "resolved_at": ("dateclosed",),
            "sla_met": ("slastate",),
        },
    },
)
