"""Strengths: named skills with a concrete example. They come before concerns."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Static

from ....domain.enums import NoticedBy
from ....domain.text import excerpt
from ....services.draft_edit import field_warning
from ....services.ideas import to_name_as_strength
from ..fields import Field
from .base import ListStep, intro


class StrengthsStep(ListStep):
    STEP = "strengths"

    def compose(self) -> ComposeResult:
        yield intro(self.INTRO)
        yield from self.offers()
        yield from self.list_children()
        yield self.voices()

    def offers(self) -> list[Widget]:
        """A button for each adopted idea not yet named, newest decision first, every one
        (the step scrolls)."""
        offered = to_name_as_strength(self.ctx.tracks, self.ctx.draft, self.ctx.named)
        if not offered:
            return []
        heading = "Ideas the team adopted can be named as a strength (newest first):"
        return [
            Static(heading, classes="intro", id="idea-strengths"),
            *(
                Button(
                    f"+ Name as a strength: {excerpt(t.current.text, 40)}",
                    name=t.id,
                    classes="idea-strength",
                    compact=True,
                )
                for t in offered
            ),
        ]

    async def refresh_offers(self) -> None:
        """The offers again, as the draft stands now (an idea adopted in Review since)."""
        await self.query("#idea-strengths, .idea-strength").remove()
        widgets = self.offers()
        if widgets:
            await self.mount_all(widgets, after=0)  # under the step's intro

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
