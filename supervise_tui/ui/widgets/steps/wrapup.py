"""Wrap-up: agreed actions with owners, the next date, each person's closing words."""

from __future__ import annotations

from textual.app import ComposeResult

from ..item_card import ItemCard
from ..voices import VoicesBox
from .base import StepPane, intro


class WrapUpStep(StepPane):
    STEP = "wrap_up"
    LIST = "actions"
    ADD_LABEL = "Add an action"
    HELP = (
        "Agree the actions, each with an owner and a due date. Some belong to the supervisor: "
        "advocating for the peer role inside the organisation is part of the job, and its "
        "follow-through shows in the record too. Confirm the next session date and let each "
        "person say a few closing words. F6 (or F8 here) goes to the summary for sign-off."
    )

    def compose(self) -> ComposeResult:
        yield intro(
            "Agreed actions (owner and due date), the next session, closing words. "
            "Then F6 for the summary and sign-off."
        )
        yield from self.list_children()
        yield self.input_field(
            "Next session", "next_session", "e.g. in 1 week, 01/12/2026", is_date=True
        )
        yield self.input_field("Began", "started", "e.g. 10:05")
        yield self.input_field("Ended", "ended", "at finishing, or e.g. 10:55")
        yield VoicesBox(
            "wrap_up",
            self.ctx.peer_name,
            self.text("voices.wrap_up.peer"),
            self.text("voices.wrap_up.supervisor"),
            peer_label=f"Closing words — {self.ctx.peer_name}",
            sup_label="Closing words — supervisor",
        )

    def card(self, item, number: int) -> ItemCard:
        base = f"actions.{item.id}"
        return ItemCard(
            "actions",
            item.id,
            f"Action {number}",
            self.input_field("Action", f"{base}.text"),
            self.select_field("Owner", f"{base}.owner", self.ctx.participant_options()),
            self.input_field("Due", f"{base}.due", "e.g. friday, 01/12", is_date=True),
        )
