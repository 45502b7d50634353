"""Syncro: its customer and contact export columns. Syncro documents no ticket CSV header, so
tickets read the names its API gives a ticket (``number``, ``customer_business_then_name``...)."""

from msp_desk.io.presets import Preset

PRESET = Preset(
    name="syncro",
    title="Syncro",
    columns={
        "clients": {
            # a residential customer has no business name: the person's name is the client's
            "name": ("business_name", ("firstname", "lastname")),
            "notes": ("notes",),
        },
        "contacts": {
            "name": ("name",),
            "role": ("title",),
            "email": ("email",),
            "phone": ("phone", "mobile"),
        },
        "tickets": {
            "external_id": ("number",),
            "client": ("customer_business_then_name", "business_name"),
            "subject": ("subject",),
            "priority": ("priority",),
            "status": ("status",),
            "opened_at": ("created_at",),
            "resolved_at": ("resolved_at",),
            "updated_at": ("updated_at",),
        },
    },
    note={"contacts": "Syncro's contact export names the client by customer_id only"},
)
