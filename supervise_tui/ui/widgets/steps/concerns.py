"""Concerns: raised in the peer's words, with an owner and a follow-up date."""

from __future__ import annotations

from textual.app import ComposeResult

from ....domain.enums import ConcernCategory
from ....services.walkthrough import STEP_HELP
from ..item_card import ItemCard
from .base import StepPane, intro


class ConcernsStep(StepPane):
    STEP = "concerns"
    LIST = "concerns"
    ADD_LABEL = "Add a concern"
    HELP = STEP_HELP["concerns"]

    def compose(self) -> ComposeResult:
        yield intro(
            "New concerns, in the peer's words. Each gets an owner and a follow-up "
            "date, and comes back next time until it is resolved."
        )
        yield from self.list_children()
        yield self.voices()

    def card(self, item, number: int) -> ItemCard:
        base = f"concerns.{item.id}"
        people = self.ctx.participant_options()
        return ItemCard(
            "concerns",
            item.id,
            f"Concern {number}",
            self.area_field("The concern", f"{base}.text"),
            self.select_field("Category", f"{base}.category", ConcernCategory.choices()),
            self.select_field("Raised by", f"{base}.raised_by", people),
            self.select_field("Owner (who follows it up)", f"{base}.owner", people),
            self.input_field(
                "Follow up by (date)", f"{base}.follow_up", "e.g. friday, 24/11", is_date=True
            ),
        )
