"""Concerns: raised in the peer's words, with an owner and a follow-up date."""

from __future__ import annotations

from ....domain.enums import ConcernCategory
from ..fields import Field
from .base import ListStep


class ConcernsStep(ListStep):
    STEP = "concerns"

    def fields(self, base: str) -> list[Field]:
        people = self.ctx.participant_options()
        return [
            self.area_field("The concern", f"{base}.text"),
            self.select_field("Category", f"{base}.category", ConcernCategory.choices()),
            self.select_field("Raised by", f"{base}.raised_by", people),
            self.select_field("Owner (who follows it up)", f"{base}.owner", people),
            self.input_field(
                "Follow up by (date)", f"{base}.follow_up", "e.g. friday, 24/11", is_date=True
            ),
        ]
