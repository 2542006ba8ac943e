"""The peer's feedback on the supervision itself."""

from __future__ import annotations

from textual.app import ComposeResult

from ....domain.enums import FeedbackKey
from ..fields import InlineField, message_line
from .base import StepPane, intro


class FeedbackStep(StepPane):
    STEP = "feedback"

    def compose(self) -> ComposeResult:
        yield intro(
            "For the peer: how is this supervision working for you? "
            "1 = not at all … 5 = fully; blank = skip."
        )
        for key in FeedbackKey:
            path = f"feedback.ratings.{key.value}"
            yield InlineField(key.label, self.rating_input(path))
            yield message_line(path, self.note_for(path))
        yield self.area_field(
            f"In {self.ctx.peer_name}'s own words: what helps, what does not", "feedback.text"
        )
        yield self.area_field("Supervisor's notes", "voices.feedback.supervisor")
