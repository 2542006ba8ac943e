"""Development goals: training, conferences, leading calls, adapting the work."""

from __future__ import annotations

from ....domain.enums import GoalArea
from ..fields import Field
from .base import ListStep


class GoalsStep(ListStep):
    STEP = "goals"

    def fields(self, base: str) -> list[Field]:
        return [
            self.input_field("Goal", f"{base}.text"),
            self.select_field("Area", f"{base}.area", GoalArea.choices()),
            self.input_field("Target date", f"{base}.target_date", "e.g. 2027-03-01", is_date=True),
            self.input_field("Progress so far (0–100%)", f"{base}.progress", "0"),
            self.input_field("Next step", f"{base}.next_step"),
        ]
