"""Check-in: how the peer is arriving, and four ratings framed as check-ins."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.markup import escape
from textual.widgets import Static

from ....domain.enums import RatingKey
from ..fields import InlineField, message_line, text_input
from .base import StepPane, intro


class CheckInStep(StepPane):
    STEP = "check_in"

    def compose(self) -> ComposeResult:
        draft = self.ctx.draft
        if draft.agenda or draft.peer_note.strip():
            lines = [f"[b]{escape(self.ctx.peer_name)} asked to talk about:[/b]"]
            lines += [f"  • {escape(item.text)}" for item in draft.agenda]
            if draft.peer_note.strip():
                lines.append(f"  Note from {escape(self.ctx.peer_name)}: {escape(draft.peer_note)}")
            yield Static("\n".join(lines), classes="peer-agenda")
        yield intro(
            "How is the peer arriving today? Ratings: 1 = not at all … 5 = fully; "
            "blank = not asked. They are for talking about, not a score."
        )
        yield self.input_field(
            f"How {self.ctx.peer_name} is arriving today (their words)", "checkin.arriving"
        )
        for key in RatingKey:
            value_path = f"checkin.ratings.{key.value}.value"
            note_path = f"checkin.ratings.{key.value}.note"
            yield InlineField(
                key.label,
                self.rating_input(value_path),
                text_input(
                    note_path, self.text(note_path), "(note, optional)", classes="note-input"
                ),
            )
            yield message_line(value_path, self.note_for(value_path))
            yield message_line(note_path, self.note_for(note_path))
        yield self.voices()
