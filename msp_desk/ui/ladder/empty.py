"""The Ladder page of a shop with no rungs yet: what a ladder is, and the offer of its kind's
default (``LadderOffer``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from msp_desk.services.ladder.defaults import ladder_specs
from msp_desk.ui.common.empty_state import EmptyState

KIND_WORDS = {
    "msp": ("a managed-IT shop", "per seat a month"),
    "va": ("a virtual-assistant agency", "for a block of hours a month"),
}


def offer_text(kind: str) -> str:
    """What the default ladder of ``kind`` holds, from the ladder a new shop of that kind gets."""
    tiers, addons, _model = ladder_specs(kind)
    shop, unit = KIND_WORDS.get(kind, KIND_WORDS["msp"])
    names = [t.name for t in tiers]
    rungs = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
    return (
        "Your ladder is the service you sell, as rungs: each one a fuller package at a higher price, "
        "so a client can start small and move up. Add-ons sit beside the rungs, by growth stage "
        "(run, protect, optimize, scale). Clients are started on a rung, and the dashboard's MRR, "
        f"margin and upgrades are read from it.\n\nThe default for {shop}: {rungs} {unit}, with "
        f"{len(addons)} add-ons and the response targets of each rung. Every name, price, cost and "
        "target can be edited afterwards (and Ctrl+Z undoes the set-up)."
    )


class LadderOffer(EmptyState):
    """The empty-ladder card (``ladder_empty``) with "Set up the default ladder"
    (``set_up_ladder``), which calls ``set_up``."""

    def __init__(self, set_up: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__("ladder_empty", "No rungs yet", offer_text("msp"), parent)
        self.set_up_button = self.add_action("Set up the default ladder", "set_up_ladder", set_up)
        self._kind = ""

    def show_for(self, kind: str, *, has_tiers: bool) -> None:
        """Shown (with ``kind``'s default described) only while the shop has no rungs."""
        if kind != self._kind:
            self._kind = kind
            self.set_text("No rungs yet", offer_text(kind))
        self.setVisible(not has_tiers)
