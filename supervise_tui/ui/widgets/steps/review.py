"""Review: what is still open from earlier sessions, before any new material."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ....domain.dates import human_date
from ....domain.enums import ConcernStatus, GoalStatus
from ....domain.links import carry_forward
from ....services.walkthrough import STEP_HELP
from ..item_card import ItemCard
from .base import StepPane, intro

NO_CHANGE = "No change"


class ReviewStep(StepPane):
    STEP = "review"
    HELP = STEP_HELP["review"]

    def compose(self) -> ComposeResult:
        carried = carry_forward(self.ctx.tracks, self.ctx.draft.day)
        if carried.empty:
            yield intro("Nothing is open from earlier sessions. Press F8 to go on to the check-in.")
            return
        yield intro("Still open from earlier sessions. Record what happened, or leave “No change”.")
        if carried.concerns:
            yield Static(f"Open concerns ({len(carried.concerns)})", classes="group-title")
            for track in carried.concerns:
                yield self._concern(track)
        if carried.goals:
            yield Static(f"Active goals ({len(carried.goals)})", classes="group-title")
            for track in carried.goals:
                yield self._goal(track)
        if carried.actions:
            yield Static(f"Unfinished actions ({len(carried.actions)})", classes="group-title")
            for track in carried.actions:
                yield self._action(track)

    def _concern(self, track) -> ItemCard:
        cur = track.current
        base = f"review.concern.{track.id}"
        facts = (
            f"{cur.category.label if cur.category else 'Concern'} · raised "
            f"{human_date(track.raised_on)} · owner "
            f"{self.ctx.name(cur.owner) if cur.owner else '—'}"
            f" · now {cur.status.label.lower()}"
            + (f" · follow up by {human_date(cur.follow_up)}" if cur.follow_up else "")
        )
        statuses = [(s.label, s.value) for s in ConcernStatus if s != cur.status]
        card = ItemCard(
            "review-concern",
            track.id,
            "Concern",
            Static(cur.text, classes="item-text", markup=False),
            Static(facts, classes="item-facts", markup=False),
            self.select_field("What happened since", f"{base}.status", statuses, blank=NO_CHANGE),
            self.input_field("Note", f"{base}.note", "if resolved: how it was resolved"),
            self.input_field("New follow-up date", f"{base}.follow_up", "optional", is_date=True),
        )
        card.border_subtitle = ""
        return card

    def _goal(self, track) -> ItemCard:
        cur = track.current
        base = f"review.goal.{track.id}"
        facts = (
            f"{cur.area.label if cur.area else 'Goal'} · {cur.progress}% · "
            f"{cur.status.label.lower()}"
            + (f" · target {human_date(cur.target_date)}" if cur.target_date else "")
            + (f" · next step: {cur.next_step}" if cur.next_step else "")
        )
        statuses = [(s.label, s.value) for s in GoalStatus if s != cur.status]
        card = ItemCard(
            "review-goal",
            track.id,
            "Goal",
            Static(cur.text, classes="item-text", markup=False),
            Static(facts, classes="item-facts", markup=False),
            self.input_field("Progress now (%)", f"{base}.progress", f"was {cur.progress}%"),
            self.select_field("Status", f"{base}.status", statuses, blank=NO_CHANGE),
            self.input_field("Next step", f"{base}.next_step", cur.next_step),
            self.input_field("Note", f"{base}.note"),
        )
        card.border_subtitle = ""
        return card

    def _action(self, track) -> ItemCard:
        cur = track.current
        base = f"review.action.{track.id}"
        late = track.is_overdue(self.ctx.today)
        facts = (
            f"owner {self.ctx.name(cur.owner) if cur.owner else '—'} · agreed "
            f"{human_date(track.agreed_on)}"
            + (f" · due {human_date(cur.due)}" if cur.due else "")
            + (" · LATE" if late else "")
        )
        card = ItemCard(
            "review-action",
            track.id,
            "Action",
            Static(cur.text, classes="item-text", markup=False),
            Static(facts, classes="item-facts", markup=False),
            self.select_field("Done?", f"{base}.done", [("Done", "done")], blank="Not done yet"),
            self.input_field("Done on", f"{base}.done_on", "if not today", is_date=True),
            self.input_field("Note", f"{base}.note"),
        )
        card.border_subtitle = ""
        return card
