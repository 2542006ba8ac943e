"""Sessions not finished yet: resume one (Enter), or discard one (x, asked first)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...services.home import draft_label
from ...store.errors import StoreError
from .pick import PickOne

NEW = "__new__"  # the option "start a new session" (see for_peer)


class DraftsDialog(PickOne):
    """Returns the id of the draft to resume, :data:`NEW`, or None."""

    BINDINGS = [
        Binding("x,delete", "discard", "Discard", id="drafts.discard"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(self, drafts, people, local, *, title: str, offer_new: bool = False) -> None:
        self.drafts = {d.id: d for d in drafts}
        self.people, self.local, self.offer_new = people, local, offer_new
        super().__init__(self._options(), title=title)

    def _options(self) -> list[tuple[str, str]]:
        options = [
            (f"Resume: {draft_label(d, self.people, self.local)}", d.id)
            for d in sorted(self.drafts.values(), key=lambda d: d.updated_at, reverse=True)
        ]
        if self.offer_new:
            options.append(("Start a new session", NEW))
        return options + [("(x discards the highlighted session)", "")]

    def chosen(self, value: str | None) -> None:
        if value:  # the last line only explains a key
            self.dismiss(value)

    def action_discard(self) -> None:
        from .confirm import ConfirmDialog

        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return
        chosen = listing.get_option_at_index(listing.highlighted).id
        draft = self.drafts.get(chosen or "")
        if draft is None:
            return
        label = draft_label(draft, self.people, self.local)
        self.app.push_screen(
            ConfirmDialog(
                f"Discard this unfinished session? {label}. What was typed in it is gone "
                "for good (finished sessions are not touched).",
                yes="Discard",
            ),
            lambda yes: yes and self._discard(draft.id),
        )

    def _discard(self, draft_id: str) -> None:
        from ...usecases.sessions import discard_draft

        try:
            discard_draft(self.app.store, draft_id)
        except StoreError as error:
            self.app.notify(str(error), title="Not discarded", severity="error")
            return
        del self.drafts[draft_id]
        self.app.notify("The unfinished session was discarded.", title="Discarded")
        if not self.drafts and not self.offer_new:
            self.dismiss(None)
            return
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(label), id=value) for label, value in self._options()])
