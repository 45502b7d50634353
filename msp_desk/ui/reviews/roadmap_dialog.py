"""Add or edit one item of a client's vCIO roadmap (title, category, horizon, status, one-off cost,
MRR impact, the ladder change it stands for: an add-on to add or a tier to move to), and plan the
next 90 days at a QBR; each refusal beside its field, saved through ``Edits``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from msp_desk.domain.enums import Horizon, RoadmapStatus
from msp_desk.domain.horizons import HORIZON_WORDS, STATUS_WORDS, in_next_90_days, is_open
from msp_desk.services.changes import Changes
from msp_desk.services.reviews import roadmap
from msp_desk.services.reviews.roadmap import RoadmapRow
from msp_desk.services.shop.settings import shop_profile
from msp_desk.store.database import Database
from msp_desk.ui.clients.account_dialog import checked_ids
from msp_desk.ui.common.fields import money_input_text, parse_money_text
from msp_desk.ui.common.form_dialog import FormDialog
from msp_desk.ui.edits import Edits

NO_LINK = ""  # the link combo's data for "no ladder change"; else "addon:<id>" or "tier:<id>"


def link_key(item: RoadmapRow) -> str:
    """The link combo's data for the ladder change ``item`` stands for."""
    if item.addon_id is not None:
        return f"addon:{item.addon_id}"
    return f"tier:{item.tier_id}" if item.tier_id is not None else NO_LINK


class RoadmapItemDialog(FormDialog):
    """``RoadmapItemDialog(db, edits, client_id, today, item=None, horizon=)``: a new item (in
    ``horizon``), or ``item`` edited."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        client_id: int,
        today: dt.date,
        item: RoadmapRow | None = None,
        horizon: str = Horizon.THIS_QUARTER.value,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            edits,
            name="roadmap_item_dialog",
            title="Edit roadmap item" if item else "New roadmap item",
            accept="Save",
            accept_name="roadmap_save",
            min_width=460,
            prefix="roadmap_",
            aliases={
                "est_one_off_cents": "one_off",
                "mrr_impact_cents": "mrr_impact",
                "tier_id": "link",
                "addon_id": "link",
            },
            parent=parent,
        )
        self._db, self._client_id, self._item, self._today = db, client_id, item, today
        profile = shop_profile(db)
        self._currency, self._locale = profile.currency, profile.locale
        self.title_ = self.row("Title", "title", QLineEdit())
        self.title_.setPlaceholderText("What to do, in a line (e.g. Move files to SharePoint)")
        self.category = self.row("Category", "category", QLineEdit())
        self.category.setPlaceholderText("Security, backup, hardware, cloud… (optional)")
        self.horizon = self.row("When", "horizon", QComboBox())
        for horizon in Horizon:
            self.horizon.addItem(HORIZON_WORDS[horizon], horizon.value)
        self.status = self.row("Status", "status", QComboBox())
        for status in RoadmapStatus:
            self.status.addItem(STATUS_WORDS[status], status.value)
        self.one_off = self.row("One-off cost", "one_off", QLineEdit())
        self.one_off.setPlaceholderText("The project's price, e.g. 2,400 (optional)")
        self.mrr_impact = self.row("MRR impact", "mrr_impact", QLineEdit())
        self.mrr_impact.setPlaceholderText("Change to the monthly bill, e.g. 150 or -40 (optional)")
        self.link = self.row("Ladder change", "link", QComboBox())
        self.link.addItem("None", NO_LINK)
        addons, tiers = roadmap.ladder_links(db)
        for addon_id, name in addons:
            self.link.addItem(f"Add the add-on {name}", f"addon:{addon_id}")
        for tier_id, name in tiers:
            self.link.addItem(f"Move to the tier {name}", f"tier:{tier_id}")
        self.link.setToolTip("Accepting the item then opens that account change with its preview")
        self.horizon.setCurrentIndex(max(0, self.horizon.findData(item.horizon if item else horizon)))
        if item is not None:
            self.title_.setText(item.title)
            self.category.setText(item.category)
            self.status.setCurrentIndex(max(0, self.status.findData(item.status)))
            self.one_off.setText(
                money_input_text(item.est_one_off_cents or None, self._locale, self._currency)
            )
            self.mrr_impact.setText(
                money_input_text(item.mrr_impact_cents or None, self._locale, self._currency)
            )
            self.link.setCurrentIndex(max(0, self.link.findData(link_key(item))))
        self.title_.setFocus()

    def values(self) -> dict[str, object]:
        """The fields as the roadmap services take them; malformed money raises ValidationError."""
        kind, _, number = str(self.link.currentData() or "").partition(":")
        link_id = int(number) if number else None
        one_off = parse_money_text(self.one_off.text(), "one_off", self._currency, self._locale)
        mrr = parse_money_text(
            self.mrr_impact.text(), "mrr_impact", self._currency, self._locale, negative=True
        )
        return {
            "title": self.title_.text(),
            "category": self.category.text(),
            "horizon": self.horizon.currentData(),
            "status": self.status.currentData(),
            "est_one_off_cents": one_off or 0,
            "mrr_impact_cents": mrr or 0,
            "addon_id": link_id if kind == "addon" else None,
            "tier_id": link_id if kind == "tier" else None,
        }

    def submit(self) -> bool:
        """Save the item; the dialog closes on success, stays open with the error otherwise."""
        item, client_id, today = self._item, self._client_id, self._today

        def write() -> Changes:
            if item is None:
                return roadmap.add_item(self._db, client_id, today, **self.values())
            return roadmap.update_item(self._db, item.id, today, **self.values())

        return self.commit(write)


class PlanNext90DaysDialog(FormDialog):
    """The plan of a QBR (seed 001 §4): tick the open items to do in the next 90 days; Plan moves
    them there and pushes every other open item of the next 90 days back one horizon."""

    def __init__(
        self,
        db: Database,
        edits: Edits,
        client_id: int,
        today: dt.date,
        rows: Sequence[RoadmapRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            edits,
            name="roadmap_plan_dialog",
            title="Plan the next 90 days",
            accept="Plan",
            accept_name="roadmap_plan",
            min_width=520,
            parent=parent,
        )
        self._db, self._client_id, self._today = db, client_id, today
        self.rows = [r for r in rows if is_open(r.status)]
        self.items = QListWidget()
        self.items.setObjectName("roadmap_plan_items")
        for row in self.rows:
            entry = QListWidgetItem(f"{row.title} · {HORIZON_WORDS[Horizon(row.horizon)]}")
            entry.setData(Qt.ItemDataRole.UserRole, row.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            under_way = row.status == RoadmapStatus.IN_PROGRESS.value  # work begun is kept near
            entry.setCheckState(Qt.CheckState.Checked if under_way else Qt.CheckState.Unchecked)
            self.items.addItem(entry)
        self.items.itemChanged.connect(self.preview_soon)
        self.intro.addWidget(
            QLabel(
                "Tick what to do in the next 90 days; the rest of the next 90 days moves back one horizon."
            )
        )
        self.wide_row("chosen", self.items)
        self.preview = self.live_preview("roadmap_plan_preview")
        self.update_preview()

    def chosen(self) -> list[int]:
        return checked_ids(self.items)

    def rehearse(self) -> tuple[str, bool]:
        chosen = set(self.chosen())
        back = [r for r in self.rows if r.id not in chosen and in_next_90_days(r.horizon)]
        brought = [r for r in self.rows if r.id in chosen and not in_next_90_days(r.horizon)]
        return (
            f"{len(chosen)} in the next 90 days ({len(brought)} brought forward); "
            f"{len(back)} pushed back one horizon",
            bool(chosen or back),
        )

    def submit(self) -> bool:
        chosen, client_id, today = self.chosen(), self._client_id, self._today
        return self.commit(lambda: roadmap.plan_next_90_days(self._db, client_id, chosen, today))
