"""Strengths: named skills with a concrete example. They come before concerns."""

from __future__ import annotations

from ....domain.enums import NoticedBy
from ..fields import Field
from .base import ListStep


class StrengthsStep(ListStep):
    STEP = "strengths"
    ADD_LABEL = "Add a strength"
    INTRO = "Name a specific skill and a moment it showed. Who noticed it?"

    def fields(self, base: str) -> list[Field]:
        return [
            self.input_field("Skill", f"{base}.skill", "e.g. listening without fixing"),
            self.input_field("A concrete example", f"{base}.example"),
            self.select_field("Noticed by", f"{base}.noticed_by", NoticedBy.choices()),
        ]
