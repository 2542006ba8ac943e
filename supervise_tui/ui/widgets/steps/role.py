"""Role negotiation: each activity held against the peer role."""

from __future__ import annotations

from textual.app import ComposeResult

from ....domain.enums import Decision, Fit, KeyFunction
from ....services.walkthrough import STEP_HELP
from ..item_card import ItemCard
from .base import StepPane, intro


class RoleStep(StepPane):
    STEP = "role"
    LIST = "role_items"
    ADD_LABEL = "Add an activity"
    HELP = STEP_HELP["role"]

    def compose(self) -> ComposeResult:
        yield intro(
            "Go through the week's activities: does each fit the peer role? "
            "Say why it was asked, and agree what happens next."
        )
        yield from self.list_children()
        yield self.voices()

    def card(self, item, number: int) -> ItemCard:
        base = f"role_items.{item.id}"
        return ItemCard(
            "role_items",
            item.id,
            f"Activity {number}",
            self.input_field("Activity or task", f"{base}.activity"),
            self.select_field("Key function it serves", f"{base}.function", KeyFunction.choices()),
            self.select_field("Fit with the peer role", f"{base}.fit", Fit.choices()),
            self.input_field("Why it was asked (the supervisor's reason)", f"{base}.rationale"),
            self.select_field("What you agreed", f"{base}.decision", Decision.choices()),
        )
