"""What every step pane shares: the session context and field builders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from ....domain.ideas import team_words
from ....domain.models import Person, Session
from ....domain.tracks import Tracks
from ....services.draft_edit import add_item, field_text
from ....services.questions import ITEMS
from ....services.walkthrough import STEP_HELP, STEP_INTRO, date_note
from ....store.packs import Pack
from ..fields import Field, select, text_area, text_input
from ..item_card import ItemCard
from ..voices import VoicesBox

__all__ = ["SessionContext", "StepPane", "date_note", "intro"]

INLINE_LABEL = 24  # longer labels go above their control, never squeezed beside it


@dataclass
class SessionContext:
    draft: Session
    tracks: Tracks
    people: dict[str, Person]
    today: date
    pack: Pack | None
    named: frozenset[str] = frozenset()  # ideas named as a strength in another session

    @property
    def known(self) -> frozenset[str]:
        """The words of the team's own names and sites (not a client's)."""
        return team_words(self.people.values())

    @property
    def peer_name(self) -> str:
        peer = self.people.get(self.draft.peer_id)
        return peer.name if peer else "the peer"

    def name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.name if person else "someone no longer listed"

    def participant_options(self) -> list[tuple[str, str]]:
        options = [(f"{self.peer_name} (peer)", self.draft.peer_id)]
        options += [(f"{self.name(s)} (supervisor)", s) for s in self.draft.supervisor_ids]
        return options


class StepPane(VerticalScroll):
    """A scrolling pane for one step. Subclasses fill ``body``."""

    STEP = ""
    LIST: str | None = None  # the list F2 adds to, if any
    ADD_LABEL = "Add"
    INTRO = ""
    HELP = ""  # what the step is for (F1): the walk-through's STEP_HELP, unless a step says more

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if cls.STEP and "HELP" not in cls.__dict__:
            cls.HELP = STEP_HELP[cls.STEP]

    DEFAULT_CSS = """
    StepPane { padding: 0 1; }
    StepPane > .intro { color: $text-muted; margin-bottom: 1; }
    StepPane .items { height: auto; }
    StepPane .add-button { margin: 0 0 1 0; }
    StepPane .group-title { text-style: bold; margin-top: 1; }
    StepPane .item-facts { color: $text-muted; padding: 0 1; }
    StepPane TextArea { height: 4; }
    """

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(id=f"pane-{self.STEP}")
        self.ctx = ctx

    # -- builders --------------------------------------------------------

    def text(self, path: str) -> str:
        return field_text(self.ctx.draft, path, self.ctx.tracks)

    def note_for(self, path: str) -> str:
        return self.ctx.draft.pending.get(path) and "Not understood yet: please correct it." or ""

    def input_field(
        self, label: str, path: str, placeholder: str = "", *, is_date: bool = False
    ) -> Field:
        value = self.text(path)
        note = date_note(value, self.ctx.today, path) if is_date else self.note_for(path)
        field = Field(
            label,
            text_input(path, value, placeholder),
            path,
            note,
            inline=len(label) <= INLINE_LABEL,
        )
        if is_date:
            field.add_class("date-field")
        return field

    def rating_input(self, path: str) -> Input:
        """A rating from 1 to 5 (or blank), typed in a small box."""
        return text_input(path, self.text(path), "1–5", max_length=3)

    def area_field(self, label: str, path: str) -> Field:
        return Field(label, text_area(path, self.text(path)), path, self.note_for(path))

    def select_field(self, label: str, path: str, options, *, blank: str | None = "—") -> Field:
        return Field(
            label,
            select(path, options, self.text(path), blank=blank),
            path,
            self.note_for(path),
            inline=len(label) <= INLINE_LABEL,
        )

    def voices(self, peer_label: str = "", sup_label: str = "") -> VoicesBox:
        """The peer's own words and the supervisor's notes on this step."""
        path = f"voices.{self.STEP}"
        return VoicesBox(
            self.area_field(peer_label or f"In {self.ctx.peer_name}'s own words", f"{path}.peer"),
            self.area_field(sup_label or "Supervisor's notes", f"{path}.supervisor"),
        )

    # -- list steps --------------------------------------------------------

    def list_children(self) -> ComposeResult:
        """The cards for the current items, an Add button, in order."""
        assert self.LIST
        with Vertical(classes="items", id=f"items-{self.LIST}"):
            for index, item in enumerate(getattr(self.ctx.draft, self.LIST)):
                yield self.card(item, index + 1)
        yield Button(
            f"+ {self.ADD_LABEL} (F2)", id=f"add-{self.LIST}", classes="add-button", compact=True
        )

    def card(self, item, number: int) -> ItemCard:  # pragma: no cover - overridden
        raise NotImplementedError

    async def add(self) -> ItemCard | None:
        if not self.LIST:
            return None
        item = add_item(self.ctx.draft, self.LIST)
        box = self.query_one(f"#items-{self.LIST}", Vertical)
        card = self.card(item, len(box.children) + 1)
        await box.mount(card)
        card.scroll_visible()
        return card

    def first_control(self):
        for widget in self.query("Input, TextArea, Select, Button"):
            if widget.focusable:
                return widget
        return None


class ListStep(StepPane):
    """A step that is a list of items, each on a card: its intro, the cards and an Add
    button, the two voices. A subclass names its step and its cards' fields; which list
    of the draft it holds and what one item is called are the walk-through's (``ITEMS``,
    the same for the plain mode)."""

    NOUN = ""  # each card's title, numbered: "Goal 2"

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.LIST, cls.NOUN, _ = ITEMS[cls.STEP]
        noun = cls.NOUN.lower()
        cls.ADD_LABEL = f"Add {'an' if noun[0] in 'aeiou' else 'a'} {noun}"
        cls.INTRO = STEP_INTRO[cls.STEP]

    def compose(self) -> ComposeResult:
        yield intro(self.INTRO)
        yield from self.list_children()
        yield self.voices()

    def card(self, item, number: int) -> ItemCard:
        base = f"{self.LIST}.{item.id}"
        return ItemCard(self.LIST, item.id, f"{self.NOUN} {number}", *self.fields(base))

    def fields(self, base: str) -> list[Field]:  # pragma: no cover - overridden
        """The fields of the card of the item at path ``base``."""
        raise NotImplementedError


def intro(text: str) -> Static:
    return Static(text, classes="intro")
