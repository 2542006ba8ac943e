"""What every screen without typing has in common: ? opens the help; and the screens that
are mostly one table (People, Items, Team, Hours): a note saying what it holds, the table.
And the forms on a screen of their own (start a session, record a group session): their
buttons, and Cancel going back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from ..keys import binder
from ..outcome import Outcome, outcome
from ..widgets.when_echo import EchoesWhen

bind = binder("app")


class ViewScreen(Screen):
    """A screen to look around in (no text field takes the ? key there). One that reads
    what it shows in a worker says what (:meth:`fetch`) and how it is shown
    (:meth:`fetched`), and asks for it (:meth:`refetch`)."""

    NAME = ""

    BINDINGS = [bind("question_mark", "app.help", "Help", show=False, name="help_key")]

    def loaded(self, note_id: str, result: object, error: str | None) -> Static | None:
        """The note (``#note_id``) of a screen whose worker brought ``result``; or, when it
        brought none, the reason said on it and None."""
        note = self.query_one(f"#{note_id}", Static)
        if result is None:
            note.update(error or "")
            return None
        return note

    class Fetched(Outcome):
        """What :meth:`fetch` read (``result``), or why not."""

    def fetch(self) -> object:
        """What the screen shows, read in a worker thread (for :meth:`refetch`)."""
        raise NotImplementedError

    def fetched(self, note: Static, result) -> None:
        """Show what :meth:`fetch` read, under the screen's note."""

    def refetch(self) -> None:
        """Read what the screen shows again, in a worker (one at a time); it is shown by
        :meth:`fetched`, or why not on the note ``<NAME>-note``."""
        self.run_worker(
            lambda: self.post_message(outcome(self.Fetched, self.fetch)),
            thread=True,
            exclusive=True,
            group="fetch",
        )

    def on_view_screen_fetched(self, message: Fetched) -> None:
        note = self.loaded(f"{self.NAME}-note", message.result, message.error)
        if note is not None:
            self.fetched(note, message.result)


class TableScreen(ViewScreen):
    """A screen that is mostly one table (id ``NAME``) of rows to highlight, under a note
    that says what it holds (``<NAME>-note``), with what a screen adds above and below."""

    NAME = ""
    NOTE_CLASS = "note"

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.above()
        yield Static("", id=f"{self.NAME}-note", markup=False, classes=self.NOTE_CLASS)
        yield DataTable(id=self.NAME, cursor_type="row", zebra_stripes=True)
        yield from self.below()
        yield Footer()

    def above(self) -> ComposeResult:
        yield from ()

    def below(self) -> ComposeResult:
        yield from ()


class DocumentScreen(ViewScreen):
    """A screen that is one document to read (``NAME``, in Markdown) under a note that says
    what it is (``<NAME>-note``): a peer's portfolio, a supervisor's own view."""

    NAME = ""

    def compose(self) -> ComposeResult:
        # Markdown (markdown-it, pygments) is imported when a document is first shown,
        # not at start: Home does not need it (a third of the app's own import time).
        from textual.widgets import Markdown

        yield Header()
        yield Static("", id=f"{self.NAME}-note", markup=False, classes="note")
        with VerticalScroll(id=f"{self.NAME}-box"):
            yield Markdown("", id=self.NAME)
        yield Footer()

    def show(self, note: str, markdown: str) -> None:
        from textual.widgets import Markdown

        self.query_one(f"#{self.NAME}-note", Static).update(note)
        self.query_one(f"#{self.NAME}", Markdown).update(markdown)
        self.query_one(f"#{self.NAME}-box").focus()

    def action_back(self) -> None:
        self.app.pop_screen()


def form_keys(bind, ok: str, title: str, does: str, cancels: str) -> list:
    """A form's keys: F2 does it (``ok``, its action, as ``title``: ``does``) and Escape
    goes back (``cancels``: what is left undone)."""
    return [bind("f2", ok, title, does), bind("escape", "cancel", "Cancel", cancels)]


class FormScreen(EchoesWhen, Screen):
    """A form on a screen of its own: its ``OK`` button (that id, also its action's name)
    does it; the other (Cancel, like Escape) goes back and changes nothing."""

    CSS_PATH = "forms.tcss"
    OK = "save"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.OK:
            getattr(self, f"action_{self.OK}")()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.app.pop_screen()
