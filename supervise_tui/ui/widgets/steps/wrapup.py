"""Wrap-up: agreed actions with owners, the next date, each person's closing words."""

from __future__ import annotations

from textual.app import ComposeResult

from ....services.walkthrough import STEP_HELP
from ..fields import Field
from .base import ListStep, intro

LEARNING = "What I learned, and will do differently — supervisor (optional; shared)"


class WrapUpStep(ListStep):
    STEP = "wrap_up"
    HELP = STEP_HELP["wrap_up"] + " F6 (or F8 here) goes to the summary for sign-off."

    def compose(self) -> ComposeResult:
        yield intro(self.INTRO)
        yield from self.list_children()
        yield self.input_field(
            "Next session", "next_session", "e.g. in 1 week, 01/12/2026", is_date=True
        )
        yield self.input_field("Began", "started", "e.g. 10:05")
        yield self.input_field("Ended", "ended", "at finishing, or e.g. 10:55")
        yield self.voices(f"Closing words — {self.ctx.peer_name}", "Closing words — supervisor")
        yield self.area_field(LEARNING, "learning")

    def fields(self, base: str) -> list[Field]:
        return [
            self.input_field("Action", f"{base}.text"),
            self.select_field("Owner", f"{base}.owner", self.ctx.participant_options()),
            self.input_field("Due", f"{base}.due", "e.g. friday, 01/12", is_date=True),
        ]
