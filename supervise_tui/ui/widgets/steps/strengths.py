"""Strengths: named skills with a concrete example. They come before concerns."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button, Static

from ....domain.enums import NoticedBy
from ....domain.text import excerpt
from ....services.draft_edit import field_warning
from ....services.ideas import to_name_as_strength
from ..fields import Field
from .base import ListStep, intro


class StrengthsStep(ListStep):
    STEP = "strengths"
    ADD_LABEL = "Add a strength"
    INTRO = "Name a specific skill and a moment it showed. Who noticed it?"

    def compose(self) -> ComposeResult:
        yield intro(self.INTRO)
        offered = to_name_as_strength(self.ctx.tracks, self.ctx.draft, self.ctx.named)
        if offered:  # newest decision first, every one (the step scrolls)
            yield Static(
                "Ideas the team adopted can be named as a strength (newest first):",
                classes="intro",
                id="idea-strengths",
            )
        for track in offered:
            label = f"+ Name as a strength: {excerpt(track.current.text, 40)}"
            yield Button(label, name=track.id, classes="idea-strength", compact=True)
        yield from self.list_children()
        yield self.voices()

    def fields(self, base: str) -> list[Field]:
        example = self.input_field("A concrete example", f"{base}.example")
        said = self.text(f"{base}.example")  # an adopted idea's words: a name is warned of
        example.note = example.note or field_warning(
            f"{base}.example", said, self.ctx.known, self.ctx.draft
        )
        return [
            self.input_field("Skill", f"{base}.skill", "e.g. listening without fixing"),
            example,
            self.select_field("Noticed by", f"{base}.noticed_by", NoticedBy.choices()),
        ]
