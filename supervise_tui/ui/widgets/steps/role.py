"""Role negotiation: each activity held against the peer role."""

from __future__ import annotations

from ....domain.enums import Decision, Fit, KeyFunction
from ..fields import Field
from .base import ListStep


class RoleStep(ListStep):
    STEP = "role"

    def fields(self, base: str) -> list[Field]:
        return [
            self.input_field("Activity or task", f"{base}.activity"),
            self.select_field("Key function it serves", f"{base}.function", KeyFunction.choices()),
            self.select_field("Fit with the peer role", f"{base}.fit", Fit.choices()),
            self.input_field("Why it was asked (the supervisor's reason)", f"{base}.rationale"),
            self.select_field("What you agreed", f"{base}.decision", Decision.choices()),
        ]
