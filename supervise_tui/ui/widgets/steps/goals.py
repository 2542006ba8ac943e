"""Development goals: training, conferences, leading calls, adapting the work."""

from __future__ import annotations

from textual.app import ComposeResult

from ....domain.enums import GoalArea
from ....services.walkthrough import STEP_HELP
from ..item_card import ItemCard
from .base import StepPane, intro


class GoalsStep(StepPane):
    STEP = "goals"
    LIST = "goals"
    ADD_LABEL = "Add a goal"
    HELP = STEP_HELP["goals"]

    def compose(self) -> ComposeResult:
        yield intro("New development goals. Earlier goals are updated in the Review step.")
        yield from self.list_children()
        yield self.voices()

    def card(self, item, number: int) -> ItemCard:
        base = f"goals.{item.id}"
        return ItemCard(
            "goals",
            item.id,
            f"Goal {number}",
            self.input_field("Goal", f"{base}.text"),
            self.select_field("Area", f"{base}.area", GoalArea.choices()),
            self.input_field("Target date", f"{base}.target_date", "e.g. 2027-03-01", is_date=True),
            self.input_field("Progress so far (0–100%)", f"{base}.progress", "0"),
            self.input_field("Next step", f"{base}.next_step"),
        )
