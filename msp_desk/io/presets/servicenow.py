"""ServiceNow: the incident list export, often an event log with several rows per incident
(each incident's last state is kept, by ``sys_updated_on``); ``made_sla`` is its SLA verdict.
Reassignment and reopen counts are not taken for first-contact resolution: that would be a guess."""

from msp_desk.io.presets import Preset

PRESET = Preset(
    name="servicenow",
    title="ServiceNow",
    columns={
        "tickets": {
            "external_id": ("number",),
            "client": ("company", "company.name", "account"),
            "subject": ("short_description",),
            "priority": ("priority",),
            "status": ("incident_state", "state"),
            "opened_at": ("opened_at", "sys_created_on", "sys_created_at"),
            "resolved_at": ("resolved_at", "closed_at"),
            "sla_met": ("made_sla",),
            "updated_at": ("sys_updated_on", "sys_updated_at"),
        },
    },
)
