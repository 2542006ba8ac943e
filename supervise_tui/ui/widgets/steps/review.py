"""Review: what is still open from earlier sessions, before any new material."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ....domain.dates import human_date
from ....domain.ideas import next_statuses
from ....domain.links import carry_forward
from ..fields import Field
from ..item_card import ItemCard
from .base import StepPane, intro

NO_CHANGE = "No change"


class ReviewStep(StepPane):
    STEP = "review"

    def compose(self) -> ComposeResult:
        carried = carry_forward(self.ctx.tracks, self.ctx.draft.day)
        if carried.empty:
            yield intro("Nothing is open from earlier sessions. Press F8 to go on to the check-in.")
            return
        yield intro("Still open from earlier sessions. Record what happened, or leave “No change”.")
        groups = (
            ("Open concerns", "concern", carried.concerns, self._concern),
            ("Open ideas", "idea", carried.ideas, self._idea),
            ("Active goals", "goal", carried.goals, self._goal),
            ("Unfinished actions", "action", carried.actions, self._action),
        )
        for title, kind, tracks, about in groups:
            if tracks:
                yield Static(f"{title} ({len(tracks)})", classes="group-title")
                for track in tracks:
                    cur = track.current
                    facts, fields = about(track, cur, f"review.{kind}.{track.id}")
                    yield self._card(kind, track.id, cur.text, facts, fields)

    def _card(self, kind: str, item_id: str, text: str, facts: str, fields: list) -> ItemCard:
        """One item carried forward: its text, where it stands, what to record about it."""
        card = ItemCard(
            f"review-{kind}",
            item_id,
            kind.capitalize(),
            Static(text, classes="item-text", markup=False),
            Static(facts, classes="item-facts", markup=False),
            *fields,
        )
        card.border_subtitle = ""
        return card

    def _status_field(self, label: str, base: str, current) -> Field:
        """A new status among the others; left blank, nothing changes."""
        statuses = [(s.label, s.value) for s in type(current) if s != current]
        return self.select_field(label, f"{base}.status", statuses, blank=NO_CHANGE)

    def _concern(self, track, cur, base: str) -> tuple[str, list[Field]]:
        """What a carried concern says of itself, and what is asked of it (at ``base``)."""
        facts = (
            f"{cur.category.label if cur.category else 'Concern'} · raised "
            f"{human_date(track.raised_on)} · owner "
            f"{self.ctx.name(cur.owner) if cur.owner else '—'}"
            f" · now {cur.status.label.lower()}"
            + (f" · follow up by {human_date(cur.follow_up)}" if cur.follow_up else "")
        )
        fields = [
            self._status_field("What happened since", base, cur.status),
            self.input_field("Note", f"{base}.note", "if resolved: how it was resolved"),
            self.input_field("New follow-up date", f"{base}.follow_up", "optional", is_date=True),
        ]
        return facts, fields

    def _idea(self, track, cur, base: str) -> tuple[str, list[Field]]:
        """What a carried idea says of itself, and what is asked of it: where it stands,
        who took it to the team, and the team's reason, told back to the peer."""
        taken = (
            f" · taken by {self.ctx.name(cur.taken_by)}"
            + (f" on {human_date(cur.taken_on)}" if cur.taken_on else "")
            if cur.taken_by
            else ""
        )
        facts = (
            f"{cur.kind.label} · raised {human_date(track.raised_on)} by "
            f"{self.ctx.name(cur.raised_by) if cur.raised_by else '—'} · now "
            f"{cur.status.label.lower()}{taken}"
        )
        people = self.ctx.participant_options()
        statuses = [(s.label, s.value) for s in next_statuses(cur.status)]
        fields = [
            self.select_field("Where it stands", f"{base}.status", statuses, blank=NO_CHANGE),
            self.select_field(
                "Taken by",
                f"{base}.taken_by",
                people,
                blank="As it is" if cur.taken_by else "This session's supervisor",
            ),
            self.input_field(
                "Taken on",
                f"{base}.taken_on",
                f"was {human_date(cur.taken_on)}" if cur.taken_on else "this session's day",
                is_date=True,
            ),
            self.area_field("The team's reason, told back to the peer", f"{base}.reason"),
            self.input_field("Note", f"{base}.note"),
        ]
        return facts, fields

    def _goal(self, track, cur, base: str) -> tuple[str, list[Field]]:
        """What a carried goal says of itself, and what is asked of it (at ``base``)."""
        facts = (
            f"{cur.area.label if cur.area else 'Goal'} · {cur.progress}% · "
            f"{cur.status.label.lower()}"
            + (f" · target {human_date(cur.target_date)}" if cur.target_date else "")
            + (f" · next step: {cur.next_step}" if cur.next_step else "")
        )
        fields = [
            self.input_field("Progress now (%)", f"{base}.progress", f"was {cur.progress}%"),
            self._status_field("Status", base, cur.status),
            self.input_field("Next step", f"{base}.next_step", cur.next_step),
            self.input_field("Note", f"{base}.note"),
        ]
        return facts, fields

    def _action(self, track, cur, base: str) -> tuple[str, list[Field]]:
        """What a carried action says of itself, and what is asked of it (at ``base``)."""
        late = track.is_overdue(self.ctx.today)
        facts = (
            f"owner {self.ctx.name(cur.owner) if cur.owner else '—'} · agreed "
            f"{human_date(track.agreed_on)}"
            + (f" · due {human_date(cur.due)}" if cur.due else "")
            + (" · LATE" if late else "")
        )
        fields = [
            self.select_field("Done?", f"{base}.done", [("Done", "done")], blank="Not done yet"),
            self.input_field("Done on", f"{base}.done_on", "if not today", is_date=True),
            self.input_field("Note", f"{base}.note"),
        ]
        return facts, fields
