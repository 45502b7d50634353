"""ConnectWise PSA: the company and ticket fields of its REST API (as a CSV of them writes them,
nested names with a slash: ``company/name``)."""

from msp_desk.io.presets import Preset

PRESET = Preset(
    name="connectwise",
    title="ConnectWise PSA",
    columns={
        "clients": {
            "name": ("name", "Company Name"),
            "industry": ("market", "market/name"),
            "employees": ("numberOfEmployees",),
            "start_date": ("dateAcquired",),
        },
        "tickets": {
            "external_id": ("id", "Ticket #"),
            "client": ("company/name", "company.name", "companyName", "Company"),
            "subject": ("summary", "Summary"),
            "priority": ("priority/name", "priority.name", "priority", "Priority"),
            "status": ("status/name", "status.name", "status", "Status"),
            "opened_at": ("dateEntered", "_info/dateEntered", "Date Entered"),
            "first_response_at": ("dateResponded",),
            "resolved_at": ("dateResolved", "closedDate"),
            "sla_met": ("isInSla",),
            "source": ("source/name", "source.name"),
            "updated_at": ("_info/lastUpdated", "lastUpdated"),
        },
    },
)
