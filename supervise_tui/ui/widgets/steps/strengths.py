"""Strengths: named skills with a concrete example. They come before concerns."""

from __future__ import annotations

from textual.app import ComposeResult

from ....domain.enums import NoticedBy
from ....services.walkthrough import STEP_HELP
from ..item_card import ItemCard
from .base import StepPane, intro


class StrengthsStep(StepPane):
    STEP = "strengths"
    LIST = "strengths"
    ADD_LABEL = "Add a strength"
    HELP = STEP_HELP["strengths"]

    def compose(self) -> ComposeResult:
        yield intro("Name a specific skill and a moment it showed. Who noticed it?")
        yield from self.list_children()
        yield self.voices()

    def card(self, item, number: int) -> ItemCard:
        base = f"strengths.{item.id}"
        return ItemCard(
            "strengths",
            item.id,
            f"Strength {number}",
            self.input_field("Skill", f"{base}.skill", "e.g. listening without fixing"),
            self.input_field("A concrete example", f"{base}.example"),
            self.select_field("Noticed by", f"{base}.noticed_by", NoticedBy.choices()),
        )
