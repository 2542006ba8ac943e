"""Items in a session's step (a part of :class:`~.session.SessionScreen`): F2 adds one,
focus moving into it at once (so keys typed straight after F2 land in it), F4 removes the
one the cursor is in."""

from __future__ import annotations

from ...services.draft_edit import remove_item
from ...services.ideas import strength_of_idea, with_draft
from ..widgets.item_card import ItemCard


class Items:
    """Mixed into the session screen: ``self`` is the :class:`~.session.SessionScreen`."""

    async def action_add(self) -> None:
        pane = self.current_pane()
        if pane is None or not pane.LIST:
            return
        card = await pane.add()
        if card is not None:
            self._mark_dirty()
            self._focus_first_in(card)

    def _focus_first_in(self, card: ItemCard) -> None:
        """At once, not after the next refresh: keys typed straight after F2 (a fast
        typist, a paste) are read after this and land in the new item."""
        for widget in card.query("Input, TextArea, Select"):
            self.set_focus(widget)
            return

    def action_remove(self) -> None:
        focused = self.focused
        card = None
        node = focused
        while node is not None:
            if isinstance(node, ItemCard):
                card = node
                break
            node = node.parent
        pane = self.current_pane()
        if card is None or pane is None or card.list_name != pane.LIST:
            self.notify(
                "Move into the item you want to remove, then press F4.", title="Nothing to remove"
            )
            return
        remove_item(self.draft, card.list_name, card.item_id)
        box = card.parent
        card.remove()
        if box is not None:
            noun = card.border_title.rsplit(" ", 1)[0] if card.border_title else "Item"
            remaining = [c for c in box.children if isinstance(c, ItemCard) and c is not card]
            for number, other in enumerate(remaining, 1):
                other.border_title = f"{noun} {number}"
        self.notify(f"{card.border_title or 'Item'} removed.")
        self._paint_steps()
        self._mark_dirty()

    async def name_idea_as_strength(self, button) -> None:
        """An adopted idea (the button's name) becomes a strength of this session."""
        pane = self.current_pane()
        track = with_draft(self.ctx.tracks, self.draft).get(button.name or "")
        if pane is None or pane.LIST != "strengths" or track is None:
            return
        strength = strength_of_idea(track)
        self.draft.strengths.append(strength)
        card = pane.card(strength, len(self.draft.strengths))
        await pane.query_one("#items-strengths").mount(card)
        await button.remove()
        if not pane.query(".idea-strength"):
            await pane.query_one("#idea-strengths").remove()
        self.notify("The idea is named as a strength; change its words as you like.")
        self._paint_steps()
        self._mark_dirty()
