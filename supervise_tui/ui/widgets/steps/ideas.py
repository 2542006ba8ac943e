"""Ideas and what the people we serve are saying: noted in the peer's words (never a
client's name), taken to the team, and the team's reason told back."""

from __future__ import annotations

from ....domain.enums import IdeaKind
from ....services.draft_edit import field_warning
from ..fields import Field
from .base import ListStep


class IdeasStep(ListStep):
    STEP = "ideas"

    def fields(self, base: str) -> list[Field]:
        text = self.area_field("The idea, or what clients are saying", f"{base}.text")
        warning = field_warning(f"{base}.text", self.text(f"{base}.text"), self.ctx.known)
        text.note = text.note or warning
        return [
            text,
            self.select_field("What it is", f"{base}.kind", IdeaKind.choices(), blank=None),
            self.select_field("Raised by", f"{base}.raised_by", self.ctx.participant_options()),
        ]
