"""Role negotiation: each activity held against the peer role."""

from __future__ import annotations

from textual.app import ComposeResult

from ....domain.enums import Decision, Fit, KeyFunction
from ..item_card import ItemCard
from .base import StepPane, intro


class RoleStep(StepPane):
    STEP = "role"
    LIST = "role_items"
    ADD_LABEL = "Add an activity"
    HELP = (
        "Role negotiation is a standing topic of every session. For each task or activity of "
        "the week, say which of the four key functions of peer support it serves, whether it "
        "fits the peer role (in role, unsure, or drifting towards case management or clinical "
        "work), why it was asked for, and what you agree. Unclear roles are the supervisor's "
        "to own. Over time this shows drift before it sets in."
    )

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
